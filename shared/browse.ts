import { distanceKm, villageByCode, townshipByCode } from './geo.js'
import type { Post, PostQuery } from './schemas/posts.js'

/** Wages compared per month: a day is 21.75 working days' share, a piece rate is not comparable. */
const monthlyFen = (p: Post): number | undefined =>
  p.wage.unit === 'month' ? p.wage.amountFen : p.wage.unit === 'day' ? Math.round(p.wage.amountFen * 21.75) : undefined

const placeOf = (p: Post) => (p.village ? villageByCode.get(p.village) : undefined) ?? townshipByCode.get(p.township)

/** True when only the index can answer: no in-memory filtering or sorting needed. */
export const isPlainListing = (q: PostQuery): boolean =>
  !q.q && !q.skill && q.minWageFen === undefined && !q.intensity && q.accommodation === undefined && !q.near && q.sort === 'newest'

/**
 * Filters, sorts and pages a listing of open posts. Pure: the caller loads the listing (one
 * Query) and turns `start`/`nextStart` into signed cursors. Text search is a substring match on
 * title, description and workshop name.
 */
export function browsePosts(posts: readonly Post[], q: PostQuery, start = 0): { items: Post[]; nextStart: number | null } {
  const origin = q.near ? villageByCode.get(q.near) : undefined
  const needle = q.q?.toLowerCase()
  let rows = posts.map((p) => {
    const place = placeOf(p)
    return origin && place ? { ...p, distanceKm: Math.round(distanceKm(origin, place) * 10) / 10 } : { ...p }
  })
  rows = rows.filter(
    (p) =>
      (!needle || `${p.title}\n${p.description}\n${p.workshopName ?? ''}`.toLowerCase().includes(needle)) &&
      (!q.skill || p.skills.includes(q.skill)) &&
      (q.minWageFen === undefined || (monthlyFen(p) ?? -1) >= q.minWageFen) &&
      (!q.intensity || p.intensity === q.intensity) &&
      (q.accommodation === undefined || p.accommodation === q.accommodation) &&
      (q.maxKm === undefined || p.distanceKm === undefined || p.distanceKm <= q.maxKm),
  )
  const newest = (a: Post, b: Post) => (b.publishedAt ?? b.createdAt).localeCompare(a.publishedAt ?? a.createdAt) || b.id.localeCompare(a.id)
  const sorter =
    q.sort === 'wage'
      ? (a: Post, b: Post) => (monthlyFen(b) ?? -1) - (monthlyFen(a) ?? -1) || newest(a, b)
      : q.sort === 'distance'
        ? (a: Post, b: Post) => (a.distanceKm ?? Infinity) - (b.distanceKm ?? Infinity) || newest(a, b)
        : newest
  rows.sort(sorter)
  const items = rows.slice(start, start + q.limit)
  return { items, nextStart: start + q.limit < rows.length ? start + q.limit : null }
}
