/**
 * Browse throughput over HTTP on DynamoDB Local with the demo district, 50 connections, plus the
 * DynamoDB calls each request makes (counted by SDK middleware). The baseline in the same process
 * is /api/health (one GetItem): the ratio shows what browse costs beyond the floor of the stack.
 */
import autocannon from 'autocannon'
import { createDeps } from '../../functions/deps.js'
import { startServer } from '../../functions/api/server.js'
import { readConfig } from '../../functions/config.js'
import { seedDemo } from '../../functions/jobs/seed.js'
import { ensureTable, startDynamoLocal } from '../../scripts/dynamodb-local.js'
import { applyLocalEnv } from '../../scripts/local-env.js'

export async function run() {
  applyLocalEnv({ WENGANG_ENV: 'test', LOG_LEVEL: 'ERROR' })
  const dynamo = await startDynamoLocal({ inMemory: true })
  const config = readConfig({ ...process.env, DYNAMODB_ENDPOINT: dynamo.endpoint, TABLE_NAME: 'bench' })
  await ensureTable(dynamo.endpoint, config.tableName)
  const deps = createDeps(config)
  deps.log = { info() {}, warn() {}, error: console.error }
  await seedDemo(deps.db, deps.protector, () => {}, { seekers: 200 })
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
  const cases = [
    ['baseline: GET /api/health', '/api/health'],
    ['browse: first page', '/api/posts?limit=20'],
    ['browse: township + kind', '/api/posts?township=lingjing&kind=workshop&limit=20'],
  ] as const
  const rows: { name: string; rps: number; p50: number; p95: number; p99: number; calls: string }[] = []
  for (const [name, path] of cases) {
    calls.clear()
    const r = await autocannon({ url: `http://127.0.0.1:${port}${path}`, connections: 50, duration: 8 })
    const requests = r.requests.total
    const perRequest = [...calls].map(([cmd, n]) => `${cmd} ${(n / Math.max(1, requests)).toFixed(2)}`).join(', ')
    rows.push({ name, rps: Math.round(r.requests.average), p50: r.latency.p50, p95: r.latency.p97_5, p99: r.latency.p99, calls: perRequest })
    if (r.non2xx) console.log(`  ${name}: ${r.non2xx} non-2xx answers`)
  }
  const base = rows[0]!.rps
  console.log('case'.padEnd(30), 'req/s'.padStart(7), 'p50'.padStart(6), 'p97.5'.padStart(6), 'p99'.padStart(6), ' ratio', ' DynamoDB calls per request')
  for (const row of rows) {
    console.log(row.name.padEnd(30), String(row.rps).padStart(7), `${row.p50}ms`.padStart(6), `${row.p95}ms`.padStart(6), `${row.p99}ms`.padStart(6), (row.rps / base).toFixed(2).padStart(6), ` ${row.calls}`)
  }
  console.log('(autocannon reports p97.5, not p95; latency in ms; 50 connections, 8 s each; ratio = req/s ÷ baseline)')
  server.close()
  await dynamo.stop()
}
