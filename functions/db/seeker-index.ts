/**
 * 求职者索引 the seeker index, stored and cached (docs/data-model.md, "The seeker index"), modelled
 * on the index of open posts (post-index.ts). Writes: every change of a file's matching facts puts
 * its row in its township's chunk (removing it from the old township's when it moved) and bumps
 * the chunk's head, inside the file's own transaction (seekerIndexWrites); bulk loads that have no
 * transaction add their rows right after (addToSeekerIndex). Reads (chunked-index.ts, shared with
 * the posts' index): a container keeps every chunk it has read; each request Queries the
 * township's heads (16 tiny items) and re-reads (BatchGet) only the chunks whose version moved.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb'
import { eachLimit } from '../../shared/each-limit.js'
import { seekerRow, type SeekerRow } from '../../shared/seeker-index.js'
import type { Seeker } from '../../shared/schemas/seekers.js'
import type { Db } from './client.js'
import { wrote } from './recent-reads.js'
import { headBump, indexRows, rebuildIndex, type ChunkedIndex } from './chunked-index.js'
import {
  SEEKER_INDEX_ROW_PREFIX,
  SEEKER_INDEX_SHARDS,
  seekerIndexChunkKey,
  seekerIndexHeadKey,
  seekerIndexHeads,
  seekerIndexRowAttribute,
  seekerIndexShard,
  shardOfSeekerChunk,
} from './keys.js'
import type { TxItem } from './tx.js'

/** A township's index, as chunked-index.ts reads and rebuilds it (one object per township, so its cache is one too). */
const indexes = new Map<string, ChunkedIndex<SeekerRow>>()
function indexOf(township: string): ChunkedIndex<SeekerRow> {
  let ix = indexes.get(township)
  if (!ix) {
    ix = {
      headsPk: seekerIndexHeads(township),
      shards: SEEKER_INDEX_SHARDS,
      chunkKey: (shard) => seekerIndexChunkKey(township, shard),
      headKey: (shard) => seekerIndexHeadKey(township, shard),
      shardOfChunk: (item) => shardOfSeekerChunk(String(item.PK)),
      rowPrefix: SEEKER_INDEX_ROW_PREFIX,
      entity: 'seekerIndex',
    }
    indexes.set(township, ix)
  }
  return ix
}

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

const headUpdate = (db: Db, township: string, shard: number) => headBump(db, indexOf(township), shard)

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
  for (const township of new Set(updates.map((u) => u.township))) wrote(db, indexOf(township).headsPk)
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
  return { ...(await rebuildIndex(db, indexOf(township), byShard)), rows: count }
}

/**
 * Every file row of a township, as of this call: one Query of its heads, then a BatchGet of the
 * chunks whose head moved since this container read them (none when nothing changed). Rows are
 * in no particular order; the array is the same object until a chunk changes.
 */
export const seekerRowsOf = (db: Db, township: string): Promise<{ rows: readonly SeekerRow[]; version: string }> => indexRows(db, indexOf(township))
