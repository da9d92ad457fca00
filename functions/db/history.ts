/**
 * 一人一档 a person's timeline: the audit events that carry a history note, indexed under the person
 * (GSI2 all of them, GSI3 by type, newest first; functions/db/keys.ts historyIndexKeys), plus the
 * entries rebuilt once for records older than the timeline (backfilledHistoryKey).
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb'
import type { Page } from '../../shared/schemas/common.js'
import type { HistoryEntry, HistoryNote, HistoryType } from '../../shared/schemas/history.js'
import type { Db } from './client.js'
import { isConditionFailed } from './errors.js'
import { backfilledHistoryKey, historyIndexKeys, historyOf, historyOfType } from './keys.js'
import { queryAll, queryPage } from './query.js'

/** An entry as the timeline shows it: the note and who/what/when, never the event's before/after. */
function toEntry(i: Record<string, unknown>): HistoryEntry {
  const { seekerId: _s, ...note } = i.history as HistoryNote
  return {
    ...note,
    id: String(i.id),
    at: String(i.at),
    action: String(i.action),
    objectType: String(i.objectType),
    objectId: String(i.objectId),
    actorRole: String(i.actorRole),
    ...(typeof i.actorId === 'string' ? { actorId: i.actorId } : {}),
    ...(i.entity === 'historyBackfill' ? { backfilled: true } : {}),
  } as HistoryEntry
}

const timeline = (seekerId: string, type?: HistoryType) => (type ? { index: 'GSI3' as const, pk: historyOfType(seekerId, type) } : { index: 'GSI2' as const, pk: historyOf(seekerId) })

/** One page of a person's timeline, newest first: one Query, on GSI3 when a type is chosen. */
export const pageHistory = (db: Db, seekerId: string, type: HistoryType | undefined, page: { limit: number; cursor?: string }): Promise<Page<HistoryEntry & { actorId?: string }>> =>
  queryPage(db, timeline(seekerId, type), page, toEntry)

/** Every entry of a person (the backfill job compares against them; never on a request path). */
export const allHistory = (db: Db, seekerId: string): Promise<HistoryEntry[]> => queryAll(db, timeline(seekerId), toEntry)

/** An entry rebuilt from a record, in the shape of the audit events the timeline reads. */
export interface BackfillEntry {
  note: HistoryNote
  at: string
  action: string
  objectType: string
  objectId: string
  actorId: string
  actorRole: string
  /** What tells this entry apart when the object is the person's file (a training's id, a Yulu term). */
  ref?: string
}

/**
 * Writes a rebuilt entry once: its key is the person, the object and the action, so a second run
 * of the backfill finds it there and writes nothing (answers false).
 */
export async function putBackfilledEntry(db: Db, e: BackfillEntry): Promise<boolean> {
  const ref = e.ref ?? e.objectId
  const key = backfilledHistoryKey(e.note.seekerId, e.objectType, ref, e.action)
  const id = `bf-${e.objectType}-${ref}-${e.action}`
  try {
    await db.doc.send(
      new PutCommand({
        TableName: db.table,
        Item: { ...key, entity: 'historyBackfill', ...historyIndexKeys({ seekerId: e.note.seekerId, type: e.note.type, at: e.at, id }), id, at: e.at, action: e.action, objectType: e.objectType, objectId: e.objectId, actorId: e.actorId, actorRole: e.actorRole, history: e.note },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    )
    return true
  } catch (err) {
    if (isConditionFailed(err)) return false
    throw err
  }
}
