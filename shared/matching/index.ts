/**
 * The matching engine of issue #4: eligibility (hard rules), score (soft, 0–100, with reasons),
 * and batch assignment in two modes. Pure: no I/O; a run is a function of the instance.
 */
import * as z from 'zod'
import { type Compiled, compile, coordinates, hilbertKey, pairKm } from './compile.js'
import { ELIGIBILITY_CODES, eligibility } from './eligibility.js'
import { fastPost, fastSeeker } from './fast-parse.js'
import { buildGraph, type MatchGraph, type Progress, Reach } from './graph.js'
import { objectiveOf } from './objective.js'
import { type Assignment, solveOptimal } from './optimal.js'
import { score } from './score.js'
import { solveStable } from './stable.js'
import {
  type EligibilityFailure,
  type MatchInstanceParsed,
  MatchPolicy,
  type MatchPostParsed,
  type MatchSeekerParsed,
  type MatchMode,
  type MatchPost,
  MatchPost as MatchPostSchema,
  type MatchResult,
  type MatchSeeker,
  MatchSeeker as MatchSeekerSchema,
  type Reason,
} from './types.js'

export * from './types.js'
export { compile, type Compiled } from './compile.js'
export { ELIGIBILITY_CODES, eligibility } from './eligibility.js'
export { SCORE_CODES, score } from './score.js'
export { buildGraph, type MatchGraph, type Progress } from './graph.js'
export { bigM, MAX_PAIR_WEIGHT, solveOptimal, type Assignment, type TierWeights, weightsOf } from './optimal.js'
export { solveStable } from './stable.js'
export { solveGreedy } from './greedy.js'
export { compareObjectives, objectiveOf } from './objective.js'
export { REASON_TEXT, renderReason, RULE_LABEL, UNPLACED_CODES } from './reasons.js'
export { syntheticInstance } from './synthetic.js'

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

function spatially<T extends { id: string; lat?: number | undefined; lng?: number | undefined; village?: string | undefined }>(list: readonly T[]): T[] {
  // Sort (key, position) packed in doubles (30 + 21 bits), then order each run of equal keys by id.
  const packed = new Float64Array(list.length)
  list.forEach((x, k) => {
    const [lat, lng] = coordinates(x)
    packed[k] = hilbertKey(lat, lng) * 2 ** 21 + k
  })
  packed.sort()
  const out = Array.from(packed, (v) => list[v % 2 ** 21]!)
  for (let a = 0; a < out.length; ) {
    let b = a + 1
    const key = Math.floor(packed[a]! / 2 ** 21)
    while (b < out.length && Math.floor(packed[b]! / 2 ** 21) === key) b++
    if (b - a > 1) {
      const run = out.slice(a, b).sort(byId)
      for (let k = a; k < b; k++) out[k] = run[k - a]!
    }
    a = b
  }
  return out
}

/**
 * The engine's own order of seekers and posts: along a Hilbert curve, then by id. Neighbours get
 * neighbouring numbers, which halves the solver's time (memory locality), and the input's order
 * never changes a result: ties are broken by this order, the same for the same data.
 */
export function canonicalOrder(inst: MatchInstanceParsed): MatchInstanceParsed {
  return { ...inst, seekers: spatially(inst.seekers), posts: spatially(inst.posts) }
}

/** One pair, for the portal and the tests: which rules fail (all of them), and the score with its reasons. */
export function explainPair(seeker: MatchSeeker, post: MatchPost, policy: MatchPolicy, asOf: string): { failures: EligibilityFailure[]; score: number; reasons: Reason[] } {
  const c = compile({ asOf, policy, seekers: [MatchSeekerSchema.parse(seeker)], posts: [MatchPostSchema.parse(post)] })
  const km = pairKm(c.seekers, 0, c.posts, 0)
  const failures: EligibilityFailure[] = []
  eligibility(c, 0, 0, km, failures)
  const reasons: Reason[] = []
  return { failures, score: score(c, 0, 0, km, reasons), reasons }
}

export interface RunOptions {
  mode?: MatchMode
  onProgress?: Progress
  /** Filled with the time of each phase, in ms. */
  timings?: Record<string, number>
}

export interface Run {
  compiled: Compiled
  graph: MatchGraph
  assignment: Assignment
  result: MatchResult
}

/** Runs a parsed instance end to end: compile, graph, solve, explain. */
export function runMatch(input: MatchInstanceParsed, opts: RunOptions = {}): Run {
  const mode = opts.mode ?? 'optimal'
  const timings = opts.timings ?? {}
  let t = performance.now()
  const lap = (name: string) => {
    const now = performance.now()
    timings[name] = now - t
    t = now
  }
  const inst = canonicalOrder(input)
  const c = compile(inst)
  lap('compile')
  const reach = new Reach(c)
  const graph = buildGraph(c, opts.onProgress, reach)
  lap('graph')
  const assignment = mode === 'optimal' ? solveOptimal(graph, opts.onProgress) : solveStable(graph, opts.onProgress)
  lap('solve')
  const result = explain(c, graph, assignment, mode, reach, opts.onProgress)
  lap('explain')
  return { compiled: c, graph, assignment, result }
}

const InstanceShell = z.object({
  asOf: z.iso.date(),
  policy: MatchPolicy,
  seekers: z.array(z.unknown()).max(2_000_000),
  posts: z.array(z.unknown()).max(500_000),
})

/**
 * Validates an instance given as plain JSON, as MatchInstance does, but a seeker and a post at a
 * time: through the hand-written fast path (fast-parse.ts), and zod for anything it does not
 * accept, whose issues are the ones reported. Reports progress; throws a ZodError with every
 * issue's full path (at most `maxIssues` of them).
 */
export function parseInstance(json: unknown, onProgress?: Progress, maxIssues = 100): MatchInstanceParsed {
  const shell = InstanceShell.parse(json)
  const issues: z.core.$ZodIssue[] = []
  const each = <T>(list: unknown[], fast: (v: unknown) => T | undefined, schema: z.ZodType<T>, name: 'seekers' | 'posts', share: number, offset: number): T[] => {
    const out: T[] = []
    const seen = new Set<string>()
    const step = Math.max(1, Math.floor(list.length / 50))
    list.forEach((raw, k) => {
      if (onProgress && k % step === 0) onProgress('validate', offset + (share * k) / list.length)
      if (issues.length >= maxIssues) return
      let data = fast(raw)
      if (data === undefined) {
        const r = schema.safeParse(raw)
        if (!r.success) {
          for (const issue of r.error.issues) issues.push({ ...issue, path: [name, k, ...issue.path] } as z.core.$ZodIssue)
          return
        }
        data = r.data
      }
      const id = (data as { id: string }).id
      if (seen.has(id)) issues.push({ code: 'custom', path: [name, k, 'id'], message: `编号重复：${id}`, params: { en: `Duplicate id: ${id}` }, input: id } as z.core.$ZodIssue)
      seen.add(id)
      out.push(data)
    })
    return out
  }
  const seekers = each<MatchSeekerParsed>(shell.seekers, fastSeeker, MatchSeekerSchema, 'seekers', 0.9, 0)
  const posts = each<MatchPostParsed>(shell.posts, fastPost, MatchPostSchema, 'posts', 0.1, 0.9)
  onProgress?.('validate', 1)
  if (issues.length > 0) throw new z.ZodError(issues.slice(0, maxIssues))
  return { asOf: shell.asOf, policy: shell.policy, seekers, posts }
}

/** Parses and runs an instance given as plain JSON (throws a ZodError when it is not valid). */
export function matchInstance(json: unknown, opts: RunOptions = {}): Run {
  return runMatch(parseInstance(json, opts.onProgress), opts)
}

function explain(c: Compiled, g: MatchGraph, a: Assignment, mode: MatchMode, reach: Reach, onProgress?: Progress): MatchResult {
  const s = c.seekers
  const p = c.posts
  const objective = objectiveOf(g, a)
  const assigned = new Int32Array(p.m)
  const placedByKind: Record<string, number> = {}
  let priorityPeople = 0
  let noEligiblePost = 0
  const step = Math.max(1, Math.floor(s.n / 100))
  const assignments: MatchResult['assignments'] = []
  const buffer = new Int32Array(p.m)
  for (let i = 0; i < s.n; i++) {
    if (onProgress && i % step === 0) onProgress('explain', i / s.n)
    const e = a[i]!
    const degree = g.start[i + 1]! - g.start[i]!
    priorityPeople += s.priority[i]!
    if (degree === 0) noEligiblePost++
    if (e >= 0) {
      const j = g.post[e]!
      assigned[j]!++
      const kind = (['workshop', 'publicWelfare', 'enterprise', 'laborExport'] as const)[p.kind[j]!]!
      placedByKind[kind] = (placedByKind[kind] ?? 0) + 1
      const reasons: Reason[] = []
      const sc = score(c, i, j, pairKm(s, i, p, j), reasons)
      assignments.push({ seekerId: s.ids[i]!, postId: p.ids[j]!, score: sc, priority: s.priority[i] === 1, eligiblePosts: degree, reasons })
    } else {
      const reason: Reason =
        degree > 0 ? { code: 'unplaced.outcompeted', value: degree, points: 0 } : { code: 'unplaced.noEligiblePost', value: commonestFailure(c, reach, i, buffer), points: 0 }
      assignments.push({ seekerId: s.ids[i]!, postId: null, score: null, priority: s.priority[i] === 1, eligiblePosts: degree, reasons: [reason] })
    }
  }
  onProgress?.('explain', 1)
  let slots = 0
  for (let j = 0; j < p.m; j++) slots += Math.max(0, p.remaining[j]!)
  return {
    mode,
    asOf: c.asOf,
    policyYear: c.cp.policy.year,
    objective,
    totals: {
      seekers: s.n,
      posts: p.m,
      slots,
      eligiblePairs: g.start[s.n]!,
      priorityPeople,
      placed: objective.placed,
      priorityPlaced: objective.priorityPlaced,
      noEligiblePost,
      placedByKind,
    },
    // Listed by id, whatever order the engine worked in.
    assignments: assignments.sort((x, y) => (x.seekerId < y.seekerId ? -1 : 1)),
    posts: p.ids.map((postId, j) => ({ postId, assigned: assigned[j]!, remaining: p.remaining[j]! - assigned[j]! })).sort((x, y) => (x.postId < y.postId ? -1 : 1)),
  }
}

/**
 * For someone with no eligible post, the rule that shut out most of the open posts within reach.
 *
 * The rule (docs/matching.md, "Why someone is unplaced"): the posts counted are every open post
 * (remaining > 0) within reach, of all kinds together: a local post within the seeker's commute
 * limit, a labor-export post within `laborExport.radiusKm` of its recruitment point. Each counts
 * once, for its first failing rule in the order of ELIGIBILITY_CODES. The rule counted most often
 * wins; a tie goes to the rule earlier in that order. With no open post within reach at all, the
 * answer is `commute.tooFar`.
 */
export function commonestFailure(c: Compiled, reach: Reach, i: number, buffer: Int32Array): string {
  const counts = new Int32Array(ELIGIBILITY_CODES.length + 1)
  let seen = 0
  const s = c.seekers
  const tally = (k: number, radius: number) => {
    for (let x = 0; x < k; x++) {
      const j = buffer[x]!
      const km = pairKm(s, i, c.posts, j)
      if (km > radius) continue
      seen++
      counts[eligibility(c, i, j, km)]!++
    }
  }
  tally(reach.local.near(i, s.commuteKm[i]!, buffer), s.commuteKm[i]!)
  tally(reach.export.near(i, reach.exportRadius, buffer), reach.exportRadius)
  if (seen === 0) return 'commute.tooFar'
  // Strictly more to replace: ties stay with the earlier rule.
  let best = 1
  for (let k = 2; k <= ELIGIBILITY_CODES.length; k++) if (counts[k]! > counts[best]!) best = k
  return ELIGIBILITY_CODES[best - 1]!
}
export { bestOf, preparePosts, recommend, type PreparedPosts, type Recommended } from './recommend.js'
