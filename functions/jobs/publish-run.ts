import { eachLimit } from '../../shared/each-limit.js'
import type { Deps } from '../core/deps.js'
import { textSeeker } from '../core/notify.js'
import { allProposals, getMatchRun, inviteOnce, updateMatchRun } from '../db/match-runs.js'
import { getSeeker } from '../db/seekers.js'

/** How many invitations go out at once: enough to finish a district in seconds, few enough not to throttle. */
const CONCURRENCY = 8

/**
 * Sends a run's invitations to apply (never hires): one inbox message per proposed person, exactly
 * once even when this job is retried (see inviteOnce), then an SMS, best effort. Runs in the
 * background so a district's hundreds of invitations never hold an HTTP request open.
 */
export async function runPublishJob(deps: Deps, runId: string): Promise<void> {
  const run = await getMatchRun(deps.db, runId)
  if (!run || run.status !== 'publishing') return
  const todo = (await allProposals(deps.db, runId)).filter((p) => p.postId)
  let done = 0
  // Everyone with a proposed post and a file, whether this job or an earlier attempt sent theirs.
  let invited = 0
  let lastWrite = 0
  const invite = async (p: (typeof todo)[number]) => {
    const seeker = await getSeeker(deps.db, p.seekerId)
    const message = { kind: 'invitation' as const, title: '岗位推荐邀请', body: `就业专员为您推荐岗位「${p.postTitle}」，欢迎申请。`, link: `/posts/${p.postId}` }
    if (seeker) {
      invited++
      if (await inviteOnce(deps.db, p, message, deps.now())) await textSeeker(deps, seeker, message)
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
