import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { villageByCode } from '../../../shared/geo.js'
import { defaultPolicy, ELIGIBILITY_CODES, explainPair, MatchPolicy, type MatchPost, type MatchSeeker, type Reason, renderReason, RULE_LABEL } from '../../../shared/matching/index.js'

const AS_OF = '2026-03-01'
const home = villageByCode.get('lingjing-01')!
// Seeker and post at the same spot unless a case moves the post: distance points are full.
const seeker: MatchSeeker = {
  id: 's1',
  age: 35,
  category: 'other',
  laborCapacity: 'full',
  township: 'lingjing',
  lat: home.lat,
  lng: home.lng,
  intents: ['employment'],
  expectedWageFen: 300_000,
}
const post: MatchPost = {
  id: 'p1',
  kind: 'workshop',
  township: 'lingjing',
  lat: home.lat,
  lng: home.lng,
  remaining: 3,
  wage: { amountFen: 300_000, unit: 'month' },
}
/** km due north of the seeker (along a meridian the great circle is exactly R·Δφ). */
const north = (km: number) => ({ lat: home.lat + (km / 6371) * (180 / Math.PI), lng: home.lng })

const reasonsOf = (s: Partial<MatchSeeker>, p: Partial<MatchPost> = {}, policy: MatchPolicy = defaultPolicy(2026)) =>
  explainPair({ ...seeker, ...s } as MatchSeeker, { ...post, ...p } as MatchPost, policy, AS_OF)
const component = (reasons: Reason[], prefix: string) => reasons.filter((r) => r.code.startsWith(`${prefix}.`))

describe('score: one component at a time', () => {
  const cases: { component: string; name: string; seeker?: Partial<MatchSeeker>; post?: Partial<MatchPost>; policy?: MatchPolicy; expected: Reason[] }[] = [
    // skill (weight 25)
    { component: 'skill', name: 'one of two preferred skills', seeker: { skills: ['电工', '厨师'] }, post: { preferredSkills: ['电工', '焊工'] }, expected: [{ code: 'skill.match', value: ['电工'], points: 13 }] },
    { component: 'skill', name: 'all preferred skills', seeker: { skills: ['电工', '焊工'] }, post: { preferredSkills: ['焊工', '电工'] }, expected: [{ code: 'skill.match', value: ['电工', '焊工'], points: 25 }] },
    { component: 'skill', name: 'none of the preferred skills', seeker: { skills: ['厨师'] }, post: { preferredSkills: ['电工'] }, expected: [{ code: 'skill.none', value: ['电工'], points: 0 }] },
    { component: 'skill', name: 'no preference: the policy’s share', post: { preferredSkills: [] }, expected: [{ code: 'skill.notRequired', points: 13 }] },
    // certificate (weight 10)
    {
      component: 'certificate',
      name: 'holds the required one of two relevant',
      seeker: { certificates: ['电工证'] },
      post: { requiredCertificates: ['电工证'], preferredCertificates: ['焊工证'] },
      expected: [{ code: 'certificate.held', value: ['电工证'], points: 5 }],
    },
    {
      component: 'certificate',
      name: 'a certificate both required and preferred counts once',
      seeker: { certificates: ['电工证'] },
      post: { requiredCertificates: ['电工证'], preferredCertificates: ['电工证'] },
      expected: [{ code: 'certificate.held', value: ['电工证'], points: 10 }],
    },
    { component: 'certificate', name: 'holds none of the preferred', post: { preferredCertificates: ['叉车证'] }, expected: [{ code: 'certificate.none', value: ['叉车证'], points: 0 }] },
    { component: 'certificate', name: 'no preference', expected: [{ code: 'certificate.notRequired', points: 5 }] },
    // distance (weight 20): full up to 3 km, none at the commute limit (15 km by default)
    { component: 'distance', name: 'same township, close', expected: [{ code: 'distance.sameTownship', value: 0, points: 20 }] },
    { component: 'distance', name: 'another township at 3 km', post: { township: 'chencao', ...north(3) }, expected: [{ code: 'distance.km', value: 3, points: 20 }] },
    { component: 'distance', name: 'half way between 3 km and the limit', post: north(9), expected: [{ code: 'distance.sameTownship', value: 9, points: 10 }] },
    { component: 'distance', name: 'at the seeker’s own limit', seeker: { maxCommuteKm: 9 }, post: north(9), expected: [{ code: 'distance.sameTownship', value: 9, points: 0 }] },
    { component: 'distance', name: 'labor export: the policy’s share', post: { kind: 'laborExport', ...north(40) }, expected: [{ code: 'distance.laborExport', value: 40, points: 10 }] },
    // wage (weight 15): none at 60% of the expectation, all at 100%
    { component: 'wage', name: 'meets the expectation', expected: [{ code: 'wage.meets', value: 3000, points: 15 }] },
    { component: 'wage', name: '80% of the expectation', post: { wage: { amountFen: 240_000, unit: 'month' } }, expected: [{ code: 'wage.below', value: 2400, points: 8 }] },
    { component: 'wage', name: 'at the floor', post: { wage: { amountFen: 180_000, unit: 'month' } }, expected: [{ code: 'wage.below', value: 1800, points: 0 }] },
    { component: 'wage', name: 'a day rate, times 22 days', post: { wage: { amountFen: 15_000, unit: 'day' } }, expected: [{ code: 'wage.meets', value: 3300, points: 15 }] },
    { component: 'wage', name: 'piece rate: the policy’s share', post: { wage: { amountFen: 300, unit: 'piece', expectedMonthlyFen: 300_000 } }, expected: [{ code: 'wage.pieceRate', points: 8 }] },
    {
      component: 'wage',
      name: 'no expectation: against the reference wage',
      seeker: { expectedWageFen: undefined },
      post: { wage: { amountFen: 220_000, unit: 'month' } },
      expected: [{ code: 'wage.meetsReference', value: 2200, points: 15 }],
    },
    // intent (weight 10)
    { component: 'intent', name: 'employment covers a workshop', expected: [{ code: 'intent.match', value: 'employment', points: 10 }] },
    { component: 'intent', name: 'industry covers a workshop', seeker: { intents: ['industry'] }, expected: [{ code: 'intent.match', value: 'industry', points: 10 }] },
    { component: 'intent', name: 'industry does not cover an enterprise', seeker: { intents: ['industry'] }, post: { kind: 'enterprise' }, expected: [{ code: 'intent.none', value: 'enterprise', points: 0 }] },
    // group (weight 10)
    { component: 'group', name: 'a graduate on a post for the major', seeker: { groups: ['graduate'], major: '护理' }, post: { majors: ['护理', '会计'] }, expected: [{ code: 'group.majorFit', value: '护理', points: 10 }] },
    { component: 'group', name: 'a Yulu trainee on a post for the major', seeker: { groups: ['yulu'], major: '会计' }, post: { majors: ['会计'] }, expected: [{ code: 'group.majorFit', value: '会计', points: 10 }] },
    { component: 'group', name: 'a graduate on a post for another major', seeker: { groups: ['graduate'], major: '护理' }, post: { majors: ['会计'] }, expected: [{ code: 'group.none', points: 0 }] },
    { component: 'group', name: 'a major counts only for graduates and trainees', seeker: { groups: ['returnee'], major: '护理' }, post: { majors: ['护理'] }, expected: [{ code: 'group.none', points: 0 }] },
    // priority (cap 10)
    { component: 'priority', name: 'nobody in particular', expected: [] },
    { component: 'priority', name: 'monitored', seeker: { category: 'monitored', monitoredSubtype: 'unstable' }, expected: [{ code: 'priority.monitored', points: 10 }] },
    {
      component: 'priority',
      name: 'alleviated, income fell, recently returned',
      seeker: { category: 'alleviated', incomeFell: true, returnedOn: '2025-10-01' },
      expected: [
        { code: 'priority.alleviated', points: 5 },
        { code: 'priority.incomeFell', points: 3 },
        { code: 'priority.recentReturn', points: 2 },
      ],
    },
    { component: 'priority', name: 'returned long ago', seeker: { returnedOn: '2020-10-01' }, expected: [] },
    {
      component: 'priority',
      name: 'capped at the weight',
      seeker: { category: 'monitored', monitoredSubtype: 'unstable', incomeFell: true, zeroEmploymentHousehold: true },
      expected: [
        { code: 'priority.monitored', points: 10 },
        { code: 'priority.incomeFell', points: 0 },
        { code: 'priority.zeroEmployment', points: 0 },
      ],
    },
    { component: 'priority', name: 'a monitored household whose risk was eliminated', seeker: { category: 'monitored', monitoredSubtype: 'marginal', riskEliminated: true }, expected: [] },
  ]
  it.each(cases)('$component: $name', ({ component: name, seeker: s = {}, post: p = {}, policy, expected }) => {
    expect(component(reasonsOf(s, p, policy).reasons, name)).toEqual(expected)
  })

  it('takes its weights from the policy', () => {
    const policy = defaultPolicy(2026)
    policy.weights = { skill: 40, certificate: 0, distance: 30, wage: 10, intent: 10, group: 10, priority: 0 }
    const r = reasonsOf({ skills: ['电工'], category: 'monitored', monitoredSubtype: 'unstable' }, { preferredSkills: ['电工'] }, policy)
    expect(r.score).toBe(40 + 0 + 30 + 10 + 10 + 0 + 0)
    expect(component(r.reasons, 'priority')).toEqual([{ code: 'priority.monitored', points: 0 }])
  })

  it('the policy schema refuses weights that add up to more than 100', () => {
    const policy = defaultPolicy(2026)
    expect(MatchPolicy.safeParse(policy).success).toBe(true)
    policy.weights.skill = 60
    const r = MatchPolicy.safeParse(policy)
    expect(r.success).toBe(false)
    expect(r.error?.issues[0]?.message).toBe('各项权重之和不能超过 100')
  })

  it('renders the portal’s sentences', () => {
    const r = reasonsOf(
      { certificates: ['电工证'], category: 'monitored', monitoredSubtype: 'unstable' },
      { requiredCertificates: ['电工证'], ...north(3.2) },
    ).reasons
    const text = r.map((x) => renderReason(x))
    expect(text).toContain('持有电工证')
    expect(text).toContain('同乡镇 3.2 km')
    expect(text).toContain('监测对象优先')
    expect(r.map((x) => renderReason(x, 'en'))).toContain('Same township, 3.2 km')
    expect(renderReason({ code: 'age.outOfRange', value: 60, limit: '18–55' })).toBe('年龄 60 岁，不在 18–55 岁范围内')
    expect(renderReason({ code: 'certificate.missing', value: ['焊工证', '电工证'] }, 'en')).toBe('Missing 焊工证, 电工证')
  })
})

describe('score: invariants', () => {
  const names = ['电工', '焊工', '厨师', '护理']
  const seekerArb = fc.record({
    age: fc.integer({ min: 16, max: 65 }),
    category: fc.constantFrom('alleviated', 'monitored', 'other'),
    laborCapacity: fc.constantFrom('full', 'half', 'weak', 'none'),
    skills: fc.subarray(names),
    certificates: fc.subarray(names.map((n) => `${n}证`)),
    expectedWageFen: fc.option(fc.integer({ min: 0, max: 2_000_000 }), { nil: undefined }),
    maxCommuteKm: fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { nil: undefined }),
    intents: fc.subarray(['employment', 'entrepreneurship', 'industry'] as const),
    groups: fc.subarray(['returnee', 'graduate', 'yulu', 'newEntrant'] as const),
    major: fc.option(fc.constantFrom('护理', '会计'), { nil: undefined }),
    incomeFell: fc.boolean(),
    zeroEmploymentHousehold: fc.boolean(),
    returnedOn: fc.option(fc.constantFrom('2025-06-01', '2022-01-01', '2026-02-28'), { nil: undefined }),
  })
  const postArb = fc.record({
    kind: fc.constantFrom('workshop', 'publicWelfare', 'enterprise', 'laborExport'),
    km: fc.double({ min: 0, max: 80, noNaN: true }),
    preferredSkills: fc.subarray(names),
    requiredCertificates: fc.subarray(names.map((n) => `${n}证`), { maxLength: 1 }),
    preferredCertificates: fc.subarray(names.map((n) => `${n}证`)),
    wage: fc.record({ amountFen: fc.integer({ min: 1, max: 2_000_000 }), unit: fc.constantFrom('month', 'day', 'piece'), expectedMonthlyFen: fc.integer({ min: 1, max: 2_000_000 }) }),
    majors: fc.subarray(['护理', '会计']),
  })

  it('is an integer 0–100, and its reasons add up to it', () => {
    fc.assert(
      fc.property(seekerArb, postArb, (s, { km, ...p }) => {
        const monitored = s.category === 'monitored' ? { monitoredSubtype: 'unstable' as const } : {}
        const r = reasonsOf({ ...s, ...monitored }, { ...p, ...north(km) })
        expect(Number.isInteger(r.score)).toBe(true)
        expect(r.score).toBeGreaterThanOrEqual(0)
        expect(r.score).toBeLessThanOrEqual(100)
        expect(r.reasons.reduce((a, x) => a + x.points, 0)).toBe(r.score)
      }),
      { numRuns: 400 },
    )
  })
})

describe('the reason of someone with no eligible post', () => {
  it('names the most common failed rule in a few words, with no template left unfilled', () => {
    for (const code of ELIGIBILITY_CODES) {
      for (const locale of ['zh-CN', 'en'] as const) {
        const text = renderReason({ code: 'unplaced.noEligiblePost', value: code, points: 0 }, locale)
        expect(text).not.toMatch(/[{}]|（）|\(\)|不在\s+岁/)
        expect(text).toContain(RULE_LABEL[code][locale === 'zh-CN' ? 'zh' : 'en'])
      }
    }
    expect(renderReason({ code: 'unplaced.noEligiblePost', value: 'age.outOfRange', points: 0 })).toBe('没有符合条件的岗位（最常见原因：年龄不符）')
  })
})
