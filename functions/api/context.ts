import type { Config } from '../config.js'
import type { Db } from '../db/client.js'
import type { SmsSender } from '../auth/sms.js'
import type { Protector } from '../security/protect.js'
import type { OfficerScope, Role } from '../../shared/schemas/auth.js'
import type { Log } from './log.js'
import type { JobRunner } from '../jobs/runner.js'

/** Everything a route needs from the outside world, made once per process (outside the handler). */
export interface Deps {
  config: Config
  db: Db
  protector: Protector
  sms: SmsSender
  log: Log
  now: () => Date
  /** Background work (match runs). */
  jobs: JobRunner
}

export interface Auth {
  userId: string
  role: Role
  scope?: OfficerScope
  sessionId: string
}

export type Env = {
  Variables: {
    deps: Deps
    requestId: string
    auth?: Auth
  }
}
