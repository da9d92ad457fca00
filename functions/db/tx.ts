import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb'
import type { Db } from './client.js'

/** One item of a TransactWriteItems call (Put, Update, Delete or ConditionCheck). */
export type TxItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number]

/** DynamoDB's limit on items in one transaction. */
export const MAX_TX_ITEMS = 100

/** Writes every item or none. Callers wrap it in orConflict/retryConflicts for their own errors. */
export async function transact(db: Db, items: TxItem[], token?: string): Promise<void> {
  if (items.length > MAX_TX_ITEMS) throw new Error(`a transaction holds at most ${MAX_TX_ITEMS} items (got ${items.length})`)
  await db.doc.send(new TransactWriteCommand({ TransactItems: items, ...(token ? { ClientRequestToken: token } : {}) }))
}
