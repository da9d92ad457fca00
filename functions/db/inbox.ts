import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb'
import { DomainError } from '../../shared/errors.js'
import type { InboxMessage } from '../../shared/schemas/applications.js'
import type { Page } from '../../shared/schemas/common.js'
import type { Db } from './client.js'
import { orConflict } from './errors.js'
import { newId } from './ids.js'
import { inboxKey, inboxOf, stripKeys } from './keys.js'
import { queryPage } from './query.js'

/** A seeker's in-app inbox (站内信): newest first. */
export async function postMessage(db: Db, seekerId: string, m: Omit<InboxMessage, 'id' | 'read' | 'createdAt'>, now = new Date()): Promise<InboxMessage> {
  const msg: InboxMessage = { ...m, id: newId(), read: false, createdAt: now.toISOString() }
  await db.doc.send(new PutCommand({ TableName: db.table, Item: { ...inboxKey(seekerId, msg.id), entity: 'message', ...msg } }))
  return msg
}

export const listInbox = (db: Db, seekerId: string, limit = 50, cursor?: string): Promise<Page<InboxMessage>> =>
  queryPage(db, { pk: inboxOf(seekerId), skPrefix: 'MSG#' }, { limit, cursor }, (i) => stripKeys<InboxMessage>(i))

export async function markRead(db: Db, seekerId: string, messageId: string): Promise<void> {
  await orConflict(
    () =>
      db.doc.send(
        new UpdateCommand({
          TableName: db.table,
          Key: inboxKey(seekerId, messageId),
          UpdateExpression: 'SET #r = :t',
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeNames: { '#r': 'read' },
          ExpressionAttributeValues: { ':t': true },
        }),
      ),
    () => new DomainError('message.notFound', 'notFound', '消息不存在', 'Message not found'),
  )
}
