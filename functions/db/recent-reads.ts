/**
 * A container's recent reads of small, shared, rarely changing partitions (the heads of the
 * chunked indexes, a year's policy): a read made less than `Db.recheckMs` ago is answered again
 * without going to DynamoDB, and requests that miss together share one read. A write through
 * this Db to the partition (transact, or a caller's `wrote`) forgets it at once, so a container
 * always reads its own writes; another container's write is seen within `recheckMs`, the same
 * staleness as a DynamoDB global secondary index (docs/data-model.md, "Reading the indexes").
 * recheckMs = 0 (tests by default): every read goes to DynamoDB.
 */
import type { Db } from './client.js'

interface Entry {
  at: number
  value: Promise<unknown>
}
interface Partitions {
  entries: Map<string, Entry>
  /** Moves with every write of a partition: a read begun before it is not kept. */
  generation: Map<string, number>
}
const byDb = new WeakMap<Db, Partitions>()
/** Partitions kept at most (per-person reads, such as a seeker's own file, are many): the oldest read goes first. */
const KEPT = 20_000

function partitionsOf(db: Db): Partitions {
  let p = byDb.get(db)
  if (!p) byDb.set(db, (p = { entries: new Map(), generation: new Map() }))
  return p
}

/** The value of `read()` for partition `pk`, from this container's recent read of it when there is one. */
export async function recentRead<T>(db: Db, pk: string, read: () => Promise<T>): Promise<T> {
  const ms = db.recheckMs ?? 0
  if (ms <= 0) return read()
  const p = partitionsOf(db)
  const now = Date.now()
  const kept = p.entries.get(pk)
  if (kept && now - kept.at < ms) return kept.value as Promise<T>
  const generation = p.generation.get(pk) ?? 0
  const value = read()
  const entry: Entry = { at: now, value }
  // Re-inserted, so the map's order is the reads' order.
  p.entries.delete(pk)
  p.entries.set(pk, entry)
  if (p.entries.size > KEPT) p.entries.delete(p.entries.keys().next().value!)
  try {
    const v = await value
    // Written meanwhile: the next caller reads again.
    if ((p.generation.get(pk) ?? 0) !== generation && p.entries.get(pk) === entry) p.entries.delete(pk)
    return v
  } catch (e) {
    if (p.entries.get(pk) === entry) p.entries.delete(pk)
    throw e
  }
}

/** This container wrote to partition `pk`: its next read goes to DynamoDB. */
export function wrote(db: Db, pk: string): void {
  const p = byDb.get(db)
  if (!p) return
  p.generation.set(pk, (p.generation.get(pk) ?? 0) + 1)
  p.entries.delete(pk)
}
