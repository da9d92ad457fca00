/**
 * `npm run bench -- scale` (issue 15 part 1): what browse, search, recommendations and candidates
 * cost at 200 and at 5,000 open posts (20,000 seekers each time), side by side, over HTTP on
 * DynamoDB Local, 50 connections. Per case: req/s and its ratio to /api/health in the same run,
 * read capacity per request (ReturnConsumedCapacity on every read, summed) and DynamoDB calls per
 * request. Recommendations twice: forty people coming back (their answers kept in the
 * container), and four hundred in turn, each a first visit. Also what a cold container pays to
 * load the index of open posts and a township's seeker index, and what a post's first shortlist
 * costs in a warm one. Prints; asserts nothing.
 */
import autocannon from 'autocannon'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { VILLAGES, TOWNSHIPS, DISTRICT } from '../../shared/geo.js'
import { idCheckChar } from '../../shared/id-number.js'
import type { Post } from '../../shared/schemas/posts.js'
import type { SeekerInput } from '../../shared/schemas/seekers.js'
import { createDeps } from '../../functions/deps.js'
import { startServer } from '../../functions/api/server.js'
import { signToken } from '../../functions/auth/tokens.js'
import { DEFAULT_RECHECK_MS, readConfig } from '../../functions/config.js'
import { batchPut } from '../../functions/db/batch.js'
import { createDb, type Db } from '../../functions/db/client.js'
import { putGeography } from '../../functions/db/geo.js'
import { postIndexKeys, postKey, SEEKER_INDEX_SHARDS } from '../../functions/db/keys.js'
import { savePolicy } from '../../functions/db/policies.js'
import { openPostRows, rebuildPostIndex } from '../../functions/db/post-index.js'
import { seekerRowsOf } from '../../functions/db/seeker-index.js'
import { candidates } from '../../functions/core/match-runs.js'
import { createSeeker, putSeekers } from '../../functions/db/seekers.js'
import { createSession } from '../../functions/db/sessions.js'
import { createUser } from '../../functions/db/users.js'
import { DEMO_POLICY_2026, generateSeedData } from '../../functions/jobs/seed-data.js'
import { ensureTable, startDynamoLocal } from '../../scripts/dynamodb-local.js'
import { applyLocalEnv } from '../../scripts/local-env.js'

const CONNECTIONS = 50
const WARMUP_S = 1
const DURATION_S = 5
const SEEKERS = 20_000
/** Signed-in seekers: the first REPEAT come back (answers kept per container), all of them in turn are each a first visit (more than the container keeps). */
const SIGNED_IN = 400
const REPEAT = 40

interface Meter {
  calls: Map<string, number>
  rcu: number
}

/** Counts every DynamoDB call and asks each read for its consumed capacity. */
function meter(db: Db): Meter {
  const m: Meter = { calls: new Map(), rcu: 0 }
  db.doc.middlewareStack.add(
    (next, context) => async (args) => {
      const name = (context.commandName ?? '?').replace(/Command$/, '')
      m.calls.set(name, (m.calls.get(name) ?? 0) + 1)
      const input = args.input as Record<string, unknown>
      if (/^(Get|Query|BatchGet|Scan)/.test(name)) input.ReturnConsumedCapacity = 'TOTAL'
      const out = await next(args)
      const cc = (out.output as { ConsumedCapacity?: { CapacityUnits?: number } | { CapacityUnits?: number }[] }).ConsumedCapacity
      for (const c of Array.isArray(cc) ? cc : cc ? [cc] : []) if (/^(Get|Query|BatchGet|Scan)/.test(name)) m.rcu += c.CapacityUnits ?? 0
      return out
    },
    { step: 'initialize', name: 'meterCalls' },
  )
  return m
}

interface Row {
  name: string
  rps: number
  ratio: number
  rcu: number
  calls: string
  codes: string
}

async function measure(openPosts: number, only?: (name: string) => boolean): Promise<{ rows: Row[]; cold: string; seekerIndex: string; generated: string }> {
  const dynamo = await startDynamoLocal({ inMemory: true })
  // As deployed: a container re-checks the indexes' heads and the policy at most once a recheck window.
  const config = readConfig({ ...process.env, DYNAMODB_ENDPOINT: dynamo.endpoint, TABLE_NAME: 'bench', WENGANG_RECHECK_MS: String(DEFAULT_RECHECK_MS) })
  await ensureTable(dynamo.endpoint, config.tableName)
  const deps = createDeps(config)
  deps.log = { info() {}, warn() {}, error: console.error }
  const db = deps.db
  const started = Date.now()

  // The project's own generator, every post open, written in batches with the index built once.
  const data = generateSeedData({ posts: openPosts, seekers: SEEKERS, workshops: 60 })
  await putGeography(db, TOWNSHIPS, VILLAGES)
  const posts: Post[] = data.posts.map((g) => {
    const { deadline: _d, ...input } = g.input
    const at = g.createdAt.toISOString()
    return {
      id: g.id, ...input, ...(g.workshopName ? { workshopName: g.workshopName } : {}),
      ...(input.village ? { villageName: VILLAGES.find((v) => v.code === input.village)?.name } : {}),
      filled: 0, status: 'open', createdBy: g.createdBy, createdAt: at, publishedAt: at,
    } as Post
  })
  await batchPut(db, posts.map((p) => ({ ...postKey(p.id), entity: 'post', ...postIndexKeys(p), ...p })), 8)
  const built = await rebuildPostIndex(db, posts)
  await putSeekers(db, deps.protector, data.seekers)
  const admin = data.accounts[0]!.id
  await savePolicy(db, DISTRICT.code, 2026, DEMO_POLICY_2026, 0, admin, new Date(), () => ({ objectType: 'policy', objectId: 'bench', action: 'policy.save', actorId: admin, actorRole: 'admin' }))

  // Signed-in seekers with files in villages across the district, and an officer of 灵井镇.
  const tokens: string[] = []
  const token = async (user: { id: string; role: string; scope?: string }) => {
    const s = await createSession(db, { id: user.id, role: user.role as 'seeker', ...(user.scope ? { scope: user.scope as 'lingjing' } : {}) }, config.sessionTtlSeconds)
    return signToken({ sub: user.id, sid: s.id, exp: Math.floor(Date.parse(s.expiresAt) / 1000) }, config.sessionSecret)
  }
  for (let i = 0; i < SIGNED_IN; i++) {
    const phone = `199${String(30_000_000 + i)}`
    const user = await createUser(db, deps.protector, { role: 'seeker', name: `推荐${i}`, phone })
    const village = VILLAGES[(i * 37) % VILLAGES.length]!
    const body = `411081${1975 + (i % 25)}0${1 + (i % 9)}1${i % 10}${String(i).padStart(3, '0')}`
    const input: SeekerInput = {
      name: `推荐${i}`, idNumber: `${body}${idCheckChar(body)}`, category: 'alleviated', township: village.township, village: village.code,
      laborCapacity: 'full', education: 'junior', skills: ['包装'], certificates: [], intents: ['employment'], preferredTownships: [], maxCommuteKm: 20,
    }
    await createSeeker(db, deps.protector, input, { userId: user.id, role: 'seeker' }, { userId: user.id, phone })
    tokens.push(await token(user))
  }
  const officer = await createUser(db, deps.protector, { role: 'officer', name: '灵井专干', phone: '19940000000', scope: 'lingjing' })
  const officerToken = await token(officer)
  const lingjingPost = posts.find((p) => p.township === 'lingjing')!
  const generated = `${posts.length} open posts, ${data.seekers.length} seekers in ${((Date.now() - started) / 1000).toFixed(1)} s; index: ${built.chunks} chunks, largest ${(built.largestBytes / 1024).toFixed(0)} KB`

  // What a container pays for the index: cold (every chunk), then warm with nothing changed.
  const fresh = createDb({ tableName: config.tableName, endpoint: dynamo.endpoint, cursorSecret: config.sessionSecret })
  const fm = meter(fresh)
  await openPostRows(fresh)
  const coldRcu = fm.rcu
  const coldCalls = [...fm.calls].map(([k, v]) => `${k} ${v}`).join(', ')
  fm.rcu = 0
  fm.calls.clear()
  await openPostRows(fresh)
  const cold = `cold container: ${coldRcu.toFixed(1)} RCU (${coldCalls}); then warm: ${fm.rcu.toFixed(1)} RCU (${[...fm.calls].map(([k, v]) => `${k} ${v}`).join(', ')})`

  // The same for the seeker index of the candidates' township, then what a post's first shortlist in a warm container adds.
  const spent = () => {
    const out = `${fm.rcu.toFixed(1)} RCU (${[...fm.calls].map(([k, v]) => `${k} ${v}`).join(', ')})`
    fm.rcu = 0
    fm.calls.clear()
    return out
  }
  fm.rcu = 0
  fm.calls.clear()
  const township = await seekerRowsOf(fresh, 'lingjing')
  const seekerCold = spent()
  const rowBytes = Buffer.byteLength(JSON.stringify(township.rows))
  const officerActor = { userId: officer.id, role: 'officer' as const, scope: 'lingjing' as const, sessionId: 'bench' }
  const otherPost = posts.filter((p) => p.township === 'lingjing')[1] ?? lingjingPost
  const freshDeps = { ...deps, db: fresh }
  await candidates(freshDeps, officerActor, otherPost.id, { limit: 20 })
  const firstShortlist = spent()
  await candidates(freshDeps, officerActor, otherPost.id, { limit: 20 })
  const again = spent()
  const seekerIndex = `seeker index (lingjing, ${township.rows.length} files, ${(rowBytes / 1024).toFixed(0)} KB of rows in ${SEEKER_INDEX_SHARDS} chunks, ~${(rowBytes / township.rows.length).toFixed(0)} B a row): cold ${seekerCold}; a post's first shortlist (warm chunks) ${firstShortlist}; again ${again}`

  const m = meter(db)
  const server = await startServer(deps, { port: 0, webRoot: '/nonexistent' })
  const port = (server.address() as { port: number }).port
  const served = { total: 0, inFlight: 0 }
  server.on('request', (_req: IncomingMessage, res: ServerResponse) => {
    served.total++
    served.inFlight++
    res.once('close', () => served.inFlight--)
  })
  const settle = async () => {
    while (served.inFlight > 0) await new Promise((r) => setTimeout(r, 20))
  }
  let k = 0
  const asSeekers: autocannon.Request[] = [{ setupRequest: (req) => ({ ...req, headers: { ...req.headers, authorization: `Bearer ${tokens[k++ % REPEAT]!}` } }) }]
  let f = 0
  const firstVisits: autocannon.Request[] = [{ setupRequest: (req) => ({ ...req, headers: { ...req.headers, authorization: `Bearer ${tokens[f++ % tokens.length]!}` } }) }]
  // The same township, a different post each request: every post's shortlist ranked (and cached) on its own.
  const lingjingPosts = posts.filter((p) => p.township === 'lingjing').slice(0, 20)
  let j = 0
  const ofPosts: autocannon.Request[] = [{ setupRequest: (req) => ({ ...req, path: `/api/posts/${lingjingPosts[j++ % lingjingPosts.length]!.id}/candidates?limit=20` }) }]
  const cases: { name: string; path: string; requests?: autocannon.Request[]; headers?: Record<string, string> }[] = [
    { name: 'baseline: /api/health', path: '/api/health' },
    { name: 'first page', path: '/api/posts?limit=20' },
    { name: 'text search 包装', path: `/api/posts?q=${encodeURIComponent('包装')}&limit=20` },
    { name: 'pinyin search fzp', path: '/api/posts?q=fzp&limit=20' },
    { name: 'filtered + wage sort', path: '/api/posts?minWageFen=400000&accommodation=true&sort=wage&limit=20' },
    { name: 'near + distance sort', path: '/api/posts?near=lingjing-02&maxKm=15&sort=distance&limit=20' },
    { name: 'recommendations', path: '/api/me/recommendations?limit=20', requests: asSeekers },
    { name: 'recommendations, new', path: '/api/me/recommendations?limit=20', requests: firstVisits },
    { name: 'candidates', path: `/api/posts/${lingjingPost.id}/candidates?limit=20`, headers: { authorization: `Bearer ${officerToken}` } },
    { name: 'candidates, 20 posts', path: `/api/posts/${lingjingPost.id}/candidates?limit=20`, headers: { authorization: `Bearer ${officerToken}` }, requests: ofPosts },
  ]
  const rows: Row[] = []
  for (const c of cases.filter((c, i) => i === 0 || !only || only(c.name))) {
    const opts = { url: `http://127.0.0.1:${port}${c.path}`, connections: CONNECTIONS, ...(c.requests ? { requests: c.requests } : {}), ...(c.headers ? { headers: c.headers } : {}) }
    await autocannon({ ...opts, duration: WARMUP_S })
    await settle()
    m.calls.clear()
    m.rcu = 0
    served.total = 0
    const r = await autocannon({ ...opts, duration: DURATION_S })
    await settle()
    const n = Math.max(1, served.total)
    const codes = Object.entries(r.statusCodeStats ?? {}).map(([code, s]) => `${code}×${(s as { count: number }).count}`).join(' ')
    rows.push({ name: c.name, rps: Math.round(r.requests.average), ratio: 0, rcu: m.rcu / n, calls: [...m.calls].sort((a, b) => b[1] - a[1]).map(([op, v]) => `${op} ${(v / n).toFixed(2)}`).join(', '), codes })
  }
  for (const row of rows) row.ratio = row.rps / rows[0]!.rps
  server.close()
  await dynamo.stop()
  return { rows, cold, seekerIndex, generated }
}

/** Options, for profiling one case: `--sizes 5000` (comma-separated), `--cases search` (case names containing any of the words). */
export async function run(argv = process.argv.slice(2)) {
  applyLocalEnv({ WENGANG_ENV: 'test', LOG_LEVEL: 'ERROR' })
  const option = (name: string) => (argv.indexOf(name) >= 0 ? argv[argv.indexOf(name) + 1] : undefined)
  const sizes = (option('--sizes') ?? '200,5000').split(',').map(Number)
  const words = option('--cases')?.split(',')
  const only = words ? (name: string) => words.some((w) => name.includes(w)) : undefined
  const results: Awaited<ReturnType<typeof measure>>[] = []
  for (const size of sizes) {
    const r = await measure(size, only)
    console.log(`${size}: ${r.generated}`)
    console.log(`${size}: ${r.cold}`)
    console.log(`${size}: ${r.seekerIndex}`)
    results.push(r)
  }
  const head = ['case'.padEnd(24), ...sizes.flatMap((s) => [`${s} req/s`.padStart(12), 'ratio'.padStart(6), 'RCU/req'.padStart(8)])].join(' ')
  console.log(head)
  results[0]!.rows.forEach((row, i) => {
    console.log([row.name.padEnd(24), ...results.flatMap((r) => [String(r.rows[i]!.rps).padStart(12), r.rows[i]!.ratio.toFixed(2).padStart(6), r.rows[i]!.rcu.toFixed(2).padStart(8)])].join(' '))
  })
  console.log('DynamoDB calls per request (and status codes):')
  results[0]!.rows.forEach((row, i) => {
    for (const [s, r] of results.map((x, k) => [sizes[k], x] as const)) console.log(`  ${row.name.padEnd(24)} ${String(s).padStart(5)}: ${r.rows[i]!.calls}  [${r.rows[i]!.codes}]`)
  })
  console.log(`(${CONNECTIONS} connections, ${WARMUP_S} s warm-up then ${DURATION_S} s per case; recheck window ${DEFAULT_RECHECK_MS} ms as deployed; ratio = req/s ÷ /api/health in the same run; RCU summed from ReturnConsumedCapacity over every read ÷ requests served)`)
}
