/**
 * The matching instance: seekers, posts with the headcount still open, and the year's policy.
 * Everything the engine decides comes from these three; the code holds no amounts or rules' numbers.
 */
import * as z from 'zod'
import { villageByCode } from '../geo.js'
import { Intensity, PostKind, Wage } from '../schemas/posts.js'
import { HouseholdCategory, Intent, LaborCapacity, MonitoredSubtype, SeekerGroup } from '../schemas/seekers.js'
import { bilingual } from '../validation.js'

const IsoDate = z.iso.date()
const Name = z.string().trim().min(1).max(40)
const Names = z.array(Name).max(50).default([])
const Lat = z.number().min(-90).max(90)
const Lng = z.number().min(-180).max(180)

/** Where someone or something is: coordinates, or a village code of the district (resolved by shared/geo). */
const located = <T extends { lat?: number | undefined; lng?: number | undefined; village?: string | undefined }>(v: T) =>
  (v.lat !== undefined && v.lng !== undefined) || (v.village !== undefined && villageByCode.has(v.village))
const locatedMessage = bilingual('需要经纬度或已知的村编码', 'Give lat/lng or a known village code')

export const MatchSeeker = z
  .object({
    id: z.string().min(1).max(64),
    /** One of the two: the birth date (age is taken at the instance's `asOf`) or the age itself. */
    birthDate: IsoDate.optional(),
    age: z.number().int().min(0).max(120).optional(),
    category: HouseholdCategory,
    monitoredSubtype: MonitoredSubtype.optional(),
    /** 风险消除: the household's monitoring was closed (on `riskEliminatedOn`, if known). */
    riskEliminated: z.boolean().optional(),
    riskEliminatedOn: IsoDate.optional(),
    laborCapacity: LaborCapacity,
    /** 就业困难人员: registered as hard to place. */
    hardToPlace: z.boolean().optional(),
    township: z.string().min(1).max(40),
    village: z.string().max(40).optional(),
    lat: Lat.optional(),
    lng: Lng.optional(),
    skills: Names,
    certificates: Names,
    /** Monthly, in fen. */
    expectedWageFen: z.number().int().nonnegative().max(100_000_000).optional(),
    maxCommuteKm: z.number().min(0).max(2000).optional(),
    /** Willing to go out with 有组织劳务输出 organised labor export. */
    willingToMigrate: z.boolean().optional(),
    intents: z.array(Intent).max(3).default(['employment']),
    groups: z.array(SeekerGroup).max(4).default([]),
    major: Name.optional(),
    incomeFell: z.boolean().optional(),
    /** 零就业家庭: nobody in the household works. */
    zeroEmploymentHousehold: z.boolean().optional(),
    /** 返乡回流: the date the person came back home. */
    returnedOn: IsoDate.optional(),
    currentPlacement: z.object({ kind: PostKind, fullTime: z.boolean() }).optional(),
  })
  .refine((s) => s.birthDate !== undefined || s.age !== undefined, { ...bilingual('需要出生日期或年龄', 'Give birthDate or age'), path: ['birthDate'] })
  .refine((s) => s.category !== 'monitored' || s.monitoredSubtype !== undefined, {
    ...bilingual('监测对象需选择类型', 'Choose the kind of monitored household'),
    path: ['monitoredSubtype'],
  })
  .refine(located, { ...locatedMessage, path: ['lat'] })
export type MatchSeeker = z.input<typeof MatchSeeker>
export type MatchSeekerParsed = z.output<typeof MatchSeeker>

export const MatchPost = z
  .object({
    id: z.string().min(1).max(64),
    kind: PostKind,
    township: z.string().min(1).max(40),
    village: z.string().max(40).optional(),
    lat: Lat.optional(),
    lng: Lng.optional(),
    /** Headcount still open for this run (headcount minus filled). */
    remaining: z.number().int().min(0).max(10_000),
    requiredCertificates: Names,
    preferredCertificates: Names,
    preferredSkills: Names,
    intensity: Intensity.default('medium'),
    ageMin: z.number().int().min(0).max(120).default(16),
    ageMax: z.number().int().min(0).max(120).default(60),
    wage: Wage,
    /** Majors that fit the post, for graduates and 雨露计划 trainees. */
    majors: Names,
  })
  .refine((p) => p.ageMin <= p.ageMax, { ...bilingual('年龄下限不能大于上限', 'Minimum age exceeds maximum age'), path: ['ageMin'] })
  .refine(located, { ...locatedMessage, path: ['lat'] })
export type MatchPost = z.input<typeof MatchPost>
export type MatchPostParsed = z.output<typeof MatchPost>

const Points = z.number().int().min(0).max(100)
const Share = z.number().min(0).max(1)

export const MatchWeights = z
  .object({
    skill: Points,
    certificate: Points,
    distance: Points,
    wage: Points,
    intent: Points,
    group: Points,
    /** The cap of the priority component; what counts toward it is in `priorityPoints`. */
    priority: Points,
  })
  .refine((w) => Object.values(w).reduce((a, b) => a + b, 0) <= 100, bilingual('各项权重之和不能超过 100', 'The weights must add up to at most 100'))
export type MatchWeights = z.infer<typeof MatchWeights>

export const MatchPolicy = z.object({
  year: z.number().int().min(2000).max(2100),
  weights: MatchWeights,
  /** Points toward the priority component (capped at `weights.priority`). */
  priorityPoints: z.object({
    monitored: Points,
    alleviated: Points,
    incomeFell: Points,
    zeroEmploymentHousehold: Points,
    recentReturn: Points,
  }),
  /** Who counts as a priority person: the optimal mode first maximises how many of them are placed. */
  priorityPerson: z.object({
    monitored: z.boolean(),
    alleviated: z.boolean(),
    incomeFell: z.boolean(),
    zeroEmploymentHousehold: z.boolean(),
  }),
  scoring: z.object({
    /** Full distance points up to this distance; none at the seeker's commute limit. */
    distanceFullKm: z.number().min(0).max(500),
    /** Share of the distance points for labor export (the worker moves; distance is not a commute). */
    laborExportDistanceShare: Share,
    /** Share of the skill or certificate points when the post states no preference. */
    noPreferenceShare: Share,
    /** Wage at or below this ratio of the expectation gets no wage points; at or above 1, all. */
    wageFloorRatio: z.number().min(0).max(0.99),
    workDaysPerMonth: z.number().min(1).max(31),
    /** The expectation used when the seeker states none (monthly, fen). */
    referenceMonthlyWageFen: z.number().int().positive(),
    /** Share of the wage points for piece-rate posts, whose monthly pay is unknown. */
    pieceRateShare: Share,
    /** A return home within this many days counts as recent. */
    recentReturnDays: z.number().int().min(0).max(3650),
  }),
  rules: z.object({
    workingAge: z.object({ min: z.number().int().min(0).max(120), max: z.number().int().min(0).max(120) }),
    publicWelfare: z.object({
      categories: z.array(HouseholdCategory),
      capacities: z.array(LaborCapacity),
      allowHardToPlace: z.boolean(),
      /** One public-welfare post per person at a time. */
      onePerPerson: z.boolean(),
    }),
    laborExport: z.object({
      capacities: z.array(LaborCapacity),
      requireWilling: z.boolean(),
      /** A public-welfare post holder may not work outside at the same time. */
      excludePublicWelfareHolders: z.boolean(),
      /** Seekers are recruited within this distance of the post's recruitment point. */
      radiusKm: z.number().min(0).max(2000),
    }),
    intensityByCapacity: z.object({
      full: z.array(Intensity),
      half: z.array(Intensity),
      weak: z.array(Intensity),
      none: z.array(Intensity),
    }),
    maxCommuteDefaultKm: z.number().min(0).max(2000),
    excludeFullTimePlaced: z.boolean(),
    /** A monitored household keeps its monitored standing this many days after the risk was eliminated. */
    riskEliminatedGraceDays: z.number().int().min(0).max(3650),
  }),
  /** Which post kinds each intent is about. */
  intentKinds: z.object({
    employment: z.array(PostKind),
    entrepreneurship: z.array(PostKind),
    industry: z.array(PostKind),
  }),
})
export type MatchPolicy = z.infer<typeof MatchPolicy>

export const MatchMode = z.enum(['optimal', 'stable'])
export type MatchMode = z.infer<typeof MatchMode>

export const MatchInstance = z
  .object({
    /** The day the run is for: ages, return recency and risk-elimination grace are taken on it. */
    asOf: IsoDate,
    policy: MatchPolicy,
    seekers: z.array(MatchSeeker).max(2_000_000),
    posts: z.array(MatchPost).max(500_000),
  })
  .superRefine((inst, ctx) => {
    for (const [list, name] of [
      [inst.seekers, 'seekers'],
      [inst.posts, 'posts'],
    ] as const) {
      const seen = new Set<string>()
      list.forEach((x, i) => {
        if (seen.has(x.id)) ctx.addIssue({ code: 'custom', path: [name, i, 'id'], message: `编号重复：${x.id}`, params: { en: `Duplicate id: ${x.id}` } })
        seen.add(x.id)
      })
    }
  })
export type MatchInstance = z.input<typeof MatchInstance>
export type MatchInstanceParsed = z.output<typeof MatchInstance>

/** One line of "why": a stable code, the value it is about, and the points it gave. */
export const ReasonValue = z.union([z.string(), z.number(), z.array(z.string())])
export type ReasonValue = z.infer<typeof ReasonValue>
export const Reason = z.object({ code: z.string(), value: ReasonValue.optional(), points: z.number().int() })
export type Reason = z.infer<typeof Reason>

/** A hard rule that failed: its code, the seeker's value and the post's limit where they help. */
export const EligibilityFailure = z.object({ code: z.string(), value: ReasonValue.optional(), limit: ReasonValue.optional() })
export type EligibilityFailure = z.infer<typeof EligibilityFailure>

export const MatchAssignment = z.object({
  seekerId: z.string(),
  postId: z.string().nullable(),
  score: z.number().int().nullable(),
  priority: z.boolean(),
  eligiblePosts: z.number().int(),
  /** The score's components when placed; why not (`unplaced.*`) when not. */
  reasons: z.array(Reason),
})
export type MatchAssignment = z.infer<typeof MatchAssignment>

export const MatchObjective = z.object({
  /** Lexicographic: first the priority people placed, then the people placed, then the total score. */
  priorityPlaced: z.number().int(),
  placed: z.number().int(),
  totalScore: z.number().int(),
  /**
   * priorityPlaced × bigM + placed × placementWeight + totalScore, the single number the optimal
   * mode maximises. Above 2^53 (about 10^17 at 100k placements) it is the nearest double: compare
   * the three counts, lexicographically, for an exact comparison.
   */
  weight: z.number().int(),
  /** The priority tier's weight A = K · placementWeight, K = min(seekers, open slots). */
  bigM: z.number().int(),
  /** The placement tier's weight B = 100 · K + 1. */
  placementWeight: z.number().int(),
})
export type MatchObjective = z.infer<typeof MatchObjective>

export const MatchResult = z.object({
  mode: MatchMode,
  asOf: z.string(),
  policyYear: z.number().int(),
  objective: MatchObjective,
  totals: z.object({
    seekers: z.number().int(),
    posts: z.number().int(),
    slots: z.number().int(),
    eligiblePairs: z.number().int(),
    priorityPeople: z.number().int(),
    placed: z.number().int(),
    priorityPlaced: z.number().int(),
    noEligiblePost: z.number().int(),
    placedByKind: z.record(z.string(), z.number().int()),
  }),
  assignments: z.array(MatchAssignment),
  posts: z.array(z.object({ postId: z.string(), assigned: z.number().int(), remaining: z.number().int() })),
})
export type MatchResult = z.infer<typeof MatchResult>

/**
 * A plausible policy for tests, the benchmark and generated instances only: the real one is the
 * bureau's data for the year.
 */
export function defaultPolicy(year: number): MatchPolicy {
  return {
    year,
    weights: { skill: 25, certificate: 10, distance: 20, wage: 15, intent: 10, group: 10, priority: 10 },
    priorityPoints: { monitored: 10, alleviated: 5, incomeFell: 3, zeroEmploymentHousehold: 3, recentReturn: 2 },
    priorityPerson: { monitored: true, alleviated: false, incomeFell: true, zeroEmploymentHousehold: true },
    scoring: {
      distanceFullKm: 3,
      laborExportDistanceShare: 0.5,
      noPreferenceShare: 0.5,
      wageFloorRatio: 0.6,
      workDaysPerMonth: 22,
      referenceMonthlyWageFen: 220_000,
      pieceRateShare: 0.5,
      recentReturnDays: 365,
    },
    rules: {
      workingAge: { min: 16, max: 65 },
      publicWelfare: { categories: ['alleviated', 'monitored'], capacities: ['half', 'weak'], allowHardToPlace: true, onePerPerson: true },
      laborExport: { capacities: ['full'], requireWilling: true, excludePublicWelfareHolders: true, radiusKm: 60 },
      intensityByCapacity: { full: ['light', 'medium', 'heavy'], half: ['light', 'medium'], weak: ['light'], none: [] },
      maxCommuteDefaultKm: 15,
      excludeFullTimePlaced: true,
      riskEliminatedGraceDays: 0,
    },
    intentKinds: {
      employment: ['workshop', 'publicWelfare', 'enterprise', 'laborExport'],
      entrepreneurship: [],
      industry: ['workshop'],
    },
  }
}
