import { createDeps } from '../deps.js'
import { readConfig } from '../config.js'
import { runJob, type Job } from './runner.js'

// Made once per container, like the API's.
const deps = createDeps(readConfig())

/** The jobs Lambda: long work started by the API (match runs, publishing them), up to 15 minutes. */
export async function handler(job: Job): Promise<void> {
  await runJob(deps, job)
}
