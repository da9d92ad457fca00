import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as z from 'zod'
import { compile, pairKm } from '../../../shared/matching/compile.js'
import { eligibility } from '../../../shared/matching/eligibility.js'
import { buildGraph } from '../../../shared/matching/graph.js'
import {
  canonicalOrder,
  defaultPolicy,
  ELIGIBILITY_CODES,
  type MatchInstanceParsed,
  MatchResult,
  matchInstance,
  parseInstance,
  REASON_TEXT,
  runMatch,
  SCORE_CODES,
  score,
  syntheticInstance,
  UNPLACED_CODES,
} from '../../../shared/matching/index.js'
import { seededRandom } from '../../../shared/random.js'

const small = (seekers: number, posts: number, seed: number) => syntheticInstance({ seekers, posts, seed })

function shuffled<T>(list: readonly T[], seed: number): T[] {
  const rand = seededRandom(seed)
  const out = [...list]
  for (let k = out.length - 1; k > 0; k--) {
    const x = Math.floor(rand() * (k + 1))
    ;[out[k], out[x]] = [out[x]!, out[k]!]
  }
  return out
}

describe('the eligible-pair graph', () => {
  it('holds exactly the eligible pairs, with their scores, as checking every pair would (no pair lost to the grid)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), (seed) => {
        // Few posts over a wide area, with labor export, so that the grids' edges are exercised.
        const raw = small(120, 60, seed)
        const inst = canonicalOrder({
          ...raw,
          seekers: raw.seekers.map((s, k) => (k % 4 === 0 ? { ...s, willingToMigrate: s.laborCapacity === 'full', maxCommuteKm: 40 } : s)),
          posts: raw.posts.map((p, k) => (k % 5 === 0 ? { ...p, kind: 'laborExport' as const } : p)),
        })
        const c = compile(inst)
        const g = buildGraph(c)
        const expected: string[] = []
        for (let i = 0; i < c.seekers.n; i++)
          for (let j = 0; j < c.posts.m; j++) {
            if (c.posts.remaining[j]! <= 0) continue
            const km = pairKm(c.seekers, i, c.posts, j)
            if (eligibility(c, i, j, km) === 0) expected.push(`${i}:${j}:${score(c, i, j, km)}`)
          }
        const got: string[] = []
        for (let i = 0; i < g.n; i++) for (let e = g.start[i]!; e < g.start[i + 1]!; e++) got.push(`${i}:${g.post[e]}:${g.score[e]}`)
        expect(got.sort()).toEqual(expected.sort())
        for (let i = 0; i < g.n; i++)
          for (let e = g.start[i]! + 1; e < g.start[i + 1]!; e++) {
            // Preference order: score down, then post up.
            expect(g.score[e - 1]! > g.score[e]! || (g.score[e - 1] === g.score[e] && g.post[e - 1]! < g.post[e]!)).toBe(true)
          }
      }),
      { numRuns: 15 },
    )
  })

  it('gives a seeker about 30 eligible posts on the benchmark’s kind of instance', () => {
    const g = buildGraph(compile(canonicalOrder(small(6_000, 600, 1))))
    const mean = g.start[g.n]! / g.n
    expect(mean).toBeGreaterThan(20)
    expect(mean).toBeLessThan(40)
  })
})

describe('a run, end to end', () => {
  const inst = small(400, 40, 11)

  it('writes a result that matches its schema, with reasons that add up and capacities kept', () => {
    for (const mode of ['optimal', 'stable'] as const) {
      const { result } = runMatch(inst, { mode })
      expect(MatchResult.safeParse(result).success).toBe(true)
      expect(result.assignments.map((a) => a.seekerId)).toEqual(inst.seekers.map((s) => s.id).sort())
      const remaining = new Map(inst.posts.map((p) => [p.id, p.remaining]))
      const taken = new Map<string, number>()
      for (const a of result.assignments) {
        if (a.postId === null) {
          expect(a.reasons).toHaveLength(1)
          expect(UNPLACED_CODES).toContain(a.reasons[0]!.code)
          expect(a.reasons[0]!.code === 'unplaced.noEligiblePost').toBe(a.eligiblePosts === 0)
          continue
        }
        expect(a.reasons.reduce((s, r) => s + r.points, 0)).toBe(a.score)
        taken.set(a.postId, (taken.get(a.postId) ?? 0) + 1)
      }
      for (const p of result.posts) {
        expect(p.assigned).toBe(taken.get(p.postId) ?? 0)
        expect(p.assigned + p.remaining).toBe(remaining.get(p.postId))
        expect(p.remaining).toBeGreaterThanOrEqual(0)
      }
      expect(result.totals.placed).toBe(taken.size === 0 ? 0 : [...taken.values()].reduce((a, b) => a + b))
      expect(result.objective.totalScore).toBe(result.assignments.reduce((s, a) => s + (a.score ?? 0), 0))
      expect(result.objective.priorityPlaced).toBe(result.assignments.filter((a) => a.priority && a.postId).length)
    }
  })

  it('does at least as well in the optimal mode as in the stable one', () => {
    const a = runMatch(inst, { mode: 'optimal' }).result.objective
    const b = runMatch(inst, { mode: 'stable' }).result.objective
    expect(a.priorityPlaced).toBeGreaterThanOrEqual(b.priorityPlaced)
    if (a.priorityPlaced === b.priorityPlaced) expect(a.totalScore).toBeGreaterThanOrEqual(b.totalScore)
  })

  it('gives the same result for the same data, in whatever order it comes', () => {
    for (const mode of ['optimal', 'stable'] as const) {
      const first = JSON.stringify(runMatch(inst, { mode }).result)
      expect(JSON.stringify(runMatch(inst, { mode }).result)).toBe(first)
      const reordered: MatchInstanceParsed = { ...inst, seekers: shuffled(inst.seekers, 1), posts: shuffled(inst.posts, 2) }
      expect(JSON.stringify(runMatch(reordered, { mode }).result)).toBe(first)
    }
  })

  it('says why someone got nothing: no eligible post (and the commonest rule), or outcompeted', () => {
    const base = { asOf: '2026-03-01', policy: defaultPolicy(2026) }
    const person = { category: 'alleviated', laborCapacity: 'full', township: 'lingjing', village: 'lingjing-01' } as const
    const { result } = matchInstance({
      ...base,
      seekers: [
        { ...person, id: 'a', age: 30, skills: ['电工'] },
        { ...person, id: 'b', age: 30 },
        { ...person, id: 'c', age: 70 },
      ],
      posts: [{ id: 'p', kind: 'workshop', township: 'lingjing', village: 'lingjing-02', remaining: 1, preferredSkills: ['电工'], wage: { amountFen: 300_000, unit: 'month' } }],
    })
    const byId = new Map(result.assignments.map((a) => [a.seekerId, a]))
    expect(byId.get('a')!.postId).toBe('p')
    expect(byId.get('b')!.reasons).toEqual([{ code: 'unplaced.outcompeted', value: 1, points: 0 }])
    expect(byId.get('c')!.reasons).toEqual([{ code: 'unplaced.noEligiblePost', value: 'age.outOfRange', points: 0 }])
  })
})

describe('reading an instance', () => {
  const base = { asOf: '2026-03-01', policy: defaultPolicy(2026), posts: [] }
  const person = { id: 'a', category: 'alleviated', laborCapacity: 'full', township: 'lingjing', village: 'lingjing-01', age: 30 }

  it('names the seeker and the field of each problem', () => {
    try {
      parseInstance({ ...base, seekers: [person, { ...person, id: 'b', age: undefined }, { ...person, id: 'a', village: 'nowhere' }] })
      expect.unreachable()
    } catch (e) {
      expect(e).toBeInstanceOf(z.ZodError)
      const issues = (e as z.ZodError).issues.map((i) => `${i.path.join('.')} ${i.message}`)
      expect(issues).toEqual(['seekers.1.birthDate 需要出生日期或年龄', 'seekers.2.lat 需要经纬度或已知的村编码'])
    }
  })

  it('refuses a duplicate id', () => {
    expect(() => parseInstance({ ...base, seekers: [person, person] })).toThrow(/编号重复：a/)
  })

  it('accepts what the generator writes, as JSON', () => {
    const inst = small(50, 10, 3)
    expect(parseInstance(JSON.parse(JSON.stringify(inst)))).toEqual(inst)
  })

  it('generates the same instance from the same seed', () => {
    expect(small(30, 5, 9)).toEqual(small(30, 5, 9))
    expect(small(30, 5, 9)).not.toEqual(small(30, 5, 10))
  })
})

describe('the codes', () => {
  const all = [...ELIGIBILITY_CODES, ...SCORE_CODES, ...UNPLACED_CODES]
  it('each has its zh-CN and en text, and docs/matching.md lists it', () => {
    const doc = readFileSync(new URL('../../../docs/matching.md', import.meta.url), 'utf8')
    expect(Object.keys(REASON_TEXT).sort()).toEqual([...all].sort())
    for (const code of all) {
      const row = doc.split('\n').find((line) => line.startsWith(`| \`${code}\``))
      expect(row, code).toBeDefined()
      expect(row).toContain(REASON_TEXT[code].zh)
      expect(row).toContain(REASON_TEXT[code].en)
    }
  })
})
