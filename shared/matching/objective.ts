import type { MatchGraph } from './graph.js'
import { bigM, type Assignment } from './optimal.js'
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
  const M = bigM(g)
  return { priorityPlaced, totalScore, placed, weight: priorityPlaced * M + totalScore, bigM: M }
}
