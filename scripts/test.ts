/**
 * `npm test`: typecheck, unit, integration, e2e — in that order, all of them even when one
 * fails — then one closing line `N passed, N failed` that counts every test of every runner.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, existsSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { runE2e } from './e2e.js'
import { ensureChromium, ensureJava, ensureNode, stopOnSetupError } from './ensure-deps.js'
import { ensureEmulator } from './dynamodb-local.js'
import { applyLocalEnv } from './local-env.js'

applyLocalEnv({ WENGANG_ENV: 'test' })
const t0 = Date.now()
const countsFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'wengang-test-')), 'counts.jsonl')
let passed = 0
let failed = 0
let skipped = 0
const timings: string[] = []

const step = (name: string, cmd: string, args: string[]) => {
  const t = Date.now()
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, WENGANG_COUNTS_FILE: countsFile } })
  timings.push(`${name} ${((Date.now() - t) / 1000).toFixed(1)} s`)
  return r.status ?? 1
}

try {
  ensureNode()
  ensureJava()
  ensureEmulator()
  ensureChromium()
} catch (e) {
  stopOnSetupError(e)
}

// Typecheck counts as one test each: a type error fails the run like a failing test.
for (const [name, args] of [
  ['typecheck (api, infra, tests)', ['tsc', '--noEmit', '-p', 'tsconfig.json']],
  ['typecheck (portal)', ['vue-tsc', '--noEmit', '-p', 'web/tsconfig.json']],
  ['typecheck (e2e)', ['tsc', '--noEmit', '-p', 'tests/e2e/tsconfig.json']],
] as const) {
  if (step(name, 'npx', [...args]) === 0) passed++
  else {
    failed++
    console.error(`✗ ${name} failed`)
  }
}

const vitestCode = step('vitest (unit + integration)', 'npx', ['vitest', 'run'])
const vitestCounts = existsSync(countsFile)
  ? readFileSync(countsFile, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { passed: number; failed: number; skipped: number })
  : []
for (const c of vitestCounts) {
  passed += c.passed
  failed += c.failed
  skipped += c.skipped
}
if (vitestCode !== 0 && vitestCounts.every((c) => c.failed === 0)) failed++ // vitest failed outside any test

const te = Date.now()
const e2e = await runE2e()
timings.push(`e2e ${((Date.now() - te) / 1000).toFixed(1)} s`)
passed += e2e.passed
failed += e2e.failed
skipped += e2e.skipped
if (e2e.code !== 0 && e2e.failed === 0) failed++

console.log(`\ntimings: ${timings.join(', ')}; total ${((Date.now() - t0) / 1000).toFixed(1)} s`)
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`)
process.exit(failed > 0 ? 1 : 0)
