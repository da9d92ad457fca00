/**
 * A container's short memory of a read that many people ask for at once (the targets board): a
 * value is kept for `seconds` on the injected clock, and callers that miss together share one
 * read rather than each making it (no stampede when it expires under load). Per database client,
 * so two test apps in one process never see each other's values. A failed read is not kept.
 */
import type { Db } from '../db/client.js'

interface Entry<T> {
  readAt: number
  value: Promise<T>
}
const byDb = new WeakMap<Db, Map<string, Entry<unknown>>>()

/** Answers the kept value of `key` and when it was read, or reads it now. seconds = 0: always reads. */
export async function remembered<T>(db: Db, key: string, seconds: number, now: () => Date, read: () => Promise<T>): Promise<{ value: T; readAt: Date }> {
  const at = now().getTime()
  if (seconds <= 0) return { value: await read(), readAt: new Date(at) }
  let entries = byDb.get(db)
  if (!entries) byDb.set(db, (entries = new Map()))
  const kept = entries.get(key) as Entry<T> | undefined
  if (kept && at - kept.readAt < seconds * 1000) return { value: await kept.value, readAt: new Date(kept.readAt) }
  const entry: Entry<T> = { readAt: at, value: read() }
  // The keys are few (a year and a scope), but a long-lived container forgets what has expired.
  if (entries.size >= 64) for (const [k, e] of entries) if (at - e.readAt >= seconds * 1000) entries.delete(k)
  entries.set(key, entry)
  try {
    return { value: await entry.value, readAt: new Date(at) }
  } catch (e) {
    if (entries.get(key) === entry) entries.delete(key)
    throw e
  }
}
