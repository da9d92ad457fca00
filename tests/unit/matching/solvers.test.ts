import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compile } from '../../../shared/matching/compile.js'
import { buildGraph, type MatchGraph } from '../../../shared/matching/graph.js'
import { canonicalOrder, syntheticInstance } from '../../../shared/matching/index.js'
import { solveGreedy } from '../../../shared/matching/greedy.js'
import { objectiveOf } from '../../../shared/matching/objective.js'
import { MAX_PAIR_WEIGHT, solveOptimal, weightsOf } from '../../../shared/matching/optimal.js'
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

/** The objective as a tuple, compared lexicographically: priority people placed, people placed, total score. */
type Tuple = [priorityPlaced: number, placed: number, totalScore: number]
const better = (x: Tuple, y: Tuple) => x[0] - y[0] || x[1] - y[1] || x[2] - y[2]
const tupleOf = (g: MatchGraph, a: Int32Array): Tuple => {
  const o = objectiveOf(g, a)
  return [o.priorityPlaced, o.placed, o.totalScore]
}

/** Every feasible assignment, by enumeration: the lexicographic best, compared as tuples (no weights at all). */
function bruteForce(g: MatchGraph): Tuple {
  const load = new Int32Array(g.m)
  let best: Tuple = [0, 0, 0]
  const go = (i: number, acc: Tuple) => {
    if (i === g.n) {
      if (better(acc, best) > 0) best = acc
      return
    }
    go(i + 1, acc)
    for (let e = g.start[i]!; e < g.start[i + 1]!; e++) {
      const j = g.post[e]!
      if (load[j]! >= g.capacity[j]!) continue
      load[j]!++
      go(i + 1, [acc[0] + g.priority[i]!, acc[1] + 1, acc[2] + g.score[e]!])
      load[j]!--
    }
  }
  go(0, [0, 0, 0])
  return best
}

/**
 * An independent exact solver: min-cost flow by successive shortest paths with Bellman–Ford on an
 * explicit residual graph (source → seeker → post → sink), augmenting while a path has negative
 * cost. Its tier weights are its own (not the engine's): B = 101·n + 7 > any total score, and
 * A = (n + 1)·B + 1 > any placed·B + score. Returns the tuple of the flow it ends with.
 */
function bellmanFordFlow(g: MatchGraph): Tuple {
  const B = 101 * g.n + 7
  const A = (g.n + 1) * B + 1
  const S = g.n + g.m
  const T = S + 1
  const V = T + 1
  const to: number[] = []
  const cap: number[] = []
  const cost: number[] = []
  const adj: number[][] = Array.from({ length: V }, () => [])
  const pairArc: [seeker: number, edge: number, arc: number][] = []
  const arc = (u: number, v: number, c: number, w: number) => {
    adj[u]!.push(to.length)
    to.push(v), cap.push(c), cost.push(w)
    adj[v]!.push(to.length)
    to.push(u), cap.push(0), cost.push(-w)
    return to.length - 2
  }
  for (let i = 0; i < g.n; i++) {
    arc(S, i, 1, 0)
    for (let e = g.start[i]!; e < g.start[i + 1]!; e++) pairArc.push([i, e, arc(i, g.n + g.post[e]!, 1, -(g.score[e]! + B + g.priority[i]! * A))])
  }
  for (let j = 0; j < g.m; j++) arc(g.n + j, T, Math.max(0, g.capacity[j]!), 0)
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
    if (!(dist[T]! < 0)) break
    for (let v = T; v !== S; v = to[via[v]! ^ 1]!) {
      cap[via[v]!]!--
      cap[via[v]! ^ 1]!++
    }
  }
  const a = new Int32Array(g.n).fill(-1)
  for (const [i, e, x] of pairArc) if (cap[x] === 0) a[i] = e
  return tupleOf(g, a)
}

/** Is some seeker left unplaced while one of its eligible posts has room? */
function unplacedWithRoom(g: MatchGraph, a: Int32Array): string[] {
  const load = new Int32Array(g.m)
  for (let i = 0; i < g.n; i++) if (a[i]! >= 0) load[g.post[a[i]!]!]!++
  const out: string[] = []
  for (let i = 0; i < g.n; i++) {
    if (a[i]! >= 0) continue
    for (let e = g.start[i]!; e < g.start[i + 1]!; e++) if (load[g.post[e]!]! < g.capacity[g.post[e]!]!) out.push(`${i}→${g.post[e]}`)
  }
  return out
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
        expect(tupleOf(g, solveOptimal(g))).toEqual(bruteForce(g))
      }),
      { numRuns: 400 },
    )
  })

  it('equals exhaustive search when scores tie a lot (few distinct values)', () => {
    fc.assert(
      fc.property(graphArb(8, 4, 3, fc.constantFrom(0, 10, 20)), (g) => {
        expect(tupleOf(g, solveOptimal(g))).toEqual(bruteForce(g))
      }),
      { numRuns: 300 },
    )
  })

  it('equals an independent min-cost-flow solver on larger random instances', () => {
    fc.assert(
      fc.property(graphArb(40, 10, 5), (g) => {
        expect(tupleOf(g, solveOptimal(g))).toEqual(bellmanFordFlow(g))
      }),
      { numRuns: 120 },
    )
  })

  it('equals exhaustive search when most scores are 0 (placing someone gains no score)', () => {
    fc.assert(
      fc.property(graphArb(7, 4, 2, fc.constantFrom(0, 0, 0, 1, 100)), (g) => {
        expect(tupleOf(g, solveOptimal(g))).toEqual(bruteForce(g))
      }),
      { numRuns: 400 },
    )
  })

  it('equals the independent solver when every score is 0, or all tie', () => {
    fc.assert(
      fc.property(graphArb(30, 8, 3, fc.constantFrom(0)), graphArb(30, 8, 3, fc.constant(37)), (g, h) => {
        expect(tupleOf(g, solveOptimal(g))).toEqual(bellmanFordFlow(g))
        expect(tupleOf(h, solveOptimal(h))).toEqual(bellmanFordFlow(h))
      }),
      { numRuns: 100 },
    )
  })

  it('equals the independent solver on larger instances with many zero scores and ties', () => {
    fc.assert(
      fc.property(graphArb(40, 10, 5, fc.constantFrom(0, 0, 5, 50, 100)), (g) => {
        expect(tupleOf(g, solveOptimal(g))).toEqual(bellmanFordFlow(g))
      }),
      { numRuns: 120 },
    )
  })

  it('leaves no eligible person unplaced while one of their eligible posts has room (random instances)', () => {
    fc.assert(
      fc.property(graphArb(40, 10, 5, fc.constantFrom(0, 0, 10, 100)), (g) => {
        expect(unplacedWithRoom(g, solveOptimal(g))).toEqual([])
      }),
      { numRuns: 300 },
    )
  })

  it('equals the independent solver on generated instances from the engine (synthetic data, all weights or none)', () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const raw = syntheticInstance({ seekers: 70, posts: 8, seed })
      const policy = structuredClone(raw.policy)
      if (seed % 2 === 0) policy.weights = { skill: 0, certificate: 0, distance: 0, wage: 0, intent: 0, group: 0, priority: 0 }
      const g = buildGraph(compile(canonicalOrder({ ...raw, policy })))
      expect(g.start[g.n]).toBeGreaterThan(0)
      expect(tupleOf(g, solveOptimal(g))).toEqual(bellmanFordFlow(g))
      expect(unplacedWithRoom(g, solveOptimal(g))).toEqual([])
    }
  })

  it('places a person whose only pair scores 0 when the post has room', () => {
    const g = toGraph(1, 1, [1], [0], [[[0, 0]]])
    expect(g.post[solveOptimal(g)[0]!]).toBe(0)
    expect(objectiveOf(g, solveOptimal(g))).toMatchObject({ priorityPlaced: 0, placed: 1, totalScore: 0 })
  })

  it('places two people at score 0 rather than one at score 100 (the number placed comes before the score)', () => {
    // Seeker 0 scores 100 on post 0 and 0 on post 1; seeker 1 fits post 0 only, at 0.
    const g = toGraph(2, 2, [1, 1], [0, 0], [[[0, 100], [1, 0]], [[0, 0]]])
    const a = solveOptimal(g)
    expect([g.post[a[0]!], g.post[a[1]!]]).toEqual([1, 0])
    expect(objectiveOf(g, a)).toMatchObject({ placed: 2, totalScore: 0 })
    expect(bruteForce(g)).toEqual([0, 2, 0])
  })

  it('moves a whole chain to make room for one more person', () => {
    // Seeker k prefers post k (100) and also fits post k + 1 (0); the last post is free; seeker 4 fits post 0 only.
    const rows: [number, number][][] = [0, 1, 2, 3].map((k) => [[k, 100], [k + 1, 0]] as [number, number][])
    rows.push([[0, 0]])
    const g = toGraph(5, 5, [1, 1, 1, 1, 1], [0, 0, 0, 0, 0], rows)
    expect(objectiveOf(g, solveOptimal(g))).toMatchObject({ placed: 5, totalScore: 0 })
    expect(unplacedWithRoom(g, solveOptimal(g))).toEqual([])
  })

  it('the tier weights separate: one more placement beats any score, one more priority person beats any placements', () => {
    fc.assert(
      fc.property(graphArb(40, 10, 5), (g) => {
        const { priority: A, placement: B } = weightsOf(g)
        let slots = 0
        for (let j = 0; j < g.m; j++) slots += g.capacity[j]!
        const K = Math.min(g.n, slots)
        expect(B).toBeGreaterThan(100 * K)
        // (K − 1) more placements and 100·K more score never make up for one priority person fewer.
        expect(A).toBeGreaterThan((K - 1) * B + 100 * K)
      }),
    )
    // The largest instance the schema admits (2,000,000 seekers, slots without limit) still fits.
    const huge = { n: 2_000_000, m: 1, start: new Int32Array(2_000_001), post: new Int32Array(0), score: new Uint8Array(0), priority: new Uint8Array(2_000_000), capacity: Int32Array.from([2_000_000_000]) }
    const w = weightsOf(huge)
    expect(w.priority + w.placement + 100).toBeLessThanOrEqual(MAX_PAIR_WEIGHT)
    expect(MAX_PAIR_WEIGHT * 4).toBeLessThan(Number.MAX_SAFE_INTEGER)
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
        expect(better(tupleOf(g, solveGreedy(g)), tupleOf(g, solveOptimal(g)))).toBeLessThanOrEqual(0)
      }),
      { numRuns: 150 },
    )
  })
})
