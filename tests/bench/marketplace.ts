/**
 * Marketplace throughput over HTTP on DynamoDB Local (in memory) with the demo district, 50
 * connections: browse (first page, filtered, text search) and apply, where every request is a new
 * application by one of many pre-made seekers. Beside the figures, the DynamoDB operations each
 * request makes, counted on the wire by SDK middleware ("Browse must need at most one Query and
 * one BatchGet"; no Scan anywhere). The baseline in the same process is /api/health (one GetItem).
 */
import autocannon from 'autocannon'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { idCheckChar } from '../../shared/id-number.js'
import type { SeekerInput } from '../../shared/schemas/seekers.js'
import { createDeps } from '../../functions/deps.js'
import { startServer } from '../../functions/api/server.js'
import { signToken } from '../../functions/auth/tokens.js'
import { readConfig } from '../../functions/config.js'
import { listAllOpenPosts } from '../../functions/db/posts.js'
import { createSeeker } from '../../functions/db/seekers.js'
import { createSession } from '../../functions/db/sessions.js'
import { createUser } from '../../functions/db/users.js'
import { seedDemo } from '../../functions/jobs/seed.js'
import { ensureTable, startDynamoLocal } from '../../scripts/dynamodb-local.js'
import { applyLocalEnv } from '../../scripts/local-env.js'

const CONNECTIONS = 50
const WARMUP_S = 2
const DURATION_S = 8
/** Seekers made for the apply case; with the open posts they give seekers × posts distinct applications. */
const APPLICANTS = 400

/** Runs fn over items, a few at a time (DynamoDB Local is faster with some parallelism). */
async function eachLimit<T>(items: readonly T[], fn: (item: T, i: number) => Promise<unknown>, limit = 16): Promise<void> {
  let next = 0
  await Promise.all(Array.from({ length: limit }, async () => {
    while (next < items.length) {
      const i = next++
      await fn(items[i]!, i)
    }
  }))
}

export async function run() {
  applyLocalEnv({ WENGANG_ENV: 'test', LOG_LEVEL: 'ERROR' })
  const dynamo = await startDynamoLocal({ inMemory: true })
  const config = readConfig({ ...process.env, DYNAMODB_ENDPOINT: dynamo.endpoint, TABLE_NAME: 'bench' })
  await ensureTable(dynamo.endpoint, config.tableName)
  const deps = createDeps(config)
  deps.log = { info() {}, warn() {}, error: console.error }
  // Notices still go through the SMS interface (and read the phone to send to); nothing is logged or sent.
  deps.sms = { async send() {} }
  const seeded = await seedDemo(deps.db, deps.protector, () => {}, { seekers: 500 })

  // Seekers who apply: accounts, files and sessions made directly (sign-in by code is limited per phone).
  const started = Date.now()
  const tokens: string[] = []
  await eachLimit(Array.from({ length: APPLICANTS }, (_, i) => i), async (i) => {
    const phone = `199${String(20_000_000 + i)}`
    const user = await createUser(deps.db, deps.protector, { role: 'seeker', name: `申请人${i}`, phone })
    const body = `411081${1970 + (i % 30)}0${1 + (i % 9)}1${i % 10}${String(i).padStart(3, '0')}`
    const input: SeekerInput = {
      name: `申请人${i}`, idNumber: `${body}${idCheckChar(body)}`, category: 'alleviated', township: 'lingjing', village: 'lingjing-02',
      laborCapacity: 'full', education: 'junior', skills: ['包装'], certificates: [], intents: ['employment'], preferredTownships: [], maxCommuteKm: 20,
    }
    await createSeeker(deps.db, deps.protector, input, { userId: user.id, role: 'seeker' }, { userId: user.id, phone })
    const session = await createSession(deps.db, { id: user.id, role: 'seeker' }, config.sessionTtlSeconds)
    tokens[i] = await signToken({ sub: user.id, sid: session.id, exp: Math.floor(Date.parse(session.expiresAt) / 1000) }, config.sessionSecret)
  })
  const openPosts = (await listAllOpenPosts(deps.db, {})).map((p) => p.id)
  console.log(`seeded: ${seeded.posts} posts (${openPosts.length} open), ${seeded.workshops} workshops, ${seeded.seekers} seekers; ${APPLICANTS} applicants with files and sessions (${((Date.now() - started) / 1000).toFixed(1)} s)`)

  // DynamoDB operations by their wire name (X-Amz-Target), once per call (before retries), with their outcome.
  const calls = new Map<string, number>()
  const failed = new Map<string, number>()
  const dynamo$ = { inFlight: 0, last: 0, scans: 0 }
  deps.db.doc.middlewareStack.add(
    (next) => async (args) => {
      const target = (args.request as { headers?: Record<string, string> }).headers?.['x-amz-target'] ?? '?'
      const op = target.replace(/^DynamoDB_\d+\./, '')
      calls.set(op, (calls.get(op) ?? 0) + 1)
      if (op === 'Scan') dynamo$.scans++
      dynamo$.inFlight++
      try {
        return await next(args)
      } catch (e) {
        failed.set(op, (failed.get(op) ?? 0) + 1)
        throw e
      } finally {
        dynamo$.inFlight--
        dynamo$.last = Date.now()
      }
    },
    { step: 'build', name: 'countDynamoCalls' },
  )

  const server = await startServer(deps, { port: 0, webRoot: '/nonexistent' })
  const port = (server.address() as { port: number }).port
  // Requests counted where they are served: autocannon stops counting with requests still in flight.
  const served = { total: 0, inFlight: 0 }
  server.on('request', (_req: IncomingMessage, res: ServerResponse) => {
    served.total++
    served.inFlight++
    res.once('close', () => served.inFlight--)
  })
  /** Waits until every request autocannon left behind has finished its DynamoDB work (a closed socket does not stop a handler). */
  const settle = async () => {
    while (served.inFlight > 0 || dynamo$.inFlight > 0 || Date.now() - dynamo$.last < 500) await new Promise((r) => setTimeout(r, 25))
  }

  // Apply, spread: request k is seeker k ÷ posts on post k mod posts, so no pair repeats (posts × seekers of them).
  let k = 0
  const asSeeker = (i: number) => ({ authorization: `Bearer ${tokens[i % tokens.length]!}`, 'content-type': 'application/json' })
  const spread: autocannon.Request[] = [{
    method: 'POST',
    setupRequest: (req) => {
      const n = k++
      return { ...req, path: `/api/posts/${openPosts[n % openPosts.length]!}/applications`, headers: asSeeker(Math.floor(n / openPosts.length)), body: '{}' }
    },
  }]
  // Apply, one post: the same post for everyone, seekers from the last one down (the spread case uses the first few).
  const HOT = APPLICANTS / 2
  let h = 0
  const hot: autocannon.Request[] = [{
    method: 'POST',
    setupRequest: (req) => ({ ...req, path: `/api/posts/${openPosts[0]!}/applications`, headers: asSeeker(APPLICANTS - 1 - h++), body: '{}' }),
  }]

  const cases: { name: string; path: string; requests?: autocannon.Request[]; amount?: number }[] = [
    { name: 'baseline: GET /api/health', path: '/api/health' },
    { name: 'browse: first page', path: '/api/posts?limit=20' },
    { name: 'browse: filtered + wage sort', path: '/api/posts?township=lingjing&kind=workshop&minWageFen=300000&sort=wage&limit=20' },
    { name: 'browse: text search', path: `/api/posts?q=${encodeURIComponent('发制品')}&limit=20` },
    { name: 'apply: new, spread over posts', path: '/api/posts', requests: spread },
    // No warm-up, a fixed number of requests: each seeker applies once to this one post.
    { name: `apply: new, one post (${HOT})`, path: '/api/posts', requests: hot, amount: HOT },
  ]
  const rows: { name: string; rps: number; p50: number; p975: number; p99: number; perRequest: string; requests: number; codes: Record<string, number>; ops: Record<string, number>; failed: Record<string, number> }[] = []
  for (const c of cases) {
    const opts = { url: `http://127.0.0.1:${port}${c.path}`, connections: CONNECTIONS, ...(c.requests ? { requests: c.requests } : {}) }
    if (!c.amount) await autocannon({ ...opts, duration: WARMUP_S })
    await settle()
    calls.clear()
    failed.clear()
    served.total = 0
    const r = await autocannon({ ...opts, ...(c.amount ? { amount: c.amount } : { duration: DURATION_S }) })
    await settle()
    const per = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).map(([op, n]) => `${op} ${(n / Math.max(1, served.total)).toFixed(2)}`).join(', ')
    const codes = Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([code, s]) => [code, (s as { count: number }).count]))
    rows.push({ name: c.name, rps: Math.round(r.requests.average), p50: r.latency.p50, p975: r.latency.p97_5, p99: r.latency.p99, perRequest: per(calls), requests: served.total, codes, ops: Object.fromEntries(calls), failed: Object.fromEntries(failed) })
  }

  const base = rows[0]!.rps
  console.log('case'.padEnd(30), 'req/s'.padStart(7), 'p50'.padStart(7), 'p97.5'.padStart(7), 'p99'.padStart(7), ' ratio', '  served', ' DynamoDB calls per request')
  for (const row of rows) {
    console.log(
      row.name.padEnd(30), String(row.rps).padStart(7), `${row.p50}ms`.padStart(7), `${row.p975}ms`.padStart(7), `${row.p99}ms`.padStart(7),
      (row.rps / base).toFixed(2).padStart(6), String(row.requests).padStart(8), ` ${row.perRequest}`,
    )
  }
  console.log('status codes:')
  for (const row of rows.filter((x) => !x.name.startsWith('apply'))) console.log(`  ${row.name.padEnd(30)} ${Object.entries(row.codes).map(([c, n]) => `${c}×${n}`).join(', ')}`)
  for (const row of rows.filter((x) => x.name.startsWith('apply'))) {
    // A new application is one TransactWriteItems that succeeded; a repeat's transaction is cancelled and answered 200.
    const created = (row.ops.TransactWriteItems ?? 0) - (row.failed.TransactWriteItems ?? 0)
    const others = Object.entries(row.codes).filter(([c]) => c !== '201' && c !== '200').map(([c, n]) => `, ${n} × ${c}`).join('')
    const failedCalls = Object.entries(row.failed).map(([op, n]) => `${op} ${n}`).join(', ') || 'none'
    console.log(`${row.name}: ${created} applications created of ${row.requests} requests served; answers counted by autocannon: ${row.codes['201'] ?? 0} × 201, ${row.codes['200'] ?? 0} × 200 (repeat)${others}; failed DynamoDB calls: ${failedCalls}`)
  }
  console.log(`apply pairs handed out: ${k} spread (of ${openPosts.length * APPLICANTS} distinct), ${h} on one post`)
  console.log(`Scan calls over every case, warm-ups included: ${dynamo$.scans}`)
  console.log(`(latency in ms; autocannon reports p97.5, not p95; ${CONNECTIONS} connections, ${WARMUP_S} s warm-up then ${DURATION_S} s per case; ratio = req/s ÷ baseline;`)
  console.log(' calls per request = DynamoDB operations during the measured run ÷ requests the server served in it)')
  server.close()
  await dynamo.stop()
}
