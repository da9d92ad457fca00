/** What a record keeps of its service log: per kind, a tally (pure), so that plans read the record alone. */
import type { DueItem, ServiceOutcome, ServiceTally } from '../schemas/following.js'

/** Done or declined: the service reached the person (an offer they turned down was still made). */
export const delivers = (o: ServiceOutcome) => o === 'done' || o === 'declined'

/** The tally after one more service of its kind. */
export function tallied(t: ServiceTally | undefined, s: { on: string; outcome: ServiceOutcome }): ServiceTally {
  const delivered = (t?.delivered ?? 0) + (delivers(s.outcome) ? 1 : 0)
  const lastOn = !t || s.on > t.lastOn ? s.on : t.lastOn
  const firstDeliveredOn = delivers(s.outcome) && (!t?.firstDeliveredOn || s.on < t.firstDeliveredOn) ? s.on : t?.firstDeliveredOn
  return { count: (t?.count ?? 0) + 1, delivered, lastOn, ...(firstDeliveredOn ? { firstDeliveredOn } : {}) }
}

/** An item owed on a day, as of today. */
export const owed = (kind: string, dueOn: string, today: string, seq?: number): DueItem => ({ kind, ...(seq !== undefined ? { seq } : {}), dueOn, done: false, overdue: dueOn < today })
export const doneItem = (kind: string, dueOn: string, doneOn: string | undefined, seq?: number): DueItem => ({ kind, ...(seq !== undefined ? { seq } : {}), dueOn, done: true, ...(doneOn ? { doneOn } : {}), overdue: false })

/** The earliest due day of what is still owed: the record's `nextDueOn`, which lists filter by. */
export const nextDueOf = (items: readonly DueItem[]): string | undefined =>
  items.filter((i) => !i.done).reduce<string | undefined>((min, i) => (min === undefined || i.dueOn < min ? i.dueOn : min), undefined)
