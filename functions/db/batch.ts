import { BatchGetCommand, BatchWriteCommand, type BatchGetCommandOutput, type BatchWriteCommandOutput } from '@aws-sdk/lib-dynamodb'
import type { Db } from './client.js'

/**
 * How a batch is sent: requests in flight, and how long what DynamoDB leaves unprocessed (it may,
 * under load) is retried: `retries` more times, waiting `baseDelayMs`·2^attempt, jittered, between.
 */
export interface BatchOptions {
  concurrency?: number
  retries?: number
  baseDelayMs?: number
}
const defaults = { concurrency: 4, retries: 8, baseDelayMs: 25 }

/**
 * Puts many items, 25 a request, retrying what DynamoDB leaves unprocessed with backoff.
 * For seeding, imports and derived items only: a write whose uniqueness matters is a conditional
 * transaction instead (a BatchWriteItem takes no condition).
 */
export const batchPut = (db: Db, items: readonly Record<string, unknown>[], opts: number | BatchOptions = {}): Promise<void> =>
  batchWrite(db, items.map((Item) => ({ PutRequest: { Item } })), typeof opts === 'number' ? { concurrency: opts } : opts)

/** Deletes many items by key, the same way (derived data only, such as the record checks' findings). */
export const batchDelete = (db: Db, keys: readonly Record<string, unknown>[], opts: number | BatchOptions = {}): Promise<void> =>
  batchWrite(db, keys.map((Key) => ({ DeleteRequest: { Key } })), typeof opts === 'number' ? { concurrency: opts } : opts)

const pause = (attempt: number, base: number) => new Promise((r) => setTimeout(r, base * 2 ** attempt * (0.5 + Math.random())))

/** Slices of `size`, sent `concurrency` at a time. */
async function inSlices<T>(all: readonly T[], size: number, concurrency: number, send: (slice: T[]) => Promise<void>): Promise<void> {
  let next = 0
  const worker = async () => {
    while (next < all.length) {
      const at = next
      next += size
      await send(all.slice(at, at + size))
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker))
}

async function batchWrite(db: Db, all: readonly unknown[], opts: BatchOptions): Promise<void> {
  const { concurrency, retries, baseDelayMs } = { ...defaults, ...opts }
  await inSlices(all, 25, concurrency, async (slice) => {
    let requests: unknown[] | undefined = slice
    for (let attempt = 0; requests && requests.length > 0; attempt++) {
      if (attempt > retries) throw new Error(`batchWrite: ${requests.length} items still unprocessed after ${retries} retries`)
      if (attempt > 0) await pause(attempt, baseDelayMs)
      const r: BatchWriteCommandOutput = await db.doc.send(new BatchWriteCommand({ RequestItems: { [db.table]: requests as never } }))
      requests = r.UnprocessedItems?.[db.table]
    }
  })
}

/** Items by key, 100 a request, keys left unprocessed asked again with backoff: BatchGetItem, never a Scan. Absent items are simply not in the answer. */
export async function batchGet(db: Db, keys: readonly Record<string, unknown>[], opts: BatchOptions = {}): Promise<Record<string, unknown>[]> {
  const { concurrency, retries, baseDelayMs } = { ...defaults, ...opts }
  const out: Record<string, unknown>[] = []
  await inSlices(keys, 100, concurrency, async (slice) => {
    let wanted: Record<string, unknown>[] | undefined = slice
    for (let attempt = 0; wanted && wanted.length > 0; attempt++) {
      if (attempt > retries) throw new Error(`batchGet: ${wanted.length} keys still unprocessed after ${retries} retries`)
      if (attempt > 0) await pause(attempt, baseDelayMs)
      const r: BatchGetCommandOutput = await db.doc.send(new BatchGetCommand({ RequestItems: { [db.table]: { Keys: wanted } } }))
      out.push(...(r.Responses?.[db.table] ?? []))
      wanted = r.UnprocessedKeys?.[db.table]?.Keys as Record<string, unknown>[] | undefined
    }
  })
  return out
}
