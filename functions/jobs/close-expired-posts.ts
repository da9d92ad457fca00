import type { Deps } from '../core/deps.js'
import * as Posts from '../core/posts.js'
import * as RecordChecks from '../core/record-checks.js'

/**
 * The daily clock's post closing: in the cloud an EventBridge schedule (infra/jobs.ts) invokes the
 * jobs Lambda with `{ type: 'closeExpiredPosts' }` just after midnight Beijing time; locally the
 * server runs it at start and every 24 hours (dailyInProcess).
 */
export const closeExpiredPosts = (deps: Deps) => Posts.closeExpired(deps)

/** Local: once now, then every day, in this process (posts closed, then the records checked); returns the timer to stop it. */
export function dailyInProcess(deps: Deps): NodeJS.Timeout {
  const run = () =>
    void closeExpiredPosts(deps)
      .catch((e: unknown) => deps.log.error('posts.closeExpired.failed', { error: String(e) }))
      .then(() => RecordChecks.checkAll(deps))
      .catch((e: unknown) => deps.log.error('records.check.failed', { error: String(e) }))
  run()
  const timer = setInterval(run, 24 * 3600 * 1000)
  timer.unref()
  return timer
}
