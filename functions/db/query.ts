import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb'
import type { Page } from '../../shared/schemas/common.js'
import type { Db } from './client.js'
import { cursorScope, invalidCursor, keyCursor, readKeyCursor } from './cursor.js'
import type { IndexName } from './table-definition.js'

/** One partition of the table or of an index, optionally narrowed to a sort-key prefix. */
export interface PartitionQuery {
  index?: IndexName
  pk: string
  skPrefix?: string
  /** Sort keys from `from` to `to`, both included (instead of a prefix): e.g. open reports up to a date. */
  skBetween?: { from: string; to: string }
  /** Newest first is the default: sort keys start with a time or a ULID. */
  oldestFirst?: boolean
  /** A filter applied after the read (it does not save read capacity; used on small partitions only). */
  filter?: { expression: string; names?: Record<string, string>; values: Record<string, unknown> }
  /** A strongly consistent read (the table only, not an index): a read that a conditional write then relies on. */
  consistent?: boolean
}

const sortKeyName = (q: PartitionQuery) => (q.index ? `${q.index}SK` : 'SK')

/** `skBefore`: only sort keys below this one (a merged page continues there, see queryMergedPage). */
function input(db: Db, q: PartitionQuery, skBefore?: string): QueryCommandInput {
  const pkName = q.index ? `${q.index}PK` : 'PK'
  const skName = sortKeyName(q)
  const keyCondition = q.skPrefix
    ? `${pkName} = :pk AND begins_with(${skName}, :prefix)`
    : q.skBetween
      ? `${pkName} = :pk AND ${skName} BETWEEN :from AND :to`
      : skBefore !== undefined
        ? `${pkName} = :pk AND ${skName} < :before`
        : `${pkName} = :pk`
  return {
    TableName: db.table,
    ...(q.index ? { IndexName: q.index } : {}),
    KeyConditionExpression: keyCondition,
    ...(q.filter ? { FilterExpression: q.filter.expression, ...(q.filter.names ? { ExpressionAttributeNames: q.filter.names } : {}) } : {}),
    ExpressionAttributeValues: { ':pk': q.pk, ...(q.skPrefix ? { ':prefix': q.skPrefix } : {}), ...(q.skBetween && !q.skPrefix ? { ':from': q.skBetween.from, ':to': q.skBetween.to } : {}),
      ...(skBefore !== undefined && !q.skPrefix && !q.skBetween ? { ':before': skBefore } : {}), ...(q.filter?.values ?? {}) },
    ScanIndexForward: Boolean(q.oldestFirst),
    ...(q.consistent && !q.index ? { ConsistentRead: true } : {}),
  }
}

const cursorKeys = (q: PartitionQuery) => (q.index ? ['PK', 'SK', `${q.index}PK`, `${q.index}SK`] : ['PK', 'SK'])

/**
 * Everything that identifies a query: its cursors are valid for this query only. A range's upper end
 * is left out: "older than N days" moves with the clock between one page and the next.
 */
const scopeOf = (q: PartitionQuery) =>
  cursorScope('query', q.index ?? 'table', q.pk, q.skPrefix ?? '', Boolean(q.oldestFirst), q.filter ? [q.filter.expression, q.filter.names ?? {}, q.filter.values] : null, ...(q.skBetween ? [['between', q.skBetween.from]] : []))

/** One page: a single Query with Limit, its LastEvaluatedKey handed back as an opaque cursor. */
export async function queryPage<T>(db: Db, q: PartitionQuery, page: { limit: number; cursor?: string }, map: (item: Record<string, unknown>) => T): Promise<Page<T>> {
  const scope = scopeOf(q)
  const r = await db.doc.send(new QueryCommand({ ...input(db, q), Limit: page.limit, ExclusiveStartKey: readKeyCursor(db.cursors, scope, page.cursor, cursorKeys(q)) }))
  return { items: (r.Items ?? []).map(map), nextCursor: keyCursor(db.cursors, scope, r.LastEvaluatedKey) }
}

/**
 * One page like `queryPage`, each item with the cursor that continues right after it: a caller
 * that keeps only some items (decided in code, not by a filter) can stop mid-page and go on from
 * the last item it handed out, so nothing is skipped or repeated.
 */
export async function queryMarkedPage<T>(db: Db, q: PartitionQuery, page: { limit: number; cursor?: string }, map: (item: Record<string, unknown>) => T): Promise<{ items: { item: T; after: string }[]; nextCursor: string | null }> {
  const keys = cursorKeys(q)
  const scope = scopeOf(q)
  const r = await db.doc.send(new QueryCommand({ ...input(db, q), Limit: page.limit, ExclusiveStartKey: readKeyCursor(db.cursors, scope, page.cursor, keys) }))
  const items = (r.Items ?? []).map((i) => ({ item: map(i), after: keyCursor(db.cursors, scope, Object.fromEntries(keys.map((k) => [k, i[k]])))! }))
  return { items, nextCursor: keyCursor(db.cursors, scope, r.LastEvaluatedKey) }
}

/**
 * A page of a filtered query, filled: DynamoDB applies a filter after `Limit`, so one read can
 * return few or no items while more match further on. Reads on (each evaluating a full page) until
 * the page is full, the partition ends, or `maxReads` reads were made; the cursor is then the key
 * of the last item handed out, so nothing is skipped or repeated.
 */
export async function queryFilledPage<T>(db: Db, q: PartitionQuery, page: { limit: number; cursor?: string }, map: (item: Record<string, unknown>) => T, maxReads = 8): Promise<Page<T>> {
  if (!q.filter) return queryPage(db, q, page, map)
  const keys = cursorKeys(q)
  const scope = scopeOf(q)
  const kept: Record<string, unknown>[] = []
  let start: Record<string, unknown> | undefined = readKeyCursor(db.cursors, scope, page.cursor, keys)
  for (let reads = 0; reads < maxReads && kept.length < page.limit; reads++) {
    const r = await db.doc.send(new QueryCommand({ ...input(db, q), Limit: Math.max(page.limit, 50), ExclusiveStartKey: start }))
    const items = r.Items ?? []
    const room = page.limit - kept.length
    if (items.length > room) {
      kept.push(...items.slice(0, room))
      const last = kept[kept.length - 1]!
      return { items: kept.map(map), nextCursor: keyCursor(db.cursors, scope, Object.fromEntries(keys.map((k) => [k, last[k]]))) }
    }
    kept.push(...items)
    start = r.LastEvaluatedKey
    if (!start) break
  }
  return { items: kept.map(map), nextCursor: keyCursor(db.cursors, scope, start) }
}

/**
 * One page over several partitions of an index read as one list, newest first by sort key (an
 * owner's posts across their workshops). Sort keys end in an id, so they are unique: the cursor is
 * the sort key of the last item handed out, and the next page reads each partition below it. A
 * page reads at most `limit` items from each partition; prefixed, filtered or oldest-first queries
 * are not merged here.
 */
export async function queryMergedPage<T>(db: Db, qs: readonly PartitionQuery[], page: { limit: number; cursor?: string }, map: (item: Record<string, unknown>) => T): Promise<Page<T>> {
  if (qs.some((q) => q.skPrefix || q.skBetween || q.filter || q.oldestFirst || q.index !== qs[0]?.index)) throw new Error('queryMergedPage: plain newest-first queries of one index only')
  const scope = cursorScope('merged', ...qs.map(scopeOf))
  let before: string | undefined
  if (page.cursor) {
    const v = db.cursors.decode(scope, page.cursor) as { before?: unknown } | null
    if (!v || typeof v !== 'object' || typeof v.before !== 'string' || !v.before) throw invalidCursor()
    before = v.before
  }
  const reads = await Promise.all(qs.map((q) => db.doc.send(new QueryCommand({ ...input(db, q, before), Limit: page.limit }))))
  const sk = qs[0] ? sortKeyName(qs[0]) : 'SK'
  const merged = reads.flatMap((r) => r.Items ?? []).sort((a, b) => (String(a[sk]) < String(b[sk]) ? 1 : String(a[sk]) > String(b[sk]) ? -1 : 0))
  const items = merged.slice(0, page.limit)
  // More exist when this page left items out, or a partition stopped at its Limit.
  const more = merged.length > page.limit || reads.some((r) => r.LastEvaluatedKey)
  const last = items.at(-1)
  return { items: items.map(map), nextCursor: more && last ? db.cursors.encode(scope, { before: String(last[sk]) }) : null }
}

/** A whole partition, for reads that need all of it: Query after Query (each stops at 1 MB) until it ends. */
export async function queryAll<T>(db: Db, q: PartitionQuery, map: (item: Record<string, unknown>) => T): Promise<T[]> {
  const out: T[] = []
  let start: Record<string, unknown> | undefined
  do {
    const r = await db.doc.send(new QueryCommand({ ...input(db, q), ExclusiveStartKey: start }))
    out.push(...(r.Items ?? []).map(map))
    start = r.LastEvaluatedKey
  } while (start)
  return out
}

/**
 * How many items of a partition (or a sort-key range of it) there are, counting at most `cap`: a
 * `Select: COUNT` Query without a filter, read on past 1 MB pages until `cap + 1` are seen. Answers
 * the exact count, or `capped` when there are more than `cap` (shown as "99+", never a wrong figure).
 */
export async function countUpTo(db: Db, q: Omit<PartitionQuery, 'filter' | 'oldestFirst'>, cap: number): Promise<{ count: number; capped: boolean }> {
  let count = 0
  let start: Record<string, unknown> | undefined
  do {
    const r = await db.doc.send(new QueryCommand({ ...input(db, { ...q, oldestFirst: true }), Select: 'COUNT', Limit: cap + 1 - count, ExclusiveStartKey: start }))
    count += r.Count ?? 0
    start = r.LastEvaluatedKey
  } while (start && count <= cap)
  return count > cap ? { count: cap, capped: true } : { count, capped: false }
}
