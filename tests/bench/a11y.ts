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
import { existsSync } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import * as chromeLauncher from 'chrome-launcher'
import lighthouse, { type Flags } from 'lighthouse'
import puppeteer from 'puppeteer-core'
import { CHROMIUM, ensureChromium } from '../../scripts/ensure-deps.js'
import { CHROME_FLAGS, firstPostId, portalAt, ROLES, signIn, type Session } from './portal-stack.js'

const TARGET = 98

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
  if (values.url && !existsSync(path.resolve('dist/web/index.html'))) console.log('(--url: measuring what that server serves)')
  const { base, stop } = await portalAt(values.url)

  const postId = await firstPostId(base)
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
    chromeFlags: CHROME_FLAGS,
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

