import { PutCommand } from '@aws-sdk/lib-dynamodb'
import type { Db } from './client.js'
import { newId } from './ids.js'
import { auditByActor, auditKey, auditOf, stripKeys } from './keys.js'
import { queryPage } from './query.js'
import type { Page } from '../../shared/schemas/common.js'

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
}

/** Appends an event; the condition makes an overwrite impossible even with a colliding key. */
export async function appendAudit(db: Db, e: Omit<AuditEvent, 'id' | 'at'>, now = new Date()): Promise<AuditEvent> {
  const event: AuditEvent = { ...e, id: newId(), at: now.toISOString() }
  await db.doc.send(
    new PutCommand({
      TableName: db.table,
      Item: { ...auditKey(e.objectType, e.objectId, event.at, event.id), entity: 'audit', GSI1PK: auditByActor(e.actorId), GSI1SK: `${event.at}#${event.id}`, ...event },
      ConditionExpression: 'attribute_not_exists(PK)',
    }),
  )
  return event
}

/** An object's trail, newest first, a page at a time. */
export const listAuditOf = (db: Db, objectType: string, objectId: string, limit = 50, cursor?: string): Promise<Page<AuditEvent>> =>
  queryPage(db, { pk: auditOf(objectType, objectId) }, { limit, cursor }, (i) => stripKeys<AuditEvent>(i))
