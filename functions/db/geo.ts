import { batchPut } from './batch.js'
import type { Township, Village } from '../../shared/geo.js'
import type { Db } from './client.js'
import { GEO_PK, stripKeys, townshipKey, villageKey, villagesOfPrefix } from './keys.js'
import { queryAll } from './query.js'

/** Writes the district's townships and villages (reference data; re-running overwrites). */
export async function putGeography(db: Db, townships: readonly Township[], villages: readonly Village[]): Promise<void> {
  const items = [
    ...townships.map((t) => ({ ...townshipKey(t.code), entity: 'township', ...t })),
    ...villages.map((v) => ({ ...villageKey(v.township, v.code), entity: 'village', ...v })),
  ]
  await batchPut(db, items)
}


export const listTownships = (db: Db) => queryAll(db, { pk: GEO_PK, skPrefix: 'TWP#', oldestFirst: true }, (i) => stripKeys<Township>(i))
export const listVillages = (db: Db, township: string) =>
  queryAll(db, { pk: GEO_PK, skPrefix: villagesOfPrefix(township), oldestFirst: true }, (i) => stripKeys<Village>(i))
