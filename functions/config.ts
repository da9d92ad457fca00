/**
 * Environment, read once. Outside WENGANG_ENV=local|test a missing secret stops start-up
 * with a message that names the variable, rather than running with a guessable default.
 */
export type AppEnv = 'local' | 'test' | 'production'

export interface Config {
  env: AppEnv
  tableName: string
  dynamoEndpoint?: string
  region: string
  sessionSecret: string
  dataKey: string
  sessionTtlSeconds: number
}

const DEV_SECRET = 'wengang-local-development-secret-not-for-production'

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const appEnv = (env.WENGANG_ENV ?? 'production') as AppEnv
  if (!['local', 'test', 'production'].includes(appEnv)) {
    throw new Error(`WENGANG_ENV must be local, test or production (got "${appEnv}")`)
  }
  const dev = appEnv !== 'production'
  const need = (name: string, devDefault: string): string => {
    const v = env[name]
    if (v && v.length > 0) return v
    if (dev) return devDefault
    throw new Error(`${name} is not set. Outside WENGANG_ENV=local it must be provided (at least 32 random characters).`)
  }
  const sessionSecret = need('WENGANG_SESSION_SECRET', DEV_SECRET)
  const dataKey = need('WENGANG_DATA_KEY', `${DEV_SECRET}-data`)
  if (!dev && sessionSecret.length < 32) throw new Error('WENGANG_SESSION_SECRET must be at least 32 characters')
  return {
    env: appEnv,
    tableName: env.TABLE_NAME ?? 'wengang',
    dynamoEndpoint: env.DYNAMODB_ENDPOINT || undefined,
    region: env.AWS_REGION ?? 'cn-north-1',
    sessionSecret,
    dataKey,
    sessionTtlSeconds: Number(env.WENGANG_SESSION_TTL_SECONDS ?? 7 * 24 * 3600),
  }
}

let cached: Config | undefined
export const config = (): Config => (cached ??= readConfig())
/** Tests point the app at their own table. */
export const setConfig = (c: Config): void => {
  cached = c
}
