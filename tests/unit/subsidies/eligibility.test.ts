import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DEMO_POLICY_2026 } from '../../../functions/jobs/seed-data.js'
import { ledgerTotals } from '../../../functions/api/routes/reports.js'
import type { Placement } from '../../../shared/schemas/applications.js'
import type { Certificate, Claim, Training } from '../../../shared/schemas/subsidies.js'
import { decide, monthsWithin, type Facts } from '../../../shared/subsidies/eligibility.js'

const policy = DEMO_POLICY_2026
const asOf = '2026-11-28'
const placement = (over: Partial<Placement>): Placement => ({
  id: 'p1', seekerId: 's1', seekerName: '甲', title: '普工', kind: 'enterprise', township: 'lingjing', seekerTownship: 'lingjing',
  startDate: '2026-02-01', status: 'active', source: 'external', createdBy: 'o', createdAt: '2026-02-01T00:00:00Z', ...over,
})
const facts = (over: Partial<Facts> = {}): Facts => ({ seeker: { id: 's1', category: 'alleviated' }, placements: [], certificates: [], trainings: [], yulu: [], ...over })
const failed = (d: ReturnType<typeof decide>) => d.rules.filter((r) => !r.pass).map((r) => r.code)

describe('months worked', () => {
  it.each([
    ['2026-02-01', undefined, 9],
    ['2025-06-01', '2026-04-15', 3],
    ['2026-10-01', '2026-10-20', 0],
    ['2027-01-01', undefined, 0],
  ] as const)('%s → %s: %i months in 2026 up to %s', (start, end, months) => {
    expect(monthsWithin(start, end, '2026-01-01', asOf)).toBe(months)
  })
})

describe('transport subsidy 交通补贴', () => {
  it.each([
    ['out of province, 9 months', facts({ placements: [placement({ destination: 'outOfProvince' })] }), true, 80_000, []],
    ['the best destination wins', facts({ placements: [placement({ destination: 'outOfCountyInCity' }), placement({ id: 'p2', destination: 'outOfCityInProvince' })] }), true, 40_000, []],
    ['in county only', facts({ placements: [placement({ destination: 'inCounty' })] }), false, 0, ['transport.awayWork', 'transport.months']],
    ['too short', facts({ placements: [placement({ destination: 'outOfProvince', startDate: '2026-10-01' })] }), false, 0, ['transport.months']],
    ['not alleviated or monitored', facts({ seeker: { id: 's1', category: 'other' }, placements: [placement({ destination: 'outOfProvince' })] }), false, 0, ['household.category']],
  ] as const)('%s', (_name, f, eligible, amount, failing) => {
    const d = decide('transport', '2026', f, policy, asOf)
    expect(d.eligible).toBe(eligible)
    expect(d.amountFen).toBe(amount)
    expect(failed(d)).toEqual(failing)
  })

  it('refuses a period of the wrong shape', () => {
    expect(failed(decide('transport', '2026-03', facts(), policy, asOf))).toEqual(['period.format'])
  })
})

describe('other kinds', () => {
  const cert = (over: Partial<Certificate>): Certificate => ({ id: 'c1', seekerId: 's1', seekerName: '甲', township: 'lingjing', kind: 'skillLevel', level: 4, occupation: '电工', number: 'X1', issuer: '人社局', issueDate: '2026-05-01', enteredBy: 'u', createdAt: '2026-05-01', verifiedAt: '2026-05-02', ...over })
  const training = (over: Partial<Training>): Training => ({ id: 't1', seekerId: 's1', course: '电工', provider: '职校', startDate: '2026-03-01', endDate: '2026-04-30', hours: 80, result: 'passed', certificateId: 'c1', township: 'lingjing', createdBy: 'o', createdAt: '2026-05-01', ...over })

  it('training pays by the certificate’s level, and only for a verified certificate', () => {
    expect(decide('training', '2026', facts({ certificates: [cert({})], trainings: [training({})] }), policy, asOf)).toMatchObject({ eligible: true, amountFen: 150_000 })
    expect(decide('training', '2026', facts({ certificates: [cert({ verifiedAt: undefined })], trainings: [training({})] }), policy, asOf).eligible).toBe(false)
    expect(decide('training', '2026', facts({ certificates: [cert({ kind: 'specialAbility', level: undefined })], trainings: [training({})] }), policy, asOf).amountFen).toBe(80_000)
  })

  it('public-welfare pay needs the post held in that month', () => {
    const pw = placement({ kind: 'publicWelfare', title: '保洁员', startDate: '2026-03-10' })
    expect(decide('publicWelfare', '2026-04', facts({ placements: [pw] }), policy, asOf)).toMatchObject({ eligible: true, amountFen: 50_000 })
    expect(failed(decide('publicWelfare', '2026-02', facts({ placements: [pw] }), policy, asOf))).toEqual(['publicWelfare.holds'])
  })

  it('Yulu is judged at term start: enrolled, and not risk-eliminated before it', () => {
    const y = { seekerId: 's1', term: '2026-autumn', school: '许昌职院', major: '护理', grade: 2, status: 'enrolled' as const, township: 'lingjing', updatedBy: 'o', updatedAt: 'x' }
    expect(decide('yulu', '2026-autumn', facts({ yulu: [y] }), policy, asOf)).toMatchObject({ eligible: true, amountFen: 150_000 })
    expect(failed(decide('yulu', '2026-autumn', facts({ yulu: [{ ...y, status: 'suspended' }] }), policy, asOf))).toEqual(['yulu.enrolled'])
    expect(failed(decide('yulu', '2026-autumn', facts({ seeker: { id: 's1', category: 'monitored', riskEliminatedOn: '2026-06-30' }, yulu: [y] }), policy, asOf))).toEqual(['yulu.household'])
    expect(decide('yulu', '2026-autumn', facts({ seeker: { id: 's1', category: 'monitored', riskEliminatedOn: '2026-10-01' }, yulu: [y] }), policy, asOf).eligible).toBe(true)
  })

  it('a workshop reward counts alleviated people kept long enough', () => {
    const kept = [placement({ startDate: '2026-01-10', category: 'alleviated' } as never), placement({ id: 'p2', startDate: '2026-09-01', category: 'alleviated' } as never), placement({ id: 'p3', startDate: '2026-01-10', category: 'other' } as never)]
    const d = decide('workshopReward', '2026', facts({ seeker: undefined, workshop: { id: 'w', status: 'recognized' }, workshopPlacements: kept }), policy, asOf)
    expect(d).toMatchObject({ eligible: true, amountFen: 100_000 })
    expect(decide('workshopReward', '2026', facts({ seeker: undefined, workshop: { id: 'w', status: 'pending' }, workshopPlacements: kept }), policy, asOf).eligible).toBe(false)
  })

  describe('startup subsidy 一次性创业补贴 (from the returnee record)', () => {
    const business = (over: Partial<NonNullable<NonNullable<Facts['returnee']>['business']>> = {}) => ({ returnee: { business: { name: '灵井蔬菜种植合作社', form: 'individual' as const, registeredOn: '2025-09-01', firstBusiness: true, employees: 0, ...over } } })
    it.each([
      ['a first business running 12 months', business(), '2026', true, []],
      ['no returnee record', {}, '2026', false, ['startup.business']],
      ['a returnee without a business', { returnee: {} }, '2026', false, ['startup.business']],
      ['not a first business', business({ firstBusiness: false }), '2026', false, ['startup.first']],
      // 2025-12-01 + 12 months = 2026-12-01, after asOf (2026-11-28).
      ['running 11 months and some days', business({ registeredOn: '2025-12-01' }), '2026', false, ['startup.months']],
      ['exactly 12 months on asOf', business({ registeredOn: '2025-11-28' }), '2026', true, []],
      ['claimed for a later year than it qualified in (once only)', business({ registeredOn: '2024-03-01' }), '2026', false, ['startup.period']],
      ['not alleviated or monitored', { ...business(), seeker: { id: 's1', category: 'other' as const } }, '2026', false, ['household.category']],
    ] as const)('%s', (_name, over, period, eligible, failing) => {
      const d = decide('startup', period, facts(over as Partial<Facts>), policy, asOf)
      expect(failed(d)).toEqual(failing)
      expect(d.eligible).toBe(eligible)
      expect(d.amountFen).toBe(eligible ? policy.startup.amountFen : 0)
    })
    it('reads the months, the hires and the amount from the policy', () => {
      const strict = { ...policy, startup: { amountFen: 300_000, minHires: 2, minMonthsOperating: 6 } }
      expect(decide('startup', '2026', facts(business({ registeredOn: '2026-05-01', employees: 2 })), strict, asOf)).toMatchObject({ eligible: true, amountFen: 300_000 })
      expect(failed(decide('startup', '2026', facts(business({ registeredOn: '2026-05-01', employees: 1 })), strict, asOf))).toEqual(['startup.hires'])
    })
  })
})

describe('invariants', () => {
  const kinds = ['transport', 'labor', 'training', 'publicWelfare', 'startup', 'workshopReward', 'yulu'] as const
  const arbFacts = fc.record({
    category: fc.constantFrom('alleviated', 'monitored', 'other'),
    placements: fc.array(
      fc.record({
        start: fc.date({ min: new Date('2025-01-01'), max: new Date('2026-12-31'), noInvalidDate: true }),
        months: fc.integer({ min: 0, max: 20 }),
        destination: fc.constantFrom('inCounty', 'outOfCountyInCity', 'outOfCityInProvince', 'outOfProvince'),
        kind: fc.constantFrom('workshop', 'publicWelfare', 'enterprise', 'laborExport'),
      }),
      { maxLength: 4 },
    ),
  })

  it('eligible exactly when every rule passes; the amount is integer fen, positive only when eligible', () => {
    fc.assert(
      fc.property(fc.constantFrom(...kinds), fc.constantFrom('2026', '2026-05', '2026-autumn'), arbFacts, (kind, period, a) => {
        const f = facts({
          seeker: { id: 's1', category: a.category },
          placements: a.placements.map((p, i) =>
            placement({ id: `p${i}`, kind: p.kind, destination: p.destination, startDate: p.start.toISOString().slice(0, 10), endDate: new Date(p.start.getTime() + p.months * 30.5 * 86_400_000).toISOString().slice(0, 10) }),
          ),
        })
        const d = decide(kind, period, f, policy, asOf)
        expect(d.eligible).toBe(d.rules.every((r) => r.pass))
        expect(Number.isInteger(d.amountFen)).toBe(true)
        expect(d.amountFen > 0).toBe(d.eligible)
        for (const r of d.rules) expect(r.message.length * r.messageEn.length).toBeGreaterThan(0)
      }),
      { numRuns: 300 },
    )
  })

  it('ledger totals equal the sum of their rows, overall and in every breakdown (integer fen)', () => {
    const claim = fc.record({
      kind: fc.constantFrom(...kinds),
      township: fc.constantFrom('lingjing', 'suqiao', 'yulin'),
      status: fc.constantFrom('draft', 'approved', 'paid', 'reversed'),
      amountFen: fc.integer({ min: -1_000_000, max: 1_000_000 }),
    })
    fc.assert(
      fc.property(fc.array(claim, { maxLength: 60 }), (rows) => {
        const t = ledgerTotals(rows as unknown as Claim[])
        const sum = rows.reduce((s, r) => s + r.amountFen, 0)
        expect(t.totalFen).toBe(sum)
        expect(t.count).toBe(rows.length)
        for (const m of [t.byKind, t.byTownship, t.byStatus]) {
          expect(Object.values(m).reduce((s, x) => s + x.totalFen, 0)).toBe(sum)
          expect(Object.values(m).reduce((s, x) => s + x.count, 0)).toBe(rows.length)
        }
      }),
    )
  })
})
