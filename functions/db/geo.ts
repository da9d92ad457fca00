import { QueryCommand } from '@aws-sdk/lib-dynamodb'
import { batchPut } from './batch.js'
import type { Township, Village } from '../../shared/geo.js'
import type { Db } from './client.js'
import { GEO_PK, stripKeys, townshipKey, villageKey } from './keys.js'

/** Writes the district's townships and villages (reference data; re-running overwrites). */
export async function putGeography(db: Db, townships: readonly Township[], villages: readonly Village[]): Promise<void> {
  const items = [
    ...townships.map((t) => ({ ...townshipKey(t.code), entity: 'township', ...t })),
    ...villages.map((v) => ({ ...villageKey(v.township, v.code), entity: 'village', ...v })),
  ]
  await batchPut(db, items)
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
