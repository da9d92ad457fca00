/**
 * The baseline an officer might do by hand: take pairs from the heaviest down (priority people
 * first, then higher scores; ties by seeker, then post), keep a pair while both sides are free.
 * Not optimal; the benchmark prints how far it falls short.
 */
import type { MatchGraph } from './graph.js'
import type { Assignment } from './optimal.js'

export function solveGreedy(g: MatchGraph): Assignment {
  const { n, m, start, post, score, priority, capacity } = g
  const E = start[n]!
  // Counting sort on (priority, score): 256 buckets, stable, so ties stay in pair order.
  const bucketOf = (i: number, e: number) => 255 - (priority[i]! * 128 + Math.min(127, score[e]!))
  const counts = new Int32Array(257)
  for (let i = 0; i < n; i++) for (let e = start[i]!; e < start[i + 1]!; e++) counts[bucketOf(i, e) + 1]!++
  for (let b = 0; b < 256; b++) counts[b + 1]! += counts[b]!
  const sorted = new Int32Array(E)
  const rowOf = new Int32Array(E)
  for (let i = 0; i < n; i++)
    for (let e = start[i]!; e < start[i + 1]!; e++) {
      const x = counts[bucketOf(i, e)]!++
      sorted[x] = e
      rowOf[x] = i
    }
  const seekerEdge = new Int32Array(n).fill(-1)
  const load = new Int32Array(m)
  for (let x = 0; x < E; x++) {
    const i = rowOf[x]!
    const e = sorted[x]!
    const j = post[e]!
    if (seekerEdge[i] === -1 && load[j]! < capacity[j]!) {
      seekerEdge[i] = e
      load[j]!++
    }
  }
  return seekerEdge
}
