/**
 * Issue 10, part 7: the three disagreements an independent implementation of docs/matching.md found
 * (score-0 people left unplaced, the unplaced reason blind to labor export, no distance across ±180°
 * or near a pole), and the points the document now states (each checked against the engine here).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { villageByCode } from '../../../shared/geo.js'
import { compile, pairKm } from '../../../shared/matching/compile.js'
import { eligibility } from '../../../shared/matching/eligibility.js'
import { buildGraph } from '../../../shared/matching/graph.js'
import {
  canonicalOrder,
  defaultPolicy,
  explainPair,
  type MatchInstanceParsed,
  type MatchPolicy,
  type MatchPost,
  MatchPost as MatchPostSchema,
  type MatchSeeker,
  MatchSeeker as MatchSeekerSchema,
  type Run,
  runMatch,
  score,
  syntheticInstance,
} from '../../../shared/matching/index.js'

const AS_OF = '2026-03-01'
const home = villageByCode.get('lingjing-01')!
const KM = 1 / 111.2 // a kilometre north, in degrees of latitude

const seeker = (x: Partial<MatchSeeker> = {}): MatchSeeker => ({
  id: 's1',
  age: 35,
  category: 'alleviated',
  laborCapacity: 'full',
  township: 'lingjing',
  lat: home.lat,
  lng: home.lng,
  ...x,
})
const post = (id: string, x: Partial<MatchPost> = {}): MatchPost => ({
  id,
  kind: 'workshop',
  township: 'lingjing',
  lat: home.lat + KM,
  lng: home.lng,
  remaining: 1,
  wage: { amountFen: 300_000, unit: 'month' },
  ...x,
})
const instance = (seekers: MatchSeeker[], posts: MatchPost[], policy: MatchPolicy = defaultPolicy(2026), asOf = AS_OF): MatchInstanceParsed => ({
  asOf,
  policy,
  seekers: seekers.map((s) => MatchSeekerSchema.parse(s)),
  posts: posts.map((p) => MatchPostSchema.parse(p)),
})
const reasonOf = (run: Run, id = 's1') => run.result.assignments.find((a) => a.seekerId === id)!.reasons[0]!

describe('the unplaced reason counts every open post within reach, labor export included', () => {
  it('the issue’s example: not signed up to work away, three labor-export posts 1 km away, a workshop needing 电工证', () => {
    const posts = [
      post('x1', { kind: 'laborExport' }),
      post('x2', { kind: 'laborExport' }),
      post('x3', { kind: 'laborExport' }),
      post('w1', { requiredCertificates: ['电工证'] }),
    ]
    const run = runMatch(instance([seeker({ willingToMigrate: false })], posts))
    expect(reasonOf(run)).toEqual({ code: 'unplaced.noEligiblePost', value: 'kind.laborExport.notWilling', points: 0 })
  })

  it('a tie goes to the rule checked first; closed posts (remaining 0) do not count', () => {
    const tie = [post('x1', { kind: 'laborExport' }), post('w1', { requiredCertificates: ['电工证'] })]
    expect(reasonOf(runMatch(instance([seeker()], tie))).value).toBe('kind.laborExport.notWilling')
    const more = [...tie, post('w2', { requiredCertificates: ['焊工证'] })]
    expect(reasonOf(runMatch(instance([seeker()], more))).value).toBe('certificate.missing')
    const closed = [...tie, post('x2', { kind: 'laborExport', remaining: 0 }), post('x3', { kind: 'laborExport', remaining: 0 }), post('w2', { requiredCertificates: ['焊工证'] })]
    expect(reasonOf(runMatch(instance([seeker()], closed))).value).toBe('certificate.missing')
  })

  it('each post counts its first failing rule only, and posts beyond reach do not count', () => {
    // Too young for both local posts (age first), one of which also needs a certificate; a far post needing a certificate.
    const posts = [post('w1', { ageMin: 40 }), post('w2', { ageMin: 40, requiredCertificates: ['电工证'] }), post('w3', { requiredCertificates: ['电工证'], lat: home.lat + 30 * KM }), post('w4', { requiredCertificates: ['电工证'], lat: home.lat + 40 * KM })]
    expect(reasonOf(runMatch(instance([seeker()], posts))).value).toBe('age.outOfRange')
    // Nothing open within reach at all.
    expect(reasonOf(runMatch(instance([seeker()], [post('w9', { lat: home.lat + 30 * KM })]))).value).toBe('commute.tooFar')
  })
})

describe('optimal mode places every person who has an eligible post with room', () => {
  it('a pair of score 0 is placed (all weights 0 make every score 0)', () => {
    const policy = defaultPolicy(2026)
    policy.weights = { skill: 0, certificate: 0, distance: 0, wage: 0, intent: 0, group: 0, priority: 0 }
    const run = runMatch(instance([seeker({ id: 'a', category: 'other' }), seeker({ id: 'b', category: 'other' })], [post('w1', { remaining: 2 })], policy))
    expect(run.result.assignments.map((a) => [a.seekerId, a.postId, a.score])).toEqual([
      ['a', 'w1', 0],
      ['b', 'w1', 0],
    ])
    expect(run.result.posts).toEqual([{ postId: 'w1', assigned: 2, remaining: 0 }])
  })

  it('fast-check: on random instances (zero scores included), nobody eligible is unplaced while an eligible post has room', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.boolean(), (seed, zero) => {
        const raw = syntheticInstance({ seekers: 150, posts: 15, seed })
        const policy = structuredClone(raw.policy)
        if (zero) policy.weights = { skill: 0, certificate: 0, distance: 0, wage: 0, intent: 0, group: 0, priority: 0 }
        const run = runMatch({ ...raw, policy })
        const { graph: g, assignment: a } = run
        const load = new Int32Array(g.m)
        for (let i = 0; i < g.n; i++) if (a[i]! >= 0) load[g.post[a[i]!]!]!++
        for (let i = 0; i < g.n; i++) {
          if (a[i]! >= 0) continue
          for (let e = g.start[i]!; e < g.start[i + 1]!; e++) expect(load[g.post[e]!]).toBe(g.capacity[g.post[e]!])
        }
        // And nobody is told "outcompeted" next to a post with room: every post they could take is full.
        const left = new Map(run.result.posts.map((p) => [p.postId, p.remaining]))
        for (const x of run.result.assignments) if (x.reasons[0]?.code === 'unplaced.outcompeted') expect(x.eligiblePosts).toBeGreaterThan(0)
        expect([...left.values()].every((r) => r >= 0)).toBe(true)
      }),
      { numRuns: 40 },
    )
  })
})

describe('distance across ±180° and near the poles', () => {
  it('a post 2.2 km away across the antimeridian is within reach, and placed', () => {
    const s = seeker({ lat: 10, lng: 179.99, township: 't' })
    const p = post('p', { lat: 10, lng: -179.99, township: 't' })
    const km = explainPair(s, p, defaultPolicy(2026), AS_OF).reasons.find((r) => r.code === 'distance.sameTownship')!.value
    expect(km).toBe(2.2)
    expect(runMatch(instance([s], [p])).result.assignments[0]!.postId).toBe('p')
  })

  it('a post across a pole, 11 km away, is within reach', () => {
    const s = seeker({ lat: 89.95, lng: 0 })
    const p = post('p', { lat: 89.95, lng: 180 })
    expect(runMatch(instance([s], [p])).result.assignments[0]!.postId).toBe('p')
    expect(runMatch(instance([seeker({ lat: -89.95, lng: 90 })], [post('q', { lat: -89.95, lng: -90 })])).result.assignments[0]!.postId).toBe('q')
  })

  it('fast-check: near ±180° and the poles the graph holds exactly the pairs that checking every pair finds', () => {
    const place = fc.oneof(
      fc.record({ lat: fc.double({ min: -60, max: 60, noNaN: true }), lng: fc.oneof(fc.double({ min: 179.5, max: 180, noNaN: true }), fc.double({ min: -180, max: -179.5, noNaN: true })) }),
      fc.record({ lat: fc.oneof(fc.double({ min: 89.5, max: 90, noNaN: true }), fc.double({ min: -90, max: -89.5, noNaN: true })), lng: fc.double({ min: -180, max: 180, noNaN: true }) }),
    )
    fc.assert(
      fc.property(fc.array(place, { minLength: 1, maxLength: 12 }), fc.array(place, { minLength: 1, maxLength: 8 }), fc.boolean(), (ss, ps, exp) => {
        const inst = canonicalOrder(
          instance(
            ss.map((x, k) => seeker({ id: `s${k}`, ...x, maxCommuteKm: 40, willingToMigrate: true })),
            ps.map((x, k) => post(`p${k}`, { ...x, kind: exp && k % 2 ? 'laborExport' : 'workshop' })),
          ),
        )
        const c = compile(inst)
        const g = buildGraph(c)
        const expected: string[] = []
        for (let i = 0; i < c.seekers.n; i++)
          for (let j = 0; j < c.posts.m; j++) {
            const km = pairKm(c.seekers, i, c.posts, j)
            if (eligibility(c, i, j, km) === 0) expected.push(`${i}:${j}:${score(c, i, j, km)}`)
          }
        const got: string[] = []
        for (let i = 0; i < g.n; i++) for (let e = g.start[i]!; e < g.start[i + 1]!; e++) got.push(`${i}:${g.post[e]}:${g.score[e]}`)
        expect(got.sort()).toEqual(expected.sort())
      }),
      { numRuns: 60 },
    )
  })
})

describe('what docs/matching.md now states, checked', () => {
  const pair = (s: Partial<MatchSeeker>, p: Partial<MatchPost> = {}, asOf = AS_OF, policy = defaultPolicy(2026)) => explainPair(seeker(s), post('p', p), policy, asOf)

  it('distance: haversine on a sphere of radius 6371 km, the exact distance in the score, one decimal in the reason', () => {
    const s = seeker({ lat: 34, lng: 113.8 })
    const p = post('p', { lat: 34.1, lng: 113.9 })
    const r = explainPair(s, p, defaultPolicy(2026), AS_OF)
    const rad = Math.PI / 180
    const h = Math.sin((0.1 * rad) / 2) ** 2 + Math.cos(34 * rad) * Math.cos(34.1 * rad) * Math.sin((0.1 * rad) / 2) ** 2
    const km = 2 * 6371 * Math.asin(Math.sqrt(h))
    const d = r.reasons.find((x) => x.code === 'distance.sameTownship')!
    expect(d.value).toBe(Math.round(km * 10) / 10)
    // 20 × ((15 − km) / (15 − 3)), rounded half up, from the exact km, not the rounded one
    expect(d.points).toBe(Math.round(20 * ((15 - km) / 12)))
  })

  it('rounding is half up: 25 × 1/2 = 12.5 gives 13 skill points', () => {
    const r = pair({ skills: ['电工'] }, { preferredSkills: ['电工', '焊工'] })
    expect(r.reasons.find((x) => x.code === 'skill.match')!.points).toBe(13)
  })

  it('capped priority points go in the order monitored/alleviated, income fell, zero employment, recent return', () => {
    const r = pair({ category: 'monitored', monitoredSubtype: 'unstable', incomeFell: true, zeroEmploymentHousehold: true, returnedOn: '2026-01-01' })
    expect(r.reasons.filter((x) => x.code.startsWith('priority.')).map((x) => [x.code, x.points])).toEqual([
      ['priority.monitored', 10],
      ['priority.incomeFell', 0],
      ['priority.zeroEmployment', 0],
      ['priority.recentReturn', 0],
    ])
    const a = pair({ incomeFell: true, zeroEmploymentHousehold: true, returnedOn: '2026-01-01' })
    expect(a.reasons.filter((x) => x.code.startsWith('priority.')).map((x) => x.points)).toEqual([5, 3, 2, 0])
  })

  it('risk elimination: without a date it closes monitoring at once; dated after asOf it does not yet', () => {
    const pw = { kind: 'publicWelfare' as const, intensity: 'light' as const }
    const m = { category: 'monitored' as const, monitoredSubtype: 'unstable' as const, laborCapacity: 'half' as const, riskEliminated: true }
    expect(pair(m, pw).failures.map((f) => f.code)).toEqual(['household.riskEliminated'])
    expect(pair({ ...m, riskEliminatedOn: '2026-03-02' }, pw).failures).toEqual([])
    expect(pair({ ...m, riskEliminatedOn: '2026-03-01' }, pw).failures).toEqual([]) // 0 days ago, grace 0: not yet
    expect(pair({ ...m, riskEliminatedOn: '2026-02-28' }, pw).failures.map((f) => f.code)).toEqual(['household.riskEliminated'])
  })

  it('a return 365 days before asOf is recent, 366 days is not, a future one is not', () => {
    const pts = (returnedOn: string) => pair({ category: 'other', returnedOn }).reasons.find((x) => x.code === 'priority.recentReturn')?.points ?? null
    expect(pts('2025-03-01')).toBe(2) // 365 days before 2026-03-01
    expect(pts('2025-02-28')).toBe(null)
    expect(pts('2026-03-02')).toBe(null)
  })

  it('birthDate and age both given: age wins; from birthDate, whole years on the asOf day (29 February turns on 1 March)', () => {
    expect(pair({ age: 30, birthDate: '2000-01-01' }, { ageMin: 31 }).failures[0]).toMatchObject({ code: 'age.outOfRange', value: 30 })
    const { age: _, ...rest } = seeker()
    const born = (birthDate: string, asOf: string) => explainPair({ ...rest, birthDate } as MatchSeeker, post('p', { ageMin: 90, ageMax: 100 }), defaultPolicy(2026), asOf).failures[0]!.value
    expect(born('2008-02-29', '2026-02-28')).toBe(17)
    expect(born('2008-02-29', '2026-03-01')).toBe(18)
    expect(born('2008-03-01', '2026-03-01')).toBe(18)
  })

  it('intents: [] covers no kind (no intent points) and shuts out nothing', () => {
    const r = pair({ intents: [] })
    expect(r.failures).toEqual([])
    expect(r.reasons.find((x) => x.code === 'intent.none')!.points).toBe(0)
  })
})
