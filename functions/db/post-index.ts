/**
 * 岗位索引 the index of open posts, stored and cached (docs/data-model.md, "The index of open
 * posts"). Writes: every change of a post puts (open) or removes (any other status) its row in its
 * chunk and bumps the chunk's head, inside the post's own transaction (indexWrites). Reads: a
 * container keeps every chunk it has read; each request Queries the heads (one small Query, 0.5
 * RCU for 128 heads) and re-reads only the chunks whose version moved (BatchGet).
 */
import { indexRow, newestFirst, type IndexRow, type PostSearchKeys } from '../../shared/post-index.js'
import { textKeys } from '../../shared/search/text-keys.js'
import type { Post } from '../../shared/schemas/posts.js'
import type { Db } from './client.js'
import { indexRows, rebuildIndex, type ChunkedIndex } from './chunked-index.js'
import {
  POST_INDEX_HEADS,
  POST_INDEX_ROW_PREFIX,
  POST_INDEX_SHARDS,
  postIndexChunkKey,
  postIndexHeadKey,
  postIndexRowAttribute,
  postIndexShard,
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

// ── Reads: the shared chunked index (chunked-index.ts), sorted once per change so that a
// newest-first page reads only its own rows (shared/browse.ts).

const POST_INDEX: ChunkedIndex<IndexRow> = {
  headsPk: POST_INDEX_HEADS,
  shards: POST_INDEX_SHARDS,
  chunkKey: postIndexChunkKey,
  headKey: postIndexHeadKey,
  shardOfChunk: (item) => Number(String(item.PK).slice('POSTINDEX#'.length)),
  rowPrefix: POST_INDEX_ROW_PREFIX,
  entity: 'postIndex',
  order: newestFirst,
}

/**
 * Every open post's row, as of this call: one Query of the heads, then a BatchGet of the chunks
 * whose head moved since this container read them (none when nothing changed; all on a cold start).
 */
export const openPostRows = (db: Db): Promise<{ rows: readonly IndexRow[]; version: string }> => indexRows(db, POST_INDEX)

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
  return rebuildIndex(db, POST_INDEX, byShard)
}
