/**
 * Gives a database whose due items predate the township counters (GET /api/due/summary) its
 * counters, once (a marker): each township's open items are read and the counters put whole.
 * Run by the local start path before serving (scripts/local-stack.ts); a fresh database keeps its
 * counters with every change and only gets the marker.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb'
import { TOWNSHIP_CODES } from '../../shared/geo.js'
import type { Db } from '../db/client.js'
import { rebuildDueCounts } from '../db/due.js'
import { seedMarkerKey } from '../db/keys.js'

export const DUE_COUNTS_VERSION = 'due-counts-v1'

export async function backfillDueCounts(db: Db): Promise<number | null> {
  if ((await db.doc.send(new GetCommand({ TableName: db.table, Key: seedMarkerKey(DUE_COUNTS_VERSION) }))).Item) return null
  let items = 0
  for (const t of TOWNSHIP_CODES) items += await rebuildDueCounts(db, t)
  await db.doc.send(new PutCommand({ TableName: db.table, Item: { ...seedMarkerKey(DUE_COUNTS_VERSION), entity: 'migration', at: new Date().toISOString(), items } }))
  return items
}
