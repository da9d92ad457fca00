import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { villageByCode } from '../../../shared/geo.js'
import { compile, pairKm } from '../../../shared/matching/compile.js'
import { ELIGIBILITY_CODES, eligibility } from '../../../shared/matching/eligibility.js'
import { defaultPolicy, explainPair, type MatchPolicy, type MatchPost, type MatchSeeker, syntheticInstance } from '../../../shared/matching/index.js'

const AS_OF = '2026-03-01'
// 灵井镇's first two villages are a few km apart; 'far' is half a degree (55.6 km) north of the first.
const seeker: MatchSeeker = {
  id: 's1',
  age: 35,
  category: 'alleviated',
  laborCapacity: 'full',
  township: 'lingjing',
  village: 'lingjing-01',
  skills: ['电工'],
  certificates: ['电工证'],
}
const post: MatchPost = {
  id: 'p1',
  kind: 'workshop',
  township: 'lingjing',
  village: 'lingjing-02',
  remaining: 3,
  preferredSkills: ['电工'],
  intensity: 'medium',
  ageMin: 18,
  ageMax: 55,
  wage: { amountFen: 300_000, unit: 'month' },
}
const home = villageByCode.get('lingjing-01')!
const far = { village: undefined, lat: home.lat + 0.5, lng: home.lng }

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? (T[K] extends unknown[] ? T[K] : DeepPartial<T[K]>) : T[K] }
function withPolicy(patch: DeepPartial<MatchPolicy>): MatchPolicy {
  const p = defaultPolicy(2026)
  for (const [k, v] of Object.entries(patch)) {
    const key = k as keyof MatchPolicy
    ;(p as Record<string, unknown>)[key] = typeof v === 'object' && !Array.isArray(v) ? deepMerge(p[key] as object, v as object) : v
  }
  return p
}
function deepMerge(a: object, b: object): object {
  const out: Record<string, unknown> = { ...a }
  for (const [k, v] of Object.entries(b)) out[k] = typeof v === 'object' && v !== null && !Array.isArray(v) ? deepMerge((a as Record<string, object>)[k] ?? {}, v) : v
  return out
}

const check = (s: Partial<MatchSeeker>, p: Partial<MatchPost> = {}, policy: MatchPolicy = defaultPolicy(2026), asOf = AS_OF) =>
  explainPair({ ...seeker, ...s } as MatchSeeker, { ...post, ...p } as MatchPost, policy, asOf).failures

describe('eligibility: one rule at a time', () => {
  it('the base pair is eligible', () => {
    expect(check({})).toEqual([])
  })

  const cases: { rule: string; seeker?: Partial<MatchSeeker>; post?: Partial<MatchPost>; policy?: MatchPolicy; asOf?: string; expected: object[] }[] = [
    { rule: 'already placed full-time', seeker: { currentPlacement: { kind: 'enterprise', fullTime: true } }, expected: [{ code: 'placement.fullTime' }] },
    {
      rule: 'full-time placement allowed by the policy',
      seeker: { currentPlacement: { kind: 'enterprise', fullTime: true } },
      policy: withPolicy({ rules: { excludeFullTimePlaced: false } }),
      expected: [],
    },
    { rule: 'part-time placement is no bar', seeker: { currentPlacement: { kind: 'workshop', fullTime: false } }, expected: [] },
    { rule: 'no labor capacity', seeker: { laborCapacity: 'none' }, expected: [{ code: 'capacity.none', value: 'none' }] },
    { rule: 'older than the post allows', seeker: { age: 60 }, expected: [{ code: 'age.outOfRange', value: 60, limit: '18–55' }] },
    { rule: 'younger than the post allows', seeker: { age: 17 }, expected: [{ code: 'age.outOfRange', value: 17, limit: '18–55' }] },
    { rule: 'the legal working age narrows the post’s range', seeker: { age: 15 }, post: { ageMin: 10 }, expected: [{ code: 'age.outOfRange', value: 15, limit: '16–55' }] },
    { rule: 'age from the birth date, the day before the birthday', seeker: { age: undefined, birthDate: '1971-03-02' }, expected: [] },
    { rule: 'age from the birth date, on the 55th birthday', seeker: { age: undefined, birthDate: '1971-03-01' }, expected: [] },
    { rule: 'age from the birth date, a year later', seeker: { age: undefined, birthDate: '1970-03-01' }, expected: [{ code: 'age.outOfRange', value: 56, limit: '18–55' }] },
    {
      rule: 'public-welfare post for someone of another household',
      seeker: { category: 'other', laborCapacity: 'half' },
      post: { kind: 'publicWelfare', intensity: 'light' },
      expected: [{ code: 'kind.publicWelfare.category', value: 'other' }],
    },
    { rule: 'public-welfare post, alleviated and half capacity', seeker: { laborCapacity: 'half' }, post: { kind: 'publicWelfare', intensity: 'light' }, expected: [] },
    { rule: 'public-welfare post, weak capacity', seeker: { laborCapacity: 'weak' }, post: { kind: 'publicWelfare', intensity: 'light' }, expected: [] },
    {
      rule: 'public-welfare post, full capacity',
      post: { kind: 'publicWelfare', intensity: 'light' },
      expected: [{ code: 'kind.publicWelfare.capacity', value: 'full' }],
    },
    { rule: 'public-welfare post, full capacity but hard to place', seeker: { hardToPlace: true }, post: { kind: 'publicWelfare', intensity: 'light' }, expected: [] },
    {
      rule: 'public-welfare post, hard to place not allowed by the policy',
      seeker: { hardToPlace: true },
      post: { kind: 'publicWelfare', intensity: 'light' },
      policy: withPolicy({ rules: { publicWelfare: { allowHardToPlace: false } } }),
      expected: [{ code: 'kind.publicWelfare.capacity', value: 'full' }],
    },
    {
      rule: 'public-welfare post, capacities from the policy',
      post: { kind: 'publicWelfare', intensity: 'light' },
      policy: withPolicy({ rules: { publicWelfare: { capacities: ['full', 'half', 'weak'] } } }),
      expected: [],
    },
    {
      rule: 'public-welfare post held already (one at a time)',
      seeker: { laborCapacity: 'half', currentPlacement: { kind: 'publicWelfare', fullTime: false } },
      post: { kind: 'publicWelfare', intensity: 'light' },
      expected: [{ code: 'kind.publicWelfare.alreadyHeld' }],
    },
    {
      rule: 'public-welfare post held already, a workshop post is fine',
      seeker: { laborCapacity: 'half', currentPlacement: { kind: 'publicWelfare', fullTime: false } },
      expected: [],
    },
    {
      rule: 'monitored household, risk eliminated',
      seeker: { category: 'monitored', monitoredSubtype: 'marginal', riskEliminated: true, laborCapacity: 'half' },
      post: { kind: 'publicWelfare', intensity: 'light' },
      expected: [{ code: 'household.riskEliminated' }],
    },
    {
      rule: 'monitored household, risk eliminated within the grace period',
      seeker: { category: 'monitored', monitoredSubtype: 'marginal', riskEliminated: true, riskEliminatedOn: '2026-02-15', laborCapacity: 'half' },
      post: { kind: 'publicWelfare', intensity: 'light' },
      policy: withPolicy({ rules: { riskEliminatedGraceDays: 30 } }),
      expected: [],
    },
    {
      rule: 'monitored household, risk eliminated after the grace period',
      seeker: { category: 'monitored', monitoredSubtype: 'marginal', riskEliminated: true, riskEliminatedOn: '2025-12-01', laborCapacity: 'half' },
      post: { kind: 'publicWelfare', intensity: 'light' },
      policy: withPolicy({ rules: { riskEliminatedGraceDays: 30 } }),
      expected: [{ code: 'household.riskEliminated' }],
    },
    {
      rule: 'monitored household, still monitored',
      seeker: { category: 'monitored', monitoredSubtype: 'suddenHardship', laborCapacity: 'weak' },
      post: { kind: 'publicWelfare', intensity: 'light' },
      expected: [],
    },
    { rule: 'labor export, willing and full capacity, beyond the daily commute', seeker: { willingToMigrate: true }, post: { kind: 'laborExport', ...far }, expected: [] },
    {
      rule: 'labor export, not willing',
      post: { kind: 'laborExport' },
      expected: [{ code: 'kind.laborExport.notWilling' }],
    },
    {
      rule: 'labor export, half capacity',
      seeker: { willingToMigrate: true, laborCapacity: 'half' },
      post: { kind: 'laborExport' },
      expected: [{ code: 'kind.laborExport.capacity', value: 'half' }],
    },
    {
      rule: 'labor export, a public-welfare post holder',
      seeker: { willingToMigrate: true, currentPlacement: { kind: 'publicWelfare', fullTime: false } },
      post: { kind: 'laborExport' },
      expected: [{ code: 'kind.laborExport.publicWelfareHolder' }],
    },
    {
      rule: 'labor export, beyond the recruitment radius',
      seeker: { willingToMigrate: true },
      post: { kind: 'laborExport', ...far },
      policy: withPolicy({ rules: { laborExport: { radiusKm: 40 } } }),
      expected: [{ code: 'commute.tooFar', value: 55.6, limit: 40 }],
    },
    { rule: 'required certificate missing', post: { requiredCertificates: ['焊工证', '电工证'] }, expected: [{ code: 'certificate.missing', value: ['焊工证'] }] },
    { rule: 'required certificate held', post: { requiredCertificates: ['电工证'] }, expected: [] },
    { rule: 'heavy work for half capacity', seeker: { laborCapacity: 'half' }, post: { intensity: 'heavy' }, expected: [{ code: 'intensity.tooHeavy', value: 'half', limit: 'heavy' }] },
    { rule: 'medium work for weak capacity', seeker: { laborCapacity: 'weak' }, expected: [{ code: 'intensity.tooHeavy', value: 'weak', limit: 'medium' }] },
    {
      rule: 'intensity mapping from the policy',
      seeker: { laborCapacity: 'weak' },
      policy: withPolicy({ rules: { intensityByCapacity: { weak: ['light', 'medium'] } } }),
      expected: [],
    },
    { rule: 'beyond the seeker’s own commute', seeker: { maxCommuteKm: 1 }, expected: [{ code: 'commute.tooFar', value: expect.any(Number), limit: 1 }] },
    { rule: 'beyond the policy’s default commute', post: far, expected: [{ code: 'commute.tooFar', value: 55.6, limit: 15 }] },
    { rule: 'the default commute from the policy', post: far, policy: withPolicy({ rules: { maxCommuteDefaultKm: 60 } }), expected: [] },
  ]
  it.each(cases)('$rule', ({ seeker: s = {}, post: p = {}, policy, asOf, expected }) => {
    expect(check(s, p, policy, asOf)).toEqual(expected)
  })

  it('lists every failed rule, in the documented order', () => {
    const failures = check(
      { laborCapacity: 'weak', category: 'other', age: 70, currentPlacement: { kind: 'publicWelfare', fullTime: true }, certificates: [] },
      { kind: 'publicWelfare', requiredCertificates: ['电工证'], ...far },
    )
    const codes = failures.map((f) => f.code)
    expect(codes).toEqual([
      'placement.fullTime',
      'age.outOfRange',
      'kind.publicWelfare.category',
      'kind.publicWelfare.alreadyHeld',
      'certificate.missing',
      'intensity.tooHeavy',
      'commute.tooFar',
    ])
    expect([...codes].sort((a, b) => ELIGIBILITY_CODES.indexOf(a as never) - ELIGIBILITY_CODES.indexOf(b as never))).toEqual(codes)
  })

  it('answers fast with the first failed rule, the same one the full check lists first', () => {
    const inst = syntheticInstance({ seekers: 150, posts: 40, seed: 7 })
    const c = compile(inst)
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 149 }), fc.integer({ min: 0, max: 39 }), (i, j) => {
        const km = pairKm(c.seekers, i, c.posts, j)
        const all: { code: string }[] = []
        const full = eligibility(c, i, j, km, all)
        const fast = eligibility(c, i, j, km)
        expect(fast).toBe(full)
        expect(fast === 0 ? undefined : ELIGIBILITY_CODES[fast - 1]).toBe(all[0]?.code)
      }),
      { numRuns: 2000 },
    )
  })
})
