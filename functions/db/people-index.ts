/**
 * 人员检索索引 the people index, stored and cached (docs/data-model.md, "People search"): each
 * file's PeopleRow (shared/search/people-match.ts) in its township's chunk, the chunk numbered as
 * its seeker-index row's, kept in the file's own transaction (a create, an edit that changes the
 * name, place or a last four) or, for bulk loads, added right after them. A search reads the
 * township's rows (or every township's, for the district) through chunked-index.ts — one Query of
 * the heads, chunks re-read only when they moved — and matches them in memory; the ordered hits
 * of a query are kept per index version, so its next page is a slice.
 */
import { TOWNSHIP_CODES } from '../../shared/geo.js'
import type { Page } from '../../shared/schemas/common.js'
import type { PeopleMatch } from '../../shared/schemas/seekers.js'
import { findInRows, LAST4_HASH_CHARS, peopleRowOf, startAfter, type PeopleHit, type PeopleRow } from '../../shared/search/people-match.js'
import { last4Of, type PeopleQuery } from '../../shared/search/people-tokens.js'
import type { Protector } from '../security/protect.js'
import type { Db } from './client.js'
import { addRows, chunkEdits, chunkWrites, indexRows, rebuildIndex, type ChunkedIndex, type RowChange } from './chunked-index.js'
import { cursorScope, invalidCursor } from './cursor.js'
import { PEOPLE_INDEX_ROW_PREFIX, peopleIndexChunkKey, peopleIndexHeadKey, peopleIndexHeads, seekerIndexShard, SEEKER_INDEX_SHARDS, shardOfSeekerChunk } from './keys.js'
import type { TxItem } from './tx.js'

const indexes = new Map<string, ChunkedIndex<PeopleRow>>()
function indexOf(township: string): ChunkedIndex<PeopleRow> {
  let ix = indexes.get(township)
  if (!ix) {
    ix = {
      headsPk: peopleIndexHeads(township),
      shards: SEEKER_INDEX_SHARDS,
      chunkKey: (shard) => peopleIndexChunkKey(township, shard),
      headKey: (shard) => peopleIndexHeadKey(township, shard),
      shardOfChunk: (item) => shardOfSeekerChunk(String(item.PK)),
      rowPrefix: PEOPLE_INDEX_ROW_PREFIX,
      entity: 'peopleIndex',
    }
    indexes.set(township, ix)
  }
  return ix
}

/** What a person's row is made of: the file's name and village, the last four of its ID number and of its phone. */
export interface PeopleSubject {
  id: string
  name: string
  township: string
  village: string
  /** The ID number, or its masked form (which keeps the last four). */
  idNumber?: string | undefined
  phone?: string | undefined
}

/** A last four as rows and queries hold it: a keyed hash, never the digits. */
const hashLast4 = (p: Protector, last4: string) => p.blindIndex('peopleSearchLast4', last4)

export const peopleRow = (p: Protector, s: PeopleSubject): Promise<PeopleRow> =>
  peopleRowOf({ id: s.id, name: s.name, village: s.village, idLast4: s.idNumber ? last4Of(s.idNumber) : undefined, phoneLast4: s.phone ? last4Of(s.phone) : undefined }, (x) => hashLast4(p, x))

/** One person's row change: absent `before` for a new file. */
export interface PeopleChange {
  before?: { township: string; row: PeopleRow } | undefined
  after: { township: string; row: PeopleRow }
}

const sameRow = (a: PeopleRow, b: PeopleRow) => JSON.stringify(a) === JSON.stringify(b)

const changesOf = (changes: readonly PeopleChange[]): RowChange<PeopleRow>[] =>
  changes
    // An edit that changes none of the row's facts writes nothing (and so never waits on a busy chunk).
    .filter((c) => !c.before || c.before.township !== c.after.township || !sameRow(c.before.row, c.after.row))
    .map((c) => ({ id: c.after.row.id, before: c.before?.township, after: { part: c.after.township, row: c.after.row } }))

/** The people-index writes of file changes, for their own transaction. */
export const peopleIndexWrites = (db: Db, changes: readonly PeopleChange[]): TxItem[] => chunkWrites(db, chunkEdits(changesOf(changes), indexOf, seekerIndexShard))

/** Adds bulk-loaded files' rows (seed, a roster import's new files) after their batches: 60 rows an UpdateItem. */
export const addToPeopleIndex = (db: Db, rows: readonly { township: string; row: PeopleRow }[]): Promise<void> =>
  addRows(db, chunkEdits(changesOf(rows.map((after) => ({ after }))), indexOf, seekerIndexShard))

/** Writes a township's people index whole (a table from before it, or a repair). For a quiet township only. */
export async function rebuildPeopleIndex(db: Db, township: string, rows: readonly PeopleRow[]): Promise<{ rows: number; largestBytes: number }> {
  const byShard = new Map<number, Record<string, PeopleRow>>()
  for (const row of rows) {
    const shard = seekerIndexShard(row.id)
    const chunk = byShard.get(shard) ?? {}
    chunk[`${PEOPLE_INDEX_ROW_PREFIX}${row.id}`] = row
    byShard.set(shard, chunk)
  }
  const r = await rebuildIndex(db, indexOf(township), byShard)
  return { rows: rows.length, largestBytes: r.largestBytes }
}

/** A township's rows, as of this call (the same array until a chunk changes). */
export const peopleRowsOf = (db: Db, township: string) => indexRows(db, indexOf(township))

export interface PeopleFound {
  seekerId: string
  match: PeopleMatch
}

/** The ordered hits of recent queries, per index version: a next page, or the same search by another officer, is a slice. */
const KEPT = 100
const kept = new WeakMap<Db, Map<string, PeopleHit[]>>()

/** A cursor is the last hit a page returned: [rank, pinyin, id]. */
const readAfter = (db: Db, scope: string, cursor: string | undefined): Pick<PeopleHit, 'match' | 'sort' | 'seekerId'> | undefined => {
  if (!cursor) return undefined
  const p = db.cursors.decode(scope, cursor)
  if (!Array.isArray(p) || p.length !== 3 || ![0, 1, 2].includes(p[0] as number) || typeof p[1] !== 'string' || typeof p[2] !== 'string') throw invalidCursor()
  return { match: { rank: p[0] as 0 | 1 | 2, via: 'name' }, sort: p[1], seekerId: p[2] }
}

/**
 * One search: the scope's rows (a township's, or every township's for the district), matched and
 * ordered exact → start → inside, then by the name's pinyin; a page after the cursor's hit.
 */
export async function findPeople(db: Db, p: Protector, q: PeopleQuery, scope: { township?: string; village?: string }, page: { limit: number; cursor?: string }): Promise<Page<PeopleFound>> {
  const townships = scope.township ? [scope.township] : TOWNSHIP_CODES
  const scopeText = cursorScope('people', q, scope)
  const after = readAfter(db, scopeText, page.cursor)
  const read = await Promise.all(townships.map((t) => peopleRowsOf(db, t)))
  const key = `${scopeText}\n${read.map((r) => r.version).join('|')}`
  let byQuery = kept.get(db)
  if (!byQuery) kept.set(db, (byQuery = new Map()))
  let hits = byQuery.get(key)
  if (!hits) {
    const digits = q.kind === 'digits' ? hashLast4(p, q.token) : undefined
    hits = findInRows(read.length === 1 ? read[0]!.rows : read.flatMap((r) => r.rows), q, { village: scope.village, digits: digits?.slice(0, LAST4_HASH_CHARS) })
    if (byQuery.size >= KEPT) byQuery.delete(byQuery.keys().next().value!)
    byQuery.set(key, hits)
  }
  const start = startAfter(hits, after)
  const items = hits.slice(start, start + page.limit)
  const last = items.at(-1)
  return {
    items: items.map((h) => ({ seekerId: h.seekerId, match: h.match })),
    nextCursor: last && start + page.limit < hits.length ? db.cursors.encode(scopeText, [last.match.rank, last.sort, last.seekerId]) : null,
  }
}
