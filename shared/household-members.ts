/**
 * 户成员 counts: how many seeker files name a household (in one township) and which household
 * categories (户类型) they carry. Kept as counters beside the household and moved by each file's
 * own write (docs/data-model.md, "Households"); these pure functions say what a write moves and
 * what the household's category is from the counts.
 */
import type * as z from 'zod'
import { MonitoredSubtype as MonitoredSubtypes, type HouseholdCategory as HouseholdCategories } from './schemas/seekers.js'

type HouseholdCategory = z.infer<typeof HouseholdCategories>
type MonitoredSubtype = z.infer<typeof MonitoredSubtypes>

/** What of a file decides its household membership and the household's category. */
export interface MemberFacts {
  householdId?: string | undefined
  township: string
  category: HouseholdCategory
  monitoredSubtype?: MonitoredSubtype | undefined
}

/** Members of one household in one township, by category and (monitored only) subtype. Signed when a delta. */
export interface MemberCounts {
  n: number
  category: Partial<Record<HouseholdCategory, number>>
  subtype: Partial<Record<MonitoredSubtype, number>>
}

export interface MemberDelta {
  householdId: string
  township: string
  counts: MemberCounts
}

const empty = (): MemberCounts => ({ n: 0, category: {}, subtype: {} })

function add(c: MemberCounts, f: MemberFacts, by: number) {
  c.n += by
  c.category[f.category] = (c.category[f.category] ?? 0) + by
  // A subtype only counts on a monitored file (an older file may still hold one after a change of category).
  if (f.category === 'monitored' && f.monitoredSubtype) c.subtype[f.monitoredSubtype] = (c.subtype[f.monitoredSubtype] ?? 0) + by
}

const isZero = (c: MemberCounts) => c.n === 0 && Object.values(c.category).every((v) => v === 0) && Object.values(c.subtype).every((v) => v === 0)
const dropZeros = (c: MemberCounts): MemberCounts => ({
  n: c.n,
  category: Object.fromEntries(Object.entries(c.category).filter(([, v]) => v !== 0)),
  subtype: Object.fromEntries(Object.entries(c.subtype).filter(([, v]) => v !== 0)),
})

/**
 * What file changes move, per (household, township): −1 where a file was (`before`), +1 where it
 * is (`after`), merged so that one transaction names each counter once; a change that moves
 * nothing (same household, township and category) gives nothing, so an ordinary edit of a file
 * never waits on its household's counter.
 */
export function memberDeltas(changes: readonly { before?: MemberFacts | undefined; after?: MemberFacts | undefined }[]): MemberDelta[] {
  const out = new Map<string, MemberDelta>()
  const at = (f: MemberFacts & { householdId: string }) => {
    const k = `${f.householdId}\u0000${f.township}`
    let d = out.get(k)
    if (!d) out.set(k, (d = { householdId: f.householdId, township: f.township, counts: empty() }))
    return d.counts
  }
  for (const { before, after } of changes) {
    if (before?.householdId) add(at(before as MemberFacts & { householdId: string }), before, -1)
    if (after?.householdId) add(at(after as MemberFacts & { householdId: string }), after, 1)
  }
  return [...out.values()].filter((d) => !isZero(d.counts)).map((d) => ({ ...d, counts: dropZeros(d.counts) }))
}

/** The counts of these files, for one household in one township (a household's members as read, or a rebuild). */
export function countMembers(files: readonly MemberFacts[]): MemberCounts {
  const c = empty()
  for (const f of files) add(c, f, 1)
  return dropZeros(c)
}

/** Counts no sequence of writes could leave: an older counter that began after some of its members (before the backfill). */
export const plausible = (c: MemberCounts) => {
  const categories = Object.values<number>(c.category)
  return c.n >= 0 && categories.every((v) => v >= 0) && Object.values<number>(c.subtype).every((v) => v >= 0) && categories.reduce((a, v) => a + v, 0) === c.n
}

/** Ties go to the stricter category: monitoring decides more help than 脱贫户, which decides more than neither. */
const CATEGORY_ORDER: readonly HouseholdCategory[] = ['monitored', 'alleviated', 'other']
const SUBTYPE_ORDER: readonly MonitoredSubtype[] = MonitoredSubtypes.options

function most<K extends string>(counts: Partial<Record<K, number>>, order: readonly K[]): K | undefined {
  let best: K | undefined
  for (const k of order) if ((counts[k] ?? 0) > 0 && (best === undefined || (counts[k] ?? 0) > (counts[best] ?? 0))) best = k
  return best
}

export interface HouseholdCategoryView {
  category: HouseholdCategory
  monitoredSubtype?: MonitoredSubtype
  /** The members' files do not all say the same category (or subtype): the list marks it for checking. */
  mixed: boolean
}

/**
 * 户类型 of a household from its members' files: the category most of them carry (ties: the
 * stricter), with the subtype most of its monitored members carry; none without members. The
 * category is a household fact written on each file, so members normally agree; `mixed` says when not.
 */
export function householdCategoryOf(c: MemberCounts): HouseholdCategoryView | undefined {
  if (c.n <= 0) return undefined
  const category = most(c.category, CATEGORY_ORDER)
  if (!category) return undefined
  const monitoredSubtype = category === 'monitored' ? most(c.subtype, SUBTYPE_ORDER) : undefined
  const categories = CATEGORY_ORDER.filter((k) => (c.category[k] ?? 0) > 0).length
  const subtypes = SUBTYPE_ORDER.filter((k) => (c.subtype[k] ?? 0) > 0).length
  return { category, ...(monitoredSubtype ? { monitoredSubtype } : {}), mixed: categories > 1 || subtypes > 1 }
}
