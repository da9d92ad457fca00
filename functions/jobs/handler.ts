import { createDeps } from '../api/deps.js'
import { readConfig } from '../config.js'
import { runMatchJob } from './match-run.js'
import type { Job } from './runner.js'

// Made once per container, like the API's.
const deps = createDeps(readConfig())

/** The jobs Lambda: long work started by the API (match runs), up to 15 minutes. */
export async function handler(job: Job): Promise<void> {
  if (job.type === 'matchRun') await runMatchJob(deps, job.runId)
}
