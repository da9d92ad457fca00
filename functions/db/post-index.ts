/**
 * 岗位索引 the index of open posts, stored and cached (docs/data-model.md, "The index of open
 * posts"). Writes: every change of a post puts (open) or removes (any other status) its row in its
 * chunk and bumps the chunk's head, inside the post's own transaction (indexWrites). Reads: a
 * container keeps every chunk it has read; each request Queries the heads (one small Query, 0.5
 * RCU for 128 heads) and re-reads only the chunks whose version moved (BatchGet).
 */
import { BatchGetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb'
import { indexRow, newestFirst, type IndexRow, type PostSearchKeys } from '../../shared/post-index.js'
import { textKeys } from '../../shared/search/text-keys.js'
import type { Post } from '../../shared/schemas/posts.js'
import type { Db } from './client.js'
import {
  POST_INDEX_HEADS,
  POST_INDEX_ROW_PREFIX,
  POST_INDEX_SHARDS,
  postIndexChunkKey,
  postIndexHeadKey,
  postIndexRowAttribute,
  postIndexShard,
  shardOfHead,
} from './keys.js'
import type { TxItem } from './tx.js'

/** The search keys of a post, computed when it is written (pinyin-pro is loaded there, never on a read). */
export async function searchKeysOf(post: Pick<Post, 'title' | 'workshopName'>): Promise<PostSearchKeys> {
  const [title, workshop] = await Promise.all([textKeys(post.title), post.workshopName ? textKeys(post.workshopName) : undefined])
  return { title, ...(workshop ? { workshop } : {}) }
}

/**
 * The index writes of one post change, for the post's own transaction: its row put when the post
 * is (still) open, removed when it leaves open, nothing when it was and stays out of the index.
 */
export function indexWrites(db: Db, before: Pick<Post, 'status'> | undefined, after: Post, keys: PostSearchKeys | undefined): TxItem[] {
  const shard = postIndexShard(after.id)
  const names = { '#r': postIndexRowAttribute(after.id) }
  let chunk: TxItem
  if (after.status === 'open') {
    if (!keys) throw new Error('an open post needs its search keys in the index')
    chunk = { Update: { TableName: db.table, Key: postIndexChunkKey(shard), UpdateExpression: 'SET #r = :row ADD v :one', ExpressionAttributeNames: names, ExpressionAttributeValues: { ':row': indexRow(after, keys), ':one': 1 } } }
  } else if (before?.status === 'open') {
    chunk = { Update: { TableName: db.table, Key: postIndexChunkKey(shard), UpdateExpression: 'REMOVE #r ADD v :one', ExpressionAttributeNames: names, ExpressionAttributeValues: { ':one': 1 } } }
  } else return []
  return [chunk, { Update: { TableName: db.table, Key: postIndexHeadKey(shard), UpdateExpression: 'ADD v :one', ExpressionAttributeValues: { ':one': 1 } } }]
}

// ── The per-container cache.

interface Chunk {
  version: number
  rows: IndexRow[]
}

class IndexCache {
  readonly chunks = new Map<number, Chunk>()
  /** Chunk reads in flight, by shard and version: requests that see the same change share one read. */
  readonly loading = new Map<string, Promise<Chunk>>()
  all: IndexRow[] = []
  /** Changes whenever any chunk does: the key of what is computed from the whole index (recommendations). */
  version = ''
  dirty = true
}

/** Per Db (a container has one; tests make one per simulated container). */
const caches = new WeakMap<Db, IndexCache>()
const cacheOf = (db: Db): IndexCache => {
  let c = caches.get(db)
  if (!c) caches.set(db, (c = new IndexCache()))
  return c
}

const rowsOf = (item: Record<string, unknown> | undefined): IndexRow[] =>
  item ? Object.entries(item).filter(([k]) => k.startsWith(POST_INDEX_ROW_PREFIX)).map(([, v]) => v as IndexRow) : []

/** Reads chunks by BatchGet (100 keys a call), again for what DynamoDB leaves unprocessed. */
async function readChunks(db: Db, shards: number[]): Promise<Map<number, Chunk>> {
  const out = new Map<number, Chunk>()
  for (let i = 0; i < shards.length; i += 100) {
    let keys: Record<string, unknown>[] | undefined = shards.slice(i, i + 100).map(postIndexChunkKey)
    for (let attempt = 0; keys && keys.length; attempt++) {
      if (attempt > 8) throw new Error('post index: chunks still unprocessed after retries')
      if (attempt > 0) await new Promise((r) => setTimeout(r, 20 * 2 ** attempt))
      const r = await db.doc.send(new BatchGetCommand({ RequestItems: { [db.table]: { Keys: keys } } }))
      for (const item of r.Responses?.[db.table] ?? []) {
        const shard = Number(String(item.PK).slice('POSTINDEX#'.length))
        out.set(shard, { version: Number(item.v ?? 0), rows: rowsOf(item) })
      }
      keys = r.UnprocessedKeys?.[db.table]?.Keys as Record<string, unknown>[] | undefined
    }
  }
  return out
}

/** The heads: each chunk's version (a chunk never written has none). */
async function readHeads(db: Db): Promise<Map<number, number>> {
  const heads = new Map<number, number>()
  let start: Record<string, unknown> | undefined
  do {
    const r = await db.doc.send(
      new QueryCommand({ TableName: db.table, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': POST_INDEX_HEADS }, ...(start ? { ExclusiveStartKey: start } : {}) }),
    )
    for (const item of r.Items ?? []) heads.set(shardOfHead(String(item.SK)), Number(item.v ?? 0))
    start = r.LastEvaluatedKey
  } while (start)
  return heads
}

/**
 * Every open post's row, as of this call: one Query of the heads, then a BatchGet of the chunks
 * whose head moved since this container read them (none when nothing changed; all on a cold start).
 */
export async function openPostRows(db: Db): Promise<{ rows: readonly IndexRow[]; version: string }> {
  const cache = cacheOf(db)
  const heads = await readHeads(db)
  const stale = [...heads].filter(([shard, v]) => (cache.chunks.get(shard)?.version ?? -1) < v).map(([shard]) => shard)
  if (stale.length) {
    const fresh = stale.filter((shard) => !cache.loading.has(`${shard}@${heads.get(shard)}`))
    if (fresh.length) {
      const read = readChunks(db, fresh)
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
    // Sorted once per change, so that a newest-first page reads only its own rows (shared/browse.ts).
    cache.all = [...cache.chunks.values()].flatMap((c) => c.rows).sort(newestFirst)
    cache.version = [...cache.chunks].sort((a, b) => a[0] - b[0]).map(([s, c]) => `${s}:${c.version}`).join(',')
    cache.dirty = false
  }
  return { rows: cache.all, version: cache.version }
}

/**
 * Writes the whole index from the given open posts (a new table's backfill, or the benchmark's
 * bulk load): each chunk put whole, then its head moved past every version a container has seen.
 * For a quiet table only: a post changed meanwhile may be lost from its chunk.
 */
export async function rebuildPostIndex(db: Db, open: readonly Post[], keysOf: (p: Post) => Promise<PostSearchKeys> = searchKeysOf): Promise<{ chunks: number; largestBytes: number }> {
  const byShard = new Map<number, Record<string, IndexRow>>()
  for (const post of open) {
    if (post.status !== 'open') continue
    const shard = postIndexShard(post.id)
    const rows = byShard.get(shard) ?? {}
    rows[postIndexRowAttribute(post.id)] = indexRow(post, await keysOf(post))
    byShard.set(shard, rows)
  }
  let largestBytes = 0
  for (let shard = 0; shard < POST_INDEX_SHARDS; shard++) {
    const rows = byShard.get(shard) ?? {}
    largestBytes = Math.max(largestBytes, Buffer.byteLength(JSON.stringify(rows)))
    const head = await db.doc.send(new UpdateCommand({ TableName: db.table, Key: postIndexHeadKey(shard), UpdateExpression: 'ADD v :one', ExpressionAttributeValues: { ':one': 1 }, ReturnValues: 'UPDATED_NEW' }))
    await db.doc.send(new PutCommand({ TableName: db.table, Item: { ...postIndexChunkKey(shard), entity: 'postIndex', v: Number(head.Attributes?.v ?? 1), ...rows } }))
  }
  return { chunks: POST_INDEX_SHARDS, largestBytes }
}
