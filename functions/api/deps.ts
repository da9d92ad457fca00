import type { Config } from '../config.js'
import { createDb } from '../db/client.js'
import { logSms, unconfiguredSms } from '../auth/sms.js'
import { createProtector } from '../security/protect.js'
import type { Deps } from './context.js'
import { log } from './log.js'
import { inProcessRunner, lambdaRunner } from '../jobs/runner.js'

/** Builds the app's dependencies once per process: on Lambda, outside the handler. */
export function createDeps(config: Config, env: NodeJS.ProcessEnv = process.env): Deps {
  const deps: Deps = {
    config,
    db: createDb({ tableName: config.tableName, endpoint: config.dynamoEndpoint, region: config.region }),
    protector: createProtector(config.dataKey),
    sms: config.env === 'production' ? unconfiguredSms : logSms(log),
    log,
    now: () => new Date(),
    jobs: env.JOBS_FUNCTION_NAME ? lambdaRunner(env.JOBS_FUNCTION_NAME) : inProcessRunner(() => deps),
  }
  return deps
}
