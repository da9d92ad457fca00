import { Logger } from '@aws-lambda-powertools/logger'

/**
 * Logs without personal data: callers log ids, not people, and as a second line of defence every
 * string is scrubbed of anything shaped like an ID or phone number — in both forms below.
 *
 * Two forms, one set of calls: structured JSON (Powertools) for machines — on Lambda always, and
 * locally whenever stdout is not a terminal (a file, a pipe, the e2e runner) — and one short line
 * for a person watching `npm start` in a terminal (`10:42:07 GET /api/posts 200 12ms`).
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

export type LogFields = Record<string, unknown>

/** Where log lines go; tests capture them to prove no personal data leaks. */
export interface Log {
  info(message: string, fields?: LogFields): void
  warn(message: string, fields?: LogFields): void
  error(message: string, fields?: LogFields): void
}

export type LogLevel = 'info' | 'warn' | 'error'
export type LogFormat = 'json' | 'human'

/** Powertools' level names; the human form honours the same LOG_LEVEL threshold. */
const THRESHOLD: Record<string, number> = { TRACE: 0, DEBUG: 0, INFO: 1, WARN: 2, ERROR: 3, CRITICAL: 4, SILENT: 9 }
const RANK: Record<LogLevel, number> = { info: 1, warn: 2, error: 3 }

/**
 * JSON on Lambda whatever else is said (CloudWatch and its queries read JSON); elsewhere LOG_FORMAT
 * decides when set, else a terminal gets the human form and anything else JSON.
 */
export function chooseLogFormat(o: { onLambda: boolean; stdoutIsTty: boolean; requested?: string }): LogFormat {
  if (o.onLambda) return 'json'
  if (o.requested === 'json' || o.requested === 'human') return o.requested
  return o.stdoutIsTty ? 'human' : 'json'
}

const clock = (d: Date) => d.toTimeString().slice(0, 8)

const fieldText = (v: unknown): string => {
  if (typeof v === 'string') return /\s/.test(v) || v === '' ? JSON.stringify(v) : v
  return typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)
}

/**
 * One line for a person. A request reads `10:42:07 GET /api/posts 200 12ms`; anything else is the
 * time, the level when not info, the message and its fields as key=value. Fields arrive scrubbed.
 */
export function humanLine(level: LogLevel, message: string, fields: LogFields, at: Date): string {
  const mark = level === 'info' ? '' : `${level.toUpperCase()} `
  if (message === 'request' && typeof fields.method === 'string') {
    const { method, path, status, ms } = fields
    return `${clock(at)} ${mark}${method} ${String(path)} ${String(status)} ${String(ms)}ms`
  }
  const rest = Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${fieldText(v)}`)
  return [`${clock(at)} ${mark}${message}`, ...rest].join(' ')
}

export interface LogOptions {
  format: LogFormat
  /** Powertools' names: DEBUG, INFO, WARN, ERROR, SILENT. */
  level?: string
  /** Where human lines go (stdout by default); tests pass their own. */
  write?: (line: string) => void
  now?: () => Date
}

export function createLog(o: LogOptions): Log {
  const level = (o.level ?? 'INFO').toUpperCase()
  if (o.format === 'json') {
    const logger = new Logger({ serviceName: 'wengang-api', logLevel: (level in THRESHOLD ? level : 'INFO') as 'INFO' })
    return {
      info: (m, f = {}) => logger.info(scrub(m), scrubValue(f) as LogFields),
      warn: (m, f = {}) => logger.warn(scrub(m), scrubValue(f) as LogFields),
      error: (m, f = {}) => logger.error(scrub(m), scrubValue(f) as LogFields),
    }
  }
  const threshold = THRESHOLD[level] ?? THRESHOLD.INFO!
  const write = o.write ?? ((line: string) => process.stdout.write(`${line}\n`))
  const now = o.now ?? (() => new Date())
  const at = (lvl: LogLevel) => (m: string, f: LogFields = {}) => {
    if (RANK[lvl] >= threshold) write(humanLine(lvl, scrub(m), scrubValue(f) as LogFields, now()))
  }
  return { info: at('info'), warn: at('warn'), error: at('error') }
}

/** The form this process logs in (see chooseLogFormat). */
export const logFormat: LogFormat = chooseLogFormat({
  onLambda: Boolean(process.env.AWS_LAMBDA_FUNCTION_NAME),
  stdoutIsTty: Boolean(process.stdout.isTTY),
  requested: process.env.LOG_FORMAT,
})

/** The process's log. */
export const log: Log = createLog({ format: logFormat, level: process.env.LOG_LEVEL })

/**
 * For a person: a batch's info lines (one per township, say) counted instead of printed, then
 * said once by `done`; warnings and errors pass at once. JSON logs keep every line.
 */
export function tallied(inner: Log): Log & { done(message: string, fields?: LogFields): void } {
  const counts = new Map<string, number>()
  return {
    info: (m) => void counts.set(m, (counts.get(m) ?? 0) + 1),
    warn: (m, f) => inner.warn(m, f),
    error: (m, f) => inner.error(m, f),
    done(message, fields = {}) {
      const steps = [...counts].map(([m, n]) => (n > 1 ? `${m}×${n}` : m)).join(',')
      counts.clear()
      inner.info(message, { ...fields, steps })
    },
  }
}
