/**
 * What the portal benchmarks (portal, a11y, screens) share: building the portal, serving it with
 * the demo district on an in-memory DynamoDB Local, the first open post, and signing in as the
 * README's demo accounts (WENGANG_ENV=local, so sign-in codes come back as `devCode`).
 */
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { startServer } from '../../functions/api/server.js'
import { readConfig } from '../../functions/config.js'
import { createDeps } from '../../functions/deps.js'
import { seedDemo } from '../../functions/jobs/seed.js'
import { ensureTable, startDynamoLocal } from '../../scripts/dynamodb-local.js'
import { applyLocalEnv } from '../../scripts/local-env.js'

export const STAFF_PASSWORD = 'wengang-demo'

/** Whom to sign in as (README's demo accounts) and the page each one lands on. */
export const ROLES = [
  { label: 'seeker home /', phone: '13800000004', path: '/' },
  { label: 'owner home', phone: '13800000003', path: '/owner/workshop' },
  { label: 'township officer home', phone: '13800000002', path: '/officer/home', password: true },
  { label: 'district officer home', phone: '13800000001', path: '/officer/home', password: true },
  { label: 'admin home', phone: '13800000000', path: '/admin/users', password: true },
  { label: 'auditor home', phone: '13800000005', path: '/auditor/audit', password: true },
] as const

export interface Session {
  token: string
  user: unknown
}

/** `vite build` of a portal config into `outDir`. */
export function buildPortal(configPath = 'web/vite.config.ts', outDir = path.resolve('dist/web')): void {
  const r = spawnSync('npx', ['vite', 'build', '--config', configPath, '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'], { encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`vite build failed:\n${r.stdout}${r.stderr}`)
}

/** The built portal and the API with the demo district (200 seekers) on an in-memory DynamoDB Local, on a free port. */
export async function servePortal(webRoot = path.resolve('dist/web')): Promise<{ base: string; stop: () => Promise<void> }> {
  applyLocalEnv({ WENGANG_ENV: 'local', LOG_LEVEL: 'ERROR', SMS_PROVIDER: 'log' })
  const dynamo = await startDynamoLocal({ inMemory: true })
  const config = readConfig({ ...process.env, DYNAMODB_ENDPOINT: dynamo.endpoint, TABLE_NAME: 'portal' })
  await ensureTable(dynamo.endpoint, config.tableName)
  const deps = createDeps(config)
  deps.log = { info() {}, warn() {}, error: console.error }
  console.log('seeding the demo district…')
  await seedDemo(deps.db, deps.protector, () => {}, { seekers: 200 })
  const server = await startServer(deps, { port: 0, webRoot })
  return {
    base: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    stop: async () => {
      server.close()
      await dynamo.stop()
    },
  }
}

/** The portal at `url` (a running local server), or built and served here; `stop` ends what was started. */
export async function portalAt(url: string | undefined): Promise<{ base: string; stop: () => Promise<void> }> {
  if (url) return { base: url.replace(/\/$/, ''), stop: async () => {} }
  console.log('building the portal…')
  buildPortal()
  return servePortal()
}

/** An open post's id, to measure its page. */
export async function firstPostId(base: string): Promise<string> {
  const posts = (await (await fetch(`${base}/api/posts?limit=1`)).json()) as { items: { id: string }[] }
  const id = posts.items[0]?.id
  if (!id) throw new Error(`${base} has no open post to measure`)
  return id
}

/** A demo account's session, through the API as the portal signs in (code, and the staff password for staff). */
export async function signIn(base: string, phone: string, password: boolean): Promise<Session> {
  const post = async (p: string, body: unknown) => {
    const r = await fetch(`${base}${p}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    const json = (await r.json()) as Record<string, unknown>
    if (!r.ok) throw new Error(`${p} ${phone}: ${r.status} ${JSON.stringify(json)}`)
    return json
  }
  const otp = await post('/api/auth/otp', { phone })
  if (typeof otp.devCode !== 'string') throw new Error(`no devCode for ${phone}: the server must run with WENGANG_ENV=local`)
  const login = await post('/api/auth/login', { phone, code: otp.devCode, ...(password ? { password: STAFF_PASSWORD } : {}) })
  return { token: String(login.token), user: login.user }
}

/** Chromium's flags for every benchmark's headless browser. */
export const CHROME_FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
