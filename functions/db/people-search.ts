/**
 * 查找人员 people search (issue 12 part 6): the search items of a person and the one Query that
 * answers a search. Tokens come from shared/search/people-tokens.ts; the keys are in keys.ts.
 *
 * Items are derived from the file (name, township, village, last four of the ID number and phone)
 * and written in the file's own transaction: create puts them, an edit deletes those that no longer
 * hold and puts the new ones. A last four is stored as a keyed hash (as the ID number's uniqueness
 * item is), never as digits.
 */
import type { Page } from '../../shared/schemas/common.js'
import type { PeopleMatch } from '../../shared/schemas/seekers.js'
import { digitTokens, longQueryRank, nameTokens, type MatchVia, type PeopleQuery, type SearchToken } from '../../shared/search/people-tokens.js'
import type { Protector } from '../security/protect.js'
import { batchGet } from './batch.js'
import type { Db } from './client.js'
import { peopleSearchKey, peopleSearchOfDistrict, peopleSearchOfTownship } from './keys.js'
import { queryFilledPage, type PartitionQuery } from './query.js'
import type { TxItem } from './tx.js'

/** What a person's search items are made of. */
export interface SearchSubject {
  id: string
  name: string
  township: string
  village: string
  idLast4?: string
  phoneLast4?: string
}

const hashed = (p: Protector, last4: string) => p.blindIndex('peopleSearchLast4', last4)

/** A person's search items (about 20 for a three-character name). */
export async function peopleSearchItems(p: Protector, s: SearchSubject): Promise<Record<string, unknown>[]> {
  const { tokens, sort } = await nameTokens(s.name)
  const all: SearchToken[] = [...tokens, ...digitTokens(s)]
  return all.map((t) => ({
    ...peopleSearchKey({ township: s.township, kind: t.kind, token: t.kind === 'digits' ? hashed(p, t.token) : t.token, rank: t.rank, sort, seekerId: s.id }),
    entity: 'peopleSearch',
    seekerId: s.id,
    village: s.village,
    via: t.via,
    ...(t.tails ? { tails: t.tails } : {}),
  }))
}

const itemKey = (i: Record<string, unknown>) => `${String(i.PK)}\n${String(i.SK)}`

/**
 * The writes that turn a person's search items from `before` into `after`, for the file's own
 * transaction: items that no longer hold are deleted, new or changed ones put, the rest untouched.
 */
export function peopleSearchWrites(db: Db, before: readonly Record<string, unknown>[], after: readonly Record<string, unknown>[]): TxItem[] {
  const old = new Map(before.map((i) => [itemKey(i), i]))
  const next = new Map(after.map((i) => [itemKey(i), i]))
  return [
    ...[...old.entries()].filter(([k]) => !next.has(k)).map(([, i]) => ({ Delete: { TableName: db.table, Key: { PK: i.PK, SK: i.SK } } })),
    ...[...next.entries()].filter(([k, i]) => JSON.stringify(old.get(k)) !== JSON.stringify(i)).map(([, Item]) => ({ Put: { TableName: db.table, Item } })),
  ]
}

export interface PeopleFound {
  seekerId: string
  match: PeopleMatch
}

/**
 * One search: a Query of the token's partition — the township's, or the district's on GSI1 — in
 * rank-then-name order, a page at a time. A village, and a Latin query longer than the tokens,
 * are filters on that partition (its people all share the token, so it is small).
 */
export function findPeople(db: Db, p: Protector, q: PeopleQuery, scope: { township?: string; village?: string }, page: { limit: number; cursor?: string }): Promise<Page<PeopleFound>> {
  const token = q.kind === 'digits' ? hashed(p, q.token) : q.token
  const where: PartitionQuery = scope.township ? { pk: peopleSearchOfTownship(scope.township, q.kind, token), oldestFirst: true } : { index: 'GSI1', pk: peopleSearchOfDistrict(q.kind, token), oldestFirst: true }
  const long = q.kind === 'latin' && q.long
  const parts = [...(scope.village ? ['village = :village'] : []), ...(long ? ['(contains(tails, :start) OR contains(tails, :inside))'] : [])]
  const filter = parts.length
    ? { filter: { expression: parts.join(' AND '), values: { ...(scope.village ? { ':village': scope.village } : {}), ...(long ? { ':start': `^${q.text}`, ':inside': ` ${q.text}` } : {}) } } }
    : {}
  return queryFilledPage(db, { ...where, ...filter }, page, (i) => {
    const rank = long ? longQueryRank(String(i.tails), q.text) : Number(String(i.SK).slice(0, 1))
    return { seekerId: String(i.seekerId), match: { rank: (rank ?? 2) as PeopleMatch['rank'], via: i.via as MatchVia } }
  })
}

/** Items by key, 100 a request (a page is at most 50 people): BatchGetItem, never a Scan. */
export const getMany = (db: Db, keys: readonly Record<string, unknown>[]): Promise<Record<string, unknown>[]> => batchGet(db, keys)
