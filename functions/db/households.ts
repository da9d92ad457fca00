/** 户 households and their 帮扶责任人 helper; members are seeker files naming the household. */
import { GetCommand } from '@aws-sdk/lib-dynamodb'
import { DomainError } from '../../shared/errors.js'
import type { Household } from '../../shared/schemas/monitoring.js'
import type { Page } from '../../shared/schemas/common.js'
import type { Seeker } from '../../shared/schemas/seekers.js'
import type { Db } from './client.js'
import { auditPut, type AuditDraft } from './audit.js'
import { orConflict } from './errors.js'
import { helperContactKey, householdIndexKeys, householdKey, householdMembers, householdsOfHelper, householdsOfTownship, stripKeys } from './keys.js'
import { queryAll, queryPage } from './query.js'
import { transact, type TxItem } from './tx.js'

type Stored = Household & { helperId?: string }
const toHousehold = (i: Record<string, unknown>): Household => {
  const { helperId: _h, ...h } = stripKeys<Stored>(i)
  return h
}
const itemOf = (h: Household) => ({ ...householdKey(h.id), entity: 'household', ...householdIndexKeys({ ...h, helperId: h.helper?.id }), ...h, ...(h.helper ? { helperId: h.helper.id } : {}) })

export async function createHousehold(db: Db, h: Household, now: Date, audit: AuditDraft): Promise<Household> {
  await orConflict(
    () => transact(db, [{ Put: { TableName: db.table, Item: itemOf(h), ConditionExpression: 'attribute_not_exists(PK)' } }, auditPut(db, audit, now)]),
    () => new DomainError('household.exists', 'conflict', '该户编号已登记', 'A household with this number is already on file'),
  )
  return h
}

export async function getHousehold(db: Db, id: string): Promise<Household | undefined> {
  const r = await db.doc.send(new GetCommand({ TableName: db.table, Key: householdKey(id), ConsistentRead: true }))
  return r.Item ? toHousehold(r.Item) : undefined
}

export const listHouseholdsOfTownship = (db: Db, township: string, page: { limit: number; cursor?: string }): Promise<Page<Household>> =>
  queryPage(db, { index: 'GSI1', pk: householdsOfTownship(township), oldestFirst: true }, page, toHousehold)
/** A helper's households, all or those of one township (the sort key starts with it). */
export const listHouseholdsOfHelper = (db: Db, helperId: string, township: string | undefined, page: { limit: number; cursor?: string }): Promise<Page<Household>> =>
  queryPage(db, { index: 'GSI2', pk: householdsOfHelper(helperId), oldestFirst: true, ...(township ? { skPrefix: `${township}#` } : {}) }, page, toHousehold)

/** The household's members in its township (a household is a few people: every page). */
export const membersOf = (db: Db, h: Pick<Household, 'id' | 'township'>): Promise<Seeker[]> =>
  queryAll(db, { index: 'GSI5', pk: householdMembers(h.id), skPrefix: `${h.township}#`, oldestFirst: true }, (i) => stripKeys<Seeker>(i))

/**
 * Assigns or changes the helper: the household (as read: same `updatedAt`), a named official's
 * sealed phone beside their id, the household's open due items moved to the new helper, the audit.
 */
export async function setHelper(db: Db, before: Household, after: Household, contact: { name: string; phoneSealed: string } | undefined, moves: TxItem[], now: Date, audit: AuditDraft): Promise<Household> {
  await orConflict(
    () =>
      transact(db, [
        { Put: { TableName: db.table, Item: itemOf(after), ConditionExpression: 'updatedAt = :seen', ExpressionAttributeValues: { ':seen': before.updatedAt } } },
        ...(contact && after.helper ? [{ Put: { TableName: db.table, Item: { ...helperContactKey(after.helper.id), entity: 'helperContact', ...contact } } }] : []),
        ...moves,
        auditPut(db, audit, now),
      ]),
    () => new DomainError('household.changed', 'conflict', '该户信息已被修改，请刷新后重试', 'The household changed meanwhile; reload and try again'),
  )
  return after
}

/** A household closes its monitoring: 风险消除 on the household itself, in the close's transaction. */
export const riskEliminatedWrite = (db: Db, id: string, on: string, now: Date): TxItem => ({
  Update: { TableName: db.table, Key: householdKey(id), UpdateExpression: 'SET riskEliminatedOn = :on, updatedAt = :at', ConditionExpression: 'attribute_exists(PK)', ExpressionAttributeValues: { ':on': on, ':at': now.toISOString() } },
})

export async function getHelperContact(db: Db, helperId: string): Promise<{ name: string; phoneSealed: string } | undefined> {
  const r = await db.doc.send(new GetCommand({ TableName: db.table, Key: helperContactKey(helperId) }))
  return r.Item ? { name: String(r.Item.name), phoneSealed: String(r.Item.phoneSealed) } : undefined
}
