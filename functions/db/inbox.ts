import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb'
import { DomainError } from '../../shared/errors.js'
import type { MessageDraft, StoredMessage } from '../../shared/messages.js'
import type { Page } from '../../shared/schemas/common.js'
import type { Db } from './client.js'
import { retryConflicts } from './errors.js'
import { newId } from './ids.js'
import { inboxKey, inboxOf, inboxUnreadKey, stripKeys } from './keys.js'
import { queryPage } from './query.js'
import { transact, type TxItem } from './tx.js'

const notFound = () => new DomainError('message.notFound', 'notFound', '消息不存在', 'Message not found')

/** A new message as stored: its code and parameters, never a rendering (that is the reader's language's). */
export const newMessage = (m: MessageDraft, now: Date): StoredMessage => ({ ...m, id: newId(), read: false, createdAt: now.toISOString() })

/** The message's Put and the unread count's increment: one message, one more unread, or neither. */
export function messagePuts(db: Db, seekerId: string, msg: StoredMessage): TxItem[] {
  return [
    { Put: { TableName: db.table, Item: { ...inboxKey(seekerId, msg.id), entity: 'message', ...msg }, ConditionExpression: 'attribute_not_exists(PK)' } },
    { Update: { TableName: db.table, Key: inboxUnreadKey(seekerId), UpdateExpression: 'ADD unread :one SET entity = :e', ExpressionAttributeValues: { ':one': 1, ':e': 'inboxUnread' } } },
  ]
}

/** A seeker's in-app inbox (站内信): newest first. */
export async function postMessage(db: Db, seekerId: string, m: MessageDraft, now = new Date()): Promise<StoredMessage> {
  const msg = newMessage(m, now)
  await retryConflicts(() => transact(db, messagePuts(db, seekerId, msg)))
  return msg
}

export const listInbox = (db: Db, seekerId: string, limit = 50, cursor?: string): Promise<Page<StoredMessage>> =>
  queryPage(db, { pk: inboxOf(seekerId), skPrefix: 'MSG#' }, { limit, cursor }, (i) => stripKeys<StoredMessage>(i))

/** One GetItem, whatever the inbox's size. Never below 0. */
export async function unreadCount(db: Db, seekerId: string): Promise<number> {
  const r = await db.doc.send(new GetCommand({ TableName: db.table, Key: inboxUnreadKey(seekerId), ConsistentRead: true }))
  return Math.max(0, Number(r.Item?.unread ?? 0))
}

const reasonsOf = (e: unknown): string[] =>
  (e as { name?: string }).name === 'TransactionCanceledException' ? ((e as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? []).map((r) => r.Code ?? 'None') : []

/**
 * Marks a message read and counts it down, in one transaction: only an unread message counts down
 * (reading twice counts once), and the count never goes below 0. A message from before the count
 * (it was never counted) is marked read alone.
 */
export async function markRead(db: Db, seekerId: string, messageId: string): Promise<void> {
  try {
    await retryConflicts(() =>
      transact(db, [
        {
          Update: {
            TableName: db.table,
            Key: inboxKey(seekerId, messageId),
            UpdateExpression: 'SET #r = :t',
            ConditionExpression: 'attribute_exists(PK) AND #r = :f',
            ExpressionAttributeNames: { '#r': 'read' },
            ExpressionAttributeValues: { ':t': true, ':f': false },
          },
        },
        { Update: { TableName: db.table, Key: inboxUnreadKey(seekerId), UpdateExpression: 'ADD unread :minus', ConditionExpression: 'unread > :zero', ExpressionAttributeValues: { ':minus': -1, ':zero': 0 } } },
      ]),
    )
    return
  } catch (e) {
    const [message, counter] = reasonsOf(e)
    if (message === 'ConditionalCheckFailed') {
      // Already read (nothing to do) or no such message.
      const r = await db.doc.send(new GetCommand({ TableName: db.table, Key: inboxKey(seekerId, messageId), ConsistentRead: true }))
      if (!r.Item) throw notFound()
      return
    }
    if (counter !== 'ConditionalCheckFailed') throw e
  }
  await db.doc.send(
    new UpdateCommand({
      TableName: db.table,
      Key: inboxKey(seekerId, messageId),
      UpdateExpression: 'SET #r = :t',
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeNames: { '#r': 'read' },
      ExpressionAttributeValues: { ':t': true },
    }),
  ).catch((e: unknown) => {
    if ((e as { name?: string }).name === 'ConditionalCheckFailedException') throw notFound()
    throw e
  })
}
