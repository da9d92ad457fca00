import { TOWNSHIP_CODES } from '../../shared/geo.js'
import { parseInstance, renderReason, runMatch } from '../../shared/matching/index.js'
import type { Proposal } from '../../shared/schemas/match-runs.js'
import type { Post } from '../../shared/schemas/posts.js'
import type { Seeker } from '../../shared/schemas/seekers.js'
import type { Deps } from '../core/deps.js'
import { DISTRICT } from '../../shared/geo.js'
import { getMatchRun, putProposals, updateMatchRun } from '../db/match-runs.js'
import { listPlacementsOfTownship } from '../db/placements.js'
import { policyHistory, policyInForce } from '../db/policies.js'
import { listAllOpenPosts } from '../db/posts.js'
import { listSeekersOfTownship } from '../db/seekers.js'
import { toMatchPost, toMatchSeeker } from './match-instance.js'
import { districtDate } from '../../shared/district-date.js'

async function allSeekersOf(deps: Deps, township: string): Promise<Seeker[]> {
  const out: Seeker[] = []
  let cursor: string | undefined
  do {
    const page = await listSeekersOfTownship(deps.db, township, { limit: 500, ...(cursor ? { cursor } : {}) })
    out.push(...page.items)
    cursor = page.nextCursor ?? undefined
  } while (cursor)
  return out
}

/**
 * Runs one match run: loads the scope's people and open posts, solves, and writes a proposal per
 * person. Progress (phase, percent) is written to the run as it goes, at most every half second.
 */
export async function runMatchJob(deps: Deps, runId: string): Promise<void> {
  const run = await getMatchRun(deps.db, runId)
  if (!run || run.status !== 'queued') return
  await updateMatchRun(deps.db, runId, { status: 'running', progress: { phase: 'load', percent: 0 } }, { status: ['queued'] })
  try {
    const asOf = districtDate(deps.now())
    const year = Number(asOf.slice(0, 4))
    const policy = policyInForce(await policyHistory(deps.db, DISTRICT.code, year), asOf)?.matching
    if (!policy) throw new Error(`no matching policy for ${year}`)
    const townships = run.scope === 'district' ? TOWNSHIP_CODES : [run.scope]
    const [people, placements, posts] = await Promise.all([
      Promise.all(townships.map((t) => allSeekersOf(deps, t))).then((x) => x.flat()),
      Promise.all(townships.map((t) => listPlacementsOfTownship(deps.db, t, 'active', 1000))).then((x) => x.flatMap((p) => p.items)),
      listAllOpenPosts(deps.db, run.scope === 'district' ? {} : { township: run.scope }),
    ])
    const placedKind = new Map(placements.map((p) => [p.seekerId, p.kind]))
    const wanted = new Set(run.params.postIds ?? [])
    const chosen = posts.filter((p) => run.params.kinds.includes(p.kind) && (wanted.size === 0 || wanted.has(p.id)) && p.headcount > p.filled)
    const postById = new Map<string, Post>(chosen.map((p) => [p.id, p]))
    const seekerById = new Map(people.map((s) => [s.id, s]))
    const instance = parseInstance({
      asOf,
      policy,
      seekers: people.map((s) => toMatchSeeker(s, asOf, placedKind.has(s.id) ? { kind: placedKind.get(s.id)! } : undefined)),
      posts: chosen.map(toMatchPost),
    })
    const slots = chosen.reduce((n, p) => n + p.headcount - p.filled, 0)
    await updateMatchRun(deps.db, runId, { inputSummary: { seekers: people.length, posts: chosen.length, slots }, progress: { phase: 'solve', percent: 10 } })
    // The solver is synchronous: progress is written between phases (a district solves in well under a second).
    const timings: Record<string, number> = {}
    const result = runMatch(instance, { mode: run.params.mode, timings }).result
    await updateMatchRun(deps.db, runId, { progress: { phase: 'save', percent: 90 } })
    const proposals: Proposal[] = result.assignments.map((a) => {
      const s = seekerById.get(a.seekerId)!
      const post = a.postId ? postById.get(a.postId) : undefined
      return {
        runId,
        seekerId: s.id,
        seekerName: s.name,
        township: s.township,
        village: s.village,
        category: s.category,
        groups: s.groups,
        priority: a.priority,
        postId: a.postId,
        ...(post ? { postTitle: post.title, postTownship: post.township } : {}),
        score: a.score,
        reasons: a.reasons.map((r) => ({ code: r.code, text: renderReason(r, 'zh-CN'), textEn: renderReason(r, 'en') })),
      }
    })
    await putProposals(deps.db, proposals)
    // People placed by household category and by township, for the run's summary chart.
    const placedByCategory: Record<string, number> = {}
    const placedByTownship: Record<string, number> = {}
    const seekersByCategory: Record<string, number> = {}
    const seekersByTownship: Record<string, number> = {}
    for (const p of proposals) {
      seekersByCategory[p.category] = (seekersByCategory[p.category] ?? 0) + 1
      seekersByTownship[p.township] = (seekersByTownship[p.township] ?? 0) + 1
      if (!p.postId) continue
      placedByCategory[p.category] = (placedByCategory[p.category] ?? 0) + 1
      placedByTownship[p.township] = (placedByTownship[p.township] ?? 0) + 1
    }
    await updateMatchRun(deps.db, runId, {
      status: 'done',
      progress: { phase: 'done', percent: 100 },
      totals: { ...result.totals, seekersByCategory, seekersByTownship, placedByCategory, placedByTownship, edited: 0 },
      objective: result.objective,
      timingsMs: Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, Math.round(v)])),
      finishedAt: deps.now().toISOString(),
    })
  } catch (e) {
    deps.log.error('match run failed', { runId, error: (e as Error).name, detail: (e as Error).message })
    await updateMatchRun(deps.db, runId, { status: 'failed', error: (e as Error).message.slice(0, 300), finishedAt: deps.now().toISOString() })
  }
}
