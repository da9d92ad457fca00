import { BatchWriteCommand, type BatchWriteCommandOutput } from '@aws-sdk/lib-dynamodb'
import type { Db } from './client.js'

/**
 * Puts many items, 25 a request, retrying what DynamoDB leaves unprocessed with backoff.
 * For seeding and imports only: a request path writes with conditions instead.
 */
export const batchPut = (db: Db, items: readonly Record<string, unknown>[], concurrency = 4): Promise<void> =>
  batchWrite(db, items.map((Item) => ({ PutRequest: { Item } })), concurrency)

/** Deletes many items by key, the same way (derived data only, such as the record checks' findings). */
export const batchDelete = (db: Db, keys: readonly Record<string, unknown>[], concurrency = 4): Promise<void> =>
  batchWrite(db, keys.map((Key) => ({ DeleteRequest: { Key } })), concurrency)

async function batchWrite(db: Db, all: readonly unknown[], concurrency: number): Promise<void> {
  const chunks: unknown[][] = []
  for (let i = 0; i < all.length; i += 25) chunks.push(all.slice(i, i + 25))
  let next = 0
  const worker = async () => {
    while (next < chunks.length) {
      const chunk = chunks[next++]!
      let requests: unknown[] | undefined = chunk
      for (let attempt = 0; requests && requests.length > 0; attempt++) {
        if (attempt > 8) throw new Error('batchWrite: items still unprocessed after retries')
        if (attempt > 0) await new Promise((r) => setTimeout(r, 25 * 2 ** attempt))
        const r: BatchWriteCommandOutput = await db.doc.send(new BatchWriteCommand({ RequestItems: { [db.table]: requests as never } }))
        requests = r.UnprocessedItems?.[db.table]
      }
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
}
