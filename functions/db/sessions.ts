import { BatchWriteCommand, DeleteCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb'
import type { OfficerScope, Role } from '../../shared/schemas/auth.js'
import type { Db } from './client.js'
import { newId } from './ids.js'
import type { TxItem } from './tx.js'
import { sessionIndexKeys, sessionKey, sessionsOfUser } from './keys.js'
import { linkedFileOf } from './file-links.js'

/** What a request may do is decided by this row: its role and scope, never the token's payload. */
export interface Session {
  id: string
  userId: string
  role: Role
  scope?: OfficerScope
  createdAt: string
  expiresAt: string
  /**
   * 'password': a staff account that has no password yet (new, or reset by an admin) may only set
   * one (POST /api/me/password) until it has.
   */
  limited?: 'password'
  /**
   * A seeker's own file, when the account had one at sign-in: the account's link to its file never
   * moves (functions/db/seekers.ts getSeekerOfUser), so a request need not read it again.
   */
  seekerId?: string
}

/**
 * A session row makes signed tokens revocable (sign-out deletes it and the token stops working) and
 * holds the user's role and scope as they were at sign-in; a change of either ends the user's sessions.
 */
export async function createSession(
  db: Db,
  user: { id: string; role: Role; scope?: OfficerScope },
  ttlSeconds: number,
  now = new Date(),
  limited?: Session['limited'],
): Promise<Session> {
  const seekerId = user.role === 'seeker' ? await linkedFileOf(db, user.id) : undefined
  const session: Session = {
    id: newId(),
    userId: user.id,
    role: user.role,
    ...(user.scope ? { scope: user.scope } : {}),
    ...(limited ? { limited } : {}),
    ...(seekerId ? { seekerId } : {}),
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + ttlSeconds * 1000).toISOString(),
  }
  await db.doc.send(
    new PutCommand({
      TableName: db.table,
      Item: {
        ...sessionKey(session.id),
        entity: 'session',
        ...sessionIndexKeys(session),
        ttl: Math.ceil(now.getTime() / 1000) + ttlSeconds,
        ...session,
      },
      ConditionExpression: 'attribute_not_exists(PK)',
    }),
  )
  return session
}

/** TTL deletion is lazy (up to days), so expiry is checked here too. */
export async function getLiveSession(db: Db, id: string, now = new Date()): Promise<Session | undefined> {
  const r = await db.doc.send(new GetCommand({ TableName: db.table, Key: sessionKey(id), ConsistentRead: true }))
  const s = r.Item as Session | undefined
  if (!s || s.expiresAt <= now.toISOString()) return undefined
  return { id: s.id, userId: s.userId, role: s.role, ...(s.scope ? { scope: s.scope } : {}), ...(s.limited ? { limited: s.limited } : {}), ...(s.seekerId ? { seekerId: s.seekerId } : {}), createdAt: s.createdAt, expiresAt: s.expiresAt }
}

/** Ends a session inside the caller's transaction (the limited one, when its password is set). */
export const endSessionTx = (db: Db, sessionId: string): TxItem => ({
  Delete: { TableName: db.table, Key: sessionKey(sessionId), ConditionExpression: 'attribute_exists(PK)' },
})

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.doc.send(new DeleteCommand({ TableName: db.table, Key: sessionKey(id) }))
}

/**
 * Ends every session of a user (deactivation, a change of role or scope): their tokens stop working
 * on the next request. Answers how many were ended. The user's index is eventually consistent, so a
 * session made in the same instant may be missed: block new sign-ins on the user row first.
 */
export async function endSessionsOfUser(db: Db, userId: string): Promise<number> {
  let ended = 0
  let start: Record<string, unknown> | undefined
  do {
    const page = await db.doc.send(
      new QueryCommand({
        TableName: db.table,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': sessionsOfUser(userId) },
        ProjectionExpression: 'PK, SK',
        ExclusiveStartKey: start,
      }),
    )
    const keys = (page.Items ?? []).map((i) => ({ PK: i.PK as string, SK: i.SK as string }))
    for (let i = 0; i < keys.length; i += 25) {
      let requests = keys.slice(i, i + 25).map((Key) => ({ DeleteRequest: { Key } }))
      for (let attempt = 0; requests.length > 0; attempt++) {
        if (attempt === 8) throw new Error(`endSessionsOfUser: ${requests.length} deletes still unprocessed`)
        if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 50 * 2 ** attempt)))
        const r = await db.doc.send(new BatchWriteCommand({ RequestItems: { [db.table]: requests } }))
        requests = (r.UnprocessedItems?.[db.table] ?? []) as typeof requests
      }
    }
    ended += keys.length
    start = page.LastEvaluatedKey
  } while (start)
  return ended
}
