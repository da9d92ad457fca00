import { inject } from 'vitest'
import { checkAgainstDoc } from './api-doc-check.js'
import { randomBytes } from 'node:crypto'
import { createApp } from '../../functions/api/app.js'
import { createLazyApp } from '../../functions/api/route-groups.js'
import type { Deps } from '../../functions/core/deps.js'
import type { Log, LogFields } from '../../functions/core/log.js'
import { scrub } from '../../functions/core/log.js'
import type { SmsSender } from '../../functions/auth/sms.js'
import { DEFAULT_RECHECK_MS, readConfig } from '../../functions/config.js'
import { createDb } from '../../functions/db/client.js'
import { createProtector } from '../../functions/security/protect.js'
import { ensureTable } from '../../scripts/dynamodb-local.js'
import { inProcessRunner } from '../../functions/jobs/runner.js'
import { inProcessRenderer } from '../../functions/exports/renderer.js'
import { localFileStore } from '../../functions/files/store.js'
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

export interface Captured {
  lines: string[]
  sms: { phone: string; text: string; code?: string }[]
}

/**
 * A fresh, uniquely named table on the run's DynamoDB Local and the real app over it.
 * Log lines and texts are captured (as the real logger would write them, scrubbed) for assertions.
 */
export async function testApp(overrides: Partial<Deps> = {}) {
  const endpoint = inject('dynamoEndpoint')
  const tableName = `t_${randomBytes(6).toString('hex')}`
  await ensureTable(endpoint, tableName)
  const config = { ...readConfig({ WENGANG_ENV: 'test', TABLE_NAME: tableName, DYNAMODB_ENDPOINT: endpoint }), env: 'local' as const }
  const captured: Captured = { lines: [], sms: [] }
  const write = (level: string) => (message: string, fields: LogFields = {}) => {
    captured.lines.push(scrub(JSON.stringify({ level, message, ...fields })))
  }
  const log: Log = { info: write('INFO'), warn: write('WARN'), error: write('ERROR') }
  const sms: SmsSender = {
    async send(phone, text, meta) {
      captured.sms.push({ phone, text, ...(meta.code ? { code: meta.code } : {}) })
    },
  }
  // As deployed: recent reads of the indexes' heads and the policy kept for the recheck window (this app sees its own writes at once).
  const db = createDb({ tableName, endpoint, cursorSecret: config.sessionSecret, recheckMs: DEFAULT_RECHECK_MS })
  // Exports render in this process into a folder of the test's own, as `npm start` does under .data/files.
  const files = localFileStore({ dir: mkdtempSync(path.join(os.tmpdir(), 'wengang-files-')), secret: config.sessionSecret, now: () => deps.now() })
  const deps: Deps = {
    config,
    db,
    protector: createProtector(config.dataKey),
    sms,
    log,
    now: () => new Date(),
    jobs: inProcessRunner(() => deps),
    exports: inProcessRenderer(files),
    files,
    ...overrides,
  }
  // `app` lists the routes; requests go through `api`, the Lambda's dispatch to its route groups
  // (functions/api/handler.ts), so the whole suite checks what is deployed.
  const app = createApp(deps)
  const api = createLazyApp(deps)
  return { app, api, deps, db, captured, tableName, endpoint }
}

export type TestApp = Awaited<ReturnType<typeof testApp>>

/** JSON request helper over the Lambda's app (api.request). */
export async function call(t: TestApp, method: string, path: string, body?: unknown, token?: string) {
  const res = await t.api.request(path, {
    method,
    // A FormData body sets its own multipart content type (the local store's upload form).
    headers: { ...(body !== undefined && !(body instanceof FormData) ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : typeof body === 'string' || body instanceof FormData ? body : JSON.stringify(body),
  })
  const text = await res.text()
  let json: any
  try {
    json = text ? JSON.parse(text) : undefined
  } catch {
    json = undefined
  }
  checkAgainstDoc(method, path, res.status, json, res.headers.get('content-type'))
  return { status: res.status, json, text, headers: res.headers }
}

/**
 * An export as the portal fetches it: the route answers a short-lived link (JSON), the link the
 * file. A refusal (401/403/404…) is answered as it came, so status checks read the same.
 */
export async function fetchExport(t: TestApp, path: string, token?: string): Promise<Response> {
  const res = await t.api.request(path, { headers: token ? { authorization: `Bearer ${token}` } : {} })
  if (!res.ok) return res
  const { url } = (await res.json()) as { url: string }
  return t.api.request(url)
}

/** The password tests give staff accounts (set on their first sign-in, as a new officer would). */
export const TEST_PASSWORD = 'test-password-1'

/**
 * Signs in through the real flow and answers the token: the code first, as the portal does; a staff
 * account asked for its password sends it with the same code; one with none yet sets TEST_PASSWORD
 * from its limited session, which then is a full one.
 */
export async function signIn(t: TestApp, phone: string, password = TEST_PASSWORD) {
  const otp = await call(t, 'POST', '/api/auth/otp', { phone })
  if (otp.status !== 200) throw new Error(`otp ${otp.status} ${otp.text}`)
  let login = await call(t, 'POST', '/api/auth/login', { phone, code: otp.json.devCode })
  if (login.status === 401 && login.json?.code === 'auth.passwordRequired') login = await call(t, 'POST', '/api/auth/login', { phone, code: otp.json.devCode, password })
  if (login.status !== 200) throw new Error(`login ${login.status} ${login.text}`)
  if (login.json.passwordSetupRequired) {
    const set = await call(t, 'POST', '/api/me/password', { password }, login.json.token)
    if (set.status !== 200) throw new Error(`password ${set.status} ${set.text}`)
    return set.json as { token: string; user: { id: string; role: string } }
  }
  return login.json as { token: string; user: { id: string; role: string } }
}
