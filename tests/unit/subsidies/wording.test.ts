import { describe, expect, it } from 'vitest'
import { amountShown, amountText, countsWorkshops, periodInWords, termWithDates, yuanText } from '../../../shared/subsidies/wording.js'

describe('periods in words', () => {
  it.each([
    ['2026-autumn', '2026 年秋季学期', 'Autumn term 2026'],
    ['2027-spring', '2027 年春季学期', 'Spring term 2027'],
    ['2026-04', '2026 年 4 月', 'April 2026'],
    ['2026-11', '2026 年 11 月', 'November 2026'],
    ['2026', '2026 年度', '2026'],
  ])('%s → %s / %s', (period, zh, en) => {
    expect(periodInWords(period, 'zh-CN')).toBe(zh)
    expect(periodInWords(period, 'en')).toBe(en)
  })

  it('leaves what is not a period as typed', () => {
    expect(periodInWords('2026-winter', 'zh-CN')).toBe('2026-winter')
    expect(periodInWords('2026-13', 'en')).toBe('2026-13')
  })

  it('gives a term with the day it starts', () => {
    expect(termWithDates('2026-autumn', 'zh-CN')).toBe('2026 年秋季学期（2026-09-01 开学）')
    expect(termWithDates('2027-spring', 'en')).toBe('Spring term 2027 (starts 2027-03-01)')
  })
})

describe('an audited amount is shown once unless it changed', () => {
  it.each([
    [undefined, 80_000, { kind: 'once', fen: 80_000 }, '¥800.00'],
    [80_000, 80_000, { kind: 'once', fen: 80_000 }, '¥800.00'],
    [80_000, undefined, { kind: 'once', fen: 80_000 }, '¥800.00'],
    [80_000, 60_000, { kind: 'change', beforeFen: 80_000, afterFen: 60_000 }, '¥800.00 → ¥600.00'],
    [0, 150_000, { kind: 'change', beforeFen: 0, afterFen: 150_000 }, '¥0.00 → ¥1,500.00'],
    [undefined, undefined, null, ''],
    ['800', 'x', null, ''],
  ])('before %j, after %j', (before, after, shown, text) => {
    expect(amountShown(before, after)).toEqual(shown)
    expect(amountText(before, after)).toBe(text)
  })

  it('writes negative amounts (reversals) with the sign before the currency', () => {
    expect(yuanText(-80_000)).toBe('-¥800.00')
    expect(yuanText(123_456_789)).toBe('¥1,234,567.89')
  })
})

describe('what a count is counted in', () => {
  it('workshop rewards count workshops (家), every other kind people (人)', () => {
    expect(countsWorkshops('workshopReward')).toBe(true)
    for (const k of ['transport', 'labor', 'training', 'publicWelfare', 'yulu', 'startup', '', undefined] as const) expect(countsWorkshops(k)).toBe(false)
  })
})
