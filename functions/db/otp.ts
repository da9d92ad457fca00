import { UpdateCommand } from '@aws-sdk/lib-dynamodb'
import { DomainError } from '../../shared/errors.js'
import type { Db } from './client.js'
import { isConditionFailed } from './errors.js'
import { otpKey } from './keys.js'

export interface OtpPolicy {
  ttlSeconds: number
  resendAfterSeconds: number
  maxSendsPerHour: number
  maxAttempts: number
}

export const DEFAULT_OTP_POLICY: OtpPolicy = { ttlSeconds: 300, resendAfterSeconds: 60, maxSendsPerHour: 5, maxAttempts: 5 }

const tooMany = () =>
  new DomainError('otp.tooMany', 'tooMany', '验证码发送过于频繁，请稍后再试', 'Too many codes requested; try again later')

/**
 * Stores a new one-time code for a phone (by its keyed hash). Both the resend interval and the
 * hourly cap are conditions of the write itself, so parallel requests cannot slip past them.
 */
export async function storeOtp(db: Db, phoneHash: string, codeHash: string, policy: OtpPolicy, now = new Date()): Promise<void> {
  const t = Math.floor(now.getTime() / 1000)
  const common = {
    ':code': codeHash,
    ':now': t,
    ':exp': t + policy.ttlSeconds,
    ':ttl': t + 3600 + policy.ttlSeconds,
    ':resendBefore': t - policy.resendAfterSeconds,
    ':hourAgo': t - 3600,
  }
  try {
    // Same hourly window: count one more send.
    await db.doc.send(
      new UpdateCommand({
        TableName: db.table,
        Key: otpKey(phoneHash),
        UpdateExpression: 'SET codeHash = :code, sentAt = :now, expiresAt = :exp, attempts = :zero, #ttl = :ttl ADD sendCount :one',
        ConditionExpression: 'sentAt <= :resendBefore AND windowStart > :hourAgo AND sendCount < :max',
        ExpressionAttributeNames: { '#ttl': 'ttl' },
        ExpressionAttributeValues: { ...common, ':zero': 0, ':one': 1, ':max': policy.maxSendsPerHour },
      }),
    )
    return
  } catch (e) {
    if (!isConditionFailed(e)) throw e
  }
  try {
    // First code, or the window has passed: start a new window.
    await db.doc.send(
      new UpdateCommand({
        TableName: db.table,
        Key: otpKey(phoneHash),
        UpdateExpression:
          'SET codeHash = :code, sentAt = :now, expiresAt = :exp, attempts = :zero, windowStart = :now, sendCount = :one, #ttl = :ttl, entity = :entity',
        ConditionExpression: 'attribute_not_exists(PK) OR (sentAt <= :resendBefore AND windowStart <= :hourAgo)',
        ExpressionAttributeNames: { '#ttl': 'ttl' },
        ExpressionAttributeValues: { ...common, ':zero': 0, ':one': 1, ':entity': 'otp' },
      }),
    )
  } catch (e) {
    if (isConditionFailed(e)) throw tooMany()
    throw e
  }
}

const invalidCode = () =>
  new DomainError('otp.invalid', 'unauthenticated', '验证码错误或已失效', 'The code is wrong or has expired')

/**
 * Checks a code: every try counts against maxAttempts, and a right code is consumed by a
 * conditional remove, so the same code signs in once even when sent twice at the same moment.
 */
export async function consumeOtp(db: Db, phoneHash: string, codeHash: string, policy: OtpPolicy, now = new Date()): Promise<void> {
  const t = Math.floor(now.getTime() / 1000)
  let stored: string | undefined
  try {
    const r = await db.doc.send(
      new UpdateCommand({
        TableName: db.table,
        Key: otpKey(phoneHash),
        UpdateExpression: 'ADD attempts :one',
        ConditionExpression: 'attribute_exists(codeHash) AND expiresAt > :now AND attempts < :max',
        ExpressionAttributeValues: { ':one': 1, ':now': t, ':max': policy.maxAttempts },
        ReturnValues: 'ALL_NEW',
      }),
    )
    stored = r.Attributes?.codeHash as string | undefined
  } catch (e) {
    if (isConditionFailed(e)) throw invalidCode()
    throw e
  }
  if (stored !== codeHash) throw invalidCode()
  try {
    await db.doc.send(
      new UpdateCommand({
        TableName: db.table,
        Key: otpKey(phoneHash),
        UpdateExpression: 'REMOVE codeHash',
        ConditionExpression: 'codeHash = :code',
        ExpressionAttributeValues: { ':code': codeHash },
      }),
    )
  } catch (e) {
    if (isConditionFailed(e)) throw invalidCode()
    throw e
  }
}
