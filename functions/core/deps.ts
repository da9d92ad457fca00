import type { Config } from '../config.js'
import type { Db } from '../db/client.js'
import type { SmsSender } from '../auth/sms.js'
import type { Protector } from '../security/protect.js'
import type { OfficerScope, Role } from '../../shared/schemas/auth.js'
import type { Log } from './log.js'

/** Background work core starts; functions/jobs runs it (core only names it). */
export type Job = { type: 'matchRun'; runId: string } | { type: 'publishRun'; runId: string } | { type: 'closeExpiredPosts' } | { type: 'checkRecords'; township?: string } | { type: 'daily' } | { type: 'backfillHistory'; township?: string } | SmsJob
/** A queued text (functions/core/sms-outbox.ts): `sendSms` sends one with its retries, `retrySms` sweeps what is due. */
export type SmsJob = { type: 'sendSms'; outboxId: string } | { type: 'retrySms' }
/** Starts background work: in-process locally, an asynchronous Lambda invocation in the cloud. */
export interface JobRunner {
  start(job: Job): Promise<void>
}

/** Everything a use case needs from the outside world, made once per process (outside the handler). */
export interface Deps {
  config: Config
  db: Db
  protector: Protector
  sms: SmsSender
  log: Log
  now: () => Date
  /** Background work (match runs, publishing). */
  jobs: JobRunner
}

/** Who is asking, as the session row says (never the token alone). */
export interface Actor {
  userId: string
  role: Role
  scope?: OfficerScope
  sessionId: string
  /** A staff session without a password yet: it may only set one (functions/api/auth.ts). */
  limited?: 'password'
}
