/**
 * A fast path for validating seekers and posts: the same checks as the zod schemas in types.ts,
 * written out by hand (zod took 4.5 s on 100k seekers, this takes a fraction of that). It only ever
 * accepts: on anything it does not like it returns undefined and the caller asks zod, whose issues
 * are the ones reported. A property test checks that whatever it accepts, zod accepts the same way.
 *
 * Its outputs all have the same keys in the same order (absent fields are undefined), so the
 * engine's later passes read them through one object shape, which is much faster than the many
 * shapes that optional fields otherwise give.
 */
import * as z from 'zod'
import { villageByCode } from '../geo.js'
import type { MatchPostParsed, MatchSeekerParsed } from './types.js'

const DATE = z.regexes.date
const CATEGORY = new Set(['alleviated', 'monitored', 'other'])
const SUBTYPE = new Set(['unstable', 'marginal', 'suddenHardship'])
const CAPACITY = new Set(['full', 'half', 'weak', 'none'])
const INTENT = new Set(['employment', 'entrepreneurship', 'industry'])
const GROUP = new Set(['returnee', 'graduate', 'yulu', 'newEntrant'])
const KIND = new Set(['workshop', 'publicWelfare', 'enterprise', 'laborExport'])
const INTENSITY = new Set(['light', 'medium', 'heavy'])
const UNIT = new Set(['month', 'day', 'piece'])

/** Thrown inside, caught at the top: "not for the fast path". */
const NO = Symbol('no')

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
function optional<T>(v: unknown, check: (v: unknown) => T): T | undefined {
  return v === undefined ? undefined : check(v)
}
function str(v: unknown, min: number, max: number): string {
  if (typeof v !== 'string' || v.length < min || v.length > max) throw NO
  return v
}
function name(v: unknown): string {
  if (typeof v !== 'string') throw NO
  const t = v.trim()
  if (t.length < 1 || t.length > 40) throw NO
  return t
}
function names(v: unknown): string[] {
  if (v === undefined) return []
  if (!Array.isArray(v) || v.length > 50) throw NO
  return v.map(name)
}
function oneOf(set: Set<string>) {
  return (v: unknown): string => {
    if (typeof v !== 'string' || !set.has(v)) throw NO
    return v
  }
}
function list(set: Set<string>, max: number, fallback: string[]) {
  const item = oneOf(set)
  return (v: unknown): string[] => {
    if (v === undefined) return [...fallback]
    if (!Array.isArray(v) || v.length > max) throw NO
    return v.map(item)
  }
}
function num(min: number, max: number, integer = false) {
  return (v: unknown): number => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max || (integer && !Number.isInteger(v))) throw NO
    return v
  }
}
function bool(v: unknown): boolean {
  if (typeof v !== 'boolean') throw NO
  return v
}
function date(v: unknown): string {
  if (typeof v !== 'string' || !DATE.test(v)) throw NO
  return v
}
const located = (lat: number | undefined, lng: number | undefined, village: string | undefined) =>
  (lat !== undefined && lng !== undefined) || (village !== undefined && villageByCode.has(village))

// The checkers, made once (not per seeker).
const intents = list(INTENT, 3, ['employment'])
const groups = list(GROUP, 4, [])
const lat = num(-90, 90)
const lng = num(-180, 180)
const age = num(0, 120, true)
const fen = num(0, 100_000_000, true)
/** Pay, as shared/schemas/posts.ts's Wage takes it: a whole number of fen, 1–10,000,000. */
const payFen = num(1, 10_000_000, true)
const km = num(0, 2000)
const headcount = num(0, 10_000, true)
const category = oneOf(CATEGORY)
const subtype = oneOf(SUBTYPE)
const capacity = oneOf(CAPACITY)
const kind = oneOf(KIND)
const intensity = oneOf(INTENSITY)
const unit = oneOf(UNIT)
const village = (x: unknown) => str(x, 0, 40)

/** The seeker as MatchSeeker would parse it, or undefined when zod must have a look. */
export function fastSeeker(v: unknown): MatchSeekerParsed | undefined {
  if (!isObject(v)) return undefined
  try {
    const cp = v.currentPlacement
    const out = {
      id: str(v.id, 1, 64),
      birthDate: optional(v.birthDate, date),
      age: optional(v.age, age),
      category: category(v.category) as MatchSeekerParsed['category'],
      monitoredSubtype: optional(v.monitoredSubtype, subtype) as MatchSeekerParsed['monitoredSubtype'],
      riskEliminated: optional(v.riskEliminated, bool),
      riskEliminatedOn: optional(v.riskEliminatedOn, date),
      laborCapacity: capacity(v.laborCapacity) as MatchSeekerParsed['laborCapacity'],
      hardToPlace: optional(v.hardToPlace, bool),
      township: str(v.township, 1, 40),
      village: optional(v.village, village),
      lat: optional(v.lat, lat),
      lng: optional(v.lng, lng),
      skills: names(v.skills),
      certificates: names(v.certificates),
      expectedWageFen: optional(v.expectedWageFen, fen),
      maxCommuteKm: optional(v.maxCommuteKm, km),
      willingToMigrate: optional(v.willingToMigrate, bool),
      intents: intents(v.intents) as MatchSeekerParsed['intents'],
      groups: groups(v.groups) as MatchSeekerParsed['groups'],
      major: optional(v.major, name),
      incomeFell: optional(v.incomeFell, bool),
      zeroEmploymentHousehold: optional(v.zeroEmploymentHousehold, bool),
      returnedOn: optional(v.returnedOn, date),
      currentPlacement:
        cp === undefined
          ? undefined
          : isObject(cp)
            ? { kind: kind(cp.kind) as 'workshop', fullTime: bool(cp.fullTime) }
            : (() => {
                throw NO
              })(),
    }
    if (out.birthDate === undefined && out.age === undefined) return undefined
    if (out.category === 'monitored' && out.monitoredSubtype === undefined) return undefined
    if (!located(out.lat, out.lng, out.village)) return undefined
    return out
  } catch (e) {
    if (e === NO) return undefined
    throw e
  }
}

/** The post as MatchPost would parse it, or undefined when zod must have a look. */
export function fastPost(v: unknown): MatchPostParsed | undefined {
  if (!isObject(v)) return undefined
  try {
    const wage = v.wage
    if (!isObject(wage)) return undefined
    const out = {
      id: str(v.id, 1, 64),
      kind: kind(v.kind) as MatchPostParsed['kind'],
      township: str(v.township, 1, 40),
      village: optional(v.village, village),
      lat: optional(v.lat, lat),
      lng: optional(v.lng, lng),
      remaining: headcount(v.remaining),
      requiredCertificates: names(v.requiredCertificates),
      preferredCertificates: names(v.preferredCertificates),
      preferredSkills: names(v.preferredSkills),
      intensity: (v.intensity === undefined ? 'medium' : intensity(v.intensity)) as MatchPostParsed['intensity'],
      ageMin: v.ageMin === undefined ? 16 : age(v.ageMin),
      ageMax: v.ageMax === undefined ? 60 : age(v.ageMax),
      wage: {
        amountFen: payFen(wage.amountFen),
        unit: unit(wage.unit) as MatchPostParsed['wage']['unit'],
        ...(wage.expectedMonthlyFen === undefined ? {} : { expectedMonthlyFen: payFen(wage.expectedMonthlyFen) }),
      },
      majors: names(v.majors),
    }
    if (out.ageMin > out.ageMax) return undefined
    // A piece rate states the monthly pay to expect (the schema's refinement).
    if (out.wage.unit === 'piece' && out.wage.expectedMonthlyFen === undefined) return undefined
    if (!located(out.lat, out.lng, out.village)) return undefined
    return out
  } catch (e) {
    if (e === NO) return undefined
    throw e
  }
}
