/**
 * 毕业生 一人一策 a graduate's plan and what is due when (pure). The plan is a list of items with due
 * days: at least 3 job offers (3–5), 1 guidance session, training and an internship where wanted;
 * the goal is work or a clear next step (further study) within 6 months of graduating. Employed or
 * in further study, the record owes nothing more: only what was done, and the goal, are listed.
 */
import { addDays, addMonths } from '../dates.js'
import type { DueItem, Graduate, GraduatePlanKind, PlanItem } from '../schemas/following.js'
import { doneItem, nextDueOf, owed } from './tally.js'

export const MIN_OFFERS = 3
export const MAX_OFFERS = 5
export const GOAL_MONTHS = 6

/** 1 July of the year, when no day of graduating is known. */
export const graduationDay = (year: number, on?: string) => on ?? `${year}-07-01`
export const goalOf = (graduatedOn: string) => addMonths(graduatedOn, GOAL_MONTHS)

/** The plan a new record starts with, from the day it is opened: guidance in 30 days, an offer each 30 days, training and an internship in 90. */
export function defaultGraduatePlan(openedOn: string, wants: { wantsTraining: boolean; wantsInternship: boolean }): PlanItem[] {
  return [
    { kind: 'guidance', dueOn: addDays(openedOn, 30) },
    ...Array.from({ length: MIN_OFFERS }, (_, i) => ({ kind: 'jobOffer' as const, dueOn: addDays(openedOn, 30 * (i + 1)) })),
    ...(wants.wantsTraining ? [{ kind: 'training' as const, dueOn: addDays(openedOn, 90) }] : []),
    ...(wants.wantsInternship ? [{ kind: 'internship' as const, dueOn: addDays(openedOn, 90) }] : []),
  ]
}

export interface Refusal {
  code: string
  message: string
  messageEn: string
}

/** Why a plan is not enough (or too much), or nothing. */
export function planRefusal(plan: readonly PlanItem[], wants: { wantsTraining: boolean; wantsInternship: boolean }): Refusal | undefined {
  const n = (k: GraduatePlanKind) => plan.filter((i) => i.kind === k).length
  if (n('jobOffer') < MIN_OFFERS || n('jobOffer') > MAX_OFFERS) return { code: 'graduate.planOffers', message: `计划需安排 ${MIN_OFFERS}–${MAX_OFFERS} 次岗位推荐`, messageEn: `A plan holds ${MIN_OFFERS} to ${MAX_OFFERS} job offers` }
  if (n('guidance') < 1) return { code: 'graduate.planGuidance', message: '计划需安排至少 1 次就业指导', messageEn: 'A plan holds at least 1 guidance session' }
  if (wants.wantsTraining && n('training') < 1) return { code: 'graduate.planTraining', message: '本人需要培训：计划需安排技能培训', messageEn: 'They want training: the plan must hold it' }
  if (wants.wantsInternship && n('internship') < 1) return { code: 'graduate.planInternship', message: '本人需要见习：计划需安排就业见习', messageEn: 'They want an internship: the plan must hold it' }
  return undefined
}

type PlanFacts = Pick<Graduate, 'plan' | 'services' | 'status' | 'statusSince' | 'goalBy' | 'wantsTraining' | 'wantsInternship'>

const settled = (s: Graduate['status']) => s === 'employed' || s === 'furtherStudy'

export function graduateItems(g: PlanFacts, today: string): DueItem[] {
  const items: DueItem[] = []
  const byKind = new Map<GraduatePlanKind, PlanItem[]>()
  for (const i of [...g.plan].sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0))) byKind.set(i.kind, [...(byKind.get(i.kind) ?? []), i])
  for (const [kind, planned] of byKind) {
    if ((kind === 'training' && !g.wantsTraining) || (kind === 'internship' && !g.wantsInternship)) continue
    const t = g.services[kind]
    const delivered = t?.delivered ?? 0
    planned.forEach((p, i) => {
      const seq = kind === 'jobOffer' ? i + 1 : undefined
      // The k-th planned service is done once k of its kind reached the person (in any order of days).
      items.push(i < delivered ? doneItem(kind, p.dueOn, planned.length === 1 ? t?.firstDeliveredOn : undefined, seq) : owed(kind, p.dueOn, today, seq))
    })
  }
  items.push(settled(g.status) ? doneItem('goal', g.goalBy, g.statusSince) : owed('goal', g.goalBy, today))
  const sorted = items.sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0))
  return settled(g.status) ? sorted.filter((i) => i.done) : sorted
}

export const dueItemsOf = (g: PlanFacts, today: string): DueItem[] => graduateItems(g, today)
export const graduateNextDue = (g: PlanFacts): string | undefined => nextDueOf(graduateItems(g, g.statusSince))
