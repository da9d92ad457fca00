/**
 * 防止返贫动态监测 monitoring cases: the steps from a risk signal to county approval, their limits,
 * the help plan after approval, and closing as 风险消除 risk eliminated. Pure: today is passed in.
 * docs/following.md says where each rule is enforced.
 */
import { addDays, addMonths, daysBetween } from '../dates.js'

/** The steps after the signal, in order (农户申请/干部排查/部门预警 → 县级审定). */
export const CASE_STEPS = ['visit', 'crossCheck', 'notice', 'townshipReview', 'approval'] as const
export type CaseStep = (typeof CASE_STEPS)[number]

/**
 * The limits, in calendar days, as the seed and county practice give them: home visit with the
 * household's signed authorisation ≤ 3 days from the signal; cross-check with other departments
 * ≤ 5 days after the visit; the village notice runs ≥ 5 days before the township reviews; the whole
 * process ≤ 15 days from the signal; the help plan ≤ 10 days after approval.
 */
export const CASE_LIMITS = {
  visitDays: 3,
  crossCheckDays: 5,
  noticeMinDays: 5,
  wholeDays: 15,
  planDays: 10,
  closeMinMonths: 6,
} as const

export interface StepRecord {
  step: CaseStep
  /** The district day the step was done. */
  on: string
  by: string
  at: string
  note: string
}

export type MeasureKind = 'post' | 'training' | 'publicWelfarePost' | 'subsidy' | 'laborExport' | 'other'
export interface Measure {
  kind: MeasureKind
  description: string
  status: 'planned' | 'done'
  doneOn?: string
  note?: string
}

export interface CaseFacts {
  signalOn: string
  steps: readonly StepRecord[]
  plannedOn?: string
  measures?: readonly Measure[]
  closedOn?: string
}

export type CaseStatus = 'open' | 'approved' | 'planned' | 'closed'

export const stepDone = (c: CaseFacts, step: CaseStep): StepRecord | undefined => c.steps.find((s) => s.step === step)
export const approvedOn = (c: CaseFacts): string | undefined => stepDone(c, 'approval')?.on

export function statusOf(c: CaseFacts): CaseStatus {
  if (c.closedOn) return 'closed'
  if (c.plannedOn) return 'planned'
  return approvedOn(c) ? 'approved' : 'open'
}

/** The step to record next, or undefined once approved. */
export const nextStep = (c: CaseFacts): CaseStep | undefined => CASE_STEPS[c.steps.length]

export interface Refusal {
  code: string
  field: string
  message: string
  messageEn: string
}

/**
 * Whether `step` may be recorded on day `on`: it must be the next step, not before the step before
 * it (nor the signal), not after today; the township may review only once the notice ran its 5 days.
 * A late step is recorded (its clock turns red), never refused: the record must say what happened.
 */
export function stepRefusal(c: CaseFacts, step: CaseStep, on: string, today: string): Refusal | undefined {
  if (c.closedOn) return { code: 'case.closed', field: 'step', message: '该监测已结案', messageEn: 'This case is closed' }
  const next = nextStep(c)
  if (next !== step) {
    return next
      ? { code: 'case.wrongStep', field: 'step', message: `下一步应为「${STEP_NAMES[next][0]}」`, messageEn: `The next step is “${STEP_NAMES[next][1]}”` }
      : { code: 'case.alreadyApproved', field: 'step', message: '该监测已审定', messageEn: 'This case is already approved' }
  }
  if (on > today) return { code: 'case.stepInFuture', field: 'on', message: '日期不能晚于今天', messageEn: 'The date cannot be after today' }
  const before = c.steps.at(-1)?.on ?? c.signalOn
  if (on < before) return { code: 'case.stepBeforePrevious', field: 'on', message: `日期不能早于上一步（${before}）`, messageEn: `The date cannot be before the previous step (${before})` }
  if (step === 'townshipReview') {
    const noticeOn = stepDone(c, 'notice')!.on
    const earliest = addDays(noticeOn, CASE_LIMITS.noticeMinDays)
    if (on < earliest) return { code: 'case.noticeTooShort', field: 'on', message: `村级公示不少于 ${CASE_LIMITS.noticeMinDays} 天，${earliest} 起方可乡镇审核`, messageEn: `The village notice runs at least ${CASE_LIMITS.noticeMinDays} days; the township may review from ${earliest}` }
  }
  return undefined
}

export const STEP_NAMES: Record<CaseStep, readonly [string, string]> = {
  visit: ['入户核实并签署授权书', 'Home visit and signed authorisation'],
  crossCheck: ['部门信息比对', 'Cross-check with departments'],
  notice: ['村级评议并公示', 'Village review and notice'],
  townshipReview: ['乡镇审核', 'Township review'],
  approval: ['县级审定', 'County approval'],
}

export type ClockColour = 'green' | 'amber' | 'red'
/** Red past the limit; amber in its last third (from day 2 of 3, day 10 of 15, day 7 of 10). */
export function colourOf(used: number, allowed: number): ClockColour {
  if (used > allowed) return 'red'
  return used >= allowed - Math.floor(allowed / 3) ? 'amber' : 'green'
}

export interface Clock {
  kind: 'case.visit' | 'case.crossCheck' | 'case.approval' | 'case.plan'
  from: string
  dueOn: string
  /** Days from `from` to the day it was met, or to today while it runs. */
  used: number
  allowed: number
  colour: ClockColour
  metOn?: string
}

const clock = (kind: Clock['kind'], from: string, allowed: number, metOn: string | undefined, today: string): Clock => {
  const used = daysBetween(from, metOn ?? today)
  return { kind, from, dueOn: addDays(from, allowed), used, allowed, colour: colourOf(used, allowed), ...(metOn ? { metOn } : {}) }
}

/** The case's clocks: each step limit that has started, stopped on the day it was met. */
export function caseClocks(c: CaseFacts, today: string): Clock[] {
  const visit = stepDone(c, 'visit')
  const cross = stepDone(c, 'crossCheck')
  const approved = approvedOn(c)
  return [
    clock('case.visit', c.signalOn, CASE_LIMITS.visitDays, visit?.on, today),
    ...(visit ? [clock('case.crossCheck', visit.on, CASE_LIMITS.crossCheckDays, cross?.on, today)] : []),
    clock('case.approval', c.signalOn, CASE_LIMITS.wholeDays, approved, today),
    ...(approved ? [clock('case.plan', approved, CASE_LIMITS.planDays, c.plannedOn, today)] : []),
  ]
}

/** When each deadline falls (the due list's `dueOn`): the same dates as the clocks. */
export const dueOnOf = (kind: Clock['kind'], from: string): string =>
  addDays(from, { 'case.visit': CASE_LIMITS.visitDays, 'case.crossCheck': CASE_LIMITS.crossCheckDays, 'case.approval': CASE_LIMITS.wholeDays, 'case.plan': CASE_LIMITS.planDays }[kind])

/** A plan may be made once the case is approved, once, on a day from approval to today. */
export function planRefusal(c: CaseFacts, on: string, today: string): Refusal | undefined {
  const approved = approvedOn(c)
  if (c.closedOn) return { code: 'case.closed', field: 'on', message: '该监测已结案', messageEn: 'This case is closed' }
  if (!approved) return { code: 'case.notApproved', field: 'on', message: '县级审定后才能制定帮扶计划', messageEn: 'The help plan follows county approval' }
  if (c.plannedOn) return { code: 'case.alreadyPlanned', field: 'on', message: '帮扶计划已制定', messageEn: 'The help plan is already made' }
  if (on > today) return { code: 'case.stepInFuture', field: 'on', message: '日期不能晚于今天', messageEn: 'The date cannot be after today' }
  if (on < approved) return { code: 'case.planBeforeApproval', field: 'on', message: `日期不能早于审定日（${approved}）`, messageEn: `The date cannot be before approval (${approved})` }
  return undefined
}

/**
 * 风险消除 closing: approved, monitored for ≥ 6 months since approval, and ≥ 1 measure carried out.
 * The reason is the first rule broken.
 */
export function closeRefusal(c: CaseFacts, on: string, today: string): Refusal | undefined {
  const approved = approvedOn(c)
  if (c.closedOn) return { code: 'case.closed', field: 'on', message: '该监测已结案', messageEn: 'This case is closed' }
  if (!approved) return { code: 'case.notApproved', field: 'on', message: '尚未审定为监测对象，不能风险消除', messageEn: 'The case is not approved yet; it cannot be closed' }
  if (on > today) return { code: 'case.stepInFuture', field: 'on', message: '日期不能晚于今天', messageEn: 'The date cannot be after today' }
  const earliest = addMonths(approved, CASE_LIMITS.closeMinMonths)
  if (on < earliest) return { code: 'case.monitoredTooShort', field: 'on', message: `监测不满 ${CASE_LIMITS.closeMinMonths} 个月，${earliest} 起方可风险消除`, messageEn: `Monitored less than ${CASE_LIMITS.closeMinMonths} months; the case may close from ${earliest}` }
  if (!(c.measures ?? []).some((m) => m.status === 'done')) return { code: 'case.noMeasureDone', field: 'measures', message: '至少落实一项帮扶措施后方可风险消除', messageEn: 'At least one measure must have been carried out before closing' }
  return undefined
}
