/**
 * Gives files written before people search (issue 12 part 6) their search items. Idempotent: the
 * items are derived from the file and put whole, so a second run rewrites the same items; the
 * marker goes last, so a run stopped half-way is finished by the next. Run by the local start path
 * (scripts/local-stack.ts) after seeding (npm start serves meanwhile); on AWS it has no runner yet.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb'
import { TOWNSHIP_CODES } from '../../shared/geo.js'
import { batchPut } from '../db/batch.js'
import type { Db } from '../db/client.js'
import { peopleSearchBackfillKey, seekersOfTownship } from '../db/keys.js'
import { queryAll } from '../db/query.js'
import { searchItemsOfStored } from '../db/seekers.js'
import type { Protector } from '../security/protect.js'

/** Bump when the tokens change: the next start rewrites every person's items. */
export const PEOPLE_SEARCH_VERSION = 'v1'

export const peopleSearchBackfilled = async (db: Db): Promise<boolean> =>
  Boolean((await db.doc.send(new GetCommand({ TableName: db.table, Key: peopleSearchBackfillKey(PEOPLE_SEARCH_VERSION) }))).Item)

/** Township by township: its files (a job, not a request: the whole list is read), their items batch-written. */
export async function backfillPeopleSearch(db: Db, p: Protector, opts: { force?: boolean } = {}): Promise<{ seekers: number; items: number } | null> {
  if (!opts.force && (await peopleSearchBackfilled(db))) return null
  let seekers = 0
  let items = 0
  for (const township of TOWNSHIP_CODES) {
    const files = await queryAll(db, { index: 'GSI1', pk: seekersOfTownship(township), oldestFirst: true }, (i) => i)
    const writes: Record<string, unknown>[] = []
    for (const f of files) writes.push(...(await searchItemsOfStored(p, f)))
    await batchPut(db, writes, 8)
    seekers += files.length
    items += writes.length
  }
  await markPeopleSearchBackfilled(db, { seekers, items })
  return { seekers, items }
}

/** For a database that was empty and has just been seeded: the seed wrote every file's items with the file. */
export const markPeopleSearchBackfilled = async (db: Db, counts: Record<string, number> = {}): Promise<void> => {
  await db.doc.send(new PutCommand({ TableName: db.table, Item: { ...peopleSearchBackfillKey(PEOPLE_SEARCH_VERSION), entity: 'migration', at: new Date().toISOString(), ...counts } }))
}
