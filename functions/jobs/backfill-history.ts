import type { Deps } from '../core/deps.js'
import * as History from '../core/history.js'

/**
 * 一人一档: builds the timeline entries of records made before the timeline existed (placements,
 * certificates, trainings, Yulu terms, claims, applications, the file itself), once per record and
 * step. Idempotent: run again, it writes nothing (core/history.ts backfillPerson). Run once after
 * deploying the timeline: `{ "type": "backfillHistory" }` (optionally `township`) to the jobs function.
 */
export const backfillHistory = (deps: Deps, township?: string) => History.backfillAll(deps, township)
