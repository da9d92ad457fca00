import { UpdateCommand } from '@aws-sdk/lib-dynamodb'
import { RetryLater } from '../../shared/errors.js'
import type { Db } from './client.js'
import { isConditionFailed } from './errors.js'
import { rateCounterKey } from './keys.js'
import type { TxItem } from './tx.js'


export interface RateLimit {
  /** What is counted, e.g. `otp-client`. */
  limit: string
  /** Whose count: a client's keyed hash, or `all`. */
  subject: string
  max: number
  windowSeconds: number
}

export type Taken = { ok: true; giveBack(): Promise<void> } | { ok: false; retryAfterSeconds: number }

/** One taken from the counter of `l`'s current window, never past its max: the Update both `take` and a transaction use. */
function counterUpdate(db: Db, l: RateLimit, now: Date) {
  const t = Math.floor(now.getTime() / 1000)
  const windowStart = t - (t % l.windowSeconds)
  return {
    update: {
      TableName: db.table,
      Key: rateCounterKey(l.limit, l.subject, windowStart),
      UpdateExpression: 'ADD #n :one SET #ttl = :ttl, entity = :entity',
      ConditionExpression: 'attribute_not_exists(#n) OR #n < :max',
      ExpressionAttributeNames: { '#n': 'count', '#ttl': 'ttl' },
      ExpressionAttributeValues: { ':one': 1, ':max': l.max, ':ttl': windowStart + 2 * l.windowSeconds, ':entity': 'rateCounter' },
    },
    retryAfterSeconds: Math.max(1, windowStart + l.windowSeconds - t),
  }
}

/**
 * The count of `take` as one item of a TransactWriteItems: the limit holds together with the write
 * it limits (a full window cancels the whole transaction; the caller answers `retryAfterSeconds`).
 */
export function takeInTransaction(db: Db, l: RateLimit, now = new Date()): { item: TxItem; retryAfterSeconds: number } {
  const { update, retryAfterSeconds } = counterUpdate(db, l, now)
  return { item: { Update: update }, retryAfterSeconds }
}

/**
 * Takes one from a fixed-window counter. The cap is the condition of the write itself
 * (`count < max`), so parallel requests cannot slip past it; each window is its own item and
 * expires by TTL. `giveBack` returns the one taken when a later check refuses the request.
 */
export async function take(db: Db, l: RateLimit, now = new Date()): Promise<Taken> {
  const { update, retryAfterSeconds } = counterUpdate(db, l, now)
  const Key = update.Key
  try {
    await db.doc.send(new UpdateCommand(update))
  } catch (e) {
    if (isConditionFailed(e)) return { ok: false, retryAfterSeconds }
    throw e
  }
  return {
    ok: true,
    async giveBack() {
      await db.doc
        .send(
          new UpdateCommand({
            TableName: db.table,
            Key,
            UpdateExpression: 'ADD #n :minus',
            ConditionExpression: '#n > :zero',
            ExpressionAttributeNames: { '#n': 'count' },
            ExpressionAttributeValues: { ':minus': -1, ':zero': 0 },
          }),
        )
        // Best effort: a count not given back only makes the limit stricter for the rest of the window.
        .catch(() => undefined)
    },
  }
}
