import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb'
import { DomainError } from '../../shared/errors.js'
import { maskPhone } from '../../shared/phone.js'
import type { OfficerScope, Role, User } from '../../shared/schemas/auth.js'
import type { Page } from '../../shared/schemas/common.js'
import type { Protector } from '../security/protect.js'
import type { Db } from './client.js'
import { orConflict } from './errors.js'
import { newId } from './ids.js'
import { phoneKey, stripKeys, userIndexKeys, userKey, usersByRole } from './keys.js'
import { queryPage } from './query.js'

interface UserItem extends User {
  phoneHash: string
  phoneSealed: string
}

const toUser = (item: Record<string, unknown>): User => {
  const { phoneHash: _h, phoneSealed: _s, ...user } = stripKeys<UserItem>(item)
  return user
}

export interface NewUser {
  role: Role
  name: string
  phone: string
  scope?: OfficerScope
  /** Seeded demo accounts keep fixed ids so re-seeding is harmless. */
  id?: string
}

/** Creates a user and its phone uniqueness item in one transaction: two accounts never share a phone. */
export async function createUser(db: Db, p: Protector, input: NewUser, now = new Date()): Promise<User> {
  const id = input.id ?? newId()
  const createdAt = now.toISOString()
  const phoneHash = p.blindIndex('phone', input.phone)
  const user: User = {
    id,
    role: input.role,
    name: input.name,
    phoneMasked: maskPhone(input.phone),
    ...(input.scope ? { scope: input.scope } : {}),
    createdAt,
  }
  await orConflict(
    () =>
      db.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: db.table,
                Item: {
                  ...userKey(id),
                  entity: 'user',
                  ...userIndexKeys({ id, role: input.role, createdAt }),
                  ...user,
                  phoneHash,
                  phoneSealed: p.seal(input.phone),
                },
                ConditionExpression: 'attribute_not_exists(PK)',
              },
            },
            {
              Put: {
                TableName: db.table,
                Item: { ...phoneKey(phoneHash), entity: 'phone', userId: id },
                ConditionExpression: 'attribute_not_exists(PK)',
              },
            },
          ],
        }),
      ),
    () => new DomainError('user.exists', 'conflict', '该手机号已注册', 'This phone number is already registered'),
  )
  return user
}

export async function getUser(db: Db, id: string): Promise<User | undefined> {
  const r = await db.doc.send(new GetCommand({ TableName: db.table, Key: userKey(id) }))
  return r.Item ? toUser(r.Item) : undefined
}

export async function findUserByPhone(db: Db, p: Protector, phone: string): Promise<User | undefined> {
  const r = await db.doc.send(new GetCommand({ TableName: db.table, Key: phoneKey(p.blindIndex('phone', phone)) }))
  const userId = r.Item?.userId as string | undefined
  return userId ? getUser(db, userId) : undefined
}

/** Sign-in with an unknown number makes a seeker; a concurrent sign-in of the same number reads the winner. */
export async function findOrCreateSeeker(db: Db, p: Protector, phone: string): Promise<User> {
  const existing = await findUserByPhone(db, p, phone)
  if (existing) return existing
  try {
    return await createUser(db, p, { role: 'seeker', name: '', phone })
  } catch (e) {
    if (e instanceof DomainError && e.code === 'user.exists') {
      const winner = await findUserByPhone(db, p, phone)
      if (winner) return winner
    }
    throw e
  }
}

/** The full phone, for sending SMS; never returned by the API. */
export async function revealPhone(db: Db, p: Protector, userId: string): Promise<string | undefined> {
  const r = await db.doc.send(new GetCommand({ TableName: db.table, Key: userKey(userId), ProjectionExpression: 'phoneSealed' }))
  return r.Item?.phoneSealed ? p.open(r.Item.phoneSealed as string) : undefined
}

export const listUsersByRole = (db: Db, role: Role, limit: number, cursor?: string): Promise<Page<User>> =>
  queryPage(db, { index: 'GSI1', pk: usersByRole(role) }, { limit, cursor }, toUser)

/** Name is the one field a user edits on their account (the seeker file is a separate entity). */
export async function renameUser(db: Db, id: string, name: string): Promise<void> {
  await orConflict(
    () =>
      db.doc.send(
        new UpdateCommand({
          TableName: db.table,
          Key: userKey(id),
          UpdateExpression: 'SET #n = :n',
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeNames: { '#n': 'name' },
          ExpressionAttributeValues: { ':n': name },
        }),
      ),
    () => new DomainError('user.notFound', 'notFound', '用户不存在', 'User not found'),
  )
}
