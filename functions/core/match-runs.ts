/**
 * 批量匹配 match runs: an officer's run over their township (a district run needs a district
 * officer or an admin), its proposals, the officer's edits and the publish, each audited in the
 * transaction of its change; the jobs that solve a run and send its invitations; and the matching
 * seen by one person (recommended posts) or one post (masked candidates).
 */
import { DomainError } from '../../shared/errors.js'
import { TOWNSHIP_CODES, townshipByCode } from '../../shared/geo.js'
import { bestOf, explainPair, parseInstance, preparePosts, recommend, renderReason, runMatch, type MatchPolicy, type MatchPost, type MatchSeeker, type PreparedPosts, type Recommended } from '../../shared/matching/index.js'
import type { IndexRow } from '../../shared/post-index.js'
import { candidateOf, type CandidateFile, type MatchFacts } from '../../shared/seeker-index.js'
import { rowPost } from '../../shared/post-index.js'
import { eachLimit } from '../../shared/each-limit.js'
import { districtDate } from '../../shared/district-date.js'
import { draft } from '../../shared/messages.js'
import { isPastDeadline } from '../../shared/post-deadline.js'
import type { Page } from '../../shared/schemas/common.js'
import type { MatchRun, MatchRunInput, Proposal } from '../../shared/schemas/match-runs.js'
import type { Post } from '../../shared/schemas/posts.js'
import type { Seeker } from '../../shared/schemas/seekers.js'
import { allProposals, createMatchRun, getMatchRun, getProposal, inviteOnce, listMatchRuns, listProposals, moveMatchRun, putProposals, saveProposal, updateMatchRun } from '../db/match-runs.js'
import { cursorScope, offsetCursor, pageOfRanked, readOffsetCursor } from '../db/cursor.js'
import { allActivePlacementsOfTownship } from '../db/placements.js'
import { getPost, listAllOpenPosts } from '../db/posts.js'
import { openPostRows } from '../db/post-index.js'
import { seekerRowsOf } from '../db/seeker-index.js'
import { candidateFiles, getSeeker, listSeekersOfTownship } from '../db/seekers.js'
import { allow, by, inScope, listTownship, notFound } from './access.js'
import type { Actor, Deps } from './deps.js'
import { toManage } from './posts.js'
import { textSeeker } from './notify.js'
import { matchingPolicy } from './policies.js'
import * as Seekers from './seekers.js'

// ── From stored seekers and posts to the matching engine's instance (shared/matching): pure mapping.

/** A stored file or its row in the seeker index (shared/seeker-index.ts): both carry what matching reads. */
export function toMatchSeeker(s: MatchFacts, asOf: string, placed?: { kind: Post['kind'] }): MatchSeeker {
  return {
    id: s.id,
    birthDate: s.birthDate,
    category: s.category,
    ...(s.monitoredSubtype ? { monitoredSubtype: s.monitoredSubtype } : {}),
    ...(s.riskEliminatedOn ? { riskEliminated: s.riskEliminatedOn <= asOf, riskEliminatedOn: s.riskEliminatedOn } : {}),
    laborCapacity: s.laborCapacity,
    township: s.township,
    village: s.village,
    skills: s.skills,
    certificates: s.certificates ?? [],
    ...(s.expectedWage?.unit === 'month' ? { expectedWageFen: s.expectedWage.amountFen } : s.expectedWageFen ? { expectedWageFen: s.expectedWageFen } : {}),
    ...(s.maxCommuteKm !== undefined ? { maxCommuteKm: s.maxCommuteKm } : {}),
    ...(s.willingToMigrate ? { willingToMigrate: true } : {}),
    intents: s.intents.length ? s.intents : ['employment'],
    groups: s.groups,
    ...(s.major ?? s.graduate?.major ?? s.yulu?.major ? { major: s.major ?? s.graduate?.major ?? s.yulu?.major } : {}),
    ...(s.returnee ? { returnedOn: s.returnee.returnDate } : {}),
    // Public-welfare posts are part-time; any other active placement is full-time work.
    ...(placed ? { currentPlacement: { kind: placed.kind, fullTime: placed.kind !== 'publicWelfare' } } : {}),
  }
}

export function toMatchPost(p: Post): MatchPost {
  const place = p.village ? { village: p.village } : { lat: townshipByCode.get(p.township)!.lat, lng: townshipByCode.get(p.township)!.lng }
  return {
    id: p.id,
    kind: p.kind,
    township: p.township,
    ...place,
    remaining: Math.max(0, p.headcount - p.filled),
    requiredCertificates: [],
    preferredCertificates: [],
    preferredSkills: p.skills,
    intensity: p.intensity,
    ageMin: p.ageMin,
    ageMax: p.ageMax,
    wage: p.wage,
    majors: [],
  }
}

const reasonsOf = (rs: Parameters<typeof renderReason>[0][]) => rs.map((r) => ({ code: r.code, text: renderReason(r, 'zh-CN'), textEn: renderReason(r, 'en') }))


/** What a run is about: a post of its scope, of its kinds, and of its list of posts if it had one. */
export const postInRun = (run: Pick<MatchRun, 'scope' | 'params'>, post: Pick<Post, 'id' | 'township' | 'kind'>): boolean =>
  (run.scope === 'district' || post.township === run.scope) && run.params.kinds.includes(post.kind) && (!run.params.postIds?.length || run.params.postIds.includes(post.id))

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

// ── Runs, for officers.

/** A township run is seen by officers of that township (and the district); a district run by district officers and admins. Others: 404. */
export async function fromId(deps: Deps, actor: Actor, id: string): Promise<MatchRun> {
  allow(actor, 'officer', 'admin')
  const run = await getMatchRun(deps.db, id)
  const visible = run && (run.scope === 'district' ? actor.role === 'admin' || actor.scope === 'district' : inScope(actor, run.scope))
  if (!run || !visible) throw notFound('matchRun')
  return run
}

/** Starts a run over the officer's township (a district officer's: the district, or a township they name); solved in the background. */
export async function create(deps: Deps, actor: Actor, params: MatchRunInput): Promise<MatchRun> {
  allow(actor, 'officer', 'admin')
  const township = listTownship(actor, params.township)
  await matchingPolicy(deps)
  const run = await createMatchRun(deps.db, township ?? 'district', { ...params, ...(township ? { township } : {}) }, actor.userId, deps.now(), (r) => ({
    objectType: 'matchRun',
    objectId: r.id,
    action: 'matchRun.create',
    ...by(actor),
    after: { scope: r.scope, kinds: r.params.kinds, mode: r.params.mode, postIds: r.params.postIds?.length ?? 0 },
  }))
  await deps.jobs.start({ type: 'matchRun', runId: run.id })
  return run
}

export function list(deps: Deps, actor: Actor, q: { township?: string; limit: number; cursor?: string }): Promise<Page<MatchRun>> {
  allow(actor, 'officer', 'admin')
  return listMatchRuns(deps.db, listTownship(actor, q.township) ?? 'district', q.limit, q.cursor)
}

export async function proposals(deps: Deps, actor: Actor, id: string, q: { township?: string; category?: string; placed?: 'true' | 'false'; limit: number; cursor?: string }): Promise<Page<Proposal>> {
  const run = await fromId(deps, actor, id)
  return listProposals(deps.db, run.id, q.limit, q.cursor, { ...(q.township ? { township: q.township } : {}), ...(q.category ? { category: q.category } : {}), ...(q.placed ? { placed: q.placed === 'true' } : {}) })
}

const notEditable = () => new DomainError('matchRun.notEditable', 'conflict', '只有已完成且未发布的匹配结果可以调整', 'Only a finished, unpublished run can be edited')

/**
 * An officer changes one person's proposed post (or clears it) before publishing. The officer may
 * change the plan, not the rules: a post outside the run, or an ineligible pair, is refused.
 */
export async function editProposal(deps: Deps, actor: Actor, runId: string, seekerId: string, postId: string | null): Promise<Proposal> {
  const run = await fromId(deps, actor, runId)
  if (run.status !== 'done') throw notEditable()
  const prop = await getProposal(deps.db, run.id, seekerId)
  if (!prop) throw notFound('proposal')
  // Cleared: no post, no score, and none of the old post's names left behind.
  const { postTitle: _t, postTownship: _w, ...rest } = prop
  let next: Proposal = { ...rest, postId: null, score: null, reasons: [], edited: true }
  let room: number | undefined
  if (postId) {
    const [post, seeker, { policy, asOf }] = await Promise.all([getPost(deps.db, postId), getSeeker(deps.db, seekerId), matchingPolicy(deps)])
    if (!post || post.status !== 'open' || isPastDeadline(post, asOf) || !seeker) throw notFound('post')
    if (!postInRun(run, post)) throw new DomainError('proposal.postOutsideRun', 'conflict', '该岗位不在本次匹配的范围内', 'This post is outside the run’s scope')
    const pair = explainPair(toMatchSeeker(seeker, asOf), toMatchPost(post), policy, asOf)
    if (pair.failures.length) {
      const why = reasonsOf(pair.failures)
      throw new DomainError('proposal.ineligible', 'conflict', `不符合条件：${why.map((r) => r.text).join('；')}`, `Not eligible: ${why.map((r) => r.textEn).join('; ')}`)
    }
    next = { ...next, postId, postTitle: post.title, postTownship: post.township, score: pair.score, reasons: reasonsOf(pair.reasons) }
    room = post.headcount - post.filled
  }
  await saveProposal(deps.db, prop, next, room, {
    breakdown: Boolean(run.totals && 'placedByCategory' in run.totals),
    now: deps.now(),
    audit: { objectType: 'matchRun', objectId: run.id, action: 'proposal.edit', ...by(actor), before: { seekerId, postId: prop.postId }, after: { seekerId, postId: next.postId } },
  })
  return next
}

/**
 * Publishes once: done → publishing and its audit event are one conditional transaction, so of a
 * double click or a retried request only one is the publish. A run left `publishing` by a failed
 * job may be published again to resume it (not audited again): nobody is invited twice (inviteOnce).
 */
export async function publish(deps: Deps, actor: Actor, id: string): Promise<MatchRun> {
  const run = await fromId(deps, actor, id)
  const publishing = { status: 'publishing' as const, progress: { phase: 'publish', percent: 0 } }
  try {
    await moveMatchRun(deps.db, run.id, ['done'], publishing, deps.now(), { objectType: 'matchRun', objectId: run.id, action: 'matchRun.publish', ...by(actor), before: { status: 'done' }, after: { status: 'publishing' } })
  } catch (e) {
    if (!(e instanceof DomainError && e.kind === 'conflict')) throw e
    await updateMatchRun(deps.db, run.id, publishing, { status: ['publishing'] })
  }
  await deps.jobs.start({ type: 'publishRun', runId: run.id })
  return { ...run, ...publishing }
}

// ── Matching seen by one person, or for one post.

/**
 * The index's open posts compiled for matching, once per change of the index, district day
 * (deadlines) and year's rules. The rules are compared as written: a container's recent read of
 * them is one object, but another container's save is a new one with the same text.
 */
type Prepared = { asOf: string; rules: string; live: IndexRow[]; prepared: PreparedPosts; answered: Map<string, Recommended> }
const preparedByRows = new WeakMap<readonly IndexRow[], Prepared>()
/**
 * People's recommendations already answered over one preparation (the next page, the landing page
 * again), by the person as matched: a change of the posts, the rules or the day is a new
 * preparation, a change of the file a new key. At most this many (each a few bytes per post in reach).
 */
const RECOMMENDATIONS_KEPT = 200
function preparedOf(rows: readonly IndexRow[], asOf: string, policy: MatchPolicy) {
  const known = preparedByRows.get(rows)
  if (known?.asOf === asOf && known.prepared.policy === policy) return known
  const rules = JSON.stringify(policy)
  if (known?.asOf === asOf && known.rules === rules) return known
  const live = rows.filter((p) => !isPastDeadline(p, asOf))
  const made: Prepared = { asOf, rules, live, prepared: preparePosts(live.map(toMatchPost), policy), answered: new Map() }
  preparedByRows.set(rows, made)
  return made
}

/**
 * 推荐岗位: the open posts the signed-in seeker is eligible for, best first, with reasons (none
 * without a file), a page at a time. The file, the year's rules and the index of open posts are
 * read at once; every post is judged over the compiled index (shared/matching/recommend.ts), and
 * only the page asked is ordered out of the rest and rendered: in a small district thousands of
 * posts are within reach, and their reasons' texts would cost more than the ranking.
 */
export async function recommendations(deps: Deps, actor: Actor, page: { limit: number; cursor?: string }) {
  allow(actor, 'seeker')
  // A missing year's rules matter only to someone with a file.
  const [seeker, rules, { rows }] = await Promise.all([Seekers.ownFileIfAny(deps, actor, { recent: true }), matchingPolicy(deps).catch((e: unknown) => e as Error), openPostRows(deps.db)])
  if (!seeker) return { items: [], nextCursor: null }
  if (rules instanceof Error) throw rules
  const { policy, asOf } = rules
  const { live, prepared, answered } = preparedOf(rows, asOf, policy)
  // The person as matched, whole: any change of their file that matters is a new key.
  const asMatched = toMatchSeeker(seeker, asOf)
  const key = JSON.stringify(asMatched)
  let found = answered.get(key)
  if (!found) {
    found = recommend(asMatched, prepared, asOf)
    if (answered.size >= RECOMMENDATIONS_KEPT) answered.delete(answered.keys().next().value!)
    answered.set(key, found)
  }
  const scope = cursorScope('recommendations', seeker.id)
  const start = readOffsetCursor(deps.db.cursors, scope, page.cursor)
  const end = start + page.limit
  const shown = bestOf(found, (k) => prepared.idRank[found!.posts[k]!]!, end).slice(start)
  return {
    items: shown.map((k) => ({ post: rowPost(live[found!.posts[k]!]!), score: found!.scores[k]!, reasons: reasonsOf(found!.reasons(k)) })),
    nextCursor: offsetCursor(deps.db.cursors, scope, end < found.n ? end : null),
  }
}

/** A post's candidates are a shortlist by design: people are shown (masked) to a post's owner only as its best matches, never as a browsable roll of the township. */
export const CANDIDATE_SHORTLIST = 20

/**
 * The ranking of a post's candidates over its township's index rows: every row scored, the best
 * CANDIDATE_SHORTLIST kept (score, then id), only theirs with their reasons rendered. The same
 * answer whether the rows come from the seeker index or from the files themselves.
 */
export function rankCandidates(rows: readonly MatchFacts[], post: Post, policy: MatchPolicy, asOf: string) {
  const target = toMatchPost(post)
  const scored: { id: string; pair: ReturnType<typeof explainPair> }[] = []
  for (const row of rows) {
    const pair = explainPair(toMatchSeeker(row, asOf), target, policy, asOf)
    if (!pair.failures.length) scored.push({ id: row.id, pair })
  }
  return scored
    .sort((a, b) => b.pair.score - a.pair.score || a.id.localeCompare(b.id))
    .slice(0, CANDIDATE_SHORTLIST)
    .map(({ id, pair }) => ({ id, score: pair.score, reasons: reasonsOf(pair.reasons) }))
}

/** A ranking with what the answer shows of each person (masked), from their files: a file that is gone drops out. */
function shortlistOf(ranked: ReturnType<typeof rankCandidates>, files: ReadonlyMap<string, CandidateFile>) {
  return ranked.flatMap(({ id, score, reasons }) => {
    const f = files.get(id)
    return f ? [{ candidate: candidateOf(f), score, reasons }] : []
  })
}

type Shortlist = ReturnType<typeof shortlistOf>
/**
 * Shortlists already answered in this container, by everything they follow from: the township's
 * index version (every write of a file bumps its chunk, names included), the post as matched, the
 * year's rules and the district day. A change of any of them is a new key; the oldest go first.
 */
const shortlists = new WeakMap<object, Map<string, Promise<Shortlist>>>()
const SHORTLISTS_KEPT = 500

/**
 * The CANDIDATE_SHORTLIST best eligible people of the post's township for a post, masked until they
 * apply, a page at a time: for the post's owner and officers in scope. Reads the post, then the
 * year's rules and the township's seeker index side by side (its heads; chunks only when they
 * changed), and, for a shortlist not yet answered in this container, its people's files (one BatchGetItem).
 */
export async function candidates(deps: Deps, actor: Actor, postId: string, page: { limit: number; cursor?: string }) {
  const post = await toManage(deps, actor, postId)
  const [{ policy, asOf }, { rows, version }] = await Promise.all([matchingPolicy(deps), seekerRowsOf(deps.db, post.township)])
  const key = `${post.township}|${version}|${asOf}|${JSON.stringify(toMatchPost(post))}|${JSON.stringify(policy)}`
  const kept = shortlists.get(deps.db) ?? new Map<string, Promise<Shortlist>>()
  shortlists.set(deps.db, kept)
  // The promise is kept, so that requests arriving together for a new shortlist share one ranking and one read.
  let shortlist = kept.get(key)
  if (!shortlist) {
    const ranked = rankCandidates(rows, post, policy, asOf)
    const made = candidateFiles(deps.db, ranked.map((r) => r.id)).then((files) => shortlistOf(ranked, files))
    shortlist = made
    kept.set(key, made)
    made.catch(() => kept.delete(key))
    if (kept.size > SHORTLISTS_KEPT) kept.delete(kept.keys().next().value!)
  }
  return pageOfRanked(deps.db.cursors, cursorScope('candidates', post.id), await shortlist, page)
}

// ── The background jobs (functions/jobs calls these).

/**
 * Solves one queued run: loads the scope's people and open posts, solves, and writes a proposal per
 * person. Progress (phase, percent) is written to the run between phases.
 */
export async function solve(deps: Deps, runId: string): Promise<void> {
  const run = await getMatchRun(deps.db, runId)
  if (!run || run.status !== 'queued') return
  await updateMatchRun(deps.db, runId, { status: 'running', progress: { phase: 'load', percent: 0 } }, { status: ['queued'] })
  try {
    const { policy, asOf } = await matchingPolicy(deps)
    const townships = run.scope === 'district' ? TOWNSHIP_CODES : [run.scope]
    const [people, placements, posts] = await Promise.all([
      Promise.all(townships.map((t) => allSeekersOf(deps, t))).then((x) => x.flat()),
      // Everyone in work, however many: a person missed here would be matched again despite a full-time job.
      Promise.all(townships.map((t) => allActivePlacementsOfTownship(deps.db, t))).then((x) => x.flat()),
      listAllOpenPosts(deps.db, run.scope === 'district' ? {} : { township: run.scope }),
    ])
    const placedKind = new Map(placements.map((p) => [p.seekerId, p.kind]))
    // Past its deadline a post has left matching that day (the daily job closes it).
    const today = districtDate(deps.now())
    const chosen = posts.filter((p) => postInRun(run, p) && p.headcount > p.filled && !isPastDeadline(p, today))
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
        reasons: reasonsOf(a.reasons),
      }
    })
    await putProposals(deps.db, proposals)
    // People placed by household category and by township, for the run's summary chart.
    const count = (m: Record<string, number>, k: string) => (m[k] = (m[k] ?? 0) + 1)
    const placedByCategory: Record<string, number> = {}
    const placedByTownship: Record<string, number> = {}
    const seekersByCategory: Record<string, number> = {}
    const seekersByTownship: Record<string, number> = {}
    for (const p of proposals) {
      count(seekersByCategory, p.category)
      count(seekersByTownship, p.township)
      if (!p.postId) continue
      count(placedByCategory, p.category)
      count(placedByTownship, p.township)
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

/** How many invitations go out at once: enough to finish a district in seconds, few enough not to throttle. */
const CONCURRENCY = 8

/**
 * Sends a publishing run's invitations to apply (never hires): one inbox message per proposed
 * person, exactly once even when the job is retried (inviteOnce), then an SMS, best effort.
 */
export async function sendInvitations(deps: Deps, runId: string): Promise<void> {
  const run = await getMatchRun(deps.db, runId)
  if (!run || run.status !== 'publishing') return
  const todo = (await allProposals(deps.db, runId)).filter((p) => p.postId)
  let done = 0
  // Everyone with a proposed post and a file, whether this job or an earlier attempt sent theirs.
  let invited = 0
  let lastWrite = 0
  const invite = async (p: (typeof todo)[number]) => {
    const seeker = await getSeeker(deps.db, p.seekerId)
    const message = draft('invitation.post', { postTitle: p.postTitle ?? '' }, `/posts/${p.postId}`)
    if (seeker) {
      invited++
      // On the invitation's own trail, not the run's (a district run invites hundreds): the run's trail stays its steps.
      const audit = { objectType: 'invitation', objectId: `${runId}.${p.seekerId}`, action: 'invitation.send', actorId: 'system', actorRole: 'system', after: { seekerId: p.seekerId, postId: p.postId }, history: { seekerId: p.seekerId, type: 'invitation' as const, ...(p.postTitle ? { title: p.postTitle } : {}) } }
      if (await inviteOnce(deps.db, p, message, deps.now(), audit)) await textSeeker(deps, seeker, message)
    }
    done++
    if (Date.now() - lastWrite > 500) {
      lastWrite = Date.now()
      await updateMatchRun(deps.db, runId, { progress: { phase: 'publish', percent: Math.floor((done / todo.length) * 100) } })
    }
  }
  try {
    await eachLimit(todo, CONCURRENCY, invite)
  } catch (e) {
    // Stays `publishing`: publishing again resumes, and nobody already invited is invited twice.
    deps.log.error('publish job failed', { runId, error: (e as Error).name })
    await updateMatchRun(deps.db, runId, { progress: { phase: 'publishFailed', percent: Math.floor((done / Math.max(todo.length, 1)) * 100) } })
    return
  }
  const published = { status: 'published' as const, invitations: invited, publishedAt: deps.now().toISOString(), progress: { phase: 'published', percent: 100 } }
  // A second job for the same run (a resumed publish) may have finished first: that is the same outcome.
  await updateMatchRun(deps.db, runId, published, { status: ['publishing'] }).catch(async (e) => {
    if ((await getMatchRun(deps.db, runId))?.status !== 'published') throw e
  })
}
