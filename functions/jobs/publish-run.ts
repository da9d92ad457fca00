import type { Deps } from '../core/deps.js'
import * as MatchRuns from '../core/match-runs.js'

/**
 * The jobs Lambda's publish: a run's invitations, each exactly once even when the job is retried
 * (core/match-runs.ts). Runs in the background so hundreds of invitations never hold a request open.
 */
export const runPublishJob = (deps: Deps, runId: string): Promise<void> => MatchRuns.sendInvitations(deps, runId)
