/**
 * `npm run bench -- screens [--url http://127.0.0.1:3000] [--out .cache/screens] [--full]`:
 * screenshots (the first screen; --full: the whole page) of the public pages and every role's home
 * page at 375 and 1280 px, in Chinese and in English, to look at (the guide's "look at what you build as its users would"). Without --url
 * it builds the portal and serves it with the demo district, as the other portal benchmarks do.
 * Writes PNG files and prints where; measures and asserts nothing.
 */
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import puppeteer from 'puppeteer-core'
import { CHROMIUM, ensureChromium } from '../../scripts/ensure-deps.js'
import { CHROME_FLAGS, firstPostId, portalAt, ROLES, signIn, type Session } from './portal-stack.js'

const WIDTHS = [375, 1280]
const LOCALES = ['zh-CN', 'en'] as const

export async function run(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2).filter((a) => a !== 'screens'),
    options: { url: { type: 'string' }, out: { type: 'string', default: '.cache/screens' }, full: { type: 'boolean', default: false } },
    allowPositionals: true,
  })
  ensureChromium()
  const out = path.resolve(values.out)
  mkdirSync(out, { recursive: true })
  const { base, stop } = await portalAt(values.url)
  const postId = await firstPostId(base)
  const pages: { name: string; path: string; session?: Session }[] = [
    { name: 'posts', path: '/' },
    { name: 'post', path: `/posts/${postId}` },
    { name: 'sign-in', path: '/sign-in' },
  ]
  for (const r of ROLES) pages.push({ name: r.label.replace(/[^a-z]+/gi, '-').replace(/-$/, ''), path: r.path, session: await signIn(base, r.phone, 'password' in r && r.password) })
  // 户清单: the township officer's households, with their heads and members (the demo's are its people's).
  const township = pages.find((p) => p.name === 'township-officer-home')!.session!
  pages.push({ name: 'township-officer-households', path: '/officer/households', session: township })

  const browser = await puppeteer.launch({ executablePath: CHROMIUM, args: CHROME_FLAGS.filter((f) => !f.startsWith('--headless')), headless: true })
  try {
    for (const p of pages) {
      for (const locale of LOCALES) {
        for (const width of WIDTHS) {
          const page = await browser.newPage()
          await page.setViewport({ width, height: width < 600 ? 812 : 900, deviceScaleFactor: 1 })
          // The session and language where the portal keeps them (web/src/stores/auth.ts, the locale switch).
          await page.goto(`${base}/favicon.ico`)
          await page.evaluate(
            (s, l) => {
              const store = (globalThis as unknown as { localStorage: { clear(): void; setItem(k: string, v: string): void } }).localStorage
              store.clear()
              store.setItem('wengang.locale', l)
              if (s) {
                store.setItem('wengang.token', s.token)
                store.setItem('wengang.user', JSON.stringify(s.user))
              }
            },
            p.session ?? null,
            locale,
          )
          await page.goto(`${base}${p.path}`, { waitUntil: 'networkidle0' })
          const file = path.join(out, `${p.name}-${locale}-${width}.png`)
          await page.screenshot({ path: file, fullPage: values.full })
          await page.close()
          console.log(`  ${path.relative(process.cwd(), file)}`)
        }
      }
    }
  } finally {
    await browser.close()
    await stop()
  }
}
