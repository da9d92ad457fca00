import { PutCommand } from '@aws-sdk/lib-dynamodb'
import { batchPut } from './batch.js'
import type { Db } from './client.js'
import { newId } from './ids.js'
import { auditIndexKeys, auditKey, auditOf, historyIndexKeys, stripKeys } from './keys.js'
import { queryPage } from './query.js'
import type { TxItem } from './tx.js'
import type { Page } from '../../shared/schemas/common.js'
import type { HistoryNote } from '../../shared/schemas/history.js'

export interface AuditEvent {
  id: string
  /** What was acted on: `seeker`, `claim`, `policy`… and its id. */
  objectType: string
  objectId: string
  action: string
  actorId: string
  actorRole: string
  at: string
  before?: Record<string, unknown>
  after?: Record<string, unknown>
  /** Present when the change belongs on a person's timeline (一人一档): indexed under the person. */
  history?: HistoryNote
}

/** What a use case says about its change; id and time are added here. */
export type AuditDraft = Omit<AuditEvent, 'id' | 'at'>

const eventOf = (e: AuditDraft, now: Date): AuditEvent => ({ ...e, id: newId(), at: now.toISOString() })

/** The person-timeline index keys of an event that carries a history note (none otherwise). */
const timelineKeys = (e: AuditEvent) => (e.history ? historyIndexKeys({ seekerId: e.history.seekerId, type: e.history.type, at: e.at, id: e.id }) : {})

/**
 * The audit event as one item of the change's own TransactWriteItems: the change and its record
 * are written together or not at all. The condition makes an overwrite impossible.
 */
export function auditPut(db: Db, e: AuditDraft, now: Date): TxItem {
  const event = eventOf(e, now)
  return {
    Put: {
      TableName: db.table,
      Item: { ...auditKey(e.objectType, e.objectId, event.at, event.id), entity: 'audit', ...auditIndexKeys(event), ...timelineKeys(event), ...event },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  }
}

/**
 * An event that is not part of a change (an ID number revealed, a read worth recording): written
 * on its own, before what it records is handed out.
 */
export async function recordAudit(db: Db, e: AuditDraft, now: Date): Promise<AuditEvent> {
  const event = eventOf(e, now)
  await db.doc.send(
    new PutCommand({
      TableName: db.table,
      Item: { ...auditKey(e.objectType, e.objectId, event.at, event.id), entity: 'audit', ...auditIndexKeys(event), ...event },
      ConditionExpression: 'attribute_not_exists(PK)',
    }),
  )
  return event
}

/**
 * Many such events at once (a full-ID export's reveals, one per person): batched, 25 a request,
 * unprocessed items retried. Each event's id is new, so no condition is needed against an overwrite.
 */
export async function recordAudits(db: Db, drafts: readonly AuditDraft[], now: Date): Promise<void> {
  const items = drafts.map((e) => {
    const event = eventOf(e, now)
    return { ...auditKey(e.objectType, e.objectId, event.at, event.id), entity: 'audit', ...auditIndexKeys(event), ...event }
  })
  await batchPut(db, items)
}

/** An object's trail, newest first, a page at a time. */
export const listAuditOf = (db: Db, objectType: string, objectId: string, limit = 50, cursor?: string): Promise<Page<AuditEvent>> =>
  queryPage(db, { pk: auditOf(objectType, objectId) }, { limit, cursor }, (i) => stripKeys<AuditEvent>(i))

/** @deprecated until every use case writes its audit inside its transaction (removed with the move to core). */
export const appendAudit = (db: Db, e: AuditDraft, now = new Date()) => recordAudit(db, e, now)
