/** 回访 follow-up calls after a placement: at 1, 3 and 6 months after its start. Pure. */
import { addMonths } from '../dates.js'

export const CHECK_MONTHS = [1, 3, 6] as const
export type CheckMonth = (typeof CHECK_MONTHS)[number]
export type CheckKind = `placement.check${CheckMonth}`

export const checkKind = (month: CheckMonth): CheckKind => `placement.check${month}`
/** The checks a placement starting on `startDate` gets, each due on its month's day. */
export const checksOf = (startDate: string): { kind: CheckKind; month: CheckMonth; dueOn: string }[] =>
  CHECK_MONTHS.map((month) => ({ kind: checkKind(month), month, dueOn: addMonths(startDate, month) }))
