import { GetCommand } from '@aws-sdk/lib-dynamodb'
import type { Db } from './client.js'
import { healthKey } from './keys.js'

export async function pingTable(db: Db): Promise<boolean> {
  try {
    await db.doc.send(new GetCommand({ TableName: db.table, Key: healthKey() }))
    return true
  } catch {
    return false
  }
}
