import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb'
import { DomainError } from '../../shared/errors.js'
import type { Db } from './client.js'
import { isConditionFailed } from './errors.js'
import { otpKey } from './keys.js'
import { RetryLater } from '../../shared/errors.js'
import { take } from './rate-limits.js'

export interface OtpPolicy {
  ttlSeconds: number
  resendAfterSeconds: number
  maxSendsPerHour: number
  maxAttempts: number
}

export const DEFAULT_OTP_POLICY: OtpPolicy = { ttlSeconds: 300, resendAfterSeconds: 60, maxSendsPerHour: 5, maxAttempts: 5 }

const tooMany = (retryAfterSeconds: number) =>
  new RetryLater('otp.tooMany', '验证码发送过于频繁，请稍后再试', 'Too many codes requested; try again later', retryAfterSeconds)

/** Beside the per-phone limits: codes per client across phones, and codes per hour overall. */
export interface SignInLimits {
  perClientPerHour: number
  perHour: number
}

const clientLimit = (retryAfterSeconds: number) =>
  new RetryLater('otp.clientLimit', '此设备或网络请求验证码过多，请稍后再试', 'Too many codes were requested from this device or network; try again later', retryAfterSeconds)
const budgetSpent = (retryAfterSeconds: number) =>
  new RetryLater('otp.budget', '当前请求验证码的人数过多，请稍后再试', 'Too many codes are being requested right now; try again later', retryAfterSeconds)

/**
 * A new code for a phone, if the client (by keyed hash of its address), the hourly budget and the
 * phone's own limits all allow it; each is a conditional write. The client is counted first, so a
 * client over its limit spends none of the budget; a refusal further on gives back what was taken.
 */
export async function issueOtp(
  db: Db,
  req: { phoneHash: string; codeHash: string; clientHash: string },
  policy: OtpPolicy,
  limits: SignInLimits,
  now = new Date(),
): Promise<IssuedOtp> {
  const client = await take(db, { limit: 'otp-client', subject: req.clientHash, max: limits.perClientPerHour, windowSeconds: 3600 }, now)
  if (!client.ok) throw clientLimit(client.retryAfterSeconds)
  const budget = await take(db, { limit: 'otp-budget', subject: 'all', max: limits.perHour, windowSeconds: 3600 }, now)
  if (!budget.ok) {
    await client.giveBack()
    throw budgetSpent(budget.retryAfterSeconds)
  }
  try {
    await storeOtp(db, req.phoneHash, req.codeHash, policy, now)
  } catch (e) {
    await Promise.all([client.giveBack(), budget.giveBack()])
    throw e
  }
  return {
    async withdraw() {
      await Promise.all([client.giveBack(), budget.giveBack(), withdrawOtp(db, req.phoneHash, req.codeHash, policy, now)])
    },
  }
}

/** A code just stored; `withdraw` takes it back whole when its text could not be sent. */
export interface IssuedOtp {
  withdraw(): Promise<void>
}

/**
 * Undoes a stored code whose text never left: the code stops working, the phone may ask again at
 * once and the send does not count in its hour. Conditioned on the code, so a newer one is kept.
 */
async function withdrawOtp(db: Db, phoneHash: string, codeHash: string, policy: OtpPolicy, now: Date): Promise<void> {
  const t = Math.floor(now.getTime() / 1000)
  try {
    await db.doc.send(
      new UpdateCommand({
        TableName: db.table,
        Key: otpKey(phoneHash),
        UpdateExpression: 'REMOVE codeHash SET sentAt = :before ADD sendCount :minus',
        ConditionExpression: 'codeHash = :code',
        ExpressionAttributeValues: { ':code': codeHash, ':before': t - policy.resendAfterSeconds, ':minus': -1 },
      }),
    )
  } catch (e) {
    if (!isConditionFailed(e)) throw e
  }
}

/** When the phone may have its next code: after the resend interval, and once its hour has room. */
async function phoneRetryAfter(db: Db, phoneHash: string, policy: OtpPolicy, t: number): Promise<number> {
  const r = await db.doc.send(new GetCommand({ TableName: db.table, Key: otpKey(phoneHash), ProjectionExpression: 'sentAt, windowStart, sendCount' }))
  const item = r.Item as { sentAt?: number; windowStart?: number; sendCount?: number } | undefined
  const resend = (item?.sentAt ?? 0) + policy.resendAfterSeconds - t
  const hour = (item?.sendCount ?? 0) >= policy.maxSendsPerHour ? (item?.windowStart ?? 0) + 3600 - t : 0
  return Math.max(1, resend, hour)
}

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
    if (isConditionFailed(e)) throw tooMany(await phoneRetryAfter(db, phoneHash, policy, t))
    throw e
  }
}

const invalidCode = () =>
  new DomainError('otp.invalid', 'unauthenticated', '验证码错误或已失效', 'The code is wrong or has expired')

/**
 * Checks a code without spending it: the try counts against maxAttempts. A staff sign-in checks the
 * code, then the password, and spends the code only when both are right (spendOtp).
 */
export async function checkOtp(db: Db, phoneHash: string, codeHash: string, policy: OtpPolicy, now = new Date()): Promise<void> {
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
}

/** Spends a checked code by a conditional remove, so the same code signs in once even when sent twice at the same moment. */
export async function spendOtp(db: Db, phoneHash: string, codeHash: string): Promise<void> {
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

/** Checks a code and spends it: every try counts against maxAttempts. */
export async function consumeOtp(db: Db, phoneHash: string, codeHash: string, policy: OtpPolicy, now = new Date()): Promise<void> {
  await checkOtp(db, phoneHash, codeHash, policy, now)
  await spendOtp(db, phoneHash, codeHash)
}
