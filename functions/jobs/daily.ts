import type { Deps } from '../core/deps.js'
import * as Due from '../core/due.js'
import * as Placements from '../core/placements.js'
import * as Posts from '../core/posts.js'
import * as RecordChecks from '../core/record-checks.js'

/**
 * The daily clock, just after midnight Beijing time (in the cloud an EventBridge schedule invokes
 * the jobs Lambda with `{ type: 'daily' }`, infra/jobs.ts; locally dailyInProcess): posts past their
 * deadline close, placements that start today count toward the target, then every township's
 * records are checked against the rules, and the due list is marked and its digests sent. Each step runs even when one before it failed.
 */
export async function runDaily(deps: Deps): Promise<void> {
  const steps: [string, () => Promise<unknown>][] = [
    ['posts.closeExpired', () => Posts.closeExpired(deps)],
    ['placements.countStarted', () => Placements.countStarted(deps)],
    ['records.check', () => RecordChecks.checkAll(deps)],
    // What became overdue, each helper's one digest of the day, on Mondays the officers' roll-up.
    ['due.digest', () => Due.dailyDigest(deps)],
  ]
  let failed: unknown
  for (const [name, step] of steps) {
    try {
      await step()
    } catch (e) {
      deps.log.error(`${name}.failed`, { error: String(e) })
      failed ??= e
    }
  }
  if (failed) throw failed
}

/** Local: once now, then every 24 hours, in this process; returns the timer to stop it. */
export function dailyInProcess(deps: Deps): NodeJS.Timeout {
  const run = () => void runDaily(deps).catch(() => {}) // each failure is logged above
  run()
  const timer = setInterval(run, 24 * 3600 * 1000)
  timer.unref()
  return timer
}
