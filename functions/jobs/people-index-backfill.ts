/**
 * Gives a table from before the people index (December 2026) its rows, and removes the search items
 * people search used before it (one item per token of a name, ~23 a person). Per township: its
 * files (a job, not a request: the whole list is read), the index rebuilt whole from them, then the
 * old items of those files deleted (their keys are derived from the file as they were written).
 * Idempotent: a second run writes the same rows and deletes nothing that is left; the marker goes
 * last, so a run stopped half-way is finished by the next. For a quiet table: the local start path
 * (scripts/local-stack.ts), the jobs function's `migrate` job in AWS.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb'
import { TOWNSHIP_CODES } from '../../shared/geo.js'
import { digitTokens, last4Of, nameTokens } from '../../shared/search/people-tokens.js'
import type { Seeker } from '../../shared/schemas/seekers.js'
import { batchDelete } from '../db/batch.js'
import type { Db } from '../db/client.js'
import { peopleIndexBackfillKey, peopleSearchKey, seekersOfTownship } from '../db/keys.js'
import { rebuildPeopleIndex } from '../db/people-index.js'
import { queryAll } from '../db/query.js'
import { peopleRowOfStored } from '../db/seekers.js'
import type { Protector } from '../security/protect.js'

/** Bump when a row's fields change: the next start rewrites every township's rows. */
export const PEOPLE_INDEX_VERSION = 'v1'

const MARKER = peopleIndexBackfillKey(PEOPLE_INDEX_VERSION)

export const peopleIndexBackfilled = async (db: Db): Promise<boolean> => Boolean((await db.doc.send(new GetCommand({ TableName: db.table, Key: MARKER }))).Item)

/** The keys of the search items a stored file had before the people index (functions/db/people-search.ts as it was). */
export async function oldSearchKeys(p: Protector, item: Record<string, unknown>): Promise<Record<string, unknown>[]> {
  const s = item as unknown as Seeker & { phoneSealed?: string }
  const phone = s.phoneSealed ? p.open(s.phoneSealed) : undefined
  const { tokens, sort } = await nameTokens(s.name)
  const digits = digitTokens({ ...(s.idNumberMasked ? { idLast4: last4Of(s.idNumberMasked) } : {}), ...(phone ? { phoneLast4: last4Of(phone) } : {}) })
  return [...tokens, ...digits].map((t) => {
    const k = peopleSearchKey({ township: s.township, kind: t.kind, token: t.kind === 'digits' ? p.blindIndex('peopleSearchLast4', t.token) : t.token, rank: t.rank, sort, seekerId: s.id })
    return { PK: k.PK, SK: k.SK }
  })
}

/**
 * Rebuilds every township's people index unless the marker says it was (or `seededNow`: the seed
 * wrote the rows with its files, and there are no old items).
 */
export async function backfillPeopleIndex(db: Db, p: Protector, opts: { seededNow?: boolean; force?: boolean } = {}): Promise<{ files: number; largestBytes: number; oldItems: number } | null> {
  if (!opts.force && (await peopleIndexBackfilled(db))) return null
  let files = 0
  let largestBytes = 0
  let oldItems = 0
  if (!opts.seededNow) {
    for (const township of TOWNSHIP_CODES) {
      const stored = await queryAll(db, { index: 'GSI1', pk: seekersOfTownship(township), oldestFirst: true }, (i) => i)
      const rows = await Promise.all(stored.map((f) => peopleRowOfStored(p, f)))
      const r = await rebuildPeopleIndex(db, township, rows.map((x) => x.row))
      largestBytes = Math.max(largestBytes, r.largestBytes)
      const old: Record<string, unknown>[] = []
      for (const f of stored) old.push(...(await oldSearchKeys(p, f)))
      // Deleting an item that is not there is no error: `oldItems` counts the keys sent, present or not.
      await batchDelete(db, old, 8)
      oldItems += old.length
      files += stored.length
    }
  }
  await db.doc.send(new PutCommand({ TableName: db.table, Item: { ...MARKER, entity: 'migration', at: new Date().toISOString(), files } }))
  return opts.seededNow ? null : { files, largestBytes, oldItems }
}
