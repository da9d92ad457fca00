/**
 * The one date module. Every date the platform stores is a calendar day `YYYY-MM-DD` of the
 * district (Beijing time, UTC+8, no daylight saving): ages, periods, month counts, deadlines and
 * the public notice are reckoned on it. The UTC day would still be yesterday until 08:00.
 *
 * Pure: "today" is always passed in (core takes it from `deps.now()` through `districtDate`).
 */

const BEIJING_OFFSET_MS = 8 * 3_600_000
const DAY_MS = 86_400_000

/** The earliest day anyone types: older dates are typing mistakes (`0020-02-29`), never stored. */
export const MIN_DAY = '1900-01-01'
/** The age from which a person may work (劳动法 art. 15), hold a certificate or a training record. */
export const WORKING_AGE = 16
/** School age: the youngest a 雨露计划 term may be recorded for. */
export const SCHOOL_AGE = 6
/** How far ahead a start (a placement, a hire, a term) may be recorded. */
export const MAX_DAYS_AHEAD = 30

/** The calendar day in the district at an instant. */
export const districtDate = (at: Date): string => new Date(at.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10)

/** The instant a district day begins (00:00 Beijing). */
export const districtDayStart = (day: string): Date => new Date(Date.parse(`${day}T00:00:00Z`) - BEIJING_OFFSET_MS)

/** A real calendar day written `YYYY-MM-DD` (no 02-30, no 5-digit years). */
export function isCalendarDay(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false
  const [y, m, d] = s.split('-').map(Number) as [number, number, number]
  const date = new Date(0)
  date.setUTCFullYear(y, m - 1, d)
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
}

const fromParts = (y: number, m0: number, d: number): string => {
  const date = new Date(0)
  date.setUTCFullYear(y, m0, d)
  return date.toISOString().slice(0, 10)
}
const parts = (day: string) => day.split('-').map(Number) as [number, number, number]

/** `day` plus `n` calendar days (n may be negative). */
export function addDays(day: string, n: number): string {
  const [y, m, d] = parts(day)
  return fromParts(y, m - 1, d + n)
}

/** `day` plus `n` months; the day is clamped to the month's end (01-31 + 1 month → 02-28/29). */
export function addMonths(day: string, n: number): string {
  const [y, m, d] = parts(day)
  const last = new Date(Date.UTC(2000, 0, 1))
  last.setUTCFullYear(y, m - 1 + n + 1, 0)
  return fromParts(y, m - 1 + n, Math.min(d, last.getUTCDate()))
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string): number => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS)

/** Whole years of age on `day`: the birthday is reached on its calendar day (29 Feb: on 1 Mar in other years). */
export function ageOn(birthDate: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4))
  return day.slice(5, 10) < birthDate.slice(5, 10) ? years - 1 : years
}

/** The first day on which a person born on `birthDate` is `years` old (the same rule as `ageOn`). */
export function dayTurning(birthDate: string, years: number): string {
  const [y, m, d] = parts(birthDate)
  const candidate = `${String(y + years).padStart(4, '0')}-${birthDate.slice(5, 10)}`
  return isCalendarDay(candidate) ? candidate : fromParts(y + years, m - 1, d) // 02-29 → 03-01
}

/** A refusal of one date: a dotted code and the message in both languages. */
export interface DayRefusal {
  code: string
  message: string
  messageEn: string
}

/** A person's birth date (from the ID number): in the past, and at least 16 on the day the file is made. */
export function birthDateRefusal(birthDate: string, fileDay: string): DayRefusal | undefined {
  if (birthDate > fileDay) return { code: 'seeker.bornInFuture', message: `身份证号中的出生日期 ${birthDate} 晚于今天`, messageEn: `The birth date in the ID number (${birthDate}) is after today` }
  if (ageOn(birthDate, fileDay) < WORKING_AGE) {
    return { code: 'seeker.underWorkingAge', message: `建档时须年满 ${WORKING_AGE} 周岁（出生于 ${birthDate}）`, messageEn: `A person must be at least ${WORKING_AGE} when the file is made (born ${birthDate})` }
  }
  return undefined
}

/** A placement (or hire) starts on or after the 16th birthday and at most 30 days after today. */
export function placementStartRefusal(startDate: string, birthDate: string, today: string): DayRefusal | undefined {
  const sixteen = dayTurning(birthDate, WORKING_AGE)
  if (startDate < sixteen) {
    return { code: 'placement.startBeforeWorkingAge', message: `上岗日期不能早于本人年满 ${WORKING_AGE} 周岁之日（${sixteen}）`, messageEn: `The start date cannot be before the person turns ${WORKING_AGE} (${sixteen})` }
  }
  const latest = addDays(today, MAX_DAYS_AHEAD)
  if (startDate > latest) {
    return { code: 'placement.startTooFar', message: `上岗日期最晚为今天起 ${MAX_DAYS_AHEAD} 天内（${latest}）`, messageEn: `The start date can be at most ${MAX_DAYS_AHEAD} days ahead (${latest})` }
  }
  return undefined
}

/** A placement ends on or after its start and not after today. */
export function endDateRefusal(endDate: string, startDate: string, today: string): DayRefusal | undefined {
  if (endDate < startDate) return { code: 'placement.endBeforeStart', message: '结束日期不能早于上岗日期', messageEn: 'The end date is before the start date' }
  if (endDate > today) return { code: 'placement.endInFuture', message: `结束日期不能晚于今天（${today}）`, messageEn: `The end date cannot be after today (${today})` }
  return undefined
}

/** A record's day (a certificate's issue, a training's start): not before the person turns `minAge`, not after `latest`. */
export function recordDayRefusal(code: string, day: string, birthDate: string, latest: string, minAge = WORKING_AGE): DayRefusal | undefined {
  const earliest = dayTurning(birthDate, minAge)
  if (day < earliest) return { code: `${code}.beforeAge`, message: `日期不能早于本人年满 ${minAge} 周岁之日（${earliest}）`, messageEn: `The date cannot be before the person turns ${minAge} (${earliest})` }
  if (day > latest) return { code: `${code}.future`, message: `日期不能晚于 ${latest}`, messageEn: `The date cannot be after ${latest}` }
  return undefined
}

/** The first day of a 雨露计划 term: `2026-autumn` → 2026-09-01, `2027-spring` → 2027-03-01. */
export const termStart = (term: string): string => `${term.slice(0, 4)}-${term.endsWith('spring') ? '03' : '09'}-01`

/** The public notice (公示) of a batch: which days it covers and when it is over. */
export interface NoticePeriod {
  /** The batch's district day: day 1 of the notice. */
  fromDay: string
  /** The notice's last day (day `noticeDays`), inclusive. */
  lastDay: string
  /** The instant the last day ends in Beijing (ISO): payment is allowed from here. */
  endsAt: string
}

/** `noticeDays` district days, starting on the batch's day: 7 days from 2026-12-02 run to the end of 2026-12-08. */
export function noticePeriod(batchDay: string, noticeDays: number): NoticePeriod {
  const lastDay = addDays(batchDay, Math.max(1, noticeDays) - 1)
  return { fromDay: batchDay, lastDay, endsAt: districtDayStart(addDays(lastDay, 1)).toISOString() }
}

/**
 * The notice days of a stored batch. Batches made before the days were stored kept only two
 * instants (`noticeFrom`, `noticeUntil`): their days are read on the district's calendar.
 */
export function noticeDaysOf(b: { noticeFrom: string; noticeUntil: string; noticeFromDay?: string | undefined; noticeLastDay?: string | undefined }): { fromDay: string; lastDay: string } {
  return {
    fromDay: b.noticeFromDay ?? districtDate(new Date(b.noticeFrom)),
    lastDay: b.noticeLastDay ?? lastDayBefore(b.noticeUntil),
  }
}

/** The district day that ends at (or runs through) the instant `until`: a notice's last day. */
export const lastDayBefore = (until: string): string => districtDate(new Date(Date.parse(until) - 1))

/**
 * How a placement reads on a day: 待上岗 `upcoming` until its start day, then `active` (在岗) until
 * it is ended. An upcoming placement counts no months (eligibility's `monthsWithin`).
 */
export const placementPhase = (p: { status: 'active' | 'ended'; startDate: string }, today: string): 'upcoming' | 'active' | 'ended' =>
  p.status === 'active' && p.startDate > today ? 'upcoming' : p.status

/** The instant `days` whole days (of 24 h) before `at`, as ISO: "older than N days" compares against it. */
export const daysBefore = (at: Date, days: number): string => new Date(at.getTime() - days * 86_400_000).toISOString()
/** The instant `days` whole days after `at`, as ISO. */
export const daysAfter = (at: Date, days: number): string => new Date(at.getTime() + days * 86_400_000).toISOString()
