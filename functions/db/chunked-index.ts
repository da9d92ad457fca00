/**
 * A chunked, versioned index (docs/data-model.md, "The index of open posts" and "The seeker
 * index"): rows held as top-level attributes `<prefix><id>` of a few chunk items, each chunk with a
 * tiny head item carrying its version, the heads of one index in one partition. Writers bump a
 * chunk and its head in the same transaction as the change; a reader Queries the heads (one small
 * read) and re-reads (BatchGet) only the chunks whose head moved since its container read them.
 * The cache lives per Db (a container has one; tests make one per simulated container) and per index.
 */
import { BatchGetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb'
import { eachLimit } from '../../shared/each-limit.js'
import type { Db } from './client.js'
import { shardOfHead } from './keys.js'
import { recentRead, wrote } from './recent-reads.js'
import type { TxItem } from './tx.js'

/** Where one index lives: its heads' partition, its chunks' keys, its rows' attribute prefix. */
export interface ChunkedIndex<Row> {
  /** Names the index in errors and tells caches apart (e.g. `POSTINDEX`, `SEEKERINDEX#lingjing`). */
  headsPk: string
  shards: number
  chunkKey: (shard: number) => Record<string, string>
  headKey: (shard: number) => Record<string, string>
  /** The shard a chunk item (as read) belongs to. */
  shardOfChunk: (item: Record<string, unknown>) => number
  rowPrefix: string
  entity: string
  /** The rows' order once per change (none: as read). */
  order?: (a: Row, b: Row) => number
}

interface Chunk<Row> {
  version: number
  rows: Row[]
}

class IndexCache<Row> {
  readonly chunks = new Map<number, Chunk<Row>>()
  /** Chunk reads in flight, by shard and version: requests that see the same change share one read. */
  readonly loading = new Map<string, Promise<Chunk<Row>>>()
  all: Row[] = []
  /** Changes whenever any chunk does: the key of what is computed from the whole index. */
  version = ''
  dirty = true
}

const caches = new WeakMap<Db, Map<string, IndexCache<unknown>>>()
function cacheOf<Row>(db: Db, ix: ChunkedIndex<Row>): IndexCache<Row> {
  let byIndex = caches.get(db)
  if (!byIndex) caches.set(db, (byIndex = new Map()))
  let c = byIndex.get(ix.headsPk)
  if (!c) byIndex.set(ix.headsPk, (c = new IndexCache<unknown>()))
  return c as IndexCache<Row>
}

function rowsOf<Row>(ix: ChunkedIndex<Row>, item: Record<string, unknown>): Row[] {
  const out: Row[] = []
  for (const k in item) if (k.startsWith(ix.rowPrefix)) out.push(item[k] as Row)
  return out
}

/** Reads chunks by BatchGet (100 keys a call), again for what DynamoDB leaves unprocessed. */
async function readChunks<Row>(db: Db, ix: ChunkedIndex<Row>, shards: number[]): Promise<Map<number, Chunk<Row>>> {
  const out = new Map<number, Chunk<Row>>()
  for (let i = 0; i < shards.length; i += 100) {
    let keys: Record<string, unknown>[] | undefined = shards.slice(i, i + 100).map(ix.chunkKey)
    for (let attempt = 0; keys && keys.length; attempt++) {
      if (attempt > 8) throw new Error(`${ix.headsPk}: chunks still unprocessed after retries`)
      if (attempt > 0) await new Promise((r) => setTimeout(r, 20 * 2 ** attempt))
      const r = await db.doc.send(new BatchGetCommand({ RequestItems: { [db.table]: { Keys: keys } } }))
      for (const item of r.Responses?.[db.table] ?? []) out.set(ix.shardOfChunk(item), { version: Number(item.v ?? 0), rows: rowsOf(ix, item) })
      keys = r.UnprocessedKeys?.[db.table]?.Keys as Record<string, unknown>[] | undefined
    }
  }
  return out
}

/**
 * The heads: each chunk's version (a chunk never written has none), from this container's recent
 * read of them when it is younger than Db.recheckMs and this container has not written since.
 */
const readHeads = (db: Db, ix: Pick<ChunkedIndex<unknown>, 'headsPk'>): Promise<Map<number, number>> => recentRead(db, ix.headsPk, () => queryHeads(db, ix))

async function queryHeads(db: Db, ix: Pick<ChunkedIndex<unknown>, 'headsPk'>): Promise<Map<number, number>> {
  const heads = new Map<number, number>()
  let start: Record<string, unknown> | undefined
  do {
    const r = await db.doc.send(
      new QueryCommand({ TableName: db.table, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': ix.headsPk }, ...(start ? { ExclusiveStartKey: start } : {}) }),
    )
    for (const item of r.Items ?? []) heads.set(shardOfHead(String(item.SK)), Number(item.v ?? 0))
    start = r.LastEvaluatedKey
  } while (start)
  return heads
}

/**
 * Every row of the index, as of this call: one Query of the heads, then a BatchGet of the chunks
 * whose head moved since this container read them (none when nothing changed; all on a cold start).
 * The array is the same object until a chunk changes (callers key what they compute on `version`).
 */
export async function indexRows<Row>(db: Db, ix: ChunkedIndex<Row>): Promise<{ rows: readonly Row[]; version: string }> {
  const cache = cacheOf(db, ix)
  const heads = await readHeads(db, ix)
  const stale = [...heads].filter(([shard, v]) => (cache.chunks.get(shard)?.version ?? -1) < v).map(([shard]) => shard)
  if (stale.length) {
    const fresh = stale.filter((shard) => !cache.loading.has(`${shard}@${heads.get(shard)}`))
    if (fresh.length) {
      const read = readChunks(db, ix, fresh)
      for (const shard of fresh) {
        const key = `${shard}@${heads.get(shard)}`
        const one = read.then((m) => m.get(shard) ?? { version: 0, rows: [] })
        cache.loading.set(key, one)
        void one.finally(() => cache.loading.delete(key)).catch(() => {})
      }
    }
    const got = await Promise.all(stale.map((shard) => cache.loading.get(`${shard}@${heads.get(shard)}`) ?? Promise.resolve(cache.chunks.get(shard) ?? { version: -1, rows: [] })))
    stale.forEach((shard, k) => {
      const chunk = got[k]!
      // A chunk read before its head settled (eventual consistency) keeps its own, older version: read again next time.
      if ((cache.chunks.get(shard)?.version ?? -1) < chunk.version || !cache.chunks.has(shard)) {
        cache.chunks.set(shard, chunk)
        cache.dirty = true
      }
    })
  }
  if (cache.dirty) {
    const all = [...cache.chunks.values()].flatMap((c) => c.rows)
    cache.all = ix.order ? all.sort(ix.order) : all
    cache.version = [...cache.chunks].sort((a, b) => a[0] - b[0]).map(([s, c]) => `${s}:${c.version}`).join(',')
    cache.dirty = false
  }
  return { rows: cache.all, version: cache.version }
}

/** The head's bump that goes with every chunk write (same transaction); `by` chunk writes at once after a bulk add. */
export const headBump = (db: Db, ix: Pick<ChunkedIndex<unknown>, 'headKey'>, shard: number, by = 1) => ({
  TableName: db.table,
  Key: ix.headKey(shard),
  UpdateExpression: 'ADD v :one',
  ExpressionAttributeValues: { ':one': by },
})

/**
 * Writes the whole index from rows by shard (a backfill, a repair, a benchmark's bulk load): each
 * chunk put whole, then its head moved past every version a container has seen. For a quiet
 * index only: a row changed meanwhile may be lost from its chunk.
 */
export async function rebuildIndex<Row>(db: Db, ix: ChunkedIndex<Row>, byShard: ReadonlyMap<number, Record<string, Row>>): Promise<{ chunks: number; largestBytes: number }> {
  let largestBytes = 0
  for (let shard = 0; shard < ix.shards; shard++) {
    const rows = byShard.get(shard) ?? {}
    largestBytes = Math.max(largestBytes, Buffer.byteLength(JSON.stringify(rows)))
    const head = await db.doc.send(new UpdateCommand({ ...headBump(db, ix, shard), ReturnValues: 'UPDATED_NEW' }))
    await db.doc.send(new PutCommand({ TableName: db.table, Item: { ...ix.chunkKey(shard), entity: ix.entity, v: Number(head.Attributes?.v ?? 1), ...rows } }))
  }
  wrote(db, ix.headsPk)
  return { chunks: ix.shards, largestBytes }
}

/**
 * Row changes of indexes split by a part (a township): where each id's row goes (`after`) and
 * where it leaves (`before`, when the row moved to another part or goes). `shardOf` must be the
 * same function for every index that shares it, so one file's rows sit in the same-numbered chunks.
 */
export interface RowChange<Row> {
  id: string
  before?: string | undefined
  after?: { part: string; row: Row } | undefined
}

export interface ChunkEdit<Row> {
  ix: ChunkedIndex<Row>
  shard: number
  put: Map<string, Row>
  remove: Set<string>
}

/** The changes grouped by chunk: a transaction may not touch one item twice (two members of one household, say). */
export function chunkEdits<Row>(changes: readonly RowChange<Row>[], indexOf: (part: string) => ChunkedIndex<Row>, shardOf: (id: string) => number): ChunkEdit<Row>[] {
  const edits = new Map<string, ChunkEdit<Row>>()
  const edit = (part: string, id: string) => {
    const ix = indexOf(part)
    const shard = shardOf(id)
    const k = `${ix.headsPk}#${shard}`
    let e = edits.get(k)
    if (!e) edits.set(k, (e = { ix, shard, put: new Map(), remove: new Set() }))
    return e
  }
  for (const { id, before, after } of changes) {
    if (after) edit(after.part, id).put.set(id, after.row)
    if (before !== undefined && (!after || after.part !== before)) edit(before, id).remove.add(id)
  }
  return [...edits.values()]
}

/** One UpdateItem of a chunk: its rows set or removed, its version moved (the head is a separate item). */
export function chunkUpdate<Row>(db: Db, e: ChunkEdit<Row>) {
  const names: Record<string, string> = {}
  const values: Record<string, unknown> = { ':one': 1 }
  const set: string[] = []
  const remove: string[] = []
  let n = 0
  for (const [id, row] of e.put) {
    names[`#a${n}`] = `${e.ix.rowPrefix}${id}`
    values[`:a${n}`] = row
    set.push(`#a${n} = :a${n}`)
    n++
  }
  for (const id of e.remove) {
    names[`#a${n}`] = `${e.ix.rowPrefix}${id}`
    remove.push(`#a${n}`)
    n++
  }
  return {
    TableName: db.table,
    Key: e.ix.chunkKey(e.shard),
    UpdateExpression: [set.length ? `SET ${set.join(', ')}` : '', remove.length ? `REMOVE ${remove.join(', ')}` : '', 'ADD v :one'].filter(Boolean).join(' '),
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  }
}

/** The writes of chunk edits, for the changes' own transaction: per touched chunk, its update and its head's bump. */
export const chunkWrites = <Row>(db: Db, edits: readonly ChunkEdit<Row>[]): TxItem[] => edits.flatMap((e) => [{ Update: chunkUpdate(db, e) }, { Update: headBump(db, e.ix, e.shard) }])

/**
 * Rows per UpdateItem of a bulk add: far below DynamoDB's 4 KB expression limit. Measured on
 * DynamoDB Local (5,000-row import): 200 rows an update cost its JVM 54 s of CPU, 60 rows 39 s.
 */
export const BULK_ROWS = 60

/**
 * Adds bulk-loaded rows outside any transaction (seed, a roster import's new files): per chunk,
 * 60 rows an UpdateItem, one after the other, then one bump of its head by as many updates (the
 * head and its chunk move in step, as in a transaction), so a container that sees the new version
 * reads the new rows. A chunk of a large township is ~100 KB, rewritten whole by each update:
 * the fewer updates, the less the table writes. Until this returns the rows may not be found; a
 * crash in between leaves them out until the index is rebuilt.
 */
export async function addRows<Row>(db: Db, edits: readonly ChunkEdit<Row>[]): Promise<void> {
  await eachLimit(edits, 8, async (e) => {
    const rows = [...e.put]
    let updates = 0
    for (let i = 0; i < rows.length; i += BULK_ROWS, updates++) await db.doc.send(new UpdateCommand(chunkUpdate(db, { ...e, put: new Map(rows.slice(i, i + BULK_ROWS)), remove: new Set() })))
    if (updates) await db.doc.send(new UpdateCommand(headBump(db, e.ix, e.shard, updates)))
  })
  for (const ix of new Set(edits.map((e) => e.ix))) wrote(db, ix.headsPk)
}
