/**
 * The SMS outbox: a text that need not go out in the request (a notice, an invitation) is written
 * here first, then sent and, on failure, tried again by the jobs function. The phone is sealed and
 * dropped once the message is sent or given up; no key holds it.
 */
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb'
import type { SmsTemplateCode } from '../sms/templates.js'
import type { Db } from './client.js'
import { isConditionFailed } from './errors.js'
import { newId } from './ids.js'
import { smsOutboxByStatus, smsOutboxIndexKeys, smsOutboxKey, stripKeys } from './keys.js'

export type OutboxStatus = 'pending' | 'sent' | 'failed'

export interface OutboxSms {
  id: string
  template: SmsTemplateCode
  vars: Record<string, string>
  /** Sealed (Protector.seal) while the message may still be sent; removed after. */
  phoneSealed?: string
  /** 138****0004, for people reading the outbox. */
  to: string
  status: OutboxStatus
  attempts: number
  maxAttempts: number
  /** When it may next be tried (pending), or when it was settled. */
  nextAttemptAt: string
  createdAt: string
  lastError?: string
  messageId?: string
}

/** Settled messages stay 90 days for questions (was it sent?), then DynamoDB expires them. */
const SETTLED_TTL_SECONDS = 90 * 24 * 3600
const ttlFrom = (now: Date) => Math.floor(now.getTime() / 1000) + SETTLED_TTL_SECONDS

export async function putOutboxSms(
  db: Db,
  m: { template: SmsTemplateCode; vars: Record<string, string>; phoneSealed: string; to: string; maxAttempts: number },
  now: Date,
): Promise<OutboxSms> {
  const at = now.toISOString()
  const item: OutboxSms = { id: newId(), ...m, status: 'pending', attempts: 0, nextAttemptAt: at, createdAt: at }
  await db.doc.send(
    new PutCommand({ TableName: db.table, Item: { ...smsOutboxKey(item.id), ...smsOutboxIndexKeys(item), entity: 'smsOutbox', ...item }, ConditionExpression: 'attribute_not_exists(PK)' }),
  )
  return item
}

export async function getOutboxSms(db: Db, id: string): Promise<OutboxSms | undefined> {
  const r = await db.doc.send(new GetCommand({ TableName: db.table, Key: smsOutboxKey(id), ConsistentRead: true }))
  return r.Item ? stripKeys<OutboxSms>(r.Item) : undefined
}

/**
 * Takes the next attempt of a pending, due message: one more attempt counted and its next time set
 * (`retryAt`) in one conditional write, so two workers never send the same attempt. Undefined when
 * it is not pending, not yet due, or another worker took this attempt.
 */
export async function claimAttempt(db: Db, m: OutboxSms, now: Date, retryAt: Date): Promise<OutboxSms | undefined> {
  const next = retryAt.toISOString()
  try {
    const r = await db.doc.send(
      new UpdateCommand({
        TableName: db.table,
        Key: smsOutboxKey(m.id),
        UpdateExpression: 'SET attempts = :next, nextAttemptAt = :at, GSI1SK = :sk',
        ConditionExpression: '#s = :pending AND attempts = :seen AND nextAttemptAt <= :now',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: {
          ':next': m.attempts + 1,
          ':at': next,
          ':sk': smsOutboxIndexKeys({ ...m, nextAttemptAt: next }).GSI1SK,
          ':pending': 'pending',
          ':seen': m.attempts,
          ':now': now.toISOString(),
        },
        ReturnValues: 'ALL_NEW',
      }),
    )
    return stripKeys<OutboxSms>(r.Attributes!)
  } catch (e) {
    if (isConditionFailed(e)) return undefined
    throw e
  }
}

/** The attempt's outcome: sent, failed for good, or (error, still pending) tried again at nextAttemptAt. */
export async function settleAttempt(db: Db, m: OutboxSms, outcome: { status: OutboxStatus; messageId?: string; error?: string }, now: Date): Promise<void> {
  const settled = outcome.status !== 'pending'
  const keys = smsOutboxIndexKeys({ ...m, status: outcome.status, nextAttemptAt: settled ? now.toISOString() : m.nextAttemptAt })
  const sets = ['#s = :status', 'GSI1PK = :pk', 'GSI1SK = :sk']
  const values: Record<string, unknown> = { ':status': outcome.status, ':pk': keys.GSI1PK, ':sk': keys.GSI1SK, ':attempts': m.attempts }
  if (outcome.messageId) (sets.push('messageId = :mid'), (values[':mid'] = outcome.messageId))
  if (outcome.error) (sets.push('lastError = :err'), (values[':err'] = outcome.error))
  if (settled) (sets.push('#ttl = :ttl', 'nextAttemptAt = :settledAt'), (values[':ttl'] = ttlFrom(now)), (values[':settledAt'] = now.toISOString()))
  await db.doc.send(
    new UpdateCommand({
      TableName: db.table,
      Key: smsOutboxKey(m.id),
      UpdateExpression: `SET ${sets.join(', ')}${settled ? ' REMOVE phoneSealed' : ''}`,
      // Only the worker that took this attempt settles it.
      ConditionExpression: '#s = :pendingNow AND attempts = :attempts',
      ExpressionAttributeNames: { '#s': 'status', ...(settled ? { '#ttl': 'ttl' } : {}) },
      ExpressionAttributeValues: { ...values, ':pendingNow': 'pending' },
    }),
  )
}

/** Pending messages due by `now`, oldest due first (a bounded page: the sweep takes the rest next time). */
export async function dueOutboxSms(db: Db, now: Date, limit = 50): Promise<OutboxSms[]> {
  const r = await db.doc.send(
    new QueryCommand({
      TableName: db.table,
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK <= :due',
      ExpressionAttributeValues: { ':pk': smsOutboxByStatus('pending'), ':due': `${now.toISOString()}#~` },
      ScanIndexForward: true,
      Limit: limit,
    }),
  )
  return (r.Items ?? []).map((i) => stripKeys<OutboxSms>(i))
}
