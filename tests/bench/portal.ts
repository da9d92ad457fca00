/**
 * `npm run bench -- portal [--url http://127.0.0.1:3917] [--runs 3] [--baseline REF|none]`: Lighthouse
 * (mobile, simulated throttling: a mid-range phone on slow 4G) on the post list, a post's page and
 * sign-in, median of `--runs`, beside the targets of issue 15 part 3; and the JS + CSS the landing page
 * loads, gzipped. Without --url it builds the portal and serves it with the demo district on an
 * in-memory DynamoDB Local. The baseline is the portal of REF (by default the last commit before the
 * light portal), built from git and served as the local server served it then: uncompressed.
 * Figures only; nothing here asserts.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import type { Server } from 'node:http'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { gzipSync } from 'node:zlib'
import { serve } from '@hono/node-server'
import { serveStatic } from '@hono/node-server/serve-static'
import * as chromeLauncher from 'chrome-launcher'
import { Hono } from 'hono'
import lighthouse, { type Flags } from 'lighthouse'
import { CHROMIUM, ensureChromium } from '../../scripts/ensure-deps.js'
import { buildPortal as build, CHROME_FLAGS, firstPostId, servePortal } from './portal-stack.js'

/** The portal before issue 15 part 3 (element-plus in one chunk everywhere, all its CSS, no compression). */
const DEFAULT_BASELINE = 'f551902'
const TARGETS = { performance: 90, lcpMs: 2500, landingKb: 150 }

interface Run {
  performance: number
  lcpMs: number
  tbtMs: number
  accessibility: number
  /** Lighthouse's measure of this machine's speed at the time (lower: slower or busier). */
  benchmarkIndex: number
  /** Script and stylesheet paths the page requested. */
  assets: string[]
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2
}

/** REF's web/ and shared/ (what the portal imports at run time), built with today's node_modules. */
function buildBaseline(ref: string): string | undefined {
  const sha = spawnSync('git', ['rev-parse', '--short', `${ref}^{commit}`], { encoding: 'utf8' }).stdout.trim()
  if (!sha) {
    console.log(`  baseline: ${ref} is not in this clone's history; skipped`)
    return undefined
  }
  const dir = path.resolve('.cache/portal-bench', sha)
  const out = path.join(dir, 'dist-web')
  if (existsSync(path.join(out, 'index.html'))) return out
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  const tar = spawnSync('sh', ['-c', `git archive ${sha} web shared | tar -x -C "${dir}"`], { encoding: 'utf8' })
  if (tar.status !== 0) throw new Error(`git archive ${sha}: ${tar.stderr}`)
  // Packages resolve from the repository's node_modules, as the baseline's own checkout would.
  if (!existsSync(path.join(dir, 'node_modules'))) symlinkSync(path.resolve('node_modules'), path.join(dir, 'node_modules'))
  build(path.join(dir, 'web/vite.config.ts'), out)
  return out
}

/** The baseline as the local server sent it then: files as they are, /api from the bench's server. */
function serveBaseline(webRoot: string, api: string): Promise<{ url: string; server: Server }> {
  const rel = path.relative(process.cwd(), webRoot)
  const app = new Hono()
    .all('/api/*', async (c) => {
      const { pathname, search } = new URL(c.req.url)
      const headers = new Headers(c.req.raw.headers)
      for (const h of ['host', 'accept-encoding', 'connection']) headers.delete(h)
      const body = ['GET', 'HEAD'].includes(c.req.method) ? undefined : await c.req.arrayBuffer()
      return fetch(new URL(pathname + search, api), { method: c.req.method, headers, body })
    })
    .use('/assets/*', async (c, next) => {
      await next()
      if (c.res.ok) c.res.headers.set('Cache-Control', 'public, max-age=31536000, immutable')
    })
    .use('*', serveStatic({ root: rel }))
    .get('*', (c) => c.html(readFileSync(path.join(webRoot, 'index.html'), 'utf8')))
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve({ url: `http://127.0.0.1:${info.port}`, server: server as Server }))
  })
}

async function lighthouseRun(url: string, port: number, attempt = 1): Promise<Run> {
  const flags: Flags = { port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility'] }
  const result = await lighthouse(url, flags)
  const error = result ? result.lhr.runtimeError : { code: 'NO_RESULT', message: 'lighthouse returned nothing' }
  if (error || !result) {
    // On a busy machine the trace is sometimes lost (NO_NAVSTART, NO_FCP): such a run measured nothing.
    if (attempt < 3) return lighthouseRun(url, port, attempt + 1)
    throw new Error(`lighthouse on ${url}, 3 attempts: ${error?.code} ${error?.message}`)
  }
  const { lhr } = result
  const items = (lhr.audits['network-requests']?.details as { items?: { url: string; resourceType?: string }[] } | undefined)?.items ?? []
  return {
    performance: Math.round((lhr.categories.performance?.score ?? 0) * 100),
    lcpMs: lhr.audits['largest-contentful-paint']?.numericValue ?? NaN,
    tbtMs: lhr.audits['total-blocking-time']?.numericValue ?? NaN,
    accessibility: Math.round((lhr.categories.accessibility?.score ?? 0) * 100),
    benchmarkIndex: Math.round(lhr.environment.benchmarkIndex),
    assets: items.filter((i) => i.resourceType === 'Script' || i.resourceType === 'Stylesheet').map((i) => new URL(i.url).pathname),
  }
}

/** gzip -9 bytes of the scripts and stylesheets a page requested, read from the build it was served. */
const gzipBytes = (webRoot: string, assets: string[]) =>
  [...new Set(assets)].reduce((sum, p) => sum + gzipSync(readFileSync(path.join(webRoot, p)), { level: 9 }).length, 0)

const fmt = {
  score: (v: number, target?: number) => `${v}`.padStart(4) + (target ? ` (≥ ${target})` : '').padEnd(7),
  ms: (v: number, target?: number) => `${(v / 1000).toFixed(2)} s`.padStart(7) + (target ? ` (≤ ${(target / 1000).toFixed(1)} s)` : '').padEnd(10),
}

export async function run(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2).filter((a) => a !== 'portal'),
    options: { url: { type: 'string' }, runs: { type: 'string', default: '3' }, baseline: { type: 'string', default: DEFAULT_BASELINE } },
    allowPositionals: true,
  })
  const runs = Math.max(1, Number(values.runs))
  ensureChromium()

  let base = values.url?.replace(/\/$/, '')
  let stop = async () => {}
  const webRoot = path.resolve('dist/web')
  if (!base) {
    console.log('building the portal…')
    build('web/vite.config.ts', webRoot)
    ;({ base, stop } = await servePortal(webRoot))
  } else if (!existsSync(path.join(webRoot, 'index.html'))) throw new Error('--url: the figures read dist/web; build it first (npm run build:web)')

  const postId = await firstPostId(base)
  const pages = [
    ['post list /', '/'],
    ['a post', `/posts/${postId}`],
    ['sign-in', '/sign-in'],
  ] as const

  const targets: { name: string; url: string; webRoot: string }[] = [{ name: 'light portal (this build)', url: base, webRoot }]
  let baselineServer: Server | undefined
  if (values.baseline !== 'none') {
    console.log(`building the baseline portal (${values.baseline})…`)
    const baselineRoot = buildBaseline(values.baseline)
    if (baselineRoot) {
      const served = await serveBaseline(baselineRoot, base)
      baselineServer = served.server
      targets.unshift({ name: `baseline ${values.baseline}, uncompressed`, url: served.url, webRoot: baselineRoot })
    }
  }

  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM,
    chromeFlags: CHROME_FLAGS,
  })
  try {
    console.log(`Lighthouse ${runs}× per page, mobile, simulated throttling; medians. Load average now: ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} cores`)
    // One visit first, so the server's compressed copies and DynamoDB Local are warm for every run.
    for (const target of targets) for (const [, p] of pages) await fetch(`${target.url}${p}`)
    // Runs alternate between the builds, so a busy machine slows both alike (CPU time counts 4× here).
    const results = new Map<string, Run[]>()
    for (const [, p] of pages) {
      for (let i = 0; i < runs; i++) {
        for (const target of targets) {
          const key = `${target.name} ${p}`
          results.set(key, [...(results.get(key) ?? []), await lighthouseRun(`${target.url}${p}`, chrome.port)])
        }
      }
    }
    for (const target of targets) {
      console.log(`\n${target.name}: ${target.url}`)
      console.log('  page'.padEnd(16), 'performance'.padEnd(12), 'LCP'.padEnd(18), 'TBT'.padEnd(9), 'accessibility')
      for (const [label, p] of pages) {
        const rs = results.get(`${target.name} ${p}`)!
        console.log(
          `  ${label}`.padEnd(16),
          fmt.score(median(rs.map((r) => r.performance)), TARGETS.performance),
          fmt.ms(median(rs.map((r) => r.lcpMs)), TARGETS.lcpMs),
          `${Math.round(median(rs.map((r) => r.tbtMs)))} ms`.padStart(8),
          fmt.score(median(rs.map((r) => r.accessibility))),
          `  (runs: performance ${rs.map((r) => r.performance).join(', ')}; CPU benchmark index ${rs.map((r) => r.benchmarkIndex).join(', ')})`,
        )
      }
      const landing = results.get(`${target.name} /`)!.flatMap((r) => r.assets)
      const kb = gzipBytes(target.webRoot, landing) / 1024
      console.log(`  landing page JS + CSS: ${kb.toFixed(1)} KB gzip (target ≤ ${TARGETS.landingKb} KB), ${new Set(landing).size} files`)
    }
  } finally {
    await chrome.kill()
    baselineServer?.close()
    await stop()
  }
}
