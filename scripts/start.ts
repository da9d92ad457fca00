/**
 * `npm start [-- --fresh [--yes]]`: the portal and the API on http://127.0.0.1:3000 (PORT
 * overrides), on DynamoDB Local persisted in .data/ (WENGANG_DATA_DIR overrides), seeded with the
 * demo district when empty. Sets up what it needs first (Java, the DynamoDB Local jar) as
 * `npm test` does, and ends with a banner that says where to go and whom to sign in as.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { createServer } from 'node:net'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { startServer } from '../functions/api/server.js'
import { DEMO_ACCOUNTS } from '../functions/jobs/seed-data.js'
import { dailyInProcess, runDaily } from '../functions/jobs/daily.js'
import { logFormat, tallied } from '../functions/core/log.js'
import { startBanner, withoutChunkWarning } from './banner.js'
import { ensureEmulator } from './dynamodb-local.js'
import { ensureJava, ensureNode, stopOnSetupError } from './ensure-deps.js'
import { bringUpData, stopOnSignals } from './local-stack.js'
import { startOver } from './reset.js'

// A missing folder (web/public is optional: a clean clone has none) counts as never changed.
const newestMtime = (dir: string): number =>
  !existsSync(dir) ? 0 : readdirSync(dir, { withFileTypes: true }).reduce((m, e) => {
    const p = path.join(dir, e.name)
    return Math.max(m, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs)
  }, 0)

/** Builds the portal when it is missing or older than its sources. */
function ensurePortalBuilt(): void {
  const index = path.resolve('dist/web/index.html')
  const sources = Math.max(
    newestMtime(path.resolve('web/src')),
    newestMtime(path.resolve('web/public')),
    ...['web/index.html', 'web/vite.config.ts', 'package-lock.json'].map((f) => statSync(path.resolve(f)).mtimeMs),
  )
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return
  const t = Date.now()
  console.log('building the portal (构建门户, vite build)…')
  const r = spawnSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { encoding: 'utf8' })
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`
  if (r.status !== 0) throw new Error(`vite build failed (门户构建失败):\n${out}`)
  const rest = withoutChunkWarning(out)
  if (rest.trim()) console.log(rest.trimEnd())
  if (rest !== out) console.log('  (vite says a chunk is over 500 kB: the Element Plus chunk, known and harmless locally; see README "Known warnings")')
  console.log(`portal built in ${((Date.now() - t) / 1000).toFixed(1)} s`)
}

/** A taken port is said in words before anything slow starts, not as a stack trace at the end. */
function portProblem(host: string, port: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const probe = createServer()
    probe.once('error', (e: NodeJS.ErrnoException) =>
      resolve(`${host}:${port} is taken (端口已被占用: ${e.code}). Stop what runs there, or choose another port: PORT=3100 npm start`),
    )
    probe.listen(port, host, () => probe.close(() => resolve(undefined)))
  })
}

const started = Date.now()
const port = Number(process.env.PORT ?? 3000)
const host = process.env.HOST ?? '127.0.0.1'
try {
  const { values } = parseArgs({ options: { fresh: { type: 'boolean' }, yes: { type: 'boolean', short: 'y' } } })
  ensureNode()
  const busy = await portProblem(host, port)
  if (busy) throw new Error(busy)
  if (values.fresh && !(await startOver(Boolean(values.yes)))) process.exit(1)
  ensureJava()
  ensureEmulator()
  ensurePortalBuilt()
} catch (e) {
  stopOnSetupError(e)
}
const { deps, dynamo, dataDir, seededNow } = await bringUpData({ seed: 'ifEmpty' })
const server = await startServer(deps, { port, host })
// The daily clock, in this process, at start and every 24 hours: expired posts close, started
// placements count, records are checked. In a terminal its line per township would push the banner
// out of sight, so a person sees one line per run; JSON logs keep every line.
if (logFormat === 'human') {
  const dailyLog = tallied(deps.log)
  const run = () => {
    const t = Date.now()
    void runDaily({ ...deps, log: dailyLog })
      .catch(() => {}) // each failure is logged as it happens
      .finally(() => dailyLog.done('daily clock ran (每日任务)', { ms: Date.now() - t }))
  }
  run()
  setInterval(run, 24 * 3600 * 1000).unref()
} else dailyInProcess(deps)
console.log(startBanner({ url: `http://${host}:${port}`, dataDir, accounts: DEMO_ACCOUNTS, localCodes: deps.config.env === 'local', seededNow }))
console.log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s; requests are logged below (LOG_LEVEL=WARN for fewer lines)\n`)
stopOnSignals(async () => {
  server.close()
  await dynamo?.stop()
})
