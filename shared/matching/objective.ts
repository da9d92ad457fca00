import type { MatchGraph } from './graph.js'
import { type Assignment, weightsOf } from './optimal.js'
import type { MatchObjective } from './types.js'

/** The run's objective for an assignment; throws if it breaks a capacity or names a pair that is not a seeker's. */
export function objectiveOf(g: MatchGraph, a: Assignment): MatchObjective {
  const load = new Int32Array(g.m)
  let priorityPlaced = 0
  let totalScore = 0
  let placed = 0
  for (let i = 0; i < g.n; i++) {
    const e = a[i]!
    if (e < 0) continue
    if (e < g.start[i]! || e >= g.start[i + 1]!) throw new Error(`seeker ${i}: pair ${e} is not one of theirs`)
    const j = g.post[e]!
    if (++load[j]! > g.capacity[j]!) throw new Error(`post ${j}: more than ${g.capacity[j]} placed`)
    placed++
    priorityPlaced += g.priority[i]!
    totalScore += g.score[e]!
  }
  const w = weightsOf(g)
  // P·A + N·B + S may pass 2^53 (about 10^17 at 100k placements): summed exactly, then rounded once.
  const weight = Number(BigInt(priorityPlaced) * BigInt(w.priority) + BigInt(placed) * BigInt(w.placement) + BigInt(totalScore))
  return { priorityPlaced, placed, totalScore, weight, bigM: w.priority, placementWeight: w.placement }
}

/** Compares two objectives lexicographically (priority placed, placed, total score): > 0 when x is better. */
export function compareObjectives(x: Pick<MatchObjective, 'priorityPlaced' | 'placed' | 'totalScore'>, y: Pick<MatchObjective, 'priorityPlaced' | 'placed' | 'totalScore'>): number {
  return x.priorityPlaced - y.priorityPlaced || x.placed - y.placed || x.totalScore - y.totalScore
}
