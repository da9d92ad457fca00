/**
 * 求职者索引 the seeker index, stored and cached (docs/data-model.md, "The seeker index"), modelled
 * on the index of open posts (post-index.ts). Writes: every change of a file's matching facts puts
 * its row in its township's chunk (removing it from the old township's when it moved) and bumps
 * the chunk's head, inside the file's own transaction (seekerIndexWrites); bulk loads that have no
 * transaction add their rows right after (addToSeekerIndex). Reads (chunked-index.ts, shared with
 * the posts' index): a container keeps every chunk it has read; each request Queries the
 * township's heads (16 tiny items) and re-reads (BatchGet) only the chunks whose version moved.
 */
import { seekerRow, type SeekerRow } from '../../shared/seeker-index.js'
import type { Seeker } from '../../shared/schemas/seekers.js'
import type { Db } from './client.js'
import { addRows, chunkEdits, chunkWrites, indexRows, rebuildIndex, type ChunkedIndex, type RowChange } from './chunked-index.js'
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

const changesOf = (changes: readonly SeekerChange[]): RowChange<SeekerRow>[] =>
  changes.map(({ before, after }) => ({ id: (after ?? before)!.id, before: before?.township, ...(after ? { after: { part: after.township, row: seekerRow(after) } } : {}) }))
const editsOf = (changes: readonly SeekerChange[]) => chunkEdits(changesOf(changes), indexOf, seekerIndexShard)

/** The index writes of file changes, for the changes' own transaction: per touched chunk, its rows put or removed and its head bumped. */
export const seekerIndexWrites = (db: Db, changes: readonly SeekerChange[]): TxItem[] => chunkWrites(db, editsOf(changes))

/**
 * Adds bulk-loaded files' rows (seed, a roster import's new files, the benchmark): files written
 * without a transaction of their own, or in many small ones that must not all wait on a township's
 * chunks. Until this returns, those files are not yet candidates (the window is the bulk write's
 * own length); a crash in between leaves them out until rebuildSeekerIndex.
 */
export const addToSeekerIndex = (db: Db, seekers: readonly Seeker[]): Promise<void> => addRows(db, editsOf(seekers.map((after) => ({ after }))))

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
