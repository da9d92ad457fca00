import path from 'node:path'
import { SMS_TEMPLATE_CODES, type SmsTemplateCode } from './sms/templates.js'
import { PRODUCTION_COST, type ScryptCost } from './security/passwords.js'
/**
 * Environment, read once. Outside WENGANG_ENV=local|test a missing secret stops start-up
 * with a message that names the variable, rather than running with a guessable default.
 */
export type AppEnv = 'local' | 'test' | 'production'

/**
 * Alibaba Cloud's settings. The RAM key comes either from the environment (a deployment of one's own)
 * or, in AWS, from a Secrets Manager secret read on the first send (functions/sms/aliyun-credentials.ts).
 */
export type AliyunConfig = { signName: string; templates: Partial<Record<SmsTemplateCode, string>>; endpoint: string; regionId: string } & (
  | { accessKeyId: string; accessKeySecret: string }
  | { credentialsSecret: { arn: string; region: string; endpoint?: string } }
)

/** Which SMS provider sends, and its settings (README: "Text messages (SMS)"). */
export interface SmsConfig {
  /** log: local, nothing sent; none: production refuses with 503 until a provider is set. */
  provider: 'log' | 'none' | 'aliyun' | 'sns'
  timeoutMs: number
  aliyun?: AliyunConfig
  sns?: { region: string; endpoint?: string; senderId?: string }
}

export interface Config {
  env: AppEnv
  tableName: string
  dynamoEndpoint?: string
  region: string
  sessionSecret: string
  dataKey: string
  sessionTtlSeconds: number
  /** How long a container may answer from its recent read of an index's heads or the year's policy (functions/db/recent-reads.ts). */
  recheckMs: number
  /** Sign-in codes one client (source address) may have sent, across phones, per hour. */
  otpPerClientPerHour: number
  /** Sign-in codes sent per hour across all clients: a cap on what SMS pumping can cost. */
  otpPerHour: number
  /**
   * The CloudFront origin-verify secret. A request that carries it came through our distribution,
   * so the viewer address CloudFront set (x-viewer-address) is the client's; otherwise it is not read.
   */
  originSecret?: string
  /** Tests only (never production): the request header that names the client, for app.request() calls. */
  clientAddressHeader?: string
  sms: SmsConfig
  /**
   * The file store (functions/files/store.ts): the S3 bucket in AWS (FILES_BUCKET), else the folder
   * `files` under the data directory (WENGANG_DATA_DIR, default .data).
   */
  files: { bucket?: string; dir: string }
  /** The cost of new password hashes (each hash keeps its own, so a change never locks anyone out). */
  passwordCost: ScryptCost
  /**
   * How long one container keeps a board it read (functions/core/dashboard.ts): officers opening
   * the board at once share one read; the board says when it was read. 0 (tests): never kept.
   */
  boardCacheSeconds: number
}

/**
 * Defaults of the sign-in limits. Local runs and tests sign in hundreds of times from 127.0.0.1
 * (npm start by hand, the e2e suite), so there the per-client limit is far higher.
 */
export const OTP_LIMIT_DEFAULTS = {
  production: { otpPerClientPerHour: 10, otpPerHour: 2000 },
  dev: { otpPerClientPerHour: 1000, otpPerHour: 20000 },
} as const

/** WENGANG_ENV=test only: 4 MiB instead of 32. */
export const TEST_PASSWORD_COST: ScryptCost = { logN: 12, r: 8, p: 1 }

const DEV_SECRET = 'wengang-local-development-secret-not-for-production'

/**
 * The one default region, for every DynamoDB client (app, scripts, tests). A DynamoDB Local started
 * without -sharedDb keeps one database per region and access key: a table created under one region
 * is not found under another, so nothing may name a region of its own.
 */
export const DEFAULT_AWS_REGION = 'cn-north-1'
export const awsRegion = (env: NodeJS.ProcessEnv = process.env): string => env.AWS_REGION || DEFAULT_AWS_REGION

/** A deployed container re-checks the indexes' heads and the policy at most this often (another container's write shows within it). */
export const DEFAULT_RECHECK_MS = 1000

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
  /** A whole number from the environment within [min, max], or the fallback when unset; anything else stops the start. */
  const whole = (name: string, fallback: number, min: number, max: number, what: string): number => {
    const v = env[name]
    if (v === undefined || v === '') return fallback
    const n = Number(v)
    if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be ${what} (got "${v}")`)
    return n
  }
  const count = (name: string, fallback: number) => whole(name, fallback, 1, Number.MAX_SAFE_INTEGER, 'a whole number of at least 1')
  const seconds = (name: string, fallback: number) => whole(name, fallback, 0, 300, 'a whole number of seconds from 0 to 300')
  const milliseconds = (name: string, fallback: number) => whole(name, fallback, 0, 60_000, 'a whole number of milliseconds from 0 to 60000')
  const limits = OTP_LIMIT_DEFAULTS[dev ? 'dev' : 'production']
  const clientAddressHeader = env.WENGANG_CLIENT_ADDRESS_HEADER || undefined
  // A header is whatever the caller says it is: trusting one in production would void the per-client limit.
  if (!dev && clientAddressHeader) throw new Error('WENGANG_CLIENT_ADDRESS_HEADER is for tests and must not be set in production')
  const originSecret = env.WENGANG_ORIGIN_SECRET || undefined
  if (originSecret && originSecret.length < 32) throw new Error('WENGANG_ORIGIN_SECRET must be at least 32 characters')
  return {
    env: appEnv,
    tableName: env.TABLE_NAME ?? 'wengang',
    dynamoEndpoint: env.DYNAMODB_ENDPOINT || undefined,
    region: awsRegion(env),
    sessionSecret,
    dataKey,
    sessionTtlSeconds: Number(env.WENGANG_SESSION_TTL_SECONDS ?? 7 * 24 * 3600),
    otpPerClientPerHour: count('WENGANG_OTP_PER_CLIENT_PER_HOUR', limits.otpPerClientPerHour),
    otpPerHour: count('WENGANG_OTP_PER_HOUR', limits.otpPerHour),
    ...(originSecret ? { originSecret } : {}),
    ...(clientAddressHeader ? { clientAddressHeader } : {}),
    sms: readSmsConfig(env, dev),
    files: { ...(env.FILES_BUCKET ? { bucket: env.FILES_BUCKET } : {}), dir: path.join(path.resolve(env.WENGANG_DATA_DIR || '.data'), 'files') },
    // Tests hash hundreds of staff passwords on two cores: the same code at a small cost there.
    passwordCost: appEnv === 'test' ? TEST_PASSWORD_COST : PRODUCTION_COST,
    boardCacheSeconds: seconds('WENGANG_BOARD_CACHE_SECONDS', appEnv === 'test' ? 0 : 15),
    // Tests see every write of another container at once; a deployed container within a second.
    recheckMs: milliseconds('WENGANG_RECHECK_MS', appEnv === 'test' ? 0 : DEFAULT_RECHECK_MS),
  }
}

/** `otp=SMS_1,invitation=SMS_2`: approved template codes by our template code. */
const templateCodes = (raw: string): Partial<Record<SmsTemplateCode, string>> => {
  const out: Partial<Record<SmsTemplateCode, string>> = {}
  for (const pair of raw.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [name, code] = pair.split('=').map((x) => x.trim())
    if (!name || !code || !(SMS_TEMPLATE_CODES as readonly string[]).includes(name)) {
      throw new Error(`SMS_ALIYUN_TEMPLATES: "${pair}" is not <${SMS_TEMPLATE_CODES.join('|')}>=<template code>`)
    }
    out[name as SmsTemplateCode] = code
  }
  return out
}

/** arn:<partition>:secretsmanager:<region>:<account>:secret:<name>: a secret is read in its own region. */
const arnRegion = (arn: string): string | undefined => /^arn:[^:]+:secretsmanager:([a-z0-9-]+):/.exec(arn)?.[1]

export function readSmsConfig(env: NodeJS.ProcessEnv, dev: boolean): SmsConfig {
  const provider = (env.SMS_PROVIDER || (dev ? 'log' : 'none')) as SmsConfig['provider']
  if (!['log', 'none', 'aliyun', 'sns'].includes(provider)) throw new Error(`SMS_PROVIDER must be log, aliyun or sns (got "${provider}")`)
  // The local log shows sign-in codes: never in production.
  if (provider === 'log' && !dev) throw new Error('SMS_PROVIDER=log writes sign-in codes to the log and is for WENGANG_ENV=local|test only')
  const timeoutMs = Number(env.SMS_TIMEOUT_MS || 5000)
  if (!Number.isInteger(timeoutMs) || timeoutMs < 100) throw new Error(`SMS_TIMEOUT_MS must be a whole number of at least 100 (got "${env.SMS_TIMEOUT_MS}")`)
  const must = (name: string, or = ''): string => {
    const v = env[name]
    if (!v) throw new Error(`${name} is not set; SMS_PROVIDER=${provider} needs it${or}`)
    return v
  }
  if (provider === 'aliyun') {
    const templates = templateCodes(must('SMS_ALIYUN_TEMPLATES'))
    if (!templates.otp) throw new Error('SMS_ALIYUN_TEMPLATES must name the otp template (otp=SMS_…)')
    const secretArn = env.SMS_ALIYUN_CREDENTIALS_SECRET_ARN
    // Two sources of one key would leave it unclear which is in use.
    if (secretArn && (env.SMS_ALIYUN_ACCESS_KEY_ID || env.SMS_ALIYUN_ACCESS_KEY_SECRET)) {
      throw new Error('Set SMS_ALIYUN_CREDENTIALS_SECRET_ARN or SMS_ALIYUN_ACCESS_KEY_ID/SMS_ALIYUN_ACCESS_KEY_SECRET, not both')
    }
    const credentials = secretArn
      ? { credentialsSecret: { arn: secretArn, region: arnRegion(secretArn) ?? awsRegion(env), ...(env.SMS_ALIYUN_SECRET_ENDPOINT ? { endpoint: env.SMS_ALIYUN_SECRET_ENDPOINT } : {}) } }
      : { accessKeyId: must('SMS_ALIYUN_ACCESS_KEY_ID', ' (or SMS_ALIYUN_CREDENTIALS_SECRET_ARN)'), accessKeySecret: must('SMS_ALIYUN_ACCESS_KEY_SECRET', ' (or SMS_ALIYUN_CREDENTIALS_SECRET_ARN)') }
    return {
      provider,
      timeoutMs,
      aliyun: {
        ...credentials,
        signName: must('SMS_ALIYUN_SIGN_NAME'),
        templates,
        endpoint: env.SMS_ALIYUN_ENDPOINT || 'https://dysmsapi.aliyuncs.com',
        regionId: env.SMS_ALIYUN_REGION || 'cn-hangzhou',
      },
    }
  }
  if (provider === 'sns') {
    return {
      provider,
      timeoutMs,
      sns: { region: env.SMS_SNS_REGION || awsRegion(env), ...(env.SMS_SNS_ENDPOINT ? { endpoint: env.SMS_SNS_ENDPOINT } : {}), ...(env.SMS_SNS_SENDER_ID ? { senderId: env.SMS_SNS_SENDER_ID } : {}) },
    }
  }
  return { provider, timeoutMs }
}

let cached: Config | undefined
export const config = (): Config => (cached ??= readConfig())
/** Tests point the app at their own table. */
export const setConfig = (c: Config): void => {
  cached = c
}
