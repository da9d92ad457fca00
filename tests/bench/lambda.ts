/**
 * `npm run bench -- lambda [--runs=N]`: the API Lambda's bundle and module load against a baseline
 * bundle of just hono + @aws-sdk/client-dynamodb + @aws-sdk/lib-dynamodb (tests/bench/lambda-baseline.ts),
 * both built the same way (infra/api-bundle.ts: what is deployed). Prints sizes (minified, gzip, with
 * and without source maps; what module load reads and everything), the module-load median over N
 * fresh `node` processes each with NODE_OPTIONS=--enable-source-maps as deployed, and the ratio,
 * beside the targets of issue 15 (≤ 300 KB minified, ≤ 1.3× the baseline). Prints; asserts nothing.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { build } from 'esbuild'
import { apiBuildOptions, checkApiOutputs } from '../../infra/api-bundle.js'
import { describeOutputs, type BundleReport } from '../../scripts/bundle-report.js'

const TARGET_KB = 300
const TARGET_RATIO = 1.3
const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2
}

/** The environment of the deployed API (production mode, secrets present) with the runtime's SDK (node_modules). */
const ENV = {
  PATH: process.env.PATH ?? '',
  NODE_OPTIONS: '--enable-source-maps',
  TABLE_NAME: 'wengang-bench',
  WENGANG_ENV: 'production',
  WENGANG_SESSION_SECRET: 's'.repeat(64),
  WENGANG_DATA_KEY: 'k'.repeat(64),
  JOBS_FUNCTION_NAME: 'wengang-jobs',
  EXPORTS_FUNCTION_NAME: 'wengang-exports',
  FILES_BUCKET: 'wengang-files',
  AWS_REGION: 'ap-northeast-1',
  AWS_EC2_METADATA_DISABLED: 'true',
  POWERTOOLS_LOG_LEVEL: 'ERROR',
}

/** Wall-clock and CPU (user + system, every thread of the process) milliseconds of one measure. */
interface Took {
  wall: number
  cpu: number
}
/** Script text: starts both clocks (`t`, `c`); `took()` is what they read since. */
const CLOCKS = 'const t = performance.now(), c = process.cpuUsage(); const took = () => { const u = process.cpuUsage(c); return (performance.now() - t) + " " + (u.user + u.system) / 1000 };'

/**
 * One fresh process: the time from before `import()` of the entry to its module scope having run.
 * CPU time is printed beside wall time: on a shared machine it is the steadier of the two.
 */
function loadOnce(file: string, withMaps: boolean): Took {
  const script = `${CLOCKS} await import(${JSON.stringify(file)}); process.stdout.write('LOAD ' + took())`
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { env: { ...ENV, NODE_OPTIONS: withMaps ? '--enable-source-maps' : '' }, encoding: 'utf8', cwd: path.dirname(file) })
  const m = /LOAD ([\d.]+) ([\d.]+)/.exec(run.stdout)
  if (!m) throw new Error(`module load of ${file} failed: ${run.stderr.slice(0, 800)}`)
  return { wall: Number(m[1]), cpu: Number(m[2]) }
}

/**
 * A cold start's first answer: module load, then one anonymous request to a route group (its code
 * loads on this first request, functions/api/route-groups.ts) that answers 401 before any read, so
 * no database is needed and the figure is load + the group's code. The baseline's first answer is
 * a 404 (its one route reads the table): the same request and response machinery, no route code.
 */
function firstAnswerOnce(file: string, method: string, route: string, status = 401): Took {
  const event = {
    version: '2.0',
    routeKey: 'ANY /api/{proxy+}',
    rawPath: route,
    rawQueryString: '',
    headers: { host: 'bench.example', 'content-type': 'application/json' },
    requestContext: { http: { method, path: route, protocol: 'HTTP/1.1', sourceIp: '203.0.113.1', userAgent: 'bench' }, requestId: 'r1', stage: '$default' },
    body: method === 'GET' ? undefined : '{}',
    isBase64Encoded: false,
  }
  const script =
    `${CLOCKS} const { handler } = await import(${JSON.stringify(file)});` +
    `const r = await handler(${JSON.stringify(event)}, {}); if (r.statusCode !== ${status}) throw new Error('expected ${status}, got ' + r.statusCode + ' ' + r.body);` +
    `process.stdout.write('FIRST ' + took())`
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { env: ENV, encoding: 'utf8', cwd: path.dirname(file) })
  const m = /FIRST ([\d.]+) ([\d.]+)/.exec(run.stdout)
  if (!m) throw new Error(`first answer of ${method} ${route} failed: ${run.stderr.slice(0, 800)}`)
  return { wall: Number(m[1]), cpu: Number(m[2]) }
}

/** One request per big route group, the seeker's landing page first (posts, then recommendations). */
const FIRST_REQUESTS = [
  ['POST', '/api/posts'],
  ['GET', '/api/me/recommendations'],
  ['GET', '/api/seekers'],
  ['POST', '/api/claims'],
  ['GET', '/api/ledger'],
] as const

export async function run() {
  const runs = Number(process.argv.find((a) => a.startsWith('--runs='))?.slice('--runs='.length) ?? 21)
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'wengang-bench-lambda-'))
  // Lambda's runtime supplies @aws-sdk/*; the repository's node_modules stands in for it, for both bundles.
  symlinkSync(path.resolve('node_modules'), path.join(tmp, 'node_modules'))
  try {
    const bundles: { name: string; dir: string; report: BundleReport }[] = []
    for (const [name, entry] of [
      ['API', 'functions/api/handler.ts'],
      ['baseline', 'tests/bench/lambda-baseline.ts'],
    ] as const) {
      const dir = path.join(tmp, name)
      const result = await build(apiBuildOptions(dir, { entry }))
      if (name === 'API') checkApiOutputs(result.metafile)
      const report = describeOutputs(dir, result.metafile, 'index.mjs', `${name} bundle`)
      for (const line of report.lines) console.log(line)
      bundles.push({ name, dir, report })
    }

    // Interleaved (API, baseline, API, …) so drift in the machine's load hits both alike; one warm-up each.
    const times: Record<string, { maps: Took[]; plain: Took[] }> = { API: { maps: [], plain: [] }, baseline: { maps: [], plain: [] } }
    for (const b of bundles) loadOnce(path.join(b.dir, 'index.mjs'), true)
    for (let i = 0; i < runs; i++) {
      for (const b of bundles) {
        times[b.name]!.maps.push(loadOnce(path.join(b.dir, 'index.mjs'), true))
        times[b.name]!.plain.push(loadOnce(path.join(b.dir, 'index.mjs'), false))
      }
    }

    const [api, base] = bundles as [(typeof bundles)[0], (typeof bundles)[0]]
    // A cold start's first answer, each beside the baseline's first answer measured in the same turn.
    const first = new Map<string, { api: Took[]; baseline: Took[] }>()
    for (const [method, route] of FIRST_REQUESTS) {
      const t = { api: [] as Took[], baseline: [] as Took[] }
      for (let i = 0; i < runs; i++) {
        t.api.push(firstAnswerOnce(path.join(api.dir, 'index.mjs'), method, route))
        t.baseline.push(firstAnswerOnce(path.join(base.dir, 'index.mjs'), 'GET', '/api/no-such-route', 404))
      }
      first.set(`${method} ${route}`, t)
    }
    const med = (xs: Took[], k: keyof Took) => median(xs.map((x) => x[k]))
    const m = (name: string, k: 'maps' | 'plain', clock: keyof Took = 'wall') => med(times[name]![k], clock)
    const ratio = (k: 'maps' | 'plain', clock: keyof Took) => m('API', k, clock) / m('baseline', k, clock)
    const ms = (n: number) => `${n.toFixed(1)} ms`
    const row = (label: string, a: string, b: string, c = '') => console.log(`  ${label.padEnd(52)} ${a.padStart(10)} ${b.padStart(10)} ${c.padStart(7)}`)
    console.log(`\nAPI vs baseline (hono + client-dynamodb + lib-dynamodb), same build, ${runs} fresh node processes each, medians:`)
    row('', 'API', 'baseline', 'ratio')
    row('read at module load, minified', kb(api.report.atLoad.minified), kb(base.report.atLoad.minified))
    row('read at module load, gzip', kb(api.report.atLoad.gzip), kb(base.report.atLoad.gzip))
    row('read at module load, with source maps', kb(api.report.atLoad.minified + api.report.atLoad.map), kb(base.report.atLoad.minified + base.report.atLoad.map))
    row('every file, minified (the zip holds these)', kb(api.report.all.minified), kb(base.report.all.minified))
    row('every file, with source maps', kb(api.report.all.minified + api.report.all.map), kb(base.report.all.minified + base.report.all.map))
    for (const [k, label] of [['maps', '--enable-source-maps (deployed)'], ['plain', 'no source maps']] as const) {
      row(`module load, ${label}, wall`, ms(m('API', k)), ms(m('baseline', k)), `${ratio(k, 'wall').toFixed(2)}×`)
      row(`module load, ${label}, CPU`, ms(m('API', k, 'cpu')), ms(m('baseline', k, 'cpu')), `${ratio(k, 'cpu').toFixed(2)}×`)
    }
    console.log(`\ncold start to a first answer (module load, then the route group's code loads; anonymous, so 401 before any read; the baseline's is a 404), source maps on, medians:`)
    row('', 'API', 'baseline', 'ratio')
    const firstRatios: Record<keyof Took, number[]> = { wall: [], cpu: [] }
    for (const [name, t] of first) {
      for (const clock of ['wall', 'cpu'] as const) {
        const r = med(t.api, clock) / med(t.baseline, clock)
        firstRatios[clock].push(r)
        row(`${name}, ${clock}`, ms(med(t.api, clock)), ms(med(t.baseline, clock)), `${r.toFixed(2)}×`)
      }
    }
    console.log('\ntargets (issue 15):')
    const mark = (ok: boolean) => (ok ? 'met' : 'NOT MET')
    console.log(`  API read at module load ≤ ${TARGET_KB} KB minified: ${kb(api.report.atLoad.minified)} (baseline ${kb(base.report.atLoad.minified)}) — ${mark(api.report.atLoad.minified <= TARGET_KB * 1024)}`)
    for (const clock of ['wall', 'cpu'] as const) {
      console.log(`  module load ≤ ${TARGET_RATIO}× baseline, source maps on, ${clock}: ${ratio('maps', clock).toFixed(2)}× (${ms(m('API', 'maps', clock))} vs ${ms(m('baseline', 'maps', clock))}) — ${mark(ratio('maps', clock) <= TARGET_RATIO)}`)
    }
    console.log(`  (source maps off: ${ratio('plain', 'wall').toFixed(2)}× wall, ${ratio('plain', 'cpu').toFixed(2)}× CPU)`)
    console.log(`  (a cold start's first answer, the slowest group above: ${Math.max(...firstRatios.wall).toFixed(2)}× the baseline's wall, ${Math.max(...firstRatios.cpu).toFixed(2)}× CPU)`)
    console.log(`  source maps produced: ${api.report.files.every((f) => f.map > 0) ? 'yes, one per file' : 'NO'}; exceljs in the API: no (checked on the build's inputs)`)
    console.log(`  machine load average while measuring: ${os.loadavg().map((l) => l.toFixed(1)).join(', ')} on ${os.cpus().length} cores: read the ratios, not the milliseconds`)
  } finally {
    rmSync(tmp, { recursive: true, force: true })
  }
}
