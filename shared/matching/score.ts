/**
 * The soft score of an eligible pair: an integer 0–100, the sum of seven components whose caps are
 * the year's weights. Integers keep the optimum exact (and comparable with an outside solver); each
 * component yields one reason, and its points add up to the score exactly.
 */
import * as columns from './compile.js'
import type { Compiled, Lists } from './compile.js'
import type { Reason } from './types.js'

// Local copies: under some loaders (tsx) an imported binding is a getter call, too slow per pair.
const { count, F_ACTIVE_MONITORED, F_INCOME_FELL, F_RECENT_RETURN, F_ZERO_EMPLOYMENT, INTENTS, KIND_LABOR_EXPORT, KINDS, overlap } = columns

export const SCORE_CODES = [
  'skill.match',
  'skill.none',
  'skill.notRequired',
  'certificate.held',
  'certificate.none',
  'certificate.notRequired',
  'distance.sameTownship',
  'distance.km',
  'distance.laborExport',
  'wage.meets',
  'wage.below',
  'wage.meetsReference',
  'wage.belowReference',
  'wage.pieceRate',
  'intent.match',
  'intent.none',
  'group.majorFit',
  'group.none',
  'priority.monitored',
  'priority.alleviated',
  'priority.incomeFell',
  'priority.zeroEmployment',
  'priority.recentReturn',
] as const
export type ScoreCode = (typeof SCORE_CODES)[number]

const round1 = (x: number) => Math.round(x * 10) / 10
const clamp01 = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x)

function shared(a: Lists, ka: number, b: Lists, kb: number, names: readonly string[]): string[] {
  const mine = new Set(a.items.subarray(a.start[ka]!, a.start[ka + 1]!))
  return [...b.items.subarray(b.start[kb]!, b.start[kb + 1]!)].filter((x) => mine.has(x)).map((x) => names[x]!)
}
const all = (l: Lists, k: number, names: readonly string[]) => [...l.items.subarray(l.start[k]!, l.start[k + 1]!)].map((x) => names[x]!)

/**
 * Scores seeker i on post j at distance `km`. With `reasons`, pushes one reason per component
 * (and one per priority factor); the points of the reasons sum to the returned score.
 */
export function score(c: Compiled, i: number, j: number, km: number, reasons?: Reason[]): number {
  const s = c.seekers
  const p = c.posts
  const policy = c.cp.policy
  const w = policy.weights
  const sc = policy.scoring
  const kind = p.kind[j]!
  let total = 0

  // Skills against the post's preferred skills.
  const wanted = count(p.preferredSkills, j)
  let pts: number
  if (wanted === 0) {
    pts = Math.round(w.skill * sc.noPreferenceShare)
    reasons?.push({ code: 'skill.notRequired', points: pts })
  } else {
    const matched = overlap(s.skills, i, p.preferredSkills, j)
    pts = Math.round((w.skill * matched) / wanted)
    if (reasons)
      reasons.push(
        matched > 0
          ? { code: 'skill.match', value: shared(s.skills, i, p.preferredSkills, j, c.names.skill.names), points: pts }
          : { code: 'skill.none', value: all(p.preferredSkills, j, c.names.skill.names), points: pts },
      )
  }
  total += pts

  // Certificates the post requires or prefers (the two lists do not share a name: see compile).
  const relevant = count(p.required, j) + count(p.preferredCertificates, j)
  if (relevant === 0) {
    pts = Math.round(w.certificate * sc.noPreferenceShare)
    reasons?.push({ code: 'certificate.notRequired', points: pts })
  } else {
    const held = overlap(s.certificates, i, p.required, j) + overlap(s.certificates, i, p.preferredCertificates, j)
    pts = Math.round((w.certificate * held) / relevant)
    if (reasons) {
      const names = c.names.certificate.names
      reasons.push(
        held > 0
          ? { code: 'certificate.held', value: [...shared(s.certificates, i, p.required, j, names), ...shared(s.certificates, i, p.preferredCertificates, j, names)], points: pts }
          : { code: 'certificate.none', value: [...all(p.required, j, names), ...all(p.preferredCertificates, j, names)], points: pts },
      )
    }
  }
  total += pts

  // Distance: full points up to distanceFullKm, none at the seeker's commute limit.
  if (kind === KIND_LABOR_EXPORT) {
    pts = Math.round(w.distance * sc.laborExportDistanceShare)
    reasons?.push({ code: 'distance.laborExport', value: round1(km), points: pts })
  } else {
    const limit = s.commuteKm[i]!
    const frac = km <= sc.distanceFullKm ? 1 : limit <= sc.distanceFullKm ? 0 : clamp01((limit - km) / (limit - sc.distanceFullKm))
    pts = Math.round(w.distance * frac)
    reasons?.push({ code: s.township[i] === p.township[j] ? 'distance.sameTownship' : 'distance.km', value: round1(km), points: pts })
  }
  total += pts

  // Monthly wage against the seeker's expectation (or the policy's reference when none is stated).
  const monthly = p.monthlyWage[j]!
  if (Number.isNaN(monthly)) {
    pts = Math.round(w.wage * sc.pieceRateShare)
    reasons?.push({ code: 'wage.pieceRate', points: pts })
  } else {
    const stated = !Number.isNaN(s.expectedWage[i]!)
    const expected = stated ? s.expectedWage[i]! : sc.referenceMonthlyWageFen
    const ratio = expected === 0 ? 1 : monthly / expected
    pts = Math.round(w.wage * clamp01((ratio - sc.wageFloorRatio) / (1 - sc.wageFloorRatio)))
    if (reasons) {
      const meets = ratio >= 1
      const code = stated ? (meets ? 'wage.meets' : 'wage.below') : meets ? 'wage.meetsReference' : 'wage.belowReference'
      reasons.push({ code, value: Math.round(monthly / 100), points: pts })
    }
  }
  total += pts

  // Intents: does any of the seeker's intents cover this kind of post?
  const covering = s.intents[i]! & c.cp.intentMaskByKind[kind]!
  pts = covering ? w.intent : 0
  if (reasons) {
    const first = INTENTS.findIndex((_, b) => (covering >> b) & 1)
    reasons.push(covering ? { code: 'intent.match', value: INTENTS[first]!, points: pts } : { code: 'intent.none', value: KINDS[kind]!, points: pts })
  }
  total += pts

  // Group: a graduate or 雨露计划 trainee on a post that fits the major.
  const major = s.major[i]!
  let fits = false
  if (major >= 0) for (let x = p.majors.start[j]!; x < p.majors.start[j + 1]!; x++) if (p.majors.items[x] === major) fits = true
  pts = fits ? w.group : 0
  reasons?.push(fits ? { code: 'group.majorFit', value: c.names.major.names[major]!, points: pts } : { code: 'group.none', points: 0 })
  total += pts

  // Priority: the seeker's standing, the same on every post (precomputed, capped).
  total += s.priorityPoints[i]!
  if (reasons) priorityReasons(c, i, reasons)
  return total
}

/** One reason per priority factor, in a fixed order, cut so that they add up to the capped points. */
function priorityReasons(c: Compiled, i: number, reasons: Reason[]) {
  const s = c.seekers
  const pp = c.cp.policy.priorityPoints
  const f = s.flags[i]!
  let left = s.priorityPoints[i]!
  const add = (code: string, points: number) => {
    const given = Math.min(points, left)
    left -= given
    reasons.push({ code, points: given })
  }
  if (f & F_ACTIVE_MONITORED) add('priority.monitored', pp.monitored)
  else if (s.category[i] === 0) add('priority.alleviated', pp.alleviated)
  if (f & F_INCOME_FELL) add('priority.incomeFell', pp.incomeFell)
  if (f & F_ZERO_EMPLOYMENT) add('priority.zeroEmployment', pp.zeroEmploymentHousehold)
  if (f & F_RECENT_RETURN) add('priority.recentReturn', pp.recentReturn)
}
