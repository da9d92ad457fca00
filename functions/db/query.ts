import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb'
import type { Page } from '../../shared/schemas/common.js'
import type { Db } from './client.js'
import { cursorScope, keyCursor, readKeyCursor } from './cursor.js'
import type { IndexName } from './table-definition.js'

/** One partition of the table or of an index, optionally narrowed to a sort-key prefix. */
export interface PartitionQuery {
  index?: IndexName
  pk: string
  skPrefix?: string
  /** Newest first is the default: sort keys start with a time or a ULID. */
  oldestFirst?: boolean
  /** A filter applied after the read (it does not save read capacity; used on small partitions only). */
  filter?: { expression: string; names?: Record<string, string>; values: Record<string, unknown> }
}

function input(db: Db, q: PartitionQuery): QueryCommandInput {
  const pkName = q.index ? `${q.index}PK` : 'PK'
  const skName = q.index ? `${q.index}SK` : 'SK'
  return {
    TableName: db.table,
    ...(q.index ? { IndexName: q.index } : {}),
    KeyConditionExpression: q.skPrefix ? `${pkName} = :pk AND begins_with(${skName}, :prefix)` : `${pkName} = :pk`,
    ...(q.filter ? { FilterExpression: q.filter.expression, ...(q.filter.names ? { ExpressionAttributeNames: q.filter.names } : {}) } : {}),
    ExpressionAttributeValues: { ':pk': q.pk, ...(q.skPrefix ? { ':prefix': q.skPrefix } : {}), ...(q.filter?.values ?? {}) },
    ScanIndexForward: Boolean(q.oldestFirst),
  }
}

const cursorKeys = (q: PartitionQuery) => (q.index ? ['PK', 'SK', `${q.index}PK`, `${q.index}SK`] : ['PK', 'SK'])

/** Everything that identifies a query: its cursors are valid for this query only. */
const scopeOf = (q: PartitionQuery) =>
  cursorScope('query', q.index ?? 'table', q.pk, q.skPrefix ?? '', Boolean(q.oldestFirst), q.filter ? [q.filter.expression, q.filter.names ?? {}, q.filter.values] : null)

/** One page: a single Query with Limit, its LastEvaluatedKey handed back as an opaque cursor. */
export async function queryPage<T>(db: Db, q: PartitionQuery, page: { limit: number; cursor?: string }, map: (item: Record<string, unknown>) => T): Promise<Page<T>> {
  const scope = scopeOf(q)
  const r = await db.doc.send(new QueryCommand({ ...input(db, q), Limit: page.limit, ExclusiveStartKey: readKeyCursor(db.cursors, scope, page.cursor, cursorKeys(q)) }))
  return { items: (r.Items ?? []).map(map), nextCursor: keyCursor(db.cursors, scope, r.LastEvaluatedKey) }
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

/** A whole (small) partition: one Query, continued only past 1 MB. */
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
