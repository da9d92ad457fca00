/**
 * The officer's targets board (工作台看板) over HTTP on DynamoDB Local: the demo district plus a
 * placement history (2025 and 2026) made through the real use cases, so every counter is the one
 * the transactions keep. 20 connections; p95 of the board and of its drill-down beside
 * /api/health (one GetItem) in the same run, and the DynamoDB calls each request makes (counted
 * by SDK middleware), with the board read on every request and kept as deployed. Prints figures;
 * asserts nothing.
 */
import autocannon from 'autocannon'
import { eachLimit } from '../../shared/each-limit.js'
import { TOWNSHIPS, VILLAGES } from '../../shared/geo.js'
import { idCheckChar } from '../../shared/id-number.js'
import type { SeekerInput } from '../../shared/schemas/seekers.js'
import { createDeps } from '../../functions/deps.js'
import { startServer } from '../../functions/api/server.js'
import { signToken } from '../../functions/auth/tokens.js'
import { readConfig } from '../../functions/config.js'
import * as Placements from '../../functions/core/placements.js'
import { createSeeker } from '../../functions/db/seekers.js'
import { createSession } from '../../functions/db/sessions.js'
import { seedDemo } from '../../functions/jobs/seed.js'
import { DEMO_ACCOUNTS } from '../../functions/jobs/seed-data.js'
import { ensureTable, startDynamoLocal } from '../../scripts/dynamodb-local.js'
import { applyLocalEnv } from '../../scripts/local-env.js'

const PEOPLE = 600
const CONNECTIONS = 20
const SECONDS = 8
const KINDS = ['publicWelfare', 'workshop', 'enterprise', 'laborExport'] as const

/** The 95th percentile of the recorded latencies (autocannon itself reports p90 and p97.5). */
const p95 = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b)
  return s.length ? s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)]! : NaN
}

export async function run() {
  applyLocalEnv({ WENGANG_ENV: 'test', LOG_LEVEL: 'ERROR' })
  const dynamo = await startDynamoLocal({ inMemory: true })
  const config = readConfig({ ...process.env, DYNAMODB_ENDPOINT: dynamo.endpoint, TABLE_NAME: 'bench' })
  await ensureTable(dynamo.endpoint, config.tableName)
  const deps = createDeps(config)
  deps.log = { info() {}, warn() {}, error: console.error }
  deps.sms = { async send() {} }
  const seeded = await seedDemo(deps.db, deps.protector, () => {}, { seekers: 500 })

  // A placement history through the use cases: people in every township, placed in 2025 or 2026, some ended early.
  const started = Date.now()
  const district = DEMO_ACCOUNTS.find((a) => a.role === 'officer' && a.scope === 'district')!
  const actor = { userId: district.id, role: 'officer' as const, scope: 'district' as const, sessionId: 'bench' }
  let placements = 0
  await eachLimit(Array.from({ length: PEOPLE }, (_, i) => i), 8, async (i) => {
    const township = TOWNSHIPS[i % TOWNSHIPS.length]!
    const village = VILLAGES.find((v) => v.township === township.code)!
    const body = `411081${1970 + (i % 30)}0${1 + (i % 9)}1${i % 10}${String(i).padStart(3, '0')}`
    const input: SeekerInput = {
      name: `看板${i}`, idNumber: `${body}${idCheckChar(body)}`, category: i % 5 === 0 ? 'other' : i % 3 === 0 ? 'monitored' : 'alleviated', township: township.code, village: village.code,
      laborCapacity: 'full', education: 'junior', skills: ['包装'], certificates: [], intents: ['employment'], preferredTownships: [], maxCommuteKm: 20,
    }
    const seeker = await createSeeker(deps.db, deps.protector, input, { userId: district.id, role: 'officer' }, { now: new Date(Date.UTC(2024, 11, 1 + (i % 28))) })
    const year = i % 2 ? 2025 : 2026
    const startDate = `${year}-${String(1 + (i % 10)).padStart(2, '0')}-${String(1 + (i % 27)).padStart(2, '0')}`
    const p = await Placements.recordExternal(deps, actor, { seekerId: seeker.id, title: '普工', kind: KINDS[i % KINDS.length]!, employer: '许昌某有限公司', township: township.code, destination: 'inCounty', startDate })
    placements++
    if (i % 4 === 1) await Placements.end(deps, actor, p.id, `${year}-11-28`, '合同到期')
  })
  const session = await createSession(deps.db, { id: district.id, role: 'officer', scope: 'district' }, config.sessionTtlSeconds)
  const token = await signToken({ sub: district.id, sid: session.id, exp: Math.floor(Date.parse(session.expiresAt) / 1000) }, config.sessionSecret)
  console.log(`seeded: ${seeded.seekers} demo seekers; ${PEOPLE} more people with ${placements} placements in 2025–2026 through the use cases (${((Date.now() - started) / 1000).toFixed(1)} s)`)

  const calls = new Map<string, number>()
  deps.db.doc.middlewareStack.add(
    (next, context) => async (args) => {
      calls.set(context.commandName ?? '?', (calls.get(context.commandName ?? '?') ?? 0) + 1)
      return next(args)
    },
    { step: 'initialize', name: 'countCalls' },
  )
  const server = await startServer(deps, { port: 0, webRoot: '/nonexistent' })
  const port = (server.address() as { port: number }).port
  // The board twice: read on every request (WENGANG_BOARD_CACHE_SECONDS=0), then as deployed (a
  // container keeps a board 15 s, so under load most requests share a read).
  const cases = [
    ['baseline: GET /api/health', '/api/health', 0],
    ['board: district, every read', '/api/dashboard?year=2026', 0],
    ['board: township, every read', '/api/dashboard?year=2026&township=lingjing', 0],
    ['board: district, kept 15 s', '/api/dashboard?year=2026', 15],
    ['board: township, kept 15 s', '/api/dashboard?year=2026&township=lingjing', 15],
    ['drill-down: placed, district', '/api/dashboard/people?year=2026&metric=placed&limit=20', 0],
  ] as const
  const rows: { name: string; rps: number; p50: number; p95: number; p99: number; calls: string; perRequest: number }[] = []
  for (const [name, path, keep] of cases) {
    deps.config.boardCacheSeconds = keep
    calls.clear()
    const latencies: number[] = []
    const r = await new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon({ url: `http://127.0.0.1:${port}${path}`, connections: CONNECTIONS, duration: SECONDS, headers: { authorization: `Bearer ${token}` } }, (err, result) => (err ? reject(err) : resolve(result)))
      instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms))
    })
    const requests = r.requests.total
    const perRequest = [...calls].map(([cmd, n]) => `${cmd} ${(n / Math.max(1, requests)).toFixed(2)}`).join(', ')
    rows.push({ name, rps: Math.round(r.requests.average), p50: r.latency.p50, p95: p95(latencies), p99: r.latency.p99, calls: perRequest, perRequest: [...calls.values()].reduce((s, n) => s + n, 0) / Math.max(1, requests) })
    if (r.non2xx) console.log(`  ${name}: ${r.non2xx} non-2xx answers`)
  }
  const base = rows[0]!
  console.log('case'.padEnd(30), 'req/s'.padStart(7), 'p50'.padStart(7), 'p95'.padStart(7), 'p99'.padStart(7), ' p95÷health', ' calls/req', ' DynamoDB calls per request')
  for (const row of rows) {
    console.log(row.name.padEnd(30), String(row.rps).padStart(7), `${row.p50}ms`.padStart(7), `${row.p95.toFixed(1)}ms`.padStart(7), `${row.p99}ms`.padStart(7), (row.p95 / base.p95).toFixed(2).padStart(11), row.perRequest.toFixed(2).padStart(10), ` ${row.calls}`)
  }
  console.log(`(${CONNECTIONS} connections, ${SECONDS} s each; p95 from every response's latency; calls include the session GetItem of each authenticated request)`)
  server.close()
  await dynamo.stop()
}
