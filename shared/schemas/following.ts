/**
 * 返乡回流 returnees and 毕业生 graduates (一人一档、一人一策): one record per person beside the
 * seeker file (the file stays the person), each with its plan of services and a log of them.
 * What is due when is decided by shared/following/*.ts (pure).
 */
import * as z from 'zod'
import { bilingual } from '../validation.js'
import { Fen, Id, IsoDate, PageQuery, TownshipCode } from './common.js'
import { Text } from './text.js'

/** What a person logs about a service: delivered (done), under way, declined by the person, or failed. */
export const ServiceOutcome = z.enum(['done', 'pending', 'declined', 'failed'])
export type ServiceOutcome = z.infer<typeof ServiceOutcome>

/** How many of a kind of service were logged, how many reached the person (done or declined), and when. */
export const ServiceTally = z.object({ count: z.number().int(), delivered: z.number().int(), lastOn: z.string(), firstDeliveredOn: z.string().optional() })
export type ServiceTally = z.infer<typeof ServiceTally>

// ---------------------------------------------------------------- returnees 返乡回流

/** 就业 a job, 创业 a business, 产业 farming or another local industry, or not decided yet. */
export const ReturneeIntent = z.enum(['employment', 'entrepreneurship', 'industry', 'undecided'])
export type ReturneeIntent = z.infer<typeof ReturneeIntent>
/** Followed now; settled (placed, business running, linked to industry support); closed (moved away, no longer followed). */
export const ReturneeStatus = z.enum(['following', 'settled', 'closed'])
export type ReturneeStatus = z.infer<typeof ReturneeStatus>
/** Why they came back: lost the job, family, health, low wages, the epidemic, to start a business, other. */
export const ReturnReason = z.enum(['jobLoss', 'family', 'health', 'lowWages', 'epidemic', 'startBusiness', 'other'])

/**
 * Services by intent. Employment: 岗位推荐 jobOffer, 邀约 invitation, 已就业 placed (names a placement).
 * Entrepreneurship: 创业咨询 consult, 项目策划 projectPlan, 手续办理 registration, 创业担保贷款 loan,
 * 一次性创业补贴 startupSubsidy, 创业培训 startupTraining. Industry: 产业帮扶对接 industrySupport.
 * Any intent: 走访 visit, other.
 */
export const ReturneeServiceKind = z.enum(['jobOffer', 'invitation', 'placed', 'consult', 'projectPlan', 'registration', 'loan', 'startupSubsidy', 'startupTraining', 'industrySupport', 'visit', 'other'])
export type ReturneeServiceKind = z.infer<typeof ReturneeServiceKind>

/** 营业执照 the business a returnee registered: 个体工商户 individual or 小微企业 firm; the start-up subsidy reads it. */
export const Business = z.object({
  name: Text(60, { min: 2 }),
  form: z.enum(['individual', 'firm']),
  registeredOn: IsoDate,
  /** 首次创业: no business registered before this one. */
  firstBusiness: z.boolean(),
  employees: z.number().int().min(0).max(10_000),
  trade: Text(40).optional(),
})
export type Business = z.infer<typeof Business>

const returneeFields = {
  /** Defaults to the seeker file's 返乡 section. */
  returnDate: IsoDate.optional(),
  /** Where they worked (city, province) and in what trade. */
  workedIn: Text(60, { min: 1 }).optional(),
  previousTrade: Text(60, { min: 1 }).optional(),
  reason: ReturnReason,
  reasonNote: Text(200).optional(),
  intent: ReturneeIntent.optional(),
  /** 责任干部 the responsible official, by name; an officer account too when they have one. */
  responsible: Text(20, { min: 2 }),
  responsibleUserId: Id.optional(),
  wantsLoan: z.boolean().optional(),
  /** 产业帮扶 the industry-support contact (a cooperative, a technician, the agriculture office). */
  industryContact: Text(60).optional(),
  business: Business.optional(),
}
export const ReturneeInput = z.object({ seekerId: Id, ...returneeFields })
export type ReturneeInput = z.infer<typeof ReturneeInput>

export const ReturneePatch = z
  .object({
    ...returneeFields,
    reason: ReturnReason.optional(),
    responsible: Text(20, { min: 2 }).optional(),
    status: ReturneeStatus.optional(),
    closeReason: Text(200).optional(),
  })
  .refine((p) => p.status !== 'closed' || p.closeReason, { ...bilingual('结束跟踪需填写原因', 'Give the reason for closing'), path: ['closeReason'] })
export type ReturneePatch = z.infer<typeof ReturneePatch>

export const Returnee = z.object({
  seekerId: z.string(),
  seekerName: z.string(),
  idNumberMasked: z.string(),
  township: z.string(),
  village: z.string(),
  returnDate: z.string(),
  workedIn: z.string(),
  previousTrade: z.string(),
  reason: ReturnReason,
  reasonNote: z.string().optional(),
  intent: ReturneeIntent,
  /** The day the current intent was recorded: its plan's due dates count from it. */
  intentSince: z.string(),
  status: ReturneeStatus,
  closeReason: z.string().optional(),
  responsible: z.string(),
  responsibleUserId: z.string().optional(),
  wantsLoan: z.boolean(),
  industryContact: z.string().optional(),
  business: Business.optional(),
  /** 创业担保贷款 as granted (logged as a `loan` service with its amount and years). */
  loan: z.object({ amountFen: z.number().int(), years: z.number().int(), on: z.string() }).optional(),
  placementId: z.string().optional(),
  placedOn: z.string().optional(),
  services: z.partialRecord(ReturneeServiceKind, ServiceTally),
  openedOn: z.string(),
  /** The earliest due day of what is still owed (shared/following/returnees.ts); absent when nothing is. */
  nextDueOn: z.string().optional(),
  version: z.number().int(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
})
export type Returnee = z.infer<typeof Returnee>

export const ReturneeQuery = PageQuery.extend({
  township: TownshipCode.optional(),
  intent: ReturneeIntent.optional(),
  status: ReturneeStatus.optional(),
  /** Only records with something due on or before this day (most urgent first). */
  dueBy: IsoDate.optional(),
})
export type ReturneeQuery = z.infer<typeof ReturneeQuery>

// ---------------------------------------------------------------- graduates 毕业生

/** 脱贫家庭/监测户高校毕业生 a college graduate of an alleviated or monitored household, or a 雨露计划 graduate (雨露计划+). */
export const GraduateSource = z.enum(['household', 'yulu'])
export const GraduateStatus = z.enum(['employed', 'seeking', 'furtherStudy', 'noIntent'])
export type GraduateStatus = z.infer<typeof GraduateStatus>
export const GraduateIntent = z.enum(['employment', 'entrepreneurship', 'furtherStudy', 'undecided'])
export const Degree = z.enum(['vocational', 'college', 'bachelor', 'master'])
/** 岗位推荐 job offers (3–5), 就业指导 a guidance session, 技能培训 training, 就业见习 an internship. */
export const GraduatePlanKind = z.enum(['jobOffer', 'guidance', 'training', 'internship'])
export type GraduatePlanKind = z.infer<typeof GraduatePlanKind>
export const GraduateServiceKind = z.enum(['jobOffer', 'guidance', 'training', 'internship', 'other'])
export type GraduateServiceKind = z.infer<typeof GraduateServiceKind>

export const PlanItem = z.object({ kind: GraduatePlanKind, dueOn: IsoDate })
export type PlanItem = z.infer<typeof PlanItem>

const graduateFields = {
  /** Default from the seeker file's 毕业生 or 雨露计划 section. */
  school: Text(60, { min: 2 }).optional(),
  major: Text(60, { min: 2 }).optional(),
  graduationYear: z.number().int().min(1990).max(2100).optional(),
  /** The day of graduating (default 1 July of the year): the 6-month goal counts from it. */
  graduatedOn: IsoDate.optional(),
  degree: Degree,
  intent: GraduateIntent,
  status: GraduateStatus,
  wantsTraining: z.boolean().optional(),
  wantsInternship: z.boolean().optional(),
  /** 需求 what they need, in their words. */
  needs: Text(200).optional(),
  responsible: Text(20, { min: 2 }),
  responsibleUserId: Id.optional(),
}
export const GraduateInput = z.object({ seekerId: Id, source: GraduateSource, ...graduateFields })
export type GraduateInput = z.infer<typeof GraduateInput>

export const GraduatePatch = z.object({
  intent: GraduateIntent.optional(),
  status: GraduateStatus.optional(),
  wantsTraining: z.boolean().optional(),
  wantsInternship: z.boolean().optional(),
  needs: Text(200).optional(),
  responsible: Text(20, { min: 2 }).optional(),
  responsibleUserId: Id.optional(),
  /** The whole plan, replaced: at least 3 job offers and 1 guidance session; training and an internship where wanted. */
  plan: z.array(PlanItem).min(1).max(12).optional(),
  /** 去向 what became of them (where they work, which school), with a status change. */
  outcomeNote: Text(200).optional(),
})
export type GraduatePatch = z.infer<typeof GraduatePatch>

export const Graduate = z.object({
  seekerId: z.string(),
  seekerName: z.string(),
  idNumberMasked: z.string(),
  township: z.string(),
  village: z.string(),
  source: GraduateSource,
  school: z.string(),
  major: z.string(),
  graduationYear: z.number().int(),
  graduatedOn: z.string(),
  degree: Degree,
  intent: GraduateIntent,
  status: GraduateStatus,
  /** The day the status was last set (the outcome's day when employed or in further study). */
  statusSince: z.string(),
  outcomeNote: z.string().optional(),
  wantsTraining: z.boolean(),
  wantsInternship: z.boolean(),
  needs: z.string().optional(),
  responsible: z.string(),
  responsibleUserId: z.string().optional(),
  plan: z.array(PlanItem),
  /** 6 months after graduating: work or a clear next step by then. */
  goalBy: z.string(),
  services: z.partialRecord(GraduateServiceKind, ServiceTally),
  openedOn: z.string(),
  nextDueOn: z.string().optional(),
  version: z.number().int(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
})
export type Graduate = z.infer<typeof Graduate>

export const GraduateQuery = PageQuery.extend({
  township: TownshipCode.optional(),
  status: GraduateStatus.optional(),
  graduationYear: z.coerce.number().int().min(1990).max(2100).optional(),
  dueBy: IsoDate.optional(),
})
export type GraduateQuery = z.infer<typeof GraduateQuery>

// ---------------------------------------------------------------- the service log

/** One service as logged: the day, what was done, its outcome; a job offer may name the post, `placed` the placement, a loan its amount and years. */
export const ServiceFields = {
  on: IsoDate,
  /** What was done (服务内容). */
  note: Text(200, { min: 1 }),
  outcome: ServiceOutcome,
  outcomeNote: Text(200).optional(),
  postId: Id.optional(),
  placementId: Id.optional(),
  amountFen: Fen.optional(),
  years: z.number().int().min(1).max(10).optional(),
}
export const ReturneeServiceInput = z.object({ kind: ReturneeServiceKind, ...ServiceFields })
export type ReturneeServiceInput = z.infer<typeof ReturneeServiceInput>
export const GraduateServiceInput = z.object({ kind: GraduateServiceKind, ...ServiceFields })
export type GraduateServiceInput = z.infer<typeof GraduateServiceInput>

export const ServiceEntry = z.object({
  id: z.string(),
  subject: z.enum(['returnee', 'graduate']),
  seekerId: z.string(),
  kind: z.string(),
  on: z.string(),
  note: z.string(),
  outcome: ServiceOutcome,
  outcomeNote: z.string().optional(),
  postId: z.string().optional(),
  placementId: z.string().optional(),
  amountFen: z.number().int().optional(),
  years: z.number().int().optional(),
  byUserId: z.string(),
  byRole: z.string(),
  createdAt: z.string(),
})
export type ServiceEntry = z.infer<typeof ServiceEntry>

/** One thing owed on a record: its kind (a job offer's number `seq`), its due day, whether it is done, and whether it is late today. */
export const DueItem = z.object({ kind: z.string(), seq: z.number().int().optional(), dueOn: z.string(), done: z.boolean(), doneOn: z.string().optional(), overdue: z.boolean() })
export type DueItem = z.infer<typeof DueItem>
