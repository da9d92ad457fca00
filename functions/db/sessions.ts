import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb'
import type { Role } from '../../shared/schemas/auth.js'
import type { Db } from './client.js'
import { newId } from './ids.js'
import { sessionKey, sessionsOfUser } from './keys.js'

export interface Session {
  id: string
  userId: string
  role: Role
  createdAt: string
  expiresAt: string
}

/** A session row makes signed tokens revocable: sign-out deletes it and the token stops working. */
export async function createSession(db: Db, userId: string, role: Role, ttlSeconds: number, now = new Date()): Promise<Session> {
  const session: Session = {
    id: newId(),
    userId,
    role,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + ttlSeconds * 1000).toISOString(),
  }
  await db.doc.send(
    new PutCommand({
      TableName: db.table,
      Item: {
        ...sessionKey(session.id),
        entity: 'session',
        GSI1PK: sessionsOfUser(userId),
        GSI1SK: session.createdAt,
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
  const r = await db.doc.send(new GetCommand({ TableName: db.table, Key: sessionKey(id) }))
  const s = r.Item as Session | undefined
  if (!s || s.expiresAt <= now.toISOString()) return undefined
  return { id: s.id, userId: s.userId, role: s.role, createdAt: s.createdAt, expiresAt: s.expiresAt }
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.doc.send(new DeleteCommand({ TableName: db.table, Key: sessionKey(id) }))
}
