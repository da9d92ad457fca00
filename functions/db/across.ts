import type { Page } from '../../shared/schemas/common.js'
import type { Db } from './client.js'
import { cursorScope, invalidCursor } from './cursor.js'

/** One township's page of a list: the list's own per-township query (a single partition). */
export type TownshipPage<T> = (township: string, page: { limit: number; cursor?: string }) => Promise<Page<T>>

/**
 * One page of a per-township list read across several townships (全区 whole district), in the
 * townships' fixed order (shared/geo.ts), each township's rows in that list's own order. The page
 * is filled across township boundaries: each township's own query is asked for what the page still
 * lacks, so a page reads at most one Query per township. The cursor is `{ t, c }`: the index of the
 * township to go on with and that township's own cursor (null: from its start), signed for this
 * list (`scope`: its name and filters) and these townships, so it cannot be edited or carried to
 * another list. `nextCursor` is null only when the last township is done; like a single Query, a
 * page that ends exactly at the end of the list may still hand out a cursor whose page is empty.
 * One township is the township's own list, its cursors unchanged.
 */
export async function acrossTownships<T>(
  db: Db,
  scope: readonly unknown[],
  townships: readonly string[],
  page: { limit: number; cursor?: string | undefined },
  pageOf: TownshipPage<T>,
): Promise<Page<T>> {
  if (townships.length === 1) return pageOf(townships[0]!, { limit: page.limit, ...(page.cursor ? { cursor: page.cursor } : {}) })
  const signed = cursorScope('across', townships, ...scope)
  let t = 0
  let inner: string | undefined
  if (page.cursor) {
    const v = db.cursors.decode(signed, page.cursor) as { t?: unknown; c?: unknown } | null
    if (!v || typeof v !== 'object' || typeof v.t !== 'number' || !Number.isSafeInteger(v.t) || v.t < 0 || v.t >= townships.length) throw invalidCursor()
    if (v.c !== null && (typeof v.c !== 'string' || !v.c)) throw invalidCursor()
    t = v.t
    inner = v.c ?? undefined
  }
  const items: T[] = []
  // Bounded reads: one per township, plus a few where a filtered township page came back short.
  for (let reads = 0; t < townships.length; reads++) {
    if (reads >= townships.length + 8) return { items, nextCursor: db.cursors.encode(signed, { t, c: inner ?? null }) }
    const got = await pageOf(townships[t]!, { limit: page.limit - items.length, ...(inner ? { cursor: inner } : {}) })
    items.push(...got.items)
    if (got.nextCursor) {
      if (items.length >= page.limit) return { items, nextCursor: db.cursors.encode(signed, { t, c: got.nextCursor }) }
      // A township's page can come back short with more to read (a filtered query): read on there.
      inner = got.nextCursor
      continue
    }
    t++
    inner = undefined
    if (items.length >= page.limit) return { items, nextCursor: t < townships.length ? db.cursors.encode(signed, { t, c: null }) : null }
  }
  return { items, nextCursor: null }
}
