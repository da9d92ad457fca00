import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb'
import type { Db } from './client.js'
import { isConditionFailed } from './errors.js'
import { passwordKey, userKey } from './keys.js'
import type { TxItem } from './tx.js'

/** A staff account's password: its scrypt hash and the wrong tries since the last right one. */
export interface StoredPassword {
  hash: string
  setAt: string
  failures: number
  /** Epoch seconds: until then every try is refused without hashing. */
  lockedUntil?: number
}

export interface PasswordPolicy {
  maxFailures: number
  lockSeconds: number
}

/** Like the sign-in code's five tries; then a quarter of an hour before the next. */
export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = { maxFailures: 5, lockSeconds: 15 * 60 }

export async function getPassword(db: Db, userId: string): Promise<StoredPassword | undefined> {
  const r = await db.doc.send(new GetCommand({ TableName: db.table, Key: passwordKey(userId), ConsistentRead: true }))
  if (!r.Item) return undefined
  const i = r.Item
  return { hash: i.hash as string, setAt: i.setAt as string, failures: (i.failures as number | undefined) ?? 0, ...(typeof i.lockedUntil === 'number' ? { lockedUntil: i.lockedUntil } : {}) }
}

/**
 * Writes a password hash, in the caller's transaction. `firstOnly`: only if the account has none
 * (a limited session setting its first password must not overwrite one set meanwhile).
 */
export const putPasswordTx = (db: Db, userId: string, hash: string, now: Date, firstOnly: boolean): TxItem => ({
  Put: {
    TableName: db.table,
    Item: { ...passwordKey(userId), entity: 'password', userId, hash, setAt: now.toISOString(), failures: 0 },
    ...(firstOnly ? { ConditionExpression: 'attribute_not_exists(PK)' } : {}),
  },
})

/**
 * Replaces a password only if it is still the one the caller verified: two changes at once cannot
 * both pass on the same old password.
 */
export const replacePasswordTx = (db: Db, userId: string, verifiedHash: string, hash: string, now: Date): TxItem => ({
  Put: {
    TableName: db.table,
    Item: { ...passwordKey(userId), entity: 'password', userId, hash, setAt: now.toISOString(), failures: 0 },
    ConditionExpression: '#h = :old',
    ExpressionAttributeNames: { '#h': 'hash' },
    ExpressionAttributeValues: { ':old': verifiedHash },
  },
})

/** An admin's reset: the account signs in next with its code only, to set a new password. */
export const deletePasswordTx = (db: Db, userId: string): TxItem => ({ Delete: { TableName: db.table, Key: passwordKey(userId) } })

/**
 * Counts a wrong password. At the policy's limit the account is locked for lockSeconds and the
 * count starts over. Answers how many tries are left, or how long the lock lasts.
 */
export async function countFailure(db: Db, userId: string, policy: PasswordPolicy, now = new Date()): Promise<{ left: number } | { lockedForSeconds: number }> {
  const t = Math.floor(now.getTime() / 1000)
  let failures: number
  try {
    const r = await db.doc.send(
      new UpdateCommand({
        TableName: db.table,
        Key: passwordKey(userId),
        UpdateExpression: 'ADD failures :one',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeValues: { ':one': 1 },
        ReturnValues: 'ALL_NEW',
      }),
    )
    failures = (r.Attributes?.failures as number | undefined) ?? 1
  } catch (e) {
    // Reset by an admin in the meantime: nothing left to count against.
    if (isConditionFailed(e)) return { left: policy.maxFailures }
    throw e
  }
  if (failures < policy.maxFailures) return { left: policy.maxFailures - failures }
  try {
    await db.doc.send(
      new UpdateCommand({
        TableName: db.table,
        Key: passwordKey(userId),
        UpdateExpression: 'SET lockedUntil = :until, failures = :zero',
        ConditionExpression: 'failures >= :max',
        ExpressionAttributeValues: { ':until': t + policy.lockSeconds, ':zero': 0, ':max': policy.maxFailures },
      }),
    )
  } catch (e) {
    // A parallel wrong try locked it first.
    if (!isConditionFailed(e)) throw e
  }
  return { lockedForSeconds: policy.lockSeconds }
}

/** A right password: the wrong tries before it no longer count. */
export async function clearFailures(db: Db, userId: string): Promise<void> {
  try {
    await db.doc.send(
      new UpdateCommand({
        TableName: db.table,
        Key: passwordKey(userId),
        UpdateExpression: 'SET failures = :zero REMOVE lockedUntil',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeValues: { ':zero': 0 },
      }),
    )
  } catch (e) {
    if (!isConditionFailed(e)) throw e
  }
}


/**
 * The user item says when its password was set (the admin's 用户 list shows it without reading each
 * password item); kept in the same transaction as the password itself.
 */
export const markPasswordTx = (db: Db, userId: string, setAt: Date | undefined): TxItem => ({
  Update: {
    TableName: db.table,
    Key: userKey(userId),
    ...(setAt
      ? { UpdateExpression: 'SET passwordSetAt = :at', ExpressionAttributeValues: { ':at': setAt.toISOString() } }
      : { UpdateExpression: 'REMOVE passwordSetAt' }),
    ConditionExpression: 'attribute_exists(PK)',
  },
})
