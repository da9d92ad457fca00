import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb'
import type { Db } from './client.js'
import { wrote } from './recent-reads.js'

/** One item of a TransactWriteItems call (Put, Update, Delete or ConditionCheck). */
export type TxItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number]

/** DynamoDB's limit on items in one transaction. */
export const MAX_TX_ITEMS = 100

/** Writes every item or none. Callers wrap it in orConflict/retryConflicts for their own errors. */
export async function transact(db: Db, items: TxItem[], token?: string): Promise<void> {
  if (items.length > MAX_TX_ITEMS) throw new Error(`a transaction holds at most ${MAX_TX_ITEMS} items (got ${items.length})`)
  try {
    await db.doc.send(new TransactWriteCommand({ TransactItems: items, ...(token ? { ClientRequestToken: token } : {}) }))
  } finally {
    // This container reads its own writes of the partitions it keeps recent reads of (a failure
    // may have written too: a timeout's outcome is unknown, and one read more costs nothing).
    for (const item of items) {
      const pk = (item.Put?.Item ?? item.Update?.Key ?? item.Delete?.Key)?.PK
      if (typeof pk === 'string') wrote(db, pk)
    }
  }
}
