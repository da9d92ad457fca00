/**
 * Following people over time (issue 13): households and their 帮扶责任人 helper, 防止返贫动态监测
 * monitoring cases, checks after placement, and the due list every clock feeds.
 */
import * as z from 'zod'
import { CASE_STEPS } from '../following/case-rules.js'
import { CHECK_MONTHS } from '../following/placement-checks.js'
import { bilingual } from '../validation.js'
import { Id, IsoDate, PageQuery, Phone, TownshipCode, VillageCode } from './common.js'
import { MultilineText, Text } from './text.js'
import { HouseholdCategory, MonitoredSubtype } from './seekers.js'

/**
 * 户编号 a household's number, as the national monitoring system gives it: the same text as the
 * seekers' `householdId`, which links members to it.
 */
export const HouseholdNo = z.string().regex(/^[0-9A-Za-z_-]{1,40}$/, bilingual('户编号只能包含字母、数字、- 和 _，最多 40 位', 'A household number has up to 40 letters, digits, - or _'))
export const HouseholdParam = z.object({ id: HouseholdNo })

export const NewHousehold = z
  .object({ id: HouseholdNo, township: TownshipCode, village: VillageCode, headName: Text(20, { min: 2 }) })
  .refine((h) => h.village.startsWith(`${h.township}-`), { ...bilingual('村不属于所选乡镇', 'The village is not in the chosen township'), path: ['village'] })
export type NewHousehold = z.infer<typeof NewHousehold>

/** 帮扶责任人: an officer's account, or a named official (a cadre without an account) with a phone. */
export const HelperInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('officer'), userId: Id }),
  z.object({ kind: z.literal('official'), name: Text(20, { min: 2 }), phone: Phone }),
])
export type HelperInput = z.infer<typeof HelperInput>
/** A helper as shown: the phone masked only. */
export const HelperView = z.object({ id: z.string(), kind: z.enum(['officer', 'official']), name: z.string(), phoneMasked: z.string().optional() })
export type HelperView = z.infer<typeof HelperView>

export const Household = z.object({
  id: z.string(),
  township: z.string(),
  village: z.string(),
  headName: z.string(),
  helper: HelperView.optional(),
  riskEliminatedOn: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
})
export type Household = z.infer<typeof Household>
/**
 * A household as the list shows it: with its member count (the files naming it in its township)
 * and 户类型 from those files — none while it has no members; `categoryMixed` when they disagree.
 */
export const HouseholdListItem = Household.extend({
  memberCount: z.number().int().nonnegative(),
  category: HouseholdCategory.optional(),
  monitoredSubtype: MonitoredSubtype.optional(),
  categoryMixed: z.boolean().optional(),
})
export type HouseholdListItem = z.infer<typeof HouseholdListItem>
export const HouseholdMember = z.object({ id: z.string(), name: z.string(), village: z.string(), category: z.string(), riskEliminatedOn: z.string().optional() })
export const HouseholdDetail = Household.extend({ members: z.array(HouseholdMember) })
export const HouseholdQuery = PageQuery.extend({ township: TownshipCode.optional(), helper: z.string().max(80).optional() })

/** Where a risk surfaced: the household applied, cadres found it on a visit, or another department's data flagged it. */
export const RiskSource = z.enum(['application', 'cadreVisit', 'departmentData'])
/** 因病, 因学, 因灾, 因意外事故, 务工收入骤减, 其他. */
export const RiskType = z.enum(['illness', 'schooling', 'disaster', 'accident', 'incomeDrop', 'other'])
export const CaseStep = z.enum(CASE_STEPS)
export const CaseStatus = z.enum(['open', 'approved', 'planned', 'closed'])
/** The employment measures Wengang knows, and others. */
export const MeasureKind = z.enum(['post', 'training', 'publicWelfarePost', 'subsidy', 'laborExport', 'other'])

export const NewCase = z.object({ householdId: HouseholdNo, source: RiskSource, riskType: RiskType, signalOn: IsoDate, note: MultilineText(500).default('') })
export type NewCase = z.infer<typeof NewCase>
export const StepInput = z.object({ step: CaseStep, on: IsoDate, note: MultilineText(500).default('') })
export const PlanInput = z.object({ on: IsoDate, measures: z.array(z.object({ kind: MeasureKind, description: Text(200, { min: 2 }) })).min(1).max(10) })
export const MeasureDoneInput = z.object({ index: z.number().int().min(0).max(9), on: IsoDate, note: MultilineText(500).default('') })
export const CloseInput = z.object({ on: IsoDate, note: MultilineText(500).default('') })
export const CaseQuery = PageQuery.extend({ township: TownshipCode.optional(), status: CaseStatus.optional() })

const Clock = z.object({ kind: z.string(), from: z.string(), dueOn: z.string(), used: z.number().int(), allowed: z.number().int(), colour: z.enum(['green', 'amber', 'red']), metOn: z.string().optional() })
export const MonitoringCase = z.object({
  id: z.string(),
  householdId: z.string(),
  headName: z.string(),
  township: z.string(),
  village: z.string(),
  helperId: z.string().optional(),
  source: RiskSource,
  riskType: RiskType,
  signalOn: z.string(),
  note: z.string(),
  status: CaseStatus,
  steps: z.array(z.object({ step: CaseStep, on: z.string(), by: z.string(), at: z.string(), note: z.string() })),
  plannedOn: z.string().optional(),
  measures: z.array(z.object({ kind: MeasureKind, description: z.string(), status: z.enum(['planned', 'done']), doneOn: z.string().optional(), note: z.string().optional() })),
  closedOn: z.string().optional(),
  openedBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
})
export type MonitoringCase = z.infer<typeof MonitoringCase>
export const CaseDetail = MonitoringCase.extend({ clocks: z.array(Clock) })

/** 回访 a follow-up call after a placement: still working, left (when and why), or not reachable. */
export const CheckInput = z
  .object({
    month: z.union(CHECK_MONTHS.map((m) => z.literal(m)) as [z.ZodLiteral<1>, z.ZodLiteral<3>, z.ZodLiteral<6>]),
    outcome: z.enum(['working', 'left', 'unreachable']),
    on: IsoDate,
    leftOn: IsoDate.optional(),
    reason: MultilineText(200).optional(),
    note: MultilineText(500).default(''),
  })
  .refine((c) => c.outcome !== 'left' || c.leftOn, { ...bilingual('请填写离岗日期', 'Give the day they left'), path: ['leftOn'] })
  .refine((c) => c.outcome !== 'left' || (c.reason && c.reason.length >= 2), { ...bilingual('请填写离岗原因', 'Give the reason they left'), path: ['reason'] })
export type CheckInput = z.infer<typeof CheckInput>

/**
 * One thing due, whatever clock made it: `kind` (case.visit, case.approval, case.plan,
 * placement.check1/3/6, returnee.*, graduate.*), the subject it is about, where, whose.
 */
export const DueItem = z.object({
  kind: z.string(),
  subjectType: z.string(),
  subjectId: z.string(),
  township: z.string(),
  helperId: z.string().optional(),
  /** What the list shows: a household head's or a person's name, a post title. */
  title: z.string(),
  dueOn: z.string(),
  state: z.enum(['due', 'overdue', 'done']),
  overdueMarkedOn: z.string().optional(),
  doneOn: z.string().optional(),
  outcome: z.string().optional(),
  createdAt: z.string(),
})
export type DueItem = z.infer<typeof DueItem>
const DueCounts = z.object({ due: z.number().int(), overdue: z.number().int() })
export const DueSummaryQuery = z.object({ township: TownshipCode.optional() })
/** The officer's home: open items due (from today) and overdue by township in scope, and by kind. */
export const DueSummary = z.object({
  today: z.string(),
  total: DueCounts,
  townships: z.array(DueCounts.extend({ township: z.string(), byKind: z.array(DueCounts.extend({ kind: z.string() })) })),
})
export type DueSummary = z.infer<typeof DueSummary>
export const DueQuery = PageQuery.extend({ township: TownshipCode.optional(), helper: z.string().max(80).optional(), state: z.enum(['due', 'overdue']).default('due') })
