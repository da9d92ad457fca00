/**
 * `npm run test:e2e`: starts the real `npm start` server on a free port with a fresh data dir,
 * waits for it, runs Playwright in Debian's Chromium, and stops the server's whole process group.
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { freePort } from './dynamodb-local.js'
import { ensureChromium } from './ensure-deps.js'

export async function runE2e(extraArgs: string[] = []): Promise<{ passed: number; failed: number; skipped: number; code: number }> {
  ensureChromium()
  const port = await freePort()
  // The emulator's port is chosen here so that specs can make time pass (a notice period) in the database.
  const dynamoPort = await freePort()
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'wengang-e2e-'))
  const base = `http://127.0.0.1:${port}`
  // The server's log goes to a file: Playwright runs under spawnSync, which stops this process from
  // draining a pipe, and a full pipe would block the server's (synchronous) stdout writes.
  const logFile = path.join(dataDir, 'server.log')
  const logFd = openSync(logFile, 'a')
  const server = spawn('npx', ['tsx', 'scripts/start.ts'], {
    env: { ...process.env, PORT: String(port), DYNAMODB_PORT: String(dynamoPort), WENGANG_DATA_DIR: path.join(dataDir, 'db'), WENGANG_ENV: 'local' },
    stdio: ['ignore', logFd, logFd],
    detached: true,
  })
  const out = () => (existsSync(logFile) ? readFileSync(logFile, 'utf8').slice(-4000) : '')
  const stop = () => {
    try {
      process.kill(-server.pid!, 'SIGTERM')
    } catch {
      /* already gone */
    }
  }
  process.once('exit', stop)
  try {
    const started = Date.now()
    for (;;) {
      if (server.exitCode !== null) throw new Error(`npm start exited early:\n${out()}`)
      try {
        const r = await fetch(`${base}/api/health`)
        if (r.ok) break
      } catch {
        /* not yet */
      }
      if (Date.now() - started > 240_000) throw new Error(`npm start did not come up in 240 s:\n${out()}`)
      await new Promise((r) => setTimeout(r, 500))
    }
    console.log(`e2e: server up on ${base} in ${((Date.now() - started) / 1000).toFixed(1)} s`)
    const results = path.join(dataDir, 'playwright.json')
    const pw = spawnSync('npx', ['playwright', 'test', ...extraArgs], {
      stdio: 'inherit',
      env: { ...process.env, E2E_BASE_URL: base, E2E_DYNAMODB_ENDPOINT: `http://127.0.0.1:${dynamoPort}`, PLAYWRIGHT_JSON_OUTPUT_NAME: results },
    })
    const counts = { passed: 0, failed: 0, skipped: 0 }
    if (existsSync(results)) {
      const stats = (JSON.parse(readFileSync(results, 'utf8')) as { stats: { expected: number; unexpected: number; flaky: number; skipped: number } }).stats
      counts.passed = stats.expected + stats.flaky
      counts.failed = stats.unexpected
      counts.skipped = stats.skipped
    } else if (pw.status !== 0) counts.failed = 1
    if (counts.failed > 0) console.log(`--- last lines of the server's log (${logFile}) ---\n${out().slice(-2000)}`)
    return { ...counts, code: pw.status ?? 1 }
  } finally {
    stop()
    await new Promise((r) => setTimeout(r, 500))
    rmSync(dataDir, { recursive: true, force: true })
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await runE2e(process.argv.slice(2))
  console.log(`${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ''}`)
  process.exit(r.code)
}
