/**
 * 求职者索引 the seeker index, stored and cached (docs/data-model.md, "The seeker index"), modelled
 * on the index of open posts (post-index.ts). Writes: every change of a file's matching facts puts
 * its row in its township's chunk (removing it from the old township's when it moved) and bumps
 * the chunk's head, inside the file's own transaction (seekerIndexWrites); bulk loads that have no
 * transaction add their rows right after (addToSeekerIndex). Reads: a container keeps every chunk
 * it has read; each request Queries the township's heads (16 tiny items) and re-reads (BatchGet)
 * only the chunks whose version moved.
 */
import { BatchGetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb'
import { eachLimit } from '../../shared/each-limit.js'
import { seekerRow, type SeekerRow } from '../../shared/seeker-index.js'
import type { Seeker } from '../../shared/schemas/seekers.js'
import type { Db } from './client.js'
import {
  SEEKER_INDEX_ROW_PREFIX,
  SEEKER_INDEX_SHARDS,
  seekerIndexChunkKey,
  seekerIndexHeadKey,
  seekerIndexHeads,
  seekerIndexRowAttribute,
  seekerIndexShard,
  shardOfHead,
  shardOfSeekerChunk,
} from './keys.js'
import type { TxItem } from './tx.js'

/** One change of a file: before (absent for a new file), after (absent for a file that goes). */
export interface SeekerChange {
  before?: Pick<Seeker, 'id' | 'township'> | undefined
  after?: Seeker | undefined
}

interface ChunkEdit {
  township: string
  shard: number
  put: Map<string, SeekerRow>
  remove: Set<string>
}

/** The changes grouped by chunk: a transaction may not touch one item twice (two members of one household, say). */
function editsOf(changes: readonly SeekerChange[]): ChunkEdit[] {
  const edits = new Map<string, ChunkEdit>()
  const edit = (township: string, id: string) => {
    const shard = seekerIndexShard(id)
    const k = `${township}#${shard}`
    let e = edits.get(k)
    if (!e) edits.set(k, (e = { township, shard, put: new Map(), remove: new Set() }))
    return e
  }
  for (const { before, after } of changes) {
    if (after) edit(after.township, after.id).put.set(after.id, seekerRow(after))
    if (before && (!after || after.township !== before.township)) edit(before.township, before.id).remove.add(before.id)
  }
  return [...edits.values()]
}

function chunkUpdate(db: Db, e: ChunkEdit) {
  const names: Record<string, string> = {}
  const values: Record<string, unknown> = { ':one': 1 }
  const set: string[] = []
  const remove: string[] = []
  let n = 0
  for (const [id, row] of e.put) {
    names[`#a${n}`] = seekerIndexRowAttribute(id)
    values[`:a${n}`] = row
    set.push(`#a${n} = :a${n}`)
    n++
  }
  for (const id of e.remove) {
    names[`#a${n}`] = seekerIndexRowAttribute(id)
    remove.push(`#a${n}`)
    n++
  }
  return {
    TableName: db.table,
    Key: seekerIndexChunkKey(e.township, e.shard),
    UpdateExpression: [set.length ? `SET ${set.join(', ')}` : '', remove.length ? `REMOVE ${remove.join(', ')}` : '', 'ADD v :one'].filter(Boolean).join(' '),
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  }
}

const headUpdate = (db: Db, township: string, shard: number) => ({ TableName: db.table, Key: seekerIndexHeadKey(township, shard), UpdateExpression: 'ADD v :one', ExpressionAttributeValues: { ':one': 1 } })

/** The index writes of file changes, for the changes' own transaction: per touched chunk, its rows put or removed and its head bumped. */
export function seekerIndexWrites(db: Db, changes: readonly SeekerChange[]): TxItem[] {
  return editsOf(changes).flatMap((e) => [{ Update: chunkUpdate(db, e) }, { Update: headUpdate(db, e.township, e.shard) }])
}

/** Rows per UpdateItem of a bulk add: keeps the update expression far below DynamoDB's 4 KB. */
const BULK_ROWS = 60

/**
 * Adds bulk-loaded files' rows (seed, a roster import's new files, the benchmark): files written
 * without a transaction of their own, or in many small ones that must not all wait on a township's
 * chunks. Until this returns, those files are not yet candidates (the window is the bulk write's
 * own length); a crash in between leaves them out until rebuildSeekerIndex.
 */
export async function addToSeekerIndex(db: Db, seekers: readonly Seeker[]): Promise<void> {
  const updates: { chunk: ReturnType<typeof chunkUpdate>; township: string; shard: number }[] = []
  for (const e of editsOf(seekers.map((after) => ({ after })))) {
    const rows = [...e.put]
    for (let i = 0; i < rows.length; i += BULK_ROWS) updates.push({ chunk: chunkUpdate(db, { ...e, put: new Map(rows.slice(i, i + BULK_ROWS)) }), township: e.township, shard: e.shard })
  }
  await eachLimit(updates, 8, async (u) => {
    await db.doc.send(new UpdateCommand(u.chunk))
    // The head moves after its chunk, so a container that sees the new version reads the new rows.
    await db.doc.send(new UpdateCommand(headUpdate(db, u.township, u.shard)))
  })
}

/**
 * Writes a township's index whole from its files (a table from before the index, or a repair):
 * each chunk put whole, then its head moved past every version a container has seen. For a quiet
 * township only: a file changed meanwhile may be lost from its chunk.
 */
export async function rebuildSeekerIndex(db: Db, township: string, files: readonly Seeker[]): Promise<{ chunks: number; rows: number; largestBytes: number }> {
  const byShard = new Map<number, Record<string, SeekerRow>>()
  let count = 0
  for (const s of files) {
    if (s.township !== township) continue
    const shard = seekerIndexShard(s.id)
    const rows = byShard.get(shard) ?? {}
    rows[seekerIndexRowAttribute(s.id)] = seekerRow(s)
    byShard.set(shard, rows)
    count++
  }
  let largestBytes = 0
  for (let shard = 0; shard < SEEKER_INDEX_SHARDS; shard++) {
    const rows = byShard.get(shard) ?? {}
    largestBytes = Math.max(largestBytes, Buffer.byteLength(JSON.stringify(rows)))
    const head = await db.doc.send(new UpdateCommand({ ...headUpdate(db, township, shard), ReturnValues: 'UPDATED_NEW' }))
    await db.doc.send(new PutCommand({ TableName: db.table, Item: { ...seekerIndexChunkKey(township, shard), entity: 'seekerIndex', v: Number(head.Attributes?.v ?? 1), ...rows } }))
  }
  return { chunks: SEEKER_INDEX_SHARDS, rows: count, largestBytes }
}

// ── The per-container cache, per township.

interface Chunk {
  version: number
  rows: SeekerRow[]
}

class TownshipCache {
  readonly chunks = new Map<number, Chunk>()
  /** Chunk reads in flight, by shard and version: requests that see the same change share one read. */
  readonly loading = new Map<string, Promise<Chunk>>()
  all: SeekerRow[] = []
  /** Changes whenever any chunk does: the key of what is computed from the township's rows (a post's shortlist). */
  version = ''
  dirty = true
}

/** Per Db (a container has one; tests make one per simulated container), then per township. */
const caches = new WeakMap<Db, Map<string, TownshipCache>>()
const cacheOf = (db: Db, township: string): TownshipCache => {
  let byTownship = caches.get(db)
  if (!byTownship) caches.set(db, (byTownship = new Map()))
  let c = byTownship.get(township)
  if (!c) byTownship.set(township, (c = new TownshipCache()))
  return c
}

const rowsOf = (item: Record<string, unknown>): SeekerRow[] => Object.entries(item).filter(([k]) => k.startsWith(SEEKER_INDEX_ROW_PREFIX)).map(([, v]) => v as SeekerRow)

/** Reads a township's chunks by BatchGet (at most 16 keys), again for what DynamoDB leaves unprocessed. */
async function readChunks(db: Db, township: string, shards: number[]): Promise<Map<number, Chunk>> {
  const out = new Map<number, Chunk>()
  let keys: Record<string, unknown>[] | undefined = shards.map((s) => seekerIndexChunkKey(township, s))
  for (let attempt = 0; keys && keys.length; attempt++) {
    if (attempt > 8) throw new Error('seeker index: chunks still unprocessed after retries')
    if (attempt > 0) await new Promise((r) => setTimeout(r, 20 * 2 ** attempt))
    const r = await db.doc.send(new BatchGetCommand({ RequestItems: { [db.table]: { Keys: keys } } }))
    for (const item of r.Responses?.[db.table] ?? []) out.set(shardOfSeekerChunk(String(item.PK)), { version: Number(item.v ?? 0), rows: rowsOf(item) })
    keys = r.UnprocessedKeys?.[db.table]?.Keys as Record<string, unknown>[] | undefined
  }
  return out
}

/** A township's heads: each chunk's version (a chunk never written has none). */
async function readHeads(db: Db, township: string): Promise<Map<number, number>> {
  const heads = new Map<number, number>()
  let start: Record<string, unknown> | undefined
  do {
    const r = await db.doc.send(
      new QueryCommand({ TableName: db.table, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': seekerIndexHeads(township) }, ...(start ? { ExclusiveStartKey: start } : {}) }),
    )
    for (const item of r.Items ?? []) heads.set(shardOfHead(String(item.SK)), Number(item.v ?? 0))
    start = r.LastEvaluatedKey
  } while (start)
  return heads
}

/**
 * Every file row of a township, as of this call: one Query of its heads, then a BatchGet of the
 * chunks whose head moved since this container read them (none when nothing changed). Rows are
 * in no particular order.
 */
export async function seekerRowsOf(db: Db, township: string): Promise<{ rows: readonly SeekerRow[]; version: string }> {
  const cache = cacheOf(db, township)
  const heads = await readHeads(db, township)
  const stale = [...heads].filter(([shard, v]) => (cache.chunks.get(shard)?.version ?? -1) < v).map(([shard]) => shard)
  if (stale.length) {
    const fresh = stale.filter((shard) => !cache.loading.has(`${shard}@${heads.get(shard)}`))
    if (fresh.length) {
      const read = readChunks(db, township, fresh)
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
    cache.all = [...cache.chunks.values()].flatMap((c) => c.rows)
    cache.version = [...cache.chunks].sort((a, b) => a[0] - b[0]).map(([s, c]) => `${s}:${c.version}`).join(',')
    cache.dirty = false
  }
  return { rows: cache.all, version: cache.version }
}
