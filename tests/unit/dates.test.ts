import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DEMO_POLICY_2026 } from '../../functions/jobs/seed-data.js'
import {
  addDays,
  addMonths,
  ageOn,
  birthDateRefusal,
  dayTurning,
  daysBetween,
  districtDate,
  endDateRefusal,
  isCalendarDay,
  noticeDaysOf,
  noticePeriod,
  placementPhase,
  placementStartRefusal,
  recordDayRefusal,
} from '../../shared/dates.js'
import { applicantView } from '../../functions/db/applications.js'
import { IsoDate } from '../../shared/schemas/common.js'
import { groupsOf, type Seeker } from '../../shared/schemas/seekers.js'
import type { Placement } from '../../shared/schemas/applications.js'
import { decide, monthsWithin } from '../../shared/subsidies/eligibility.js'
import { formatIssues } from '../../shared/validation.js'

describe('the district day', () => {
  it.each([
    ['2026-12-31T15:59:59Z', '2026-12-31'],
    ['2026-12-31T16:00:00Z', '2027-01-01'],
    ['2026-03-01T00:00:00Z', '2026-03-01'],
    ['2026-05-31T23:59:59Z', '2026-06-01'],
  ])('%s is %s in Beijing', (at, day) => expect(districtDate(new Date(at))).toBe(day))
})

describe('calendar days', () => {
  it.each([
    ['2026-02-28', true],
    ['2024-02-29', true],
    ['2026-02-29', false],
    ['0020-02-29', true], // a real day, but before 1900: the schema refuses it
    ['2026-13-01', false],
    ['2026-1-01', false],
    ['20260101', false],
    ['', false],
  ])('%s is a calendar day: %s', (s, ok) => expect(isCalendarDay(s)).toBe(ok))

  it.each([
    ['2026-11-28', 30, '2026-12-28'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2026-01-01', -365, '2025-01-01'],
  ])('%s + %i days = %s', (d, n, r) => expect(addDays(d, n)).toBe(r))

  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2026-11-30', 3, '2027-02-28'],
    ['2026-03-15', -3, '2025-12-15'],
  ])('%s + %i months = %s', (d, n, r) => expect(addMonths(d, n)).toBe(r))

  it('adding days and counting them agree (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 80_000 }), fc.integer({ min: -5000, max: 5000 }), (base, n) => {
      const d = addDays('1900-01-01', base)
      expect(daysBetween(d, addDays(d, n))).toBe(n)
      expect(isCalendarDay(addDays(d, n))).toBe(true)
    }))
  })
})

describe('age, one rule for the API, the file and the portal', () => {
  it.each([
    ['1990-06-15', '2026-06-14', 35],
    ['1990-06-15', '2026-06-15', 36],
    ['2008-02-29', '2024-02-28', 15],
    ['2008-02-29', '2024-02-29', 16],
    ['2008-02-29', '2025-02-28', 16],
    ['2010-02-28', '2026-02-28', 16],
  ])('born %s is %i… on %s', (birth, day, age) => expect(ageOn(birth, day)).toBe(age))

  it.each([
    ['2005-06-01', 16, '2021-06-01'],
    ['2008-02-29', 16, '2024-02-29'],
    ['2004-02-29', 17, '2021-03-01'],
  ])('born %s turns %i on %s', (birth, years, day) => {
    expect(dayTurning(birth, years)).toBe(day)
    expect(ageOn(birth, day)).toBe(years)
    expect(ageOn(birth, addDays(day, -1))).toBe(years - 1)
  })

  it('an applicant’s age is reckoned on the Beijing day, not the UTC day (00:00–08:00 on a birthday)', () => {
    const s = { id: 's', name: '甲', idNumberMasked: 'x', gender: 'male', birthDate: '1990-06-15', category: 'other', township: 'lingjing', village: 'lingjing-01', laborCapacity: 'full', skills: [], groups: [] } as unknown as Seeker
    const at = new Date('2026-06-14T17:00:00Z') // 01:00 on 06-15 in Beijing
    expect(applicantView(s, districtDate(at)).age).toBe(36)
    expect(groupsOf({}, '2004-06-15', districtDate(at))).toEqual(['newEntrant'])
    expect(groupsOf({}, '2003-06-15', districtDate(at))).toEqual([])
  })
})

describe('IsoDate refuses unreal dates and dates before 1900, in both languages', () => {
  it.each(['0020-02-29', '1899-12-31', '2026-02-30', '2026-2-3', 'yesterday', '2026-01-01T00:00:00Z'])('%s is refused', (v) => {
    const r = IsoDate.safeParse(v)
    expect(r.success).toBe(false)
    const [issue] = formatIssues(r.error!, v)
    expect(issue!.message).toMatch(/[\u4e00-\u9fff]/)
    expect(issue!.messageEn).toMatch(/date/i)
  })
  it.each(['1900-01-01', '2024-02-29', '2026-12-31'])('%s is accepted', (v) => expect(IsoDate.parse(v)).toBe(v))
})

describe('date rules', () => {
  const birth = '2005-06-01'
  const today = '2026-11-28'
  it.each([
    ['1990-01-01', 'placement.startBeforeWorkingAge'],
    ['2021-05-31', 'placement.startBeforeWorkingAge'],
    ['2021-06-01', undefined],
    ['2026-12-28', undefined],
    ['2026-12-29', 'placement.startTooFar'],
    ['2027-05-01', 'placement.startTooFar'],
  ])('a placement starting %s: %s', (start, code) => expect(placementStartRefusal(start, birth, today)?.code).toBe(code))

  it.each([
    ['2026-02-28', 'placement.endBeforeStart'],
    ['2026-03-01', undefined],
    ['2026-11-28', undefined],
    ['2026-11-29', 'placement.endInFuture'],
  ])('a placement from 2026-03-01 ending %s: %s', (end, code) => expect(endDateRefusal(end, '2026-03-01', today)?.code).toBe(code))

  it.each([
    ['2030-01-01', 'seeker.bornInFuture'],
    ['2026-11-29', 'seeker.bornInFuture'],
    ['2010-11-29', 'seeker.underWorkingAge'],
    ['2010-11-28', undefined],
    ['1950-01-01', undefined],
  ])('a file made on 2026-11-28 for someone born %s: %s', (b, code) => expect(birthDateRefusal(b, today)?.code).toBe(code))

  it.each([
    ['2021-05-31', 16, 'x.beforeAge'],
    ['2021-06-01', 16, undefined],
    ['2026-11-29', 16, 'x.future'],
    ['2011-09-01', 6, undefined],
    ['2011-05-31', 6, 'x.beforeAge'],
  ])('a record dated %s (from age %i): %s', (d, age, code) => expect(recordDayRefusal('x', d, birth, today, age)?.code).toBe(code))

  it('every refusal has a message in zh-CN and en', () => {
    for (const r of [placementStartRefusal('1990-01-01', birth, today), endDateRefusal('2027-01-01', '2026-01-01', today), birthDateRefusal('2030-01-01', today), recordDayRefusal('x', '2027-01-01', birth, today)]) {
      expect(r!.message).toMatch(/[\u4e00-\u9fff]/)
      expect(r!.messageEn).toMatch(/[a-z]/)
    }
  })

  it.each([
    [{ status: 'active' as const, startDate: '2026-11-29' }, 'upcoming'],
    [{ status: 'active' as const, startDate: '2026-11-28' }, 'active'],
    [{ status: 'ended' as const, startDate: '2026-11-29' }, 'ended'],
  ])('%o reads %s on 2026-11-28', (p, phase) => expect(placementPhase(p, today)).toBe(phase))
})

describe('one notice period', () => {
  it.each([
    // batch day, notice days, last day, the instant pay opens (00:00 Beijing after the last day)
    ['2026-12-02', 7, '2026-12-08', '2026-12-08T16:00:00.000Z'],
    ['2026-12-31', 1, '2026-12-31', '2026-12-31T16:00:00.000Z'],
    ['2026-02-25', 5, '2026-03-01', '2026-03-01T16:00:00.000Z'],
  ])('from %s for %i days runs to the end of %s', (day, n, last, endsAt) => {
    expect(noticePeriod(day, n)).toEqual({ fromDay: day, lastDay: last, endsAt })
  })

  it('the issue’s batch (made 2026-12-01 16:30 UTC = 12-02 00:30 Beijing) reads 12-02 to 12-08 everywhere', () => {
    const p = noticePeriod(districtDate(new Date('2026-12-01T16:30:00Z')), 7)
    expect(p).toMatchObject({ fromDay: '2026-12-02', lastDay: '2026-12-08' })
    expect(noticeDaysOf({ noticeFrom: '2026-12-01T16:30:00Z', noticeUntil: p.endsAt, noticeFromDay: p.fromDay, noticeLastDay: p.lastDay })).toEqual({ fromDay: p.fromDay, lastDay: p.lastDay })
    // A batch stored before the days were: its instants are read on the district calendar.
    expect(noticeDaysOf({ noticeFrom: '2026-12-01T16:30:00Z', noticeUntil: p.endsAt })).toEqual({ fromDay: '2026-12-02', lastDay: '2026-12-08' })
  })
})

describe('months worked', () => {
  const placement = (startDate: string, endDate?: string): Placement =>
    ({ id: 'p', seekerId: 's', seekerName: '甲', title: '普工', kind: 'laborExport', source: 'external', township: 'lingjing', seekerTownship: 'lingjing', destination: 'outOfProvince', status: endDate ? 'ended' : 'active', startDate, ...(endDate ? { endDate } : {}), createdBy: 'u', createdAt: '2026-01-01T00:00:00Z' }) as unknown as Placement

  it.each([
    ['2026-12-01', undefined, '2026-11-28', 0], // not started yet
    ['2026-03-01', '2027-03-01', '2026-11-28', 8], // an end in the future counts to today
    ['2025-01-01', undefined, '2026-11-28', 10], // from the period's start
    ['2026-01-01', '2026-04-01', '2026-11-28', 2],
  ])('from %s to %s, on %s: %i months', (s, e, asOf, n) => expect(monthsWithin(s, e, '2026-01-01', asOf)).toBe(n))

  it('never exceed the days that have passed (property)', () => {
    const day = (from: string, span: number) => fc.integer({ min: 0, max: span }).map((n) => addDays(from, n))
    fc.assert(
      fc.property(day('2025-01-01', 1100), fc.option(day('2025-01-01', 1100), { nil: undefined }), day('2026-01-01', 364), (start, end, asOf) => {
        const to = asOf
        const months = monthsWithin(start, end, '2026-01-01', to)
        const passed = Math.max(0, daysBetween(start > '2026-01-01' ? start : '2026-01-01', to))
        expect(months).toBeGreaterThanOrEqual(0)
        expect(months * 30.44).toBeLessThanOrEqual(passed)
        if (start > asOf) expect(months).toBe(0)
        // Through decide: the labor rule reports no more months than have passed.
        const d = decide('labor', '2026', { seeker: { id: 's', category: 'alleviated' }, placements: [placement(start, end)], certificates: [], trainings: [], yulu: [] }, DEMO_POLICY_2026, asOf)
        const reported = Number(/务工 (\d+) 个月/.exec(d.rules.find((r) => r.code === 'labor.months')!.message)![1])
        expect(reported).toBe(months)
      }),
      { numRuns: 300 },
    )
  })

  it('a public-welfare post that starts later holds nothing in its month yet', () => {
    const pw = { ...placement('2026-11-30'), kind: 'publicWelfare' } as Placement
    const facts = { seeker: { id: 's', category: 'alleviated' as const }, placements: [pw], certificates: [], trainings: [], yulu: [] }
    expect(decide('publicWelfare', '2026-11', facts, DEMO_POLICY_2026, '2026-11-28').rules.find((r) => r.code === 'publicWelfare.holds')!.pass).toBe(false)
    expect(decide('publicWelfare', '2026-11', facts, DEMO_POLICY_2026, '2026-11-30').rules.find((r) => r.code === 'publicWelfare.holds')!.pass).toBe(true)
  })
})
