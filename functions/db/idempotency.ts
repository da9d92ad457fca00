import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb'
import type { Db } from './client.js'
import { isConditionFailed } from './errors.js'
import { idempotencyKey } from './keys.js'

export type Claimed = { state: 'new' } | { state: 'done'; status: number; body: string; requestHash: string } | { state: 'pending'; requestHash: string }

/** Reserves a key for this request; a second arrival sees the first one's state instead. */
export async function reserveKey(db: Db, userId: string, key: string, requestHash: string, ttlSeconds = 86_400): Promise<Claimed> {
  try {
    await db.doc.send(
      new PutCommand({
        TableName: db.table,
        Item: { ...idempotencyKey(userId, key), entity: 'idempotency', state: 'pending', requestHash, ttl: Math.floor(Date.now() / 1000) + ttlSeconds },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    )
    return { state: 'new' }
  } catch (e) {
    if (!isConditionFailed(e)) throw e
  }
  const r = await db.doc.send(new GetCommand({ TableName: db.table, Key: idempotencyKey(userId, key), ConsistentRead: true }))
  const item = r.Item ?? {}
  return item.state === 'done'
    ? { state: 'done', status: item.status as number, body: item.body as string, requestHash: item.requestHash as string }
    : { state: 'pending', requestHash: item.requestHash as string }
}

export async function completeKey(db: Db, userId: string, key: string, status: number, body: string): Promise<void> {
  await db.doc.send(
    new UpdateCommand({ TableName: db.table, Key: idempotencyKey(userId, key), UpdateExpression: 'SET #s = :done, #st = :status, body = :body', ExpressionAttributeNames: { '#s': 'state', '#st': 'status' }, ExpressionAttributeValues: { ':done': 'done', ':status': status, ':body': body } }),
  )
}

/** A failed first attempt frees the key, so the client's retry really runs. */
export async function releaseKey(db: Db, userId: string, key: string): Promise<void> {
  await db.doc.send(new DeleteCommand({ TableName: db.table, Key: idempotencyKey(userId, key) }))
}
