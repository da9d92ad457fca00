import { BatchWriteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb'
import type { Township, Village } from '../../shared/geo.js'
import type { Db } from './client.js'
import { GEO_PK, stripKeys, townshipKey, villageKey } from './keys.js'

/** Writes the district's townships and villages (reference data; re-running overwrites). */
export async function putGeography(db: Db, townships: readonly Township[], villages: readonly Village[]): Promise<void> {
  const items = [
    ...townships.map((t) => ({ ...townshipKey(t.code), entity: 'township', ...t })),
    ...villages.map((v) => ({ ...villageKey(v.township, v.code), entity: 'village', ...v })),
  ]
  for (let i = 0; i < items.length; i += 25) {
    let requests: Record<string, unknown>[] | undefined = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }))
    // Unprocessed items are retried until the batch is written.
    for (let attempt = 0; requests && requests.length > 0; attempt++) {
      if (attempt > 8) throw new Error('putGeography: unprocessed items after retries')
      const r = await db.doc.send(new BatchWriteCommand({ RequestItems: { [db.table]: requests as never } }))
      requests = r.UnprocessedItems?.[db.table] as Record<string, unknown>[] | undefined
      if (requests?.length) await new Promise((res) => setTimeout(res, 50 * 2 ** attempt))
    }
  }
}

async function queryGeo<T>(db: Db, prefix: string): Promise<T[]> {
  const out: T[] = []
  let start: Record<string, unknown> | undefined
  do {
    const r = await db.doc.send(
      new QueryCommand({
        TableName: db.table,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
        ExpressionAttributeValues: { ':pk': GEO_PK, ':p': prefix },
        ExclusiveStartKey: start,
      }),
    )
    out.push(...(r.Items ?? []).map((i) => stripKeys<T>(i)))
    start = r.LastEvaluatedKey
  } while (start)
  return out
}

export const listTownships = (db: Db) => queryGeo<Township>(db, 'TWP#')
export const listVillages = (db: Db, township: string) => queryGeo<Village>(db, `VIL#${township}#`)
