import type { Config } from '../config.js'
import { createDb, type Db } from '../db/client.js'
import { logSms, unconfiguredSms, type SmsSender } from '../auth/sms.js'
import { createProtector, type Protector } from '../security/protect.js'
import type { OfficerScope, Role } from '../../shared/schemas/auth.js'
import { log, type Log } from './log.js'
import { inProcessRunner, lambdaRunner, type JobRunner } from '../jobs/runner.js'

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
}

/** Builds the dependencies once per process: on Lambda, outside the handler. */
export function createDeps(config: Config, env: NodeJS.ProcessEnv = process.env): Deps {
  const deps: Deps = {
    config,
    db: createDb({ tableName: config.tableName, endpoint: config.dynamoEndpoint, region: config.region, cursorSecret: config.sessionSecret }),
    protector: createProtector(config.dataKey),
    sms: config.env === 'production' ? unconfiguredSms : logSms(log),
    log,
    now: () => new Date(),
    jobs: env.JOBS_FUNCTION_NAME ? lambdaRunner(env.JOBS_FUNCTION_NAME) : inProcessRunner(() => deps),
  }
  return deps
}
