import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { MatchGraph } from '../../../shared/matching/graph.js'
import { solveGreedy } from '../../../shared/matching/greedy.js'
import { objectiveOf } from '../../../shared/matching/objective.js'
import { bigM, solveOptimal } from '../../../shared/matching/optimal.js'
import { postRank, seekerPrefers, solveStable } from '../../../shared/matching/stable.js'

/** A random eligible-pair graph: each seeker's pairs are distinct posts, in preference order (score down, then post). */
const graphArb = (maxSeekers: number, maxPosts: number, maxCap: number, scores = fc.integer({ min: 0, max: 100 })) =>
  fc
    .record({ n: fc.integer({ min: 0, max: maxSeekers }), m: fc.integer({ min: 1, max: maxPosts }) })
    .chain(({ n, m }) =>
      fc.record({
        n: fc.constant(n),
        m: fc.constant(m),
        capacity: fc.array(fc.integer({ min: 0, max: maxCap }), { minLength: m, maxLength: m }),
        priority: fc.array(fc.integer({ min: 0, max: 1 }), { minLength: n, maxLength: n }),
        rows: fc.array(fc.array(fc.tuple(fc.integer({ min: 0, max: m - 1 }), scores), { maxLength: m }), { minLength: n, maxLength: n }),
      }),
    )
    .map(({ n, m, capacity, priority, rows }) => toGraph(n, m, capacity, priority, rows))

function toGraph(n: number, m: number, capacity: number[], priority: number[], rows: [number, number][][]): MatchGraph {
  const start = new Int32Array(n + 1)
  const post: number[] = []
  const score: number[] = []
  rows.forEach((row, i) => {
    const byPost = new Map(row)
    for (const j of [...byPost.keys()].sort((a, b) => byPost.get(b)! - byPost.get(a)! || a - b)) {
      post.push(j)
      score.push(byPost.get(j)!)
    }
    start[i + 1] = post.length
  })
  return { n, m, start, post: Int32Array.from(post), score: Uint8Array.from(score), priority: Uint8Array.from(priority), capacity: Int32Array.from(capacity) }
}

/** Every feasible assignment, by enumeration: the best (priority placed, then score) as one weight. */
function bruteForce(g: MatchGraph): number {
  const M = bigM(g)
  const load = new Int32Array(g.m)
  let best = 0
  const go = (i: number, acc: number) => {
    if (i === g.n) {
      best = Math.max(best, acc)
      return
    }
    go(i + 1, acc)
    for (let e = g.start[i]!; e < g.start[i + 1]!; e++) {
      const j = g.post[e]!
      if (load[j]! >= g.capacity[j]!) continue
      load[j]!++
      go(i + 1, acc + g.score[e]! + g.priority[i]! * M)
      load[j]!--
    }
  }
  go(0, 0)
  return best
}

/**
 * An independent exact solver: min-cost flow by successive shortest paths with Bellman–Ford on an
 * explicit residual graph (source → seeker → post → sink), augmenting while a path has negative cost.
 */
function bellmanFordFlow(g: MatchGraph): number {
  const M = bigM(g)
  const S = g.n + g.m
  const T = S + 1
  const V = T + 1
  const to: number[] = []
  const cap: number[] = []
  const cost: number[] = []
  const adj: number[][] = Array.from({ length: V }, () => [])
  const arc = (u: number, v: number, c: number, w: number) => {
    adj[u]!.push(to.length)
    to.push(v), cap.push(c), cost.push(w)
    adj[v]!.push(to.length)
    to.push(u), cap.push(0), cost.push(-w)
  }
  for (let i = 0; i < g.n; i++) {
    arc(S, i, 1, 0)
    for (let e = g.start[i]!; e < g.start[i + 1]!; e++) arc(i, g.n + g.post[e]!, 1, -(g.score[e]! + g.priority[i]! * M))
  }
  for (let j = 0; j < g.m; j++) arc(g.n + j, T, g.capacity[j]!, 0)
  let total = 0
  for (;;) {
    const dist = new Array<number>(V).fill(Infinity)
    const via = new Array<number>(V).fill(-1)
    dist[S] = 0
    for (let round = 0; round < V; round++) {
      let changed = false
      for (let u = 0; u < V; u++) {
        if (dist[u] === Infinity) continue
        for (const a of adj[u]!)
          if (cap[a]! > 0 && dist[u]! + cost[a]! < dist[to[a]!]!) {
            dist[to[a]!] = dist[u]! + cost[a]!
            via[to[a]!] = a
            changed = true
          }
      }
      if (!changed) break
    }
    if (!(dist[T]! < 0)) return total
    for (let v = T; v !== S; v = to[via[v]! ^ 1]!) {
      cap[via[v]!]!--
      cap[via[v]! ^ 1]!++
    }
    total -= dist[T]!
  }
}

/** No person and post who would both rather be together than keep what they have. */
function blockingPairs(g: MatchGraph, a: Int32Array): string[] {
  const holders: number[][] = Array.from({ length: g.m }, () => [])
  for (let i = 0; i < g.n; i++) if (a[i]! >= 0) holders[g.post[a[i]!]!]!.push(i)
  const out: string[] = []
  for (let i = 0; i < g.n; i++)
    for (let e = g.start[i]!; e < g.start[i + 1]!; e++) {
      if (e === a[i] || !seekerPrefers(g, e, a[i]!)) continue
      const j = g.post[e]!
      if (g.capacity[j]! <= 0) continue
      const held = holders[j]!
      const weakest = Math.min(...held.map((h) => postRank(g, h, a[h]!)))
      if (held.length < g.capacity[j]! || postRank(g, i, e) > weakest) out.push(`${i}–${j}`)
    }
  return out
}

describe('optimal mode', () => {
  it('equals exhaustive search on many small random instances', () => {
    fc.assert(
      fc.property(graphArb(7, 4, 2), (g) => {
        expect(objectiveOf(g, solveOptimal(g)).weight).toBe(bruteForce(g))
      }),
      { numRuns: 400 },
    )
  })

  it('equals exhaustive search when scores tie a lot (few distinct values)', () => {
    fc.assert(
      fc.property(graphArb(8, 4, 3, fc.constantFrom(0, 10, 20)), (g) => {
        expect(objectiveOf(g, solveOptimal(g)).weight).toBe(bruteForce(g))
      }),
      { numRuns: 300 },
    )
  })

  it('equals an independent min-cost-flow solver on larger random instances', () => {
    fc.assert(
      fc.property(graphArb(40, 10, 5), (g) => {
        expect(objectiveOf(g, solveOptimal(g)).weight).toBe(bellmanFordFlow(g))
      }),
      { numRuns: 120 },
    )
  })

  it('places as many priority people as possible before any score', () => {
    // Seeker 0 (priority) has one post with score 1; seeker 1 would score 100 there.
    const g = toGraph(2, 1, [1], [1, 0], [[[0, 1]], [[0, 100]]])
    const a = solveOptimal(g)
    expect(a[0]).toBe(0)
    expect(a[1]).toBe(-1)
    expect(objectiveOf(g, a)).toMatchObject({ priorityPlaced: 1, totalScore: 1, placed: 1 })
  })

  it('moves people along a chain when that raises the total', () => {
    // Seeker 0 fits only post 0; seeker 1 likes post 0 best but also fits post 1.
    const g = toGraph(2, 2, [1, 1], [0, 0], [[[0, 50]], [[0, 60], [1, 55]]])
    const a = solveOptimal(g)
    expect([g.post[a[0]!], g.post[a[1]!]]).toEqual([0, 1])
    expect(objectiveOf(g, a).totalScore).toBe(105)
  })

  it('never breaks a capacity or gives anyone two posts, and is the same on every run', () => {
    fc.assert(
      fc.property(graphArb(30, 8, 4), (g) => {
        const a = solveOptimal(g)
        expect(() => objectiveOf(g, a)).not.toThrow()
        expect(solveOptimal(g)).toEqual(a)
      }),
      { numRuns: 150 },
    )
  })
})

describe('stable mode', () => {
  it('has no blocking pair', () => {
    fc.assert(
      fc.property(graphArb(30, 8, 4), (g) => {
        const a = solveStable(g)
        expect(() => objectiveOf(g, a)).not.toThrow()
        expect(blockingPairs(g, a)).toEqual([])
      }),
      { numRuns: 300 },
    )
  })

  it('has no blocking pair when everyone scores the same', () => {
    fc.assert(
      fc.property(graphArb(20, 5, 3, fc.constant(50)), (g) => {
        expect(blockingPairs(g, solveStable(g))).toEqual([])
      }),
      { numRuns: 200 },
    )
  })

  it('is what the greedy baseline gives, since both sides rank a pair by the same weight', () => {
    fc.assert(
      fc.property(graphArb(30, 8, 4), (g) => {
        expect(solveStable(g)).toEqual(solveGreedy(g))
      }),
      { numRuns: 200 },
    )
  })

  it('the blocking-pair check finds a blocking pair when there is one', () => {
    // Both want post 0 (capacity 1); putting the lower-ranked seeker there is unstable.
    const g = toGraph(2, 1, [1], [0, 0], [[[0, 80]], [[0, 40]]])
    expect(blockingPairs(g, Int32Array.from([-1, 1]))).toEqual(['0–0'])
  })
})

describe('greedy baseline', () => {
  it('is feasible and never beats the optimum', () => {
    fc.assert(
      fc.property(graphArb(30, 8, 4), (g) => {
        expect(objectiveOf(g, solveGreedy(g)).weight).toBeLessThanOrEqual(objectiveOf(g, solveOptimal(g)).weight)
      }),
      { numRuns: 150 },
    )
  })
})
