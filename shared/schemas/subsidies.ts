import * as z from 'zod'
import { bilingual } from '../validation.js'
import { Fen, IsoDate, PageQuery, TownshipCode } from './common.js'
import { MatchPolicy } from '../matching/types.js'
import { MultilineText, Text } from './text.js'

/** 职业资格证书 / 职业技能等级证书 / 专项职业能力证书 / 特种作业操作证 */
export const CertificateKind = z.enum(['occupationalQualification', 'skillLevel', 'specialAbility', 'specialOperations'])
export type CertificateKind = z.infer<typeof CertificateKind>

/** Skill levels run 5 (初级工) to 1 (高级技师). */
export const SkillLevel = z.number().int().min(1).max(5)

export const CertificateInput = z
  .object({
    /** Officers name the seeker; a seeker's own certificate needs none. */
    seekerId: z.string().max(40).optional(),
    kind: CertificateKind,
    level: SkillLevel.optional(),
    occupation: Text(40, { min: 2 }),
    number: Text(40, { min: 4 }),
    issuer: Text(80, { min: 2 }),
    issueDate: IsoDate,
  })
  .refine((c) => c.kind !== 'skillLevel' || c.level !== undefined, { ...bilingual('技能等级证书需填写等级', 'A skill-level certificate needs its level'), path: ['level'] })
export type CertificateInput = z.infer<typeof CertificateInput>

export const VerifyInput = z.object({
  /** How it was checked, e.g. on the national lookup 全国职业资格证书查询. */
  method: z.enum(['nationalLookup', 'paperOriginal', 'issuerConfirmation']),
  note: MultilineText(200).optional(),
})

export const Certificate = z.object({
  id: z.string(),
  seekerId: z.string(),
  seekerName: z.string(),
  township: z.string(),
  kind: CertificateKind,
  level: z.number().int().optional(),
  occupation: z.string(),
  number: z.string(),
  issuer: z.string(),
  issueDate: z.string(),
  enteredBy: z.string(),
  createdAt: z.string(),
  verifiedBy: z.string().optional(),
  verifiedAt: z.string().optional(),
  verifyMethod: z.string().optional(),
  /** What the verifying officer noted (e.g. the lookup's reference). */
  verifyNote: z.string().optional(),
  /** The year this certificate counted toward the certification target, if it was the person's first that year. */
  countedForYear: z.number().int().optional(),
})
export type Certificate = z.infer<typeof Certificate>

export const TrainingInput = z.object({
  seekerId: z.string().max(40),
  course: Text(60, { min: 2 }),
  provider: Text(80, { min: 2 }),
  startDate: IsoDate,
  endDate: IsoDate,
  hours: z.number().int().min(1).max(2000),
  result: z.enum(['ongoing', 'passed', 'failed']),
  certificateId: z.string().max(40).optional(),
})
export type TrainingInput = z.infer<typeof TrainingInput>
// seekerName and idNumberMasked: stored since the township's training ledger; older records lack them.
export const Training = TrainingInput.extend({ id: z.string(), township: z.string(), seekerName: z.string().optional(), idNumberMasked: z.string().optional(), createdBy: z.string(), createdAt: z.string() })
export type Training = z.infer<typeof Training>
/** A township's trainings (培训台账), a page at a time; a township officer's own township is implied. */
export const TrainingQuery = PageQuery.extend({ township: TownshipCode.optional() })

/** 雨露计划 terms: `2026-autumn`, `2027-spring`. */
export const Term = z.string().refine((v) => /^\d{4}-(spring|autumn)$/.test(v), bilingual('学期格式如 2026-autumn', 'A term looks like 2026-autumn'))
export const YuluStatus = z.enum(['enrolled', 'suspended', 'withdrawn', 'graduated'])
export const YuluInput = z.object({
  seekerId: z.string().max(40),
  term: Term,
  school: Text(60, { min: 2 }),
  major: Text(60, { min: 2 }),
  grade: z.number().int().min(1).max(6),
  status: YuluStatus,
})
export type YuluInput = z.infer<typeof YuluInput>
export const YuluRecord = YuluInput.extend({ seekerName: z.string().optional(), township: z.string(), updatedBy: z.string(), updatedAt: z.string() })
export type YuluRecord = z.infer<typeof YuluRecord>

/** 交通补贴, 劳务补助, 技能培训补贴, 公益岗位补助, 一次性创业补贴, 帮扶车间奖补, 雨露计划 */
export const SubsidyKind = z.enum(['transport', 'labor', 'training', 'publicWelfare', 'startup', 'workshopReward', 'yulu'])
export type SubsidyKind = z.infer<typeof SubsidyKind>

export const Destination = z.enum(['inCounty', 'outOfCountyInCity', 'outOfCityInProvince', 'outOfProvince'])

/**
 * A district's subsidy standards and targets for one year: data with effective dates, edited by
 * admins (each save is a new version). The code holds no amount.
 */
export const PolicyBody = z.object({
  noticeDays: z.number().int().min(1).max(30),
  transport: z.object({
    amountFenByDestination: z.object({ inCounty: Fen, outOfCountyInCity: Fen, outOfCityInProvince: Fen, outOfProvince: Fen }),
    minMonthsWorked: z.number().int().min(0).max(12),
  }),
  labor: z.object({ amountFen: Fen, minMonthsWorked: z.number().int().min(0).max(12) }),
  training: z.object({ amountFenBySkillLevel: z.object({ 1: Fen, 2: Fen, 3: Fen, 4: Fen, 5: Fen }), otherCertificateFen: Fen }),
  publicWelfare: z.object({ monthlyFen: Fen }),
  /**
   * 最低工资标准 the province's minimum monthly wage by area grade (Henan 2022: 1 = 2,100, 2 = 1,900,
   * 3 = 1,700 yuan) and the grade of this district: workshop, enterprise and labor-export posts pay
   * at least that (shared/wage-rules.ts). Optional only so versions saved before it still read.
   */
  minimumWage: z.object({ monthlyFenByGrade: z.object({ 1: Fen, 2: Fen, 3: Fen }), grade: z.number().int().min(1).max(3) }).optional(),
  startup: z.object({ amountFen: Fen, minHires: z.number().int().min(0), minMonthsOperating: z.number().int().min(0) }),
  /**
   * 创业担保贷款 the guaranteed start-up loan's ceiling for an individual and its longest term
   * (Henan: ¥200,000, 3 years). Optional only so versions saved before it still read.
   */
  startupLoan: z.object({ maxFen: Fen, maxYears: z.number().int().min(1).max(10) }).optional(),
  workshopReward: z.object({ perPersonFen: Fen, minMonthsKept: z.number().int().min(1).max(12) }),
  yulu: z.object({ perTermFen: Fen }),
  /** Matching weights and rules for the year (issue #4): officers tune them like any standard. */
  matching: MatchPolicy.optional(),
  targets: z.object({
    employed: z.number().int().nonnegative(),
    certified: z.number().int().nonnegative(),
    lastYearWorkshopEmployed: z.number().int().nonnegative(),
    lastYearPublicWelfareEmployed: z.number().int().nonnegative(),
  }),
})
export type PolicyBody = z.infer<typeof PolicyBody>

export const PolicyInput = PolicyBody.extend({ effectiveFrom: IsoDate, note: Text(200).optional() })
export type PolicyInput = z.infer<typeof PolicyInput>

export const Policy = PolicyInput.extend({ district: z.string(), year: z.number().int(), version: z.number().int(), editedBy: z.string(), editedAt: z.string() })
export type Policy = z.infer<typeof Policy>

/** Periods: a year `2026`, a month `2026-03`, or a term `2026-autumn`, depending on the kind. */
export const Period = z.string().refine((v) => /^\d{4}(-(0[1-9]|1[0-2]|spring|autumn))?$/.test(v), bilingual('期间格式如 2026、2026-03 或 2026-autumn', 'A period looks like 2026, 2026-03 or 2026-autumn'))

export const ClaimStatus = z.enum(['draft', 'submitted', 'approved', 'rejected', 'noticed', 'paid', 'reversed'])
export type ClaimStatus = z.infer<typeof ClaimStatus>

export const ClaimInput = z
  .object({
    seekerId: z.string().max(40).optional(),
    workshopId: z.string().max(40).optional(),
    kind: SubsidyKind,
    period: Period,
    /** Only lower than the standard (e.g. part of a month); never above it. */
    amountFen: Fen.optional(),
  })
  .refine((c) => Boolean(c.seekerId) !== Boolean(c.workshopId), bilingual('请指定求职者或车间之一', 'Name either a seeker or a workshop'))
  .refine((c) => (c.kind === 'workshopReward') === Boolean(c.workshopId), { ...bilingual('帮扶车间奖补由车间申领，其他补贴由个人申领', 'Workshop rewards are claimed by workshops, other subsidies by people'), path: ['kind'] })
export type ClaimInput = z.infer<typeof ClaimInput>

export interface RuleResult {
  code: string
  pass: boolean
  message: string
  messageEn: string
}

export const Claim = z.object({
  id: z.string(),
  kind: SubsidyKind,
  period: z.string(),
  year: z.number().int(),
  subjectType: z.enum(['seeker', 'workshop']),
  subjectId: z.string(),
  subjectName: z.string(),
  idNumberMasked: z.string().optional(),
  township: z.string(),
  amountFen: z.number().int(),
  status: ClaimStatus,
  makerId: z.string(),
  checkerId: z.string().optional(),
  rejectReason: z.string().optional(),
  batchId: z.string().optional(),
  noticeUntil: z.string().optional(),
  /** The last day of its batch's public notice (district day), as the batch shows it. */
  noticeLastDay: z.string().optional(),
  paidAt: z.string().optional(),
  reversalOf: z.string().optional(),
  reversedBy: z.string().optional(),
  rules: z.array(z.object({ code: z.string(), pass: z.boolean(), message: z.string(), messageEn: z.string() })),
  policyVersion: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
})
export type Claim = z.infer<typeof Claim>

export const RejectClaimInput = z.object({ reason: MultilineText(200, { min: 2 }) })
export const ReverseClaimInput = z.object({ reason: MultilineText(200, { min: 2 }) })
/** At most 99 claims: a batch is created in one transaction (100 items, the batch itself included). */
/** One batch is one transaction: its claims, the batch and its audit event fit DynamoDB's 100 items. */
export const BatchInput = z.object({ claimIds: z.array(z.string().max(40)).min(1).max(98) })

export const PaymentBatch = z.object({
  id: z.string(),
  year: z.number().int(),
  claimIds: z.array(z.string()),
  /** The townships of its claims: who may see and pay the batch follows from them. */
  townships: z.array(z.string()).optional(),
  totalFen: z.number().int(),
  count: z.number().int(),
  status: z.enum(['notice', 'paid']),
  noticeFrom: z.string(),
  /** The instant the notice is over (the end of its last day, Beijing): payment is allowed from here. */
  noticeUntil: z.string(),
  /** The notice's first and last district days (shared/dates.ts `noticePeriod`), shown everywhere alike. */
  noticeFromDay: z.string().optional(),
  noticeLastDay: z.string().optional(),
  createdBy: z.string(),
  createdAt: z.string(),
  paidAt: z.string().optional(),
  paidBy: z.string().optional(),
})
export type PaymentBatch = z.infer<typeof PaymentBatch>

export const LedgerQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  kind: SubsidyKind.optional(),
  township: TownshipCode.optional(),
  status: ClaimStatus.optional(),
  /** Only claims someone else made (待复核 for me: a checker never checks their own). */
  notMine: z.enum(['true']).optional(),
})
export type LedgerQuery = z.infer<typeof LedgerQuery>
/** The ledger's rows a page at a time, under the same filters. */
export const LedgerPageQuery = PageQuery.extend(LedgerQuery.shape)
export type LedgerPageQuery = z.infer<typeof LedgerPageQuery>

/** Which people (or workshops) a township has for one kind and period. */
export const EligibilityFilter = z.object({
  kind: SubsidyKind,
  period: Period,
  township: TownshipCode.optional(),
})
export type EligibilityFilter = z.infer<typeof EligibilityFilter>

/**
 * The eligibility list: those who qualify by default; `all=true` (显示全部 / Show everyone) lists
 * everyone, each with the rules they fail.
 */
export const EligibilityQuery = PageQuery.extend({
  ...EligibilityFilter.shape,
  all: z.enum(['true', 'false']).optional(),
})
export type EligibilityQuery = z.infer<typeof EligibilityQuery>

/** The township's figures for one kind and period (not a page's): how many qualify, of how many, and their standard amounts. */
export const EligibilityTotals = z.object({ eligible: z.number().int(), everyone: z.number().int(), eligibleFen: z.number().int() })
export type EligibilityTotals = z.infer<typeof EligibilityTotals>

/** A person's or user's name and role beside their id (王主任（就业专员）). */
export const PersonRef = z.object({ id: z.string(), name: z.string(), role: z.string() })
export type PersonRef = z.infer<typeof PersonRef>

/**
 * What a claim rests on, as a checker reads it before approving: the placements it counts, the
 * certificate and training, the Yulu term, or the workshop's kept workers. Read from the records
 * now on file (the decision's own reasons are the claim's `rules`).
 */
export const ClaimFacts = z.object({
  placements: z.array(z.object({ id: z.string(), title: z.string(), employer: z.string().optional(), kind: z.string(), destination: z.string().optional(), startDate: z.string(), endDate: z.string().optional() })),
  certificates: z.array(z.object({ id: z.string(), kind: CertificateKind, level: z.number().int().optional(), occupation: z.string(), issuer: z.string(), issueDate: z.string(), verifiedAt: z.string().optional(), verifier: PersonRef.optional() })),
  trainings: z.array(z.object({ id: z.string(), course: z.string(), provider: z.string(), startDate: z.string(), endDate: z.string(), result: z.string() })),
  yulu: z.array(z.object({ term: z.string(), termWords: z.string(), termWordsEn: z.string(), termStart: z.string(), school: z.string(), major: z.string(), grade: z.number().int(), status: YuluStatus })),
  /** A workshop reward: how many alleviated or monitored workers its placements count. */
  workshopWorkers: z.number().int().optional(),
  /** A start-up subsidy: the business on the returnee record. */
  business: z.object({ name: z.string(), form: z.string(), registeredOn: z.string(), firstBusiness: z.boolean(), employees: z.number().int() }).optional(),
})
export type ClaimFacts = z.infer<typeof ClaimFacts>

/** A claim as lists show it: the maker's and checker's names and roles beside their ids. */
export const ClaimRow = Claim.extend({ maker: PersonRef.optional(), checker: PersonRef.optional() })
export type ClaimRow = z.infer<typeof ClaimRow>
/** A claim's detail: its row and the facts it rests on. */
export const ClaimDetail = ClaimRow.extend({ facts: ClaimFacts })
export type ClaimDetail = z.infer<typeof ClaimDetail>
/** A certificate as lists show it: who verified it, by name and role. */
export const CertificateRow = Certificate.extend({ verifier: PersonRef.optional() })
export type CertificateRow = z.infer<typeof CertificateRow>

/** Batches on public notice by when it ends: `ready` (ended: to pay) or `ending` (ends within 7 days); a township's own batches when named. */
export const BatchNoticeQuery = PageQuery.extend({ state: z.enum(['ready', 'ending']), township: TownshipCode.optional() })
export type BatchNoticeQuery = z.infer<typeof BatchNoticeQuery>
