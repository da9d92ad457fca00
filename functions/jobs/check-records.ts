import type { Deps } from '../core/deps.js'
import * as RecordChecks from '../core/record-checks.js'

/**
 * 待更正记录: one township on an officer's request, or every township on the daily clock (in the
 * cloud an EventBridge schedule, infra/jobs.ts; locally dailyInProcess in close-expired-posts.ts).
 */
export const checkRecords = async (deps: Deps, township?: string): Promise<void> => {
  if (township) await RecordChecks.checkTownship(deps, township)
  else await RecordChecks.checkAll(deps)
}
