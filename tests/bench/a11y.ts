/**
 * `npm run bench -- a11y [--url http://127.0.0.1:3917] [--desktop] [--en]`: Lighthouse 12 accessibility (only
 * that category: quick) on the post list, a post's page and sign-in signed out, and on every role's home
 * page signed in, beside issue 15's target (≥ 98). Each failing audit is printed with its items
 * (selector, and for contrast the colours and ratio). Without --url it builds the portal and serves it
 * with the demo district on an in-memory DynamoDB Local (WENGANG_ENV=local, so sign-in codes come back
 * as `devCode`; with --url the server must be a local one too, e.g. `npm start`). A signed-in page is
 * audited with the session already in localStorage, where the portal keeps it (web/src/stores/auth.ts).
 * Figures only; nothing here asserts.
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import * as chromeLauncher from 'chrome-launcher'
import lighthouse, { type Flags } from 'lighthouse'
import puppeteer from 'puppeteer-core'
import { startServer } from '../../functions/api/server.js'
import { readConfig } from '../../functions/config.js'
import { createDeps } from '../../functions/deps.js'
import { seedDemo } from '../../functions/jobs/seed.js'
import { ensureTable, startDynamoLocal } from '../../scripts/dynamodb-local.js'
import { CHROMIUM, ensureChromium } from '../../scripts/ensure-deps.js'
import { applyLocalEnv } from '../../scripts/local-env.js'

const TARGET = 98
const STAFF_PASSWORD = 'wengang-demo'

/** Whom to sign in as (README's demo accounts) and the page each one lands on. */
const ROLES = [
  { label: 'seeker home /', phone: '13800000004', path: '/' },
  { label: 'owner home', phone: '13800000003', path: '/owner/workshop' },
  { label: 'township officer home', phone: '13800000002', path: '/officer/home', password: true },
  { label: 'district officer home', phone: '13800000001', path: '/officer/home', password: true },
  { label: 'admin home', phone: '13800000000', path: '/admin/users', password: true },
  { label: 'auditor home', phone: '13800000005', path: '/auditor/audit', password: true },
] as const

interface Session {
  token: string
  user: unknown
}

async function signIn(base: string, phone: string, password: boolean): Promise<Session> {
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

interface AuditItem {
  node?: { selector?: string; snippet?: string; explanation?: string }
}

export async function run(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2).filter((a) => a !== 'a11y'),
    options: { url: { type: 'string' }, desktop: { type: 'boolean' }, en: { type: 'boolean' } },
    allowPositionals: true,
  })
  ensureChromium()
  let base = values.url?.replace(/\/$/, '')
  let stop = async () => {}
  if (!base) {
    console.log('building the portal…')
    const r = spawnSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--emptyOutDir', '--logLevel', 'error'], { encoding: 'utf8' })
    if (r.status !== 0) throw new Error(`vite build failed:\n${r.stdout}${r.stderr}`)
    applyLocalEnv({ WENGANG_ENV: 'local', LOG_LEVEL: 'ERROR', SMS_PROVIDER: 'log' })
    const dynamo = await startDynamoLocal({ inMemory: true })
    const config = readConfig({ ...process.env, DYNAMODB_ENDPOINT: dynamo.endpoint, TABLE_NAME: 'a11y' })
    await ensureTable(dynamo.endpoint, config.tableName)
    const deps = createDeps(config)
    deps.log = { info() {}, warn() {}, error: console.error }
    console.log('seeding the demo district…')
    await seedDemo(deps.db, deps.protector, () => {}, { seekers: 200 })
    const server = await startServer(deps, { port: 0, webRoot: path.resolve('dist/web') })
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`
    stop = async () => {
      server.close()
      await dynamo.stop()
    }
  } else if (!existsSync(path.resolve('dist/web/index.html'))) console.log('(--url: measuring what that server serves)')

  const posts = (await (await fetch(`${base}/api/posts?limit=1`)).json()) as { items: { id: string }[] }
  const postId = posts.items[0]?.id
  if (!postId) throw new Error(`${base} has no open post to measure`)
  const pages: { label: string; path: string; session?: Session }[] = [
    { label: 'post list /', path: '/' },
    { label: 'a post', path: `/posts/${postId}` },
    { label: 'sign-in', path: '/sign-in' },
  ]
  for (const r of ROLES) pages.push({ label: r.label, path: r.path, session: await signIn(base, r.phone, 'password' in r && r.password) })
  // A post as a signed-in seeker sees it: with the apply panel and the contact card.
  pages.push({ label: 'a post, seeker', path: `/posts/${postId}`, session: pages.find((p) => p.label === 'seeker home /')!.session! })

  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM,
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  })
  const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}` })
  const rows: string[] = []
  let version = '12'
  try {
    console.log(`Lighthouse accessibility, ${values.desktop ? 'desktop' : 'mobile'}, ${values.en ? 'English' : 'Chinese'}, on ${base}`)
    for (const p of pages) {
      const page = await browser.newPage()
      // The session where the portal keeps it, before Lighthouse loads the page (and storage is kept).
      await page.goto(`${base}/favicon.ico`)
      await page.evaluate((s, en) => {
        // Runs in the page (this project's Node tsconfig has no DOM types).
        const store = (globalThis as unknown as { localStorage: { clear(): void; setItem(k: string, v: string): void } }).localStorage
        store.clear()
        if (en) store.setItem('wengang.locale', 'en')
        if (s) {
          store.setItem('wengang.token', s.token)
          store.setItem('wengang.user', JSON.stringify(s.user))
        }
      }, p.session ?? null, values.en === true)
      const flags: Flags = {
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['accessibility'],
        disableStorageReset: true,
        ...(values.desktop ? { formFactor: 'desktop', screenEmulation: { mobile: false, width: 1350, height: 940, deviceScaleFactor: 1, disabled: false } } : {}),
      }
      const result = await lighthouse(`${base}${p.path}`, flags, undefined, page)
      await page.close()
      if (!result) throw new Error(`lighthouse returned nothing for ${p.path}`)
      const { lhr } = result
      version = lhr.lighthouseVersion
      const score = Math.round((lhr.categories.accessibility?.score ?? 0) * 100)
      const landed = lhr.finalDisplayedUrl.replace(base, '')
      rows.push(`  ${p.label.padEnd(24)} ${String(score).padStart(4)} (≥ ${TARGET}) ${score >= TARGET ? 'ok' : 'BELOW'}   ${landed}`)
      console.log(`\n${p.label} ${landed}: accessibility ${score}`)
      const refs = lhr.categories.accessibility?.auditRefs ?? []
      for (const ref of refs) {
        const a = lhr.audits[ref.id]
        if (!a || a.score === null || a.score === 1 || ref.weight === 0) continue
        console.log(`  ✗ ${a.id} (weight ${ref.weight}): ${a.title}`)
        // The same element and reason once (a list of 20 cards fails 20 times alike).
        const seen = new Set<string>()
        for (const it of (a.details as { items?: AuditItem[] } | undefined)?.items ?? []) {
          const lines = (it.node?.explanation ?? '').split('\n').map((l) => l.trim()).filter((l) => l && !/^Fix (any|all) of the following/.test(l))
          const why = (lines.find((l) => /contrast of/.test(l)) ?? lines[0] ?? '').replace(/\. Expected contrast ratio.*$/, '')
          const line = `      ${it.node?.selector ?? '?'}  ${why.slice(0, 200)}  «${(it.node?.snippet ?? '').slice(0, 80)}»`
          if (!seen.has(line)) seen.add(line)
        }
        for (const line of [...seen].slice(0, 15)) console.log(line)
      }
    }
  } finally {
    browser.disconnect()
    await chrome.kill()
    await stop()
  }
  console.log(`\naccessibility (Lighthouse ${version}, ${values.desktop ? 'desktop' : 'mobile'}, ${values.en ? 'English' : 'Chinese'}), target ≥ ${TARGET}:`)
  for (const r of rows) console.log(r)
}

