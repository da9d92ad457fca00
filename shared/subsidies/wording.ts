/**
 * How subsidy periods, counts and audited amounts read to people (pure; the portal, the API's
 * facts and the .xlsx files share it). Codes such as `2026-autumn` stay in data and URLs only.
 */
import { termStart } from '../dates.js'
import type { SubsidyKind } from '../schemas/subsidies.js'

export type Lang = 'zh-CN' | 'en'

const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

/**
 * A period in words: `2026-autumn` → 2026 年秋季学期 / Autumn term 2026, `2026-04` → 2026 年 4 月 /
 * April 2026, `2026` → 2026 年度 / 2026. Anything else is returned as typed (never guessed at).
 */
export function periodInWords(period: string, lang: Lang): string {
  const term = /^(\d{4})-(spring|autumn)$/.exec(period)
  if (term) {
    const [, year, season] = term
    if (lang === 'en') return `${season === 'spring' ? 'Spring' : 'Autumn'} term ${year}`
    return `${year} 年${season === 'spring' ? '春' : '秋'}季学期`
  }
  const month = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(period)
  if (month) {
    const [, year, mm] = month
    return lang === 'en' ? `${MONTHS_EN[Number(mm) - 1]} ${year}` : `${year} 年 ${Number(mm)} 月`
  }
  if (/^\d{4}$/.test(period)) return lang === 'en' ? period : `${period} 年度`
  return period
}

/** A Yulu term with the day it starts (the day eligibility is judged on, shared/dates.ts `termStart`). */
export function termWithDates(term: string, lang: Lang): string {
  if (!/^\d{4}-(spring|autumn)$/.test(term)) return term
  const start = termStart(term)
  return lang === 'en' ? `${periodInWords(term, lang)} (starts ${start})` : `${periodInWords(term, lang)}（${start} 开学）`
}

/** 帮扶车间奖补 is claimed by workshops, counted in 家; every other kind by people, in 人. */
export const countsWorkshops = (kind: SubsidyKind | '' | undefined): boolean => kind === 'workshopReward'

/**
 * An audited amount as it should be read: once when nothing changed or nothing was there before
 * (a creation), before → after only on a real change. `null` when the event carries no amount.
 */
export type AmountShown = { kind: 'once'; fen: number } | { kind: 'change'; beforeFen: number; afterFen: number } | null

const fenOf = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) ? v : undefined)

export function amountShown(before: unknown, after: unknown): AmountShown {
  const b = fenOf(before)
  const a = fenOf(after)
  if (a === undefined) return b === undefined ? null : { kind: 'once', fen: b }
  if (b === undefined || b === a) return { kind: 'once', fen: a }
  return { kind: 'change', beforeFen: b, afterFen: a }
}

/** Fen as yuan with two decimals and the sign, grouped: 80000 → ¥800.00, -80000 → -¥800.00. */
export const yuanText = (fen: number, locale = 'zh-CN'): string =>
  `${fen < 0 ? '-' : ''}¥${(Math.abs(fen) / 100).toLocaleString(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`

/** The amount line of an audit entry: `¥800.00`, or `¥800.00 → ¥600.00` on a real change. */
export function amountText(before: unknown, after: unknown, locale = 'zh-CN'): string {
  const s = amountShown(before, after)
  if (!s) return ''
  return s.kind === 'once' ? yuanText(s.fen, locale) : `${yuanText(s.beforeFen, locale)} → ${yuanText(s.afterFen, locale)}`
}
