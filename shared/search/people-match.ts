/**
 * 查找人员 people search over the people index (issue 11 part 7, issue 15 part 1): one compact row
 * per file, held in its township's chunks (functions/db/people-index.ts), matched in memory.
 *
 * Until December 2026 a person was found through ~23 search items, one per token of the name
 * (shared/search/people-tokens.ts): a 20,000-row roster wrote 466,000 of them and took 4–5 minutes
 * on DynamoDB Local. A row per person is one attribute of a chunk, written with the file (or 60 at a
 * time after a bulk load). The tokens stay the specification: a row matches a query exactly when
 * the person has the query's token, with the token's rank and `via` (tests/unit/people-match.test.ts
 * checks every token of a set of names, and names that must not match).
 */
import { LATIN_TOKEN_MAX, NAME_TOKEN_MAX, type MatchVia, type PeopleQuery } from './people-tokens.js'
import { squash, syllablesOf, type MatchRank } from './text-keys.js'

/**
 * One person as the index holds it (short names: a district's 20,000 rows are read whole by a
 * cold container). `d4`/`p4`: the last four of the ID number and of the phone as a keyed hash
 * (never digits), shortened: a last four has only 10,000 values, so 12 characters tell them apart.
 */
export interface PeopleRow {
  id: string
  /** The name, squashed (lower case, no spaces). */
  n: string
  /** The name's syllables, ü typed v, joined by one space: "liu jian guo". */
  py: string
  v: string
  d4?: string
  p4?: string
}

export const LAST4_HASH_CHARS = 12

const HAN = /\p{Script=Han}/u
const latin = (s: string) => squash(s).replace(/ü/g, 'v')

/** The row of a file: `hash` turns a last four into its keyed hash (functions/db/people-index.ts). */
export async function peopleRowOf(s: { id: string; name: string; village: string; idLast4?: string | undefined; phoneLast4?: string | undefined }, hash: (last4: string) => string): Promise<PeopleRow> {
  const py = (await syllablesOf(s.name, { name: true })).map(latin).join(' ')
  const row: PeopleRow = { id: s.id, n: squash(s.name), py, v: s.village }
  const d4 = s.idLast4 ? hash(s.idLast4).slice(0, LAST4_HASH_CHARS) : undefined
  const p4 = s.phoneLast4 ? hash(s.phoneLast4).slice(0, LAST4_HASH_CHARS) : undefined
  if (d4) row.d4 = d4
  // One last four when the ID number and phone end alike: it is the ID number's.
  if (p4 && p4 !== d4) row.p4 = p4
  return row
}

/** A row ready to match: its pinyin and initials with where each syllable starts, made once per row read. */
interface Compiled {
  row: PeopleRow
  han: boolean
  runs: { whole: string; via: MatchVia; starts: number[] }[]
  /** Within a rank people are listed by the pinyin of their name (the name itself when it has none). */
  sort: string
}

const compiled = new WeakMap<PeopleRow, Compiled>()
function compile(row: PeopleRow): Compiled {
  let c = compiled.get(row)
  if (c) return c
  const syllables = row.py ? row.py.split(' ') : []
  const full = syllables.join('')
  const starts: number[] = []
  let at = 0
  for (const s of syllables) {
    starts.push(at)
    at += s.length
  }
  c = {
    row,
    han: HAN.test(row.n),
    runs: [
      { whole: full, via: 'pinyin', starts },
      { whole: syllables.map((s) => s[0] ?? '').join(''), via: 'initials', starts: syllables.map((_, i) => i) },
    ],
    sort: full || row.n,
  }
  compiled.set(row, c)
  return c
}

export interface PersonMatch {
  rank: MatchRank
  via: MatchVia
}

/** The best (run, start) a Latin token begins, as the tokens would rank it (ties: the first, pinyin before initials). */
function latinToken(c: Compiled, token: string): PersonMatch | undefined {
  let best: PersonMatch | undefined
  for (const { whole, via, starts } of c.runs)
    for (const at of starts) {
      if (!whole.startsWith(token, at)) continue
      const rank: MatchRank = at > 0 ? 2 : token.length === whole.length ? 0 : 1
      if (!best || rank < best.rank) best = { rank, via }
    }
  return best
}

/**
 * How a row matches a query, or undefined. `digits`: the query's last four as the row stores it
 * (the caller hashes it once per query).
 */
export function matchPerson(row: PeopleRow, q: PeopleQuery, digits?: string): PersonMatch | undefined {
  if (q.kind === 'digits') return digits && row.d4 === digits ? { rank: 0, via: 'idLast4' } : digits && row.p4 === digits ? { rank: 0, via: 'phoneLast4' } : undefined
  const c = compile(row)
  if (q.kind === 'name') {
    if (!c.han) return undefined
    if (q.token === row.n) return { rank: 0, via: 'name' }
    // Parts of a name are written up to NAME_TOKEN_MAX characters; a longer query matches only a whole name.
    if ([...q.token].length > NAME_TOKEN_MAX) return undefined
    const at = row.n.indexOf(q.token)
    return at < 0 ? undefined : { rank: at === 0 ? 1 : 2, via: 'name' }
  }
  const token = latinToken(c, q.token)
  if (!token || !q.long) return token
  // A query longer than LATIN_TOKEN_MAX: what it begins, ranked on the whole query; `via` is its token's.
  let rank: MatchRank | undefined
  for (const { whole, starts } of c.runs)
    for (const at of starts) {
      if (whole.length - at < LATIN_TOKEN_MAX || !whole.startsWith(q.text, at)) continue
      const r: MatchRank = at > 0 ? 2 : whole.length === q.text.length ? 0 : 1
      if (rank === undefined || r < rank) rank = r
    }
  return rank === undefined ? undefined : { rank, via: token.via }
}

export interface PeopleHit {
  seekerId: string
  match: PersonMatch
  sort: string
}

/** Rank, then the name's pinyin, then the id: the order of a search and of its cursor. */
export const compareHits = (a: Pick<PeopleHit, 'match' | 'sort' | 'seekerId'>, b: Pick<PeopleHit, 'match' | 'sort' | 'seekerId'>): number =>
  a.match.rank - b.match.rank || (a.sort < b.sort ? -1 : a.sort > b.sort ? 1 : 0) || (a.seekerId < b.seekerId ? -1 : a.seekerId > b.seekerId ? 1 : 0)

/** Every row that matches, in order (a village narrows it). */
export function findInRows(rows: readonly PeopleRow[], q: PeopleQuery, opts: { village?: string | undefined; digits?: string | undefined } = {}): PeopleHit[] {
  const out: PeopleHit[] = []
  for (const row of rows) {
    if (opts.village && row.v !== opts.village) continue
    const match = matchPerson(row, q, opts.digits)
    if (match) out.push({ seekerId: row.id, match, sort: compile(row).sort })
  }
  return out.sort(compareHits)
}

/** Where a page starts: after the last hit the previous page returned (so a person added meanwhile is neither repeated nor skips one). */
export function startAfter(hits: readonly PeopleHit[], after: Pick<PeopleHit, 'match' | 'sort' | 'seekerId'> | undefined): number {
  if (!after) return 0
  let lo = 0
  let hi = hits.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (compareHits(hits[mid]!, after) <= 0) lo = mid + 1
    else hi = mid
  }
  return lo
}
