import type { Deps } from '../core/deps.js'
import * as RecordChecks from '../core/record-checks.js'

/**
 * 待更正记录: one township on an officer's request, or every township (the daily clock does the
 * same as its last step, functions/jobs/daily.ts).
 */
export const checkRecords = async (deps: Deps, township?: string): Promise<void> => {
  if (township) await RecordChecks.checkTownship(deps, township)
  else await RecordChecks.checkAll(deps)
}
