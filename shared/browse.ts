import { distanceKm, villageByCode, townshipByCode } from './geo.js'
import { isPastDeadline } from './post-deadline.js'
import { postMatchRank, rowPost, searchQuery, type IndexRow } from './post-index.js'
import type { Post, PostQuery } from './schemas/posts.js'

/** Wages compared per month: a day is 21.75 working days' share, a piece rate is not comparable. */
const monthlyFen = (p: Post): number | undefined =>
  p.wage.unit === 'month' ? p.wage.amountFen : p.wage.unit === 'day' ? Math.round(p.wage.amountFen * 21.75) : undefined

const placeOf = (p: Post) => (p.village ? villageByCode.get(p.village) : undefined) ?? townshipByCode.get(p.township)

/** One post of a listing: its index row, with its distance when the query asks from a place. */
export interface Listed {
  row: IndexRow
  km?: number
}

/**
 * The open posts (the index's rows, shared/post-index.ts) a query lists, filtered and in order,
 * the whole listing. Text search (issue 12 part 6) matches the title and the workshop name as
 * written, in full pinyin or by initials; a match of the whole title or name ranks before one of
 * its start, before one inside it, and the sort orders each rank. `today`: the district's day,
 * past whose deadline a post is not listed. `posts` come newest first (the index keeps them so).
 */
export function listPosts(posts: readonly IndexRow[], q: Omit<PostQuery, 'limit' | 'cursor'>, today?: string): Listed[] {
  const origin = q.near ? villageByCode.get(q.near) : undefined
  type Ranked = Listed & { rank: number }
  const rows: Ranked[] = []
  const needle = q.q === undefined ? undefined : (searchQuery(q.q) ?? '')
  for (const row of posts) {
    // Past its deadline (the district's day) a post has left the listing, before the daily job closes it.
    if (today && isPastDeadline(row, today)) continue
    if (q.skill && !row.skills.includes(q.skill)) continue
    if (q.minWageFen !== undefined && (monthlyFen(row) ?? -1) < q.minWageFen) continue
    if (q.intensity && row.intensity !== q.intensity) continue
    if (q.accommodation !== undefined && row.accommodation !== q.accommodation) continue
    if (q.township && row.township !== q.township) continue
    if (q.kind && row.kind !== q.kind) continue
    const rank = needle === undefined ? 0 : needle ? postMatchRank(row.keys, needle) : undefined
    if (rank === undefined) continue
    const place = origin ? placeOf(row) : undefined
    const km = origin && place ? Math.round(distanceKm(origin, place) * 10) / 10 : undefined
    if (q.maxKm !== undefined && km !== undefined && km > q.maxKm) continue
    rows.push({ row, rank, ...(km !== undefined ? { km } : {}) })
  }
  // Stable sorts over a newest-first input: ties keep newest first.
  const sorter =
    q.sort === 'wage'
      ? (a: Ranked, b: Ranked) => (monthlyFen(b.row) ?? -1) - (monthlyFen(a.row) ?? -1)
      : q.sort === 'distance'
        ? (a: Ranked, b: Ranked) => (a.km ?? Infinity) - (b.km ?? Infinity)
        : () => 0
  if (needle !== undefined || q.sort !== 'newest') rows.sort((a, b) => a.rank - b.rank || sorter(a, b))
  return rows
}

/** The posts of a page of a listing, as answered (with the distance when there is one). */
export function pageOf(listed: readonly Listed[], start: number, limit: number): { items: Post[]; nextStart: number | null } {
  const items = listed.slice(start, start + limit).map((r) => (r.km !== undefined ? { ...rowPost(r.row), distanceKm: r.km } : rowPost(r.row)))
  return { items, nextStart: start + limit < listed.length ? start + limit : null }
}
