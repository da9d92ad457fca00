/**
 * 返乡回流 what is due when on a returnee's record (pure; today and the year's rules passed in).
 * The plan follows the intent, counted from the day it was recorded (`intentSince`):
 * - employment 就业: a job offer within 7 days, then one every 30 days after the last, until placed;
 * - entrepreneurship 创业: 创业咨询 in 15 days, 项目策划 30, 手续办理 60 (done by a registered business),
 *   创业培训 90, 创业担保贷款 90 when wanted, 一次性创业补贴 once a first business has run the policy's
 *   months (Xuchang: 12);
 * - industry 产业: the industry-support contact in 15 days;
 * - undecided: a visit in 15 days, then every 90 days after the last.
 * A settled or closed record owes nothing more: only what was done is listed.
 */
import { addDays, addMonths } from '../dates.js'
import type { DueItem, Returnee } from '../schemas/following.js'
import { doneItem, nextDueOf, owed } from './tally.js'

export const RETURNEE_DAYS = { firstOffer: 7, offerEvery: 30, consult: 15, projectPlan: 30, registration: 60, startupTraining: 90, loan: 90, industrySupport: 15, firstVisit: 15, visitEvery: 90 } as const

/** The year's rules a plan needs (policy data): months a first business runs before its start-up subsidy. */
export interface ReturneeRules {
  startupMonthsOperating?: number | undefined
}

type PlanFacts = Pick<Returnee, 'intent' | 'intentSince' | 'status' | 'services' | 'wantsLoan' | 'business' | 'placedOn'>

export function returneeItems(r: PlanFacts, today: string, rules: ReturneeRules = {}): DueItem[] {
  const start = r.intentSince
  const tally = r.services
  /** A one-off service: done once delivered, else owed from `days` after the start. */
  const once = (kind: keyof typeof tally & keyof typeof RETURNEE_DAYS, dueOn = addDays(start, RETURNEE_DAYS[kind])) => {
    const t = tally[kind]
    return t?.firstDeliveredOn ? doneItem(kind, dueOn, t.firstDeliveredOn) : owed(kind, dueOn, today)
  }
  const items: DueItem[] = []
  switch (r.intent) {
    case 'employment': {
      if (r.placedOn) {
        items.push(doneItem('placed', r.placedOn, r.placedOn))
        break
      }
      const offers = tally.jobOffer
      const next = offers?.firstDeliveredOn ? addDays(offers.lastOn, RETURNEE_DAYS.offerEvery) : addDays(start, RETURNEE_DAYS.firstOffer)
      items.push(owed('jobOffer', next, today, (offers?.delivered ?? 0) + 1))
      break
    }
    case 'entrepreneurship': {
      items.push(once('consult'), once('projectPlan'))
      const registration = addDays(start, RETURNEE_DAYS.registration)
      // A business already registered means the paperwork is done, whether or not it was logged.
      if (r.business && !tally.registration?.firstDeliveredOn) items.push(doneItem('registration', registration, r.business.registeredOn))
      else items.push(once('registration', registration))
      items.push(once('startupTraining'))
      if (r.wantsLoan || tally.loan) items.push(once('loan'))
      if (r.business?.firstBusiness && rules.startupMonthsOperating !== undefined) {
        const t = tally.startupSubsidy
        const due = addMonths(r.business.registeredOn, rules.startupMonthsOperating)
        items.push(t?.firstDeliveredOn ? doneItem('startupSubsidy', due, t.firstDeliveredOn) : owed('startupSubsidy', due, today))
      }
      break
    }
    case 'industry':
      items.push(once('industrySupport'))
      break
    case 'undecided': {
      const visits = tally.visit
      items.push(owed('visit', visits?.firstDeliveredOn ? addDays(visits.lastOn, RETURNEE_DAYS.visitEvery) : addDays(start, RETURNEE_DAYS.firstVisit), today, (visits?.delivered ?? 0) + 1))
      break
    }
  }
  const sorted = items.sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0))
  return r.status === 'following' ? sorted : sorted.filter((i) => i.done)
}

/** What is due when on the record, as of `today`: `{kind, dueOn, done, overdue}` (the due list reads this). */
export const dueItemsOf = (r: PlanFacts, today: string, rules: ReturneeRules = {}): DueItem[] => returneeItems(r, today, rules)

/** The day stored on the record as `nextDueOn` (it does not depend on today). */
export const returneeNextDue = (r: PlanFacts, rules: ReturneeRules = {}): string | undefined => nextDueOf(returneeItems(r, r.intentSince, rules))
