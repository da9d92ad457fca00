/**
 * The stable mode: capacitated deferred acceptance (Gale–Shapley, seekers proposing).
 * A seeker prefers higher scores (then the lower post index); a post prefers priority people,
 * then higher scores, then the lower seeker index. The result has no blocking pair: no eligible
 * person and post who would both rather be matched together than keep what they have.
 */
import type { MatchGraph, Progress } from './graph.js'
import type { Assignment } from './optimal.js'

/** How post j ranks the seeker of pair e (larger is better); unique per seeker. */
export const postRank = (g: MatchGraph, i: number, e: number): number => (g.priority[i]! * 128 + g.score[e]!) * (g.n + 1) + (g.n - i)

/** Does seeker i prefer pair a to pair b (−1 for none)? Higher score first, then the lower post. */
export const seekerPrefers = (g: MatchGraph, a: number, b: number): boolean =>
  b < 0 || g.score[a]! > g.score[b]! || (g.score[a] === g.score[b] && g.post[a]! < g.post[b]!)

export function solveStable(g: MatchGraph, onProgress?: Progress): Assignment {
  const { n, m, start, post, capacity } = g
  const next = start.slice(0, n)
  const seekerEdge = new Int32Array(n).fill(-1)
  // Each post keeps its holders in a min-heap by rank: the root is the one it would drop first.
  const heapStart = new Int32Array(m + 1)
  for (let j = 0; j < m; j++) heapStart[j + 1] = heapStart[j]! + Math.max(0, capacity[j]!)
  const heapEdge = new Int32Array(heapStart[m]!)
  const heapRank = new Float64Array(heapStart[m]!)
  const load = new Int32Array(m)

  const siftDown = (j: number, x: number) => {
    const base = heapStart[j]!
    const size = load[j]!
    const rank = heapRank[base + x]!
    const edge = heapEdge[base + x]!
    for (;;) {
      let child = 2 * x + 1
      if (child >= size) break
      if (child + 1 < size && heapRank[base + child + 1]! < heapRank[base + child]!) child++
      if (heapRank[base + child]! >= rank) break
      heapRank[base + x] = heapRank[base + child]!
      heapEdge[base + x] = heapEdge[base + child]!
      x = child
    }
    heapRank[base + x] = rank
    heapEdge[base + x] = edge
  }
  const siftUp = (j: number, x: number) => {
    const base = heapStart[j]!
    const rank = heapRank[base + x]!
    const edge = heapEdge[base + x]!
    while (x > 0) {
      const parent = (x - 1) >> 1
      if (heapRank[base + parent]! <= rank) break
      heapRank[base + x] = heapRank[base + parent]!
      heapEdge[base + x] = heapEdge[base + parent]!
      x = parent
    }
    heapRank[base + x] = rank
    heapEdge[base + x] = edge
  }

  const stack: number[] = []
  const step = Math.max(1, Math.floor(n / 100))
  for (let first = n - 1; first >= 0; first--) stack.push(first)
  let started = 0
  while (stack.length > 0) {
    const i = stack.pop()!
    if (i === started && started < n) {
      started++
      if (onProgress && started % step === 0) onProgress('solve', started / n)
    }
    while (next[i]! < start[i + 1]!) {
      // Rows are in the seeker's preference order already (see MatchGraph).
      const e = next[i]!++
      const j = post[e]!
      const rank = postRank(g, i, e)
      if (load[j]! < capacity[j]!) {
        const x = load[j]!++
        heapRank[heapStart[j]! + x] = rank
        heapEdge[heapStart[j]! + x] = e
        siftUp(j, x)
        seekerEdge[i] = e
        break
      }
      if (capacity[j]! > 0 && heapRank[heapStart[j]!]! < rank) {
        const dropped = heapEdge[heapStart[j]!]!
        heapRank[heapStart[j]!] = rank
        heapEdge[heapStart[j]!] = e
        siftDown(j, 0)
        seekerEdge[i] = e
        const loser = seekerOf(dropped)
        seekerEdge[loser] = -1
        stack.push(loser)
        break
      }
    }
  }
  onProgress?.('solve', 1)
  return seekerEdge

  function seekerOf(e: number): number {
    // The row that holds pair e: the last row whose start is ≤ e.
    let lo = 0
    let hi = n - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (start[mid]! <= e) lo = mid
      else hi = mid - 1
    }
    return lo
  }
}
