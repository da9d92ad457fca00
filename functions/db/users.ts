import { BatchGetCommand, type BatchGetCommandOutput, GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb'
import { DomainError } from '../../shared/errors.js'
import { maskPhone } from '../../shared/phone.js'
import type { OfficerScope, Role, User } from '../../shared/schemas/auth.js'
import type { Page } from '../../shared/schemas/common.js'
import type { Protector } from '../security/protect.js'
import type { Db } from './client.js'
import { orConflict } from './errors.js'
import { newId } from './ids.js'
import { activeAdminsKey, phoneKey, stripKeys, userIndexKeys, userKey, usersByRole } from './keys.js'
import { queryFilledPage, queryPage } from './query.js'
import { auditPut, type AuditDraft } from './audit.js'
import { failedConditions } from './targets.js'
import { transact, type TxItem } from './tx.js'

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

/** One more (or one fewer) active admin; going below one is refused by the condition. */
const adminCount = (db: Db, delta: 1 | -1): TxItem => ({
  Update: {
    TableName: db.table,
    Key: activeAdminsKey(),
    UpdateExpression: 'ADD #c :d SET entity = :e',
    ...(delta < 0 ? { ConditionExpression: '#c > :one' } : {}),
    ExpressionAttributeNames: { '#c': 'count' },
    ExpressionAttributeValues: { ':d': delta, ':e': 'adminCount', ...(delta < 0 ? { ':one': 1 } : {}) },
  },
})

const lastAdmin = (e: unknown) => new DomainError('user.lastAdmin', 'conflict', '这是最后一个有效的管理员账号，不能停用或改为其他角色', 'This is the last active admin account: it cannot be deactivated or given another role', { cause: e })

/** Creates a user and its phone uniqueness item in one transaction: two accounts never share a phone. */
export async function createUser(db: Db, p: Protector, input: NewUser, now = new Date(), audit?: (u: User) => AuditDraft): Promise<User> {
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
            ...(input.role === 'admin' ? [adminCount(db, 1)] : []),
            ...(audit ? [auditPut(db, audit(user), now)] : []),
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

/** Staff accounts of one role, newest first; with `q`, those whose name contains it (pages are filled). */
export const searchUsers = (db: Db, role: Role, q: string | undefined, limit: number, cursor?: string): Promise<Page<User>> =>
  q
    ? queryFilledPage(db, { index: 'GSI1', pk: usersByRole(role), filter: { expression: 'contains(#n, :q)', names: { '#n': 'name' }, values: { ':q': q } } }, { limit, ...(cursor ? { cursor } : {}) }, toUser)
    : queryPage(db, { index: 'GSI1', pk: usersByRole(role) }, { limit, ...(cursor ? { cursor } : {}) }, toUser)

/**
 * An admin's change of name, role or scope, with its audit event, in one transaction: the row must
 * still hold the role it was read with; the index keys follow the role; the count of active admins
 * follows a change to or from admin (never below one).
 */
export async function updateAccount(db: Db, before: User, after: User, now: Date, audit: AuditDraft): Promise<User> {
  const active = before.status !== 'deactivated'
  const delta = active && before.role !== after.role ? (after.role === 'admin' ? 1 : before.role === 'admin' ? -1 : 0) : 0
  const keys = userIndexKeys(after)
  const items: TxItem[] = [
    {
      Update: {
        TableName: db.table,
        Key: userKey(before.id),
        UpdateExpression: `SET #n = :n, #r = :r, GSI1PK = :pk, GSI1SK = :sk${after.scope ? ', #s = :s' : ''}${after.scope ? '' : ' REMOVE #s'}`,
        ConditionExpression: 'attribute_exists(PK) AND #r = :was',
        ExpressionAttributeNames: { '#n': 'name', '#r': 'role', '#s': 'scope' },
        ExpressionAttributeValues: { ':n': after.name, ':r': after.role, ':pk': keys.GSI1PK, ':sk': keys.GSI1SK, ':was': before.role, ...(after.scope ? { ':s': after.scope } : {}) },
      },
    },
    ...(delta ? [adminCount(db, delta as 1 | -1)] : []),
    auditPut(db, audit, now),
  ]
  try {
    await transact(db, items)
  } catch (e) {
    const failed = failedConditions(e)
    if (failed.includes(1) && delta < 0) throw lastAdmin(e)
    if (failed.includes(0)) throw new DomainError('user.changed', 'conflict', '该账号已被修改，请刷新后重试', 'This account was changed meanwhile; reload and try again', { cause: e })
    throw e
  }
  return after
}

/** Deactivates or reactivates an account with its audit event; the last active admin stays. */
export async function setAccountStatus(db: Db, user: User, status: 'active' | 'deactivated', now: Date, audit: AuditDraft): Promise<User> {
  const deactivate = status === 'deactivated'
  const items: TxItem[] = [
    {
      Update: {
        TableName: db.table,
        Key: userKey(user.id),
        UpdateExpression: deactivate ? 'SET #st = :d' : 'REMOVE #st',
        ConditionExpression: deactivate ? 'attribute_exists(PK) AND (attribute_not_exists(#st) OR #st <> :d)' : 'attribute_exists(PK) AND #st = :d',
        ExpressionAttributeNames: { '#st': 'status' },
        ExpressionAttributeValues: { ':d': 'deactivated' },
      },
    },
    ...(user.role === 'admin' ? [adminCount(db, deactivate ? -1 : 1)] : []),
    auditPut(db, audit, now),
  ]
  try {
    await transact(db, items)
  } catch (e) {
    const failed = failedConditions(e)
    if (failed.includes(1) && deactivate) throw lastAdmin(e)
    if (failed.includes(0)) throw new DomainError('user.statusUnchanged', 'conflict', deactivate ? '该账号已停用' : '该账号未停用', deactivate ? 'This account is already deactivated' : 'This account is not deactivated', { cause: e })
    throw e
  }
  const { status: _was, ...rest } = user
  return deactivate ? { ...user, status: 'deactivated' } : rest
}

/** Who a user id is, as a record shows it beside the id. */
export interface PersonName {
  name: string
  role: Role
}

/**
 * The names and roles of the distinct users a page mentions (audit actors, makers, checkers,
 * verifiers): BatchGetItem, 100 keys a request, never a Scan. Ids that are not users (a job's
 * `system`) are simply absent from the answer.
 */
export async function namesOf(db: Db, ids: Iterable<string | undefined>): Promise<Map<string, PersonName>> {
  const wanted = [...new Set([...ids].filter((x): x is string => Boolean(x)))]
  const out = new Map<string, PersonName>()
  for (let i = 0; i < wanted.length; i += 100) {
    let keys: Record<string, unknown>[] | undefined = wanted.slice(i, i + 100).map(userKey)
    for (let attempt = 0; keys && keys.length > 0; attempt++) {
      if (attempt > 8) throw new Error('namesOf: keys still unprocessed after retries')
      if (attempt > 0) await new Promise((r) => setTimeout(r, 25 * 2 ** attempt))
      const r: BatchGetCommandOutput = await db.doc.send(
        new BatchGetCommand({ RequestItems: { [db.table]: { Keys: keys, ProjectionExpression: 'id, #n, #r', ExpressionAttributeNames: { '#n': 'name', '#r': 'role' } } } }),
      )
      for (const item of r.Responses?.[db.table] ?? []) out.set(String(item.id), { name: String(item.name), role: item.role as Role })
      keys = r.UnprocessedKeys?.[db.table]?.Keys as Record<string, unknown>[] | undefined
    }
  }
  return out
}
