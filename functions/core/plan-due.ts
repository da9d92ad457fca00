/**
 * 到期事项 of a returnee (返乡回流) or graduate (毕业生) record: its plan is recomputed whole on every
 * change (shared/following/returnees.ts, graduates.ts), and the due list carries, per kind, the
 * earliest thing the plan still owes (`returnee.jobOffer`, `graduate.guidance`, …), for the record's
 * responsible officer (责任干部 by account; a responsible named only by text leaves it on the
 * township's list). Written in the record's own transaction (functions/db/following.ts `extra`).
 */
import type { DueItem as PlanDueItem, Graduate, Returnee } from '../../shared/schemas/following.js'
import type { TxItem } from '../db/tx.js'
import type { Deps } from './deps.js'
import { dueItemsOfSubject, syncDueOn, type DuePut, type StoredDue } from './due.js'

export type PlanSubject = 'returnee' | 'graduate'

/** Per kind, the earliest owed item of the plan, as the due list's item. */
export function planDuePuts(subject: PlanSubject, r: Pick<Returnee | Graduate, 'seekerId' | 'seekerName' | 'township' | 'responsibleUserId'>, plan: readonly PlanDueItem[]): DuePut[] {
  const first = new Map<string, PlanDueItem>()
  for (const i of plan) {
    const had = first.get(i.kind)
    if (!i.done && (!had || i.dueOn < had.dueOn)) first.set(i.kind, i)
  }
  return [...first.values()].map((i) => ({ kind: `${subject}.${i.kind}`, subjectType: subject, subjectId: r.seekerId, township: r.township, helperId: r.responsibleUserId, title: r.seekerName, dueOn: i.dueOn }))
}

/**
 * The writes that bring the record's due items in step with its plan (`plan`: its `dueItemsOf`),
 * met on `on`: `done` while the record is followed, else its new status (settled, closed, employed…).
 */
export function planDueWritesOn(deps: Deps, current: readonly StoredDue[], subject: PlanSubject, r: Pick<Returnee | Graduate, 'seekerId' | 'seekerName' | 'township' | 'responsibleUserId' | 'status'>, plan: readonly PlanDueItem[], on: string): TxItem[] {
  // An item leaves because it was delivered, or because the record no longer owes anything.
  const outcome = ['settled', 'closed', 'employed', 'furtherStudy'].includes(r.status) ? r.status : 'done'
  return syncDueOn(deps, current, { subjectType: subject, subjectId: r.seekerId }, planDuePuts(subject, r, plan), on, outcome)
}

export async function planDueWrites(deps: Deps, subject: PlanSubject, r: Parameters<typeof planDueWritesOn>[3], plan: readonly PlanDueItem[], on: string): Promise<TxItem[]> {
  return planDueWritesOn(deps, await dueItemsOfSubject(deps, subject, r.seekerId), subject, r, plan, on)
}
