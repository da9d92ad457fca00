import type { Deps } from '../core/deps.js'
import * as MatchRuns from '../core/match-runs.js'

/** The jobs Lambda's match run: solving a queued run is a core use case (core/match-runs.ts). */
export const runMatchJob = (deps: Deps, runId: string): Promise<void> => MatchRuns.solve(deps, runId)
