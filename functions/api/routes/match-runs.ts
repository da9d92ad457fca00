import { Hono } from 'hono'
import * as z from 'zod'
import { inScope, listTownship, notFound } from '../../../shared/access.js'
import { DomainError } from '../../../shared/errors.js'
import { explainPair, renderReason, type MatchPolicy } from '../../../shared/matching/index.js'
import { IdParam, PageQuery, TownshipCode } from '../../../shared/schemas/common.js'
import { MatchRunInput, ProposalEdit, ProposalQuery, type Proposal } from '../../../shared/schemas/match-runs.js'
import type { Post } from '../../../shared/schemas/posts.js'
import type { Seeker } from '../../../shared/schemas/seekers.js'
import { DISTRICT } from '../../../shared/geo.js'
import { appendAudit } from '../../db/audit.js'
import { createMatchRun, getMatchRun, getProposal, listMatchRuns, listProposals, saveProposal, updateMatchRun } from '../../db/match-runs.js'
import { policyHistory, policyInForce } from '../../db/policies.js'
import { getPost, listAllOpenPosts } from '../../db/posts.js'
import { getSeeker, getSeekerOfUser, listSeekersOfTownship } from '../../db/seekers.js'
import { toMatchPost, toMatchSeeker } from '../../jobs/match-instance.js'
import { requireUser } from '../auth.js'
import type { Auth, Deps, Env } from '../context.js'
import { validate } from '../validate.js'
import { canManagePost } from './posts.js'
import { districtDate } from '../../../shared/district-date.js'

const RunParam = z.object({ id: IdParam.shape.id })

async function matchingPolicy(deps: Deps): Promise<{ policy: MatchPolicy; asOf: string }> {
  const asOf = districtDate(deps.now())
  const policy = policyInForce(await policyHistory(deps.db, DISTRICT.code, Number(asOf.slice(0, 4))), asOf)?.matching
  if (!policy) throw new DomainError('policy.matchingMissing', 'notFound', '本年度匹配规则尚未录入', 'No matching policy has been entered for this year')
  return { policy, asOf }
}

const reasonsOf = (rs: Parameters<typeof renderReason>[0][]) => rs.map((r) => ({ code: r.code, text: renderReason(r, 'zh-CN'), textEn: renderReason(r, 'en') }))

/** Scores one pair with the year's policy: undefined when a hard rule excludes it. */
function pairScore(s: Seeker, p: Post, policy: MatchPolicy, asOf: string) {
  const r = explainPair(toMatchSeeker(s, asOf), toMatchPost(p), policy, asOf)
  return r.failures.length ? undefined : { score: r.score, reasons: reasonsOf(r.reasons) }
}

async function loadRun(deps: Deps, auth: Auth, id: string) {
  const run = await getMatchRun(deps.db, id)
  if (!run || !(run.scope === 'district' ? auth.role === 'admin' || auth.scope === 'district' : inScope(auth, run.scope))) throw notFound('matchRun.notFound', '匹配任务', 'Match run')
  return run
}

/** A name shown before someone applies: 刘建国 → 刘*国. */
const maskName = (name: string) => (name.length <= 1 ? name : name.length === 2 ? `${name[0]}*` : `${name[0]}${'*'.repeat(name.length - 2)}${name.at(-1)}`)

export const matchRuns = new Hono<Env>()
  .post('/', validate('json', MatchRunInput), async (c) => {
    const auth = requireUser(c, 'officer', 'admin')
    const deps = c.var.deps
    const params = c.req.valid('json')
    const township = listTownship(auth, params.township)
    await matchingPolicy(deps)
    const run = await createMatchRun(deps.db, township ?? 'district', { ...params, ...(township ? { township } : {}) }, auth.userId, deps.now())
    await deps.jobs.start({ type: 'matchRun', runId: run.id })
    return c.json(run, 202)
  })
  .get('/', validate('query', PageQuery.extend({ township: TownshipCode.optional() })), async (c) => {
    const auth = requireUser(c, 'officer', 'admin')
    const q = c.req.valid('query')
    return c.json(await listMatchRuns(c.var.deps.db, listTownship(auth, q.township) ?? 'district', q.limit, q.cursor))
  })
  .get('/:id', validate('param', RunParam), async (c) => c.json(await loadRun(c.var.deps, requireUser(c, 'officer', 'admin'), c.req.valid('param').id)))
  .get('/:id/proposals', validate('param', RunParam), validate('query', ProposalQuery), async (c) => {
    const run = await loadRun(c.var.deps, requireUser(c, 'officer', 'admin'), c.req.valid('param').id)
    const q = c.req.valid('query')
    return c.json(await listProposals(c.var.deps.db, run.id, q.limit, q.cursor, { ...(q.township ? { township: q.township } : {}), ...(q.category ? { category: q.category } : {}), ...(q.placed ? { placed: q.placed === 'true' } : {}) }))
  })
  .patch('/:id/proposals/:seekerId', validate('param', RunParam.extend({ seekerId: IdParam.shape.id })), validate('json', ProposalEdit), async (c) => {
    const auth = requireUser(c, 'officer', 'admin')
    const deps = c.var.deps
    const { id, seekerId } = c.req.valid('param')
    const run = await loadRun(deps, auth, id)
    if (run.status !== 'done') throw new DomainError('matchRun.notEditable', 'conflict', '只有已完成且未发布的匹配结果可以调整', 'Only a finished, unpublished run can be edited')
    const prop = await getProposal(deps.db, run.id, seekerId)
    if (!prop) throw notFound('proposal.notFound', '匹配结果', 'Proposal')
    const { postId } = c.req.valid('json')
    // Cleared: no post, no score, and none of the old post's names left behind.
    const { postTitle: _t, postTownship: _w, ...rest } = prop
    let next: Proposal = { ...rest, postId: null, score: null, reasons: [], edited: true }
    let room: number | undefined
    if (postId) {
      const [post, seeker, { policy, asOf }] = await Promise.all([getPost(deps.db, postId), getSeeker(deps.db, seekerId), matchingPolicy(deps)])
      if (!post || post.status !== 'open' || !seeker) throw notFound('post.notFound', '岗位', 'Post')
      // Only a post the run was about: its scope, its kinds, its list of posts if it had one.
      const inRun = (run.scope === 'district' || post.township === run.scope) && run.params.kinds.includes(post.kind) && (!run.params.postIds?.length || run.params.postIds.includes(post.id))
      if (!inRun) throw new DomainError('proposal.postOutsideRun', 'conflict', '该岗位不在本次匹配的范围内', 'This post is outside the run’s scope')
      const pair = explainPair(toMatchSeeker(seeker, asOf), toMatchPost(post), policy, asOf)
      // The officer may change the plan, not the rules: an ineligible pair is refused with its reasons.
      if (pair.failures.length) {
        const why = reasonsOf(pair.failures)
        throw new DomainError('proposal.ineligible', 'conflict', `不符合条件：${why.map((r) => r.text).join('；')}`, `Not eligible: ${why.map((r) => r.textEn).join('; ')}`)
      }
      next = { ...next, postId, postTitle: post.title, postTownship: post.township, score: pair.score, reasons: reasonsOf(pair.reasons) }
      room = post.headcount - post.filled
    }
    await saveProposal(deps.db, prop, next, room, { breakdown: Boolean(run.totals && 'placedByCategory' in run.totals) })
    return c.json(next)
  })
  .post('/:id/publish', validate('param', RunParam), async (c) => {
    const auth = requireUser(c, 'officer', 'admin')
    const deps = c.var.deps
    const run = await loadRun(deps, auth, c.req.valid('param').id)
    // Once: done → publishing is a conditional write, so of a double click or a retried request
    // only one is the publish (audited). A run left `publishing` by a failed job may be published
    // again to resume it: nobody is invited twice (inviteOnce).
    const publishing = { status: 'publishing' as const, progress: { phase: 'publish', percent: 0 } }
    try {
      await updateMatchRun(deps.db, run.id, publishing, { status: ['done'] })
      await appendAudit(deps.db, { objectType: 'matchRun', objectId: run.id, action: 'matchRun.publish', actorId: auth.userId, actorRole: auth.role, before: { status: 'done' }, after: { status: 'publishing' } }, deps.now())
    } catch (e) {
      if (!(e instanceof DomainError && e.kind === 'conflict')) throw e
      await updateMatchRun(deps.db, run.id, publishing, { status: ['publishing'] })
    }
    await deps.jobs.start({ type: 'publishRun', runId: run.id })
    return c.json({ ...run, ...publishing }, 202)
  })

/** 推荐岗位: the best open posts for the signed-in seeker, with reasons. */
export const recommendations = new Hono<Env>().get('/', async (c) => {
  const auth = requireUser(c, 'seeker')
  const deps = c.var.deps
  const seeker = await getSeekerOfUser(deps.db, auth.userId)
  if (!seeker) return c.json({ items: [], nextCursor: null })
  const { policy, asOf } = await matchingPolicy(deps)
  const posts = await listAllOpenPosts(deps.db, {})
  const items = posts
    .map((post) => ({ post, pair: pairScore(seeker, post, policy, asOf) }))
    .filter((x): x is { post: Post; pair: NonNullable<ReturnType<typeof pairScore>> } => Boolean(x.pair))
    .sort((a, b) => b.pair.score - a.pair.score || a.post.id.localeCompare(b.post.id))
    .slice(0, 10)
    .map(({ post, pair }) => ({ post, ...pair }))
  return c.json({ items, nextCursor: null })
})

/** Top eligible people for a post, masked until they apply. */
export const candidates = new Hono<Env>().get('/:id/candidates', validate('param', IdParam), async (c) => {
  const auth = requireUser(c, 'owner', 'officer', 'admin')
  const deps = c.var.deps
  const post = await getPost(deps.db, c.req.valid('param').id)
  if (!post || !canManagePost(auth, post)) throw notFound('post.notFound', '岗位', 'Post')
  const { policy, asOf } = await matchingPolicy(deps)
  const people: Seeker[] = []
  let cursor: string | undefined
  do {
    const page = await listSeekersOfTownship(deps.db, post.township, { limit: 500, ...(cursor ? { cursor } : {}) })
    people.push(...page.items)
    cursor = page.nextCursor ?? undefined
  } while (cursor)
  const items = people
    .map((s) => ({ s, pair: pairScore(s, post, policy, asOf) }))
    .filter((x): x is { s: Seeker; pair: NonNullable<ReturnType<typeof pairScore>> } => Boolean(x.pair))
    .sort((a, b) => b.pair.score - a.pair.score || a.s.id.localeCompare(b.s.id))
    .slice(0, 20)
    .map(({ s, pair }) => ({
      candidate: { nameMasked: maskName(s.name), gender: s.gender, birthYear: Number(s.birthDate.slice(0, 4)), village: s.villageName ?? s.village, category: s.category, laborCapacity: s.laborCapacity, skills: s.skills, groups: s.groups },
      ...pair,
    }))
  return c.json({ items, nextCursor: null })
})
