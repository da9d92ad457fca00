/**
 * The instance turned into columns (typed arrays, interned names) once, so that the rules and the
 * score run over millions of pairs without touching an object or comparing a string.
 */
import { ageOn } from '../dates.js'
import { villageByCode } from '../geo.js'
import type { MatchInstanceParsed, MatchPolicy, MatchPostParsed, MatchSeekerParsed } from './types.js'

export const CATEGORIES = ['alleviated', 'monitored', 'other'] as const
export const CAPACITIES = ['full', 'half', 'weak', 'none'] as const
export const INTENSITIES = ['light', 'medium', 'heavy'] as const
export const KINDS = ['workshop', 'publicWelfare', 'enterprise', 'laborExport'] as const
export const INTENTS = ['employment', 'entrepreneurship', 'industry'] as const
export const GROUPS = ['returnee', 'graduate', 'yulu', 'newEntrant'] as const
export const KIND_PUBLIC_WELFARE = 1
export const KIND_LABOR_EXPORT = 3

/** Seeker flags, one bit each. */
export const F_HARD_TO_PLACE = 1
export const F_ACTIVE_MONITORED = 2
export const F_MONITORING_CLOSED = 4
export const F_FULL_TIME = 8
export const F_HOLDS_PUBLIC_WELFARE = 16
export const F_WILLING = 32
export const F_INCOME_FELL = 64
export const F_ZERO_EMPLOYMENT = 128
export const F_RECENT_RETURN = 256
export const F_STUDENT_GROUP = 512

/** Names (skills, certificates, majors, townships) as small integers, one table per kind. */
export class Interner {
  readonly ids = new Map<string, number>()
  readonly names: string[] = []
  id(name: string): number {
    let v = this.ids.get(name)
    if (v === undefined) {
      v = this.names.length
      this.ids.set(name, v)
      this.names.push(name)
    }
    return v
  }
  /** A copy that may learn names of its own, leaving this one as it is. */
  clone(): Interner {
    const c = new Interner()
    for (const [name, id] of this.ids) c.ids.set(name, id)
    c.names.push(...this.names)
    return c
  }
}

/** A list of small integer lists in one array (CSR): list k is `items[start[k] .. start[k+1])`, sorted. */
export interface Lists {
  start: Int32Array
  items: Int32Array
  /** Per list, one bit per item (id mod 32): two lists share nothing when their masks do not meet. */
  mask: Int32Array
}

function lists(rows: readonly (readonly string[])[], table: Interner): Lists {
  let total = 0
  for (const row of rows) total += row.length
  const start = new Int32Array(rows.length + 1)
  const items = new Int32Array(total)
  const mask = new Int32Array(rows.length)
  let x = 0
  for (let k = 0; k < rows.length; k++) {
    const row = rows[k]!
    const first = x
    // Insertion sort as they come (lists are short), skipping duplicates.
    for (const name of row) {
      const id = table.id(name)
      let y = x
      while (y > first && items[y - 1]! > id) y--
      if (y > first && items[y - 1] === id) continue
      items.copyWithin(y + 1, y, x)
      items[y] = id
      x++
      mask[k]! |= 1 << (id & 31)
    }
    start[k + 1] = x
  }
  return { start, items: x === total ? items : items.slice(0, x), mask }
}

function bitsOf<T extends string>(all: readonly T[], values: readonly T[]): number {
  let m = 0
  for (const v of values) m |= 1 << all.indexOf(v)
  return m
}
const RAD = Math.PI / 180

const DAY_MS = 86_400_000
const dayNumber = (iso: string) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS)

export function coordinates(x: { lat?: number | undefined; lng?: number | undefined; village?: string | undefined; id: string }): [number, number] {
  if (x.lat !== undefined && x.lng !== undefined) return [x.lat, x.lng]
  const v = x.village === undefined ? undefined : villageByCode.get(x.village)
  if (!v) throw new Error(`${x.id}: no coordinates and no known village`)
  return [v.lat, v.lng]
}

export interface CompiledPolicy {
  policy: MatchPolicy
  /** Per labor capacity: bit mask of the intensities it may take. */
  intensityMask: Uint8Array
  pwCategoryMask: number
  pwCapacityMask: number
  exportCapacityMask: number
  /** Per post kind: bit mask of the intents that cover it. */
  intentMaskByKind: Uint8Array
}

export function compilePolicy(policy: MatchPolicy): CompiledPolicy {
  const intensityMask = new Uint8Array(CAPACITIES.length)
  CAPACITIES.forEach((c, k) => (intensityMask[k] = bitsOf(INTENSITIES, policy.rules.intensityByCapacity[c])))
  const intentMaskByKind = new Uint8Array(KINDS.length)
  KINDS.forEach((kind, k) => {
    INTENTS.forEach((intent, b) => {
      if (policy.intentKinds[intent].includes(kind)) intentMaskByKind[k]! |= 1 << b
    })
  })
  return {
    policy,
    intensityMask,
    pwCategoryMask: bitsOf(CATEGORIES, policy.rules.publicWelfare.categories),
    pwCapacityMask: bitsOf(CAPACITIES, policy.rules.publicWelfare.capacities),
    exportCapacityMask: bitsOf(CAPACITIES, policy.rules.laborExport.capacities),
    intentMaskByKind,
  }
}

export interface CompiledSeekers {
  n: number
  ids: string[]
  lat: Float64Array
  lng: Float64Array
  /** Radians and cos(lat), for the great-circle distance. */
  latRad: Float64Array
  lngRad: Float64Array
  cosLat: Float64Array
  township: Int32Array
  category: Uint8Array
  capacity: Uint8Array
  flags: Uint16Array
  age: Int16Array
  /** Monthly fen; NaN when the seeker states none. */
  expectedWage: Float64Array
  commuteKm: Float64Array
  intents: Uint8Array
  major: Int32Array
  skills: Lists
  certificates: Lists
  /** The priority component, already capped. */
  priorityPoints: Uint8Array
  /** 1 for a priority person (policy.priorityPerson). */
  priority: Uint8Array
}

export interface CompiledPosts {
  m: number
  ids: string[]
  lat: Float64Array
  lng: Float64Array
  latRad: Float64Array
  lngRad: Float64Array
  cosLat: Float64Array
  /**
   * The post's place among `places`, the distinct coordinates of the posts (a district's posts sit
   * in a few hundred villages): one person's distance to every post is a few hundred great-circle
   * distances, then a lookup (placeKms).
   */
  place: Int32Array
  places: { n: number; latRad: Float64Array; lngRad: Float64Array; cosLat: Float64Array }
  township: Int32Array
  kind: Uint8Array
  intensity: Uint8Array
  ageMin: Int16Array
  ageMax: Int16Array
  /** Monthly fen; NaN for piece rates. */
  monthlyWage: Float64Array
  remaining: Int32Array
  required: Lists
  preferredCertificates: Lists
  preferredSkills: Lists
  majors: Lists
}

export interface Compiled {
  asOf: string
  cp: CompiledPolicy
  seekers: CompiledSeekers
  posts: CompiledPosts
  names: { skill: Interner; certificate: Interner; major: Interner; township: Interner }
}

/**
 * Columns for the instance. Seekers and posts keep the order they are given in; `canonicalOrder`
 * in index.ts sorts them first, so that the input's order never changes a result.
 */
export function compile(inst: Pick<MatchInstanceParsed, 'asOf' | 'policy' | 'seekers' | 'posts'>): Compiled {
  const { policy, asOf } = inst
  const cp = compilePolicy(policy)
  const names = { skill: new Interner(), certificate: new Interner(), major: new Interner(), township: new Interner() }
  return { asOf, cp, names, seekers: compileSeekers(inst.seekers, policy, asOf, names), posts: compilePosts(inst.posts, policy, names) }
}

/** Posts compiled once (per change of the posts, the year's rules), for many people's answers one at a time (compileFor). */
export interface CompiledPostSet {
  posts: CompiledPosts
  names: Compiled['names']
}

export function compilePostSet(posts: readonly MatchPostParsed[], policy: MatchPolicy): CompiledPostSet {
  const names = { skill: new Interner(), certificate: new Interner(), major: new Interner(), township: new Interner() }
  return { posts: compilePosts(posts, policy, names), names }
}

/**
 * The instance of these seekers against a compiled post set, as `compile` would make it: the
 * seekers' names are added to copies of the set's tables (a name no post has gets an id no post
 * holds), so the set stays as it was for the next caller. `policy` must be the set's own.
 */
export function compileFor(set: CompiledPostSet, seekers: readonly MatchSeekerParsed[], policy: MatchPolicy, asOf: string): Compiled {
  const names = { skill: set.names.skill.clone(), certificate: set.names.certificate.clone(), major: set.names.major.clone(), township: set.names.township.clone() }
  return { asOf, cp: compilePolicy(policy), names, seekers: compileSeekers(seekers, policy, asOf, names), posts: set.posts }
}

function compileSeekers(list: readonly MatchSeekerParsed[], policy: MatchPolicy, asOf: string, names: Compiled['names']): CompiledSeekers {
  const n = list.length
  const s = {
    n,
    ids: new Array<string>(n),
    lat: new Float64Array(n),
    lng: new Float64Array(n),
    latRad: new Float64Array(n),
    lngRad: new Float64Array(n),
    cosLat: new Float64Array(n),
    township: new Int32Array(n),
    category: new Uint8Array(n),
    capacity: new Uint8Array(n),
    flags: new Uint16Array(n),
    age: new Int16Array(n),
    expectedWage: new Float64Array(n),
    commuteKm: new Float64Array(n),
    intents: new Uint8Array(n),
    major: new Int32Array(n),
    priorityPoints: new Uint8Array(n),
    priority: new Uint8Array(n),
  }
  const skillRows = new Array<readonly string[]>(n)
  const certificateRows = new Array<readonly string[]>(n)
  const today = dayNumber(asOf)
  const pp = policy.priorityPoints
  const who = policy.priorityPerson
  const grace = policy.rules.riskEliminatedGraceDays
  const recent = policy.scoring.recentReturnDays
  const defaultCommute = policy.rules.maxCommuteDefaultKm
  const cap = policy.weights.priority
  for (let i = 0; i < n; i++) {
    // Each field read once: seekers come in many shapes (optional fields), so every read is slow.
    const x = list[i]!
    const { id, category, laborCapacity, age, birthDate, expectedWageFen, maxCommuteKm, intents, groups, major, township } = x
    const { hardToPlace, riskEliminated, riskEliminatedOn, currentPlacement, willingToMigrate, incomeFell, zeroEmploymentHousehold, returnedOn } = x
    s.ids[i] = id
    skillRows[i] = x.skills
    certificateRows[i] = x.certificates
    const [lat, lng] = coordinates(x)
    s.lat[i] = lat
    s.lng[i] = lng
    s.latRad[i] = lat * RAD
    s.lngRad[i] = lng * RAD
    s.cosLat[i] = Math.cos(lat * RAD)
    s.township[i] = names.township.id(township)
    const cat = CATEGORIES.indexOf(category)
    s.category[i] = cat
    s.capacity[i] = CAPACITIES.indexOf(laborCapacity)
    // The one age rule of shared/dates: whole years, the birthday reached on its calendar day.
    s.age[i] = age ?? ageOn(birthDate!, asOf)
    s.expectedWage[i] = expectedWageFen ?? NaN
    s.commuteKm[i] = maxCommuteKm ?? defaultCommute
    s.intents[i] = bitsOf(INTENTS, intents)
    s.major[i] = major !== undefined && (groups.includes('graduate') || groups.includes('yulu')) ? names.major.id(major) : -1
    let f = 0
    if (hardToPlace) f |= F_HARD_TO_PLACE
    if (category === 'monitored') {
      const closed = riskEliminated === true && (riskEliminatedOn === undefined || today - dayNumber(riskEliminatedOn) > grace)
      f |= closed ? F_MONITORING_CLOSED : F_ACTIVE_MONITORED
    }
    if (currentPlacement !== undefined) {
      if (currentPlacement.fullTime) f |= F_FULL_TIME
      if (currentPlacement.kind === 'publicWelfare') f |= F_HOLDS_PUBLIC_WELFARE
    }
    if (willingToMigrate) f |= F_WILLING
    if (incomeFell) f |= F_INCOME_FELL
    if (zeroEmploymentHousehold) f |= F_ZERO_EMPLOYMENT
    if (returnedOn !== undefined) {
      const ago = today - dayNumber(returnedOn)
      if (ago >= 0 && ago <= recent) f |= F_RECENT_RETURN
    }
    s.flags[i] = f
    let points = 0
    if (f & F_ACTIVE_MONITORED) points += pp.monitored
    else if (cat === 0) points += pp.alleviated
    if (f & F_INCOME_FELL) points += pp.incomeFell
    if (f & F_ZERO_EMPLOYMENT) points += pp.zeroEmploymentHousehold
    if (f & F_RECENT_RETURN) points += pp.recentReturn
    s.priorityPoints[i] = Math.min(points, cap)
    s.priority[i] =
      (who.monitored && f & F_ACTIVE_MONITORED) || (who.alleviated && cat === 0) || (who.incomeFell && f & F_INCOME_FELL) || (who.zeroEmploymentHousehold && f & F_ZERO_EMPLOYMENT)
        ? 1
        : 0
  }
  return { ...s, skills: lists(skillRows, names.skill), certificates: lists(certificateRows, names.certificate) }
}

function compilePosts(list: readonly MatchPostParsed[], policy: MatchPolicy, names: Compiled['names']): CompiledPosts {
  const m = list.length
  const p: CompiledPosts = {
    m,
    ids: list.map((x) => x.id),
    lat: new Float64Array(m),
    lng: new Float64Array(m),
    latRad: new Float64Array(m),
    lngRad: new Float64Array(m),
    cosLat: new Float64Array(m),
    place: new Int32Array(m),
    places: { n: 0, latRad: new Float64Array(0), lngRad: new Float64Array(0), cosLat: new Float64Array(0) },
    township: new Int32Array(m),
    kind: new Uint8Array(m),
    intensity: new Uint8Array(m),
    ageMin: new Int16Array(m),
    ageMax: new Int16Array(m),
    monthlyWage: new Float64Array(m),
    remaining: new Int32Array(m),
    required: lists(
      list.map((x) => x.requiredCertificates),
      names.certificate,
    ),
    // A certificate both required and preferred counts once, as required.
    preferredCertificates: lists(
      list.map((x) => x.preferredCertificates.filter((name) => !x.requiredCertificates.includes(name))),
      names.certificate,
    ),
    preferredSkills: lists(
      list.map((x) => x.preferredSkills),
      names.skill,
    ),
    majors: lists(
      list.map((x) => x.majors),
      names.major,
    ),
  }
  const age = policy.rules.workingAge
  const placeOf = new Map<string, number>()
  const firstAt: number[] = []
  for (let j = 0; j < m; j++) {
    const x = list[j]!
    const [lat, lng] = coordinates(x)
    p.lat[j] = lat
    p.lng[j] = lng
    p.latRad[j] = lat * RAD
    p.lngRad[j] = lng * RAD
    p.cosLat[j] = Math.cos(lat * RAD)
    const at = `${lat},${lng}`
    let k = placeOf.get(at)
    if (k === undefined) {
      placeOf.set(at, (k = firstAt.length))
      firstAt.push(j)
    }
    p.place[j] = k
    p.township[j] = names.township.id(x.township)
    p.kind[j] = KINDS.indexOf(x.kind)
    p.intensity[j] = INTENSITIES.indexOf(x.intensity)
    // The legal working age narrows every post's own range.
    p.ageMin[j] = Math.max(x.ageMin, age.min)
    p.ageMax[j] = Math.min(x.ageMax, age.max)
    p.monthlyWage[j] = x.wage.unit === 'month' ? x.wage.amountFen : x.wage.unit === 'day' ? x.wage.amountFen * policy.scoring.workDaysPerMonth : NaN
    p.remaining[j] = x.remaining
  }
  p.places = { n: firstAt.length, latRad: Float64Array.from(firstAt, (j) => p.latRad[j]!), lngRad: Float64Array.from(firstAt, (j) => p.lngRad[j]!), cosLat: Float64Array.from(firstAt, (j) => p.cosLat[j]!) }
  return p
}

/** Great-circle distance in km, the same formula as shared/geo's distanceKm, over precomputed columns. */
export function pairKm(s: CompiledSeekers, i: number, p: CompiledPosts, j: number): number {
  const sLat = Math.sin((p.latRad[j]! - s.latRad[i]!) / 2)
  const sLng = Math.sin((p.lngRad[j]! - s.lngRad[i]!) / 2)
  const h = sLat * sLat + s.cosLat[i]! * p.cosLat[j]! * sLng * sLng
  return 2 * 6371 * Math.asin(Math.sqrt(h))
}

/** Seeker i's distance to each of the posts' places: `placeKms(...)[p.place[j]]` is exactly pairKm(s, i, p, j) (the same arithmetic on the same numbers). */
export function placeKms(s: CompiledSeekers, i: number, p: CompiledPosts): Float64Array {
  const { n, latRad, lngRad, cosLat } = p.places
  const out = new Float64Array(n)
  for (let k = 0; k < n; k++) {
    const sLat = Math.sin((latRad[k]! - s.latRad[i]!) / 2)
    const sLng = Math.sin((lngRad[k]! - s.lngRad[i]!) / 2)
    const h = sLat * sLat + s.cosLat[i]! * cosLat[k]! * sLng * sLng
    out[k] = 2 * 6371 * Math.asin(Math.sqrt(h))
  }
  return out
}

/** How many items two sorted id lists share. */
export function overlap(a: Lists, ka: number, b: Lists, kb: number): number {
  if ((a.mask[ka]! & b.mask[kb]!) === 0) return 0
  let x = a.start[ka]!
  const xe = a.start[ka + 1]!
  let y = b.start[kb]!
  const ye = b.start[kb + 1]!
  let k = 0
  while (x < xe && y < ye) {
    const u = a.items[x]!
    const v = b.items[y]!
    if (u === v) {
      k++
      x++
      y++
    } else if (u < v) x++
    else y++
  }
  return k
}

export const count = (l: Lists, k: number): number => l.start[k + 1]! - l.start[k]!

/** Position along a Hilbert curve over the globe (2^15 × 2^15 cells, under a kilometre): nearby places get nearby numbers. */
export function hilbertKey(lat: number, lng: number): number {
  const side = 32768
  let x = Math.min(side - 1, Math.max(0, Math.floor(((lng + 180) / 360) * side)))
  let y = Math.min(side - 1, Math.max(0, Math.floor(((lat + 90) / 180) * side)))
  let d = 0
  for (let s = side / 2; s >= 1; s /= 2) {
    const rx = x & s ? 1 : 0
    const ry = y & s ? 1 : 0
    d += s * s * ((3 * rx) ^ ry)
    // Rotate the quadrant so the curve stays continuous.
    if (ry === 0) {
      if (rx === 1) {
        x = s - 1 - x
        y = s - 1 - y
      }
      const t = x
      x = y
      y = t
    }
  }
  return d
}
