/**
 * Hard rules: may this person take this post at all? Each rule has a stable code (documented with
 * its zh-CN/en text in docs/matching.md and reasons.ts); its numbers come from the year's policy.
 */
import * as columns from './compile.js'
import type { Compiled } from './compile.js'
import type { EligibilityFailure } from './types.js'

// Local copies: under some loaders (tsx) an imported binding is a getter call, too slow per pair.
const { CAPACITIES, CATEGORIES, count, F_FULL_TIME, F_HARD_TO_PLACE, F_HOLDS_PUBLIC_WELFARE, F_MONITORING_CLOSED, F_WILLING, INTENSITIES, KIND_LABOR_EXPORT, KIND_PUBLIC_WELFARE, overlap } = columns

/** In the order they are checked and reported. */
export const ELIGIBILITY_CODES = [
  'placement.fullTime',
  'capacity.none',
  'age.outOfRange',
  'household.riskEliminated',
  'kind.publicWelfare.category',
  'kind.publicWelfare.capacity',
  'kind.publicWelfare.alreadyHeld',
  'kind.laborExport.capacity',
  'kind.laborExport.notWilling',
  'kind.laborExport.publicWelfareHolder',
  'certificate.missing',
  'intensity.tooHeavy',
  'commute.tooFar',
] as const
export type EligibilityCode = (typeof ELIGIBILITY_CODES)[number]

const round1 = (x: number) => Math.round(x * 10) / 10

/** The distance limit that applies to a pair: the seeker's commute, or the labor-export recruitment radius. */
export function limitKm(c: Compiled, i: number, j: number): number {
  return c.posts.kind[j] === KIND_LABOR_EXPORT ? c.cp.policy.rules.laborExport.radiusKm : c.seekers.commuteKm[i]!
}

/**
 * Checks seeker i against post j at distance `km` (computed by the caller once for rule and score).
 * Without `out`: returns 0 when eligible, else 1 + the index of the first failed rule, as fast as it can.
 * With `out`: also pushes every failed rule, with values, in the order of ELIGIBILITY_CODES.
 */
export function eligibility(c: Compiled, i: number, j: number, km: number, out?: EligibilityFailure[]): number {
  const s = c.seekers
  const p = c.posts
  const cp = c.cp
  const rules = cp.policy.rules
  const flags = s.flags[i]!
  const cap = s.capacity[i]!
  const kind = p.kind[j]!
  let first = 0
  // Each rule: on failure, return at once when nobody asked why; else note it and go on.
  if (flags & F_FULL_TIME && rules.excludeFullTimePlaced) {
    if (!out) return 1
    first ||= 1
    out.push({ code: 'placement.fullTime' })
  }
  const allowed = cp.intensityMask[cap]!
  if (allowed === 0) {
    if (!out) return 2
    first ||= 2
    out.push({ code: 'capacity.none', value: CAPACITIES[cap]! })
  }
  const age = s.age[i]!
  if (age < p.ageMin[j]! || age > p.ageMax[j]!) {
    if (!out) return 3
    first ||= 3
    out.push({ code: 'age.outOfRange', value: age, limit: `${p.ageMin[j]}–${p.ageMax[j]}` })
  }
  if (kind === KIND_PUBLIC_WELFARE) {
    const pw = rules.publicWelfare
    if (flags & F_MONITORING_CLOSED) {
      if (!out) return 4
      first ||= 4
      out.push({ code: 'household.riskEliminated' })
    } else if (!((cp.pwCategoryMask >> s.category[i]!) & 1)) {
      if (!out) return 5
      first ||= 5
      out.push({ code: 'kind.publicWelfare.category', value: CATEGORIES[s.category[i]!]! })
    }
    if (!((cp.pwCapacityMask >> cap) & 1) && !(pw.allowHardToPlace && flags & F_HARD_TO_PLACE)) {
      if (!out) return 6
      first ||= 6
      out.push({ code: 'kind.publicWelfare.capacity', value: CAPACITIES[cap]! })
    }
    if (pw.onePerPerson && flags & F_HOLDS_PUBLIC_WELFARE) {
      if (!out) return 7
      first ||= 7
      out.push({ code: 'kind.publicWelfare.alreadyHeld' })
    }
  } else if (kind === KIND_LABOR_EXPORT) {
    const ex = rules.laborExport
    if (!((cp.exportCapacityMask >> cap) & 1)) {
      if (!out) return 8
      first ||= 8
      out.push({ code: 'kind.laborExport.capacity', value: CAPACITIES[cap]! })
    }
    if (ex.requireWilling && !(flags & F_WILLING)) {
      if (!out) return 9
      first ||= 9
      out.push({ code: 'kind.laborExport.notWilling' })
    }
    if (ex.excludePublicWelfareHolders && flags & F_HOLDS_PUBLIC_WELFARE) {
      if (!out) return 10
      first ||= 10
      out.push({ code: 'kind.laborExport.publicWelfareHolder' })
    }
  }
  const required = count(p.required, j)
  if (required > 0 && overlap(s.certificates, i, p.required, j) < required) {
    if (!out) return 11
    first ||= 11
    const held = new Set(s.certificates.items.subarray(s.certificates.start[i]!, s.certificates.start[i + 1]!))
    const missing = [...p.required.items.subarray(p.required.start[j]!, p.required.start[j + 1]!)].filter((x) => !held.has(x))
    out.push({ code: 'certificate.missing', value: missing.map((x) => c.names.certificate.names[x]!) })
  }
  if (allowed !== 0 && !((allowed >> p.intensity[j]!) & 1)) {
    if (!out) return 12
    first ||= 12
    out.push({ code: 'intensity.tooHeavy', value: CAPACITIES[cap]!, limit: INTENSITIES[p.intensity[j]!]! })
  }
  const limit = limitKm(c, i, j)
  // Exactly at the limit is within reach.
  if (km > limit) {
    if (!out) return 13
    first ||= 13
    out.push({ code: 'commute.tooFar', value: round1(km), limit })
  }
  return first
}
