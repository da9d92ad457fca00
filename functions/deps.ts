import type { Config } from './config.js'
import { createDb } from './db/client.js'
import { logSms, unconfiguredSms, type SmsSender } from './auth/sms.js'
import { providerSms } from './sms/sender.js'
import { createProtector } from './security/protect.js'
import type { Deps } from './core/deps.js'
import { log } from './core/log.js'
import { inProcessRunner, lambdaRunner } from './jobs/runner.js'
import { inProcessRenderer, lambdaRenderer } from './exports/renderer.js'
import { localFileStore, s3FileStore, type FileStore } from './files/store.js'

/**
 * The process's composition root: builds the dependencies once per process (on Lambda, outside the
 * handler). It lives beside config.ts, not in core, so that core names background jobs without
 * importing the code that runs them.
 */
export function createDeps(config: Config, env: NodeJS.ProcessEnv = process.env): Deps {
  const files = fileStoreOf(config)
  const deps: Deps = {
    config,
    db: createDb({ tableName: config.tableName, endpoint: config.dynamoEndpoint, region: config.region, cursorSecret: config.sessionSecret, recheckMs: config.recheckMs }),
    protector: createProtector(config.dataKey),
    sms: chooseSms(config),
    log,
    now: () => new Date(),
    jobs: env.JOBS_FUNCTION_NAME ? lambdaRunner(env.JOBS_FUNCTION_NAME) : inProcessRunner(() => deps),
    // In AWS the exports function renders (it alone bundles exceljs); locally this process does.
    exports: env.EXPORTS_FUNCTION_NAME ? lambdaRenderer(env.EXPORTS_FUNCTION_NAME, files) : inProcessRenderer(files),
    files,
  }
  return deps
}

/** The bucket when FILES_BUCKET names one (AWS), else the data directory's `files` folder. */
export function fileStoreOf(config: Config, now: () => Date = () => new Date()): FileStore {
  return config.files.bucket
    ? s3FileStore({ bucket: config.files.bucket, region: config.region, now })
    : localFileStore({ dir: config.files.dir, secret: config.sessionSecret, now })
}

/** SMS_PROVIDER decides; a provider's own code loads on its first send (functions/sms/sender.ts). */
export function chooseSms(config: Config): SmsSender {
  if (config.sms.provider === 'log') return logSms(log)
  if (config.sms.provider === 'none') return unconfiguredSms
  return providerSms(config.sms, log)
}
