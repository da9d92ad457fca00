import { Logger } from '@aws-lambda-powertools/logger'

/**
 * Structured JSON logs. Personal data never reaches them: callers log ids, not people, and as a
 * second line of defence every string is scrubbed of anything shaped like an ID or phone number.
 */
const ID_NUMBER = /(?<![0-9A-Za-z])[1-9]\d{5}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])/g
const MOBILE = /(?<!\d)(?:\+?86[-\s]?)?1[3-9]\d{9}(?!\d)/g

export const scrub = (s: string): string =>
  s.replace(ID_NUMBER, (m) => `${m.slice(0, 4)}**********${m.slice(-4)}`).replace(MOBILE, (m) => `${m.slice(0, 3)}****${m.slice(-4)}`)

const scrubValue = (v: unknown, depth = 0): unknown => {
  if (typeof v === 'string') return scrub(v)
  if (depth > 4 || v === null || typeof v !== 'object') return v
  if (Array.isArray(v)) return v.map((x) => scrubValue(x, depth + 1))
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, scrubValue(x, depth + 1)]))
}

const logger = new Logger({ serviceName: 'wengang-api', logLevel: (process.env.LOG_LEVEL as 'INFO' | undefined) ?? 'INFO' })

export type LogFields = Record<string, unknown>

/** Where log lines go; tests capture them to prove no personal data leaks. */
export interface Log {
  info(message: string, fields?: LogFields): void
  warn(message: string, fields?: LogFields): void
  error(message: string, fields?: LogFields): void
}

export const log: Log = {
  info: (m, f = {}) => logger.info(scrub(m), scrubValue(f) as LogFields),
  warn: (m, f = {}) => logger.warn(scrub(m), scrubValue(f) as LogFields),
  error: (m, f = {}) => logger.error(scrub(m), scrubValue(f) as LogFields),
}
