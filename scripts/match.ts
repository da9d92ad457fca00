/**
 * `npm run match -- --in instance.json --out result.json [--mode optimal|stable] [--pretty]`
 * `npm run match -- --generate SEEKERS POSTS [--seed S] [--as-of YYYY-MM-DD] --out instance.json`
 *
 * Runs the matching engine (shared/matching) on an instance file, or writes a synthetic one.
 * Progress goes to stderr (phase and percent, at most about once a second), the summary to stdout.
 * The formats are in docs/matching.md.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import * as z from 'zod'
import { matchInstance, MatchMode, type Progress, renderReason, syntheticInstance } from '../shared/matching/index.js'
import { formatIssues } from '../shared/validation.js'

const USAGE = `usage:
  npm run match -- --in instance.json --out result.json [--mode optimal|stable] [--pretty]
  npm run match -- --generate SEEKERS POSTS [--seed S] [--as-of YYYY-MM-DD] --out instance.json`

function fail(message: string, code = 1): never {
  console.error(message)
  process.exit(code)
}

let parsed: ReturnType<typeof parseArgs<{ options: Record<string, { type: 'string' | 'boolean' }>; allowPositionals: true }>>
try {
  parsed = parseArgs({
    options: {
      in: { type: 'string' },
      out: { type: 'string' },
      mode: { type: 'string' },
      generate: { type: 'boolean' },
      seed: { type: 'string' },
      'as-of': { type: 'string' },
      pretty: { type: 'boolean' },
      help: { type: 'boolean' },
    },
    allowPositionals: true,
  })
} catch (e) {
  fail(`${(e as Error).message}\n${USAGE}`, 2)
}
const { values: opts, positionals } = parsed
if (opts.help) fail(USAGE, 0)
const out = opts.out as string | undefined
if (!out) fail(`--out is required\n${USAGE}`, 2)

const started = performance.now()
let lastPhase = ''
let lastPrint = 0
const progress: Progress = (phase, done) => {
  const now = performance.now()
  if (phase !== lastPhase || now - lastPrint >= 1000 || done === 1) {
    if (phase !== lastPhase || done < 1) process.stderr.write(`[${((now - started) / 1000).toFixed(1)}s] ${phase} ${(done * 100).toFixed(0)}%\n`)
    lastPhase = phase
    lastPrint = now
  }
}

if (opts.generate) {
  const [seekers, posts] = positionals.map(Number)
  if (!Number.isInteger(seekers) || !Number.isInteger(posts) || seekers! < 0 || posts! < 0) fail(`--generate needs two counts: SEEKERS POSTS\n${USAGE}`, 2)
  const seed = opts.seed === undefined ? 1 : Number(opts.seed)
  if (!Number.isInteger(seed)) fail('--seed must be an integer', 2)
  const asOf = opts['as-of'] as string | undefined
  if (asOf !== undefined && !z.iso.date().safeParse(asOf).success) fail('--as-of must be a date, YYYY-MM-DD', 2)
  const inst = syntheticInstance({ seekers: seekers!, posts: posts!, seed, ...(asOf ? { asOf } : {}) })
  writeFileSync(out, JSON.stringify(inst, null, opts.pretty ? 2 : undefined))
  console.log(`wrote ${out}: ${seekers} seekers, ${posts} posts (seed ${seed}, as of ${inst.asOf})`)
  process.exit(0)
}

const input = opts.in as string | undefined
if (!input) fail(`--in is required\n${USAGE}`, 2)
const mode = MatchMode.safeParse(opts.mode ?? 'optimal')
if (!mode.success) fail(`--mode must be optimal or stable\n${USAGE}`, 2)

let json: unknown
try {
  json = JSON.parse(readFileSync(input, 'utf8'))
} catch (e) {
  fail(`cannot read ${input}: ${(e as Error).message}`)
}

const timings: Record<string, number> = {}
let run: ReturnType<typeof matchInstance>
try {
  const t = performance.now()
  run = matchInstance(json, { mode: mode.data, onProgress: progress, timings })
  timings.total = performance.now() - t
} catch (e) {
  if (e instanceof z.ZodError) {
    const issues = formatIssues(e, json)
    console.error(`${input} is not a valid instance (${issues.length}${issues.length >= 100 ? '+' : ''} problems):`)
    for (const i of issues.slice(0, 20)) console.error(`  ${i.path}: ${i.message} / ${i.messageEn}`)
    if (issues.length > 20) console.error(`  … and ${issues.length - 20} more`)
    process.exit(1)
  }
  throw e
}

const t = performance.now()
writeFileSync(out, JSON.stringify(run.result, null, opts.pretty ? 2 : undefined))
timings.write = performance.now() - t

const { result } = run
const o = result.objective
const tt = result.totals
const ms = (k: string) => `${((timings[k] ?? 0) / 1000).toFixed(2)}s`
console.log(`mode ${result.mode}, as of ${result.asOf}, policy ${result.policyYear}`)
console.log(`seekers ${tt.seekers}, posts ${tt.posts} (${tt.slots} open slots), eligible pairs ${tt.eligiblePairs}`)
console.log(`placed ${tt.placed} of ${tt.seekers}; priority people placed ${tt.priorityPlaced} of ${tt.priorityPeople}; no eligible post ${tt.noEligiblePost}`)
console.log(`by kind: ${Object.entries(tt.placedByKind).map(([k, v]) => `${k} ${v}`).join(', ') || '—'}`)
console.log(`objective: priority placed ${o.priorityPlaced}, total score ${o.totalScore} (weight ${o.weight}, bigM ${o.bigM})`)
const example = result.assignments.find((a) => a.postId !== null)
if (example) console.log(`e.g. ${example.seekerId} → ${example.postId} (${example.score}): ${example.reasons.filter((r) => r.points > 0).map((r) => renderReason(r)).join('；')}`)
console.log(`time: compile ${ms('compile')}, graph ${ms('graph')}, solve ${ms('solve')}, explain ${ms('explain')}, write ${ms('write')}; total ${((performance.now() - started) / 1000).toFixed(2)}s`)
console.log(`wrote ${out}`)
