/**
 * `npm start`: the portal and the API on http://127.0.0.1:3000 (PORT overrides), on DynamoDB
 * Local persisted in .data/ (WENGANG_DATA_DIR overrides), seeded with the demo district when empty.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { startServer } from '../functions/api/server.js'
import { bringUpData, stopOnSignals } from './local-stack.js'
import { dailyInProcess } from '../functions/jobs/daily.js'

const newestMtime = (dir: string): number =>
  readdirSync(dir, { withFileTypes: true }).reduce((m, e) => {
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
  console.log('building the portal (vite build)…')
  const r = spawnSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { stdio: 'inherit' })
  if (r.status !== 0) throw new Error('vite build failed')
}

ensurePortalBuilt()
const { deps, dynamo } = await bringUpData({ seed: 'ifEmpty' })
// The daily clock, in this process, at start and every 24 hours: expired posts close, started placements count, records are checked.
dailyInProcess(deps)
const port = Number(process.env.PORT ?? 3000)
const host = process.env.HOST ?? '127.0.0.1'
const server = await startServer(deps, { port, host })
console.log(`稳岗通 Wengang is up: http://${host}:${port}  (API reference: http://${host}:${port}/api/docs)`)
stopOnSignals(async () => {
  server.close()
  await dynamo?.stop()
})
