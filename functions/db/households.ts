/** 户 households and their 帮扶责任人 helper; members are seeker files naming the household. */
import { GetCommand } from '@aws-sdk/lib-dynamodb'
import { DomainError } from '../../shared/errors.js'
import type { Household } from '../../shared/schemas/monitoring.js'
import type { Page } from '../../shared/schemas/common.js'
import type { Seeker } from '../../shared/schemas/seekers.js'
import type { Db } from './client.js'
import { auditPut, type AuditDraft } from './audit.js'
import { batchGet } from './batch.js'
import { isTransactionConflict, orConflict } from './errors.js'
import { helperContactKey, householdIndexKeys, householdKey, householdMembers, householdsOfHelper, householdsOfTownship, stripKeys } from './keys.js'
import { queryAll, queryPage } from './query.js'
import { eachLimit } from '../../shared/each-limit.js'
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

/** Which of these households are registered (BatchGetItem, 100 keys a request). */
export async function registeredHouseholds(db: Db, ids: readonly string[]): Promise<Set<string>> {
  const items = await batchGet(db, ids.map(householdKey))
  return new Set(items.map((i) => String(i.PK).slice('HOUSEHOLD#'.length)))
}

/** Households to a transaction when many are registered at once: each Put and its audit event, within the 100 items. */
const REGISTER_AT_ONCE = 50

/**
 * Registers households an import names, each with its audit event in the same transaction, 50
 * to a transaction; one already registered is left as it is (the condition). A transaction that
 * meets one (registered meanwhile) is retried a household at a time, so the others still are.
 * Answers how many were registered.
 */
export async function registerHouseholds(db: Db, hs: readonly Household[], audit: (h: Household) => AuditDraft, now: Date): Promise<number> {
  const put = (h: Household): TxItem[] => [{ Put: { TableName: db.table, Item: itemOf(h), ConditionExpression: 'attribute_not_exists(PK)' } }, auditPut(db, audit(h), now)]
  const slices = Array.from({ length: Math.ceil(hs.length / REGISTER_AT_ONCE) }, (_, k) => hs.slice(k * REGISTER_AT_ONCE, (k + 1) * REGISTER_AT_ONCE))
  let registered = 0
  await eachLimit(slices, 4, async (slice) => {
    try {
      await transact(db, slice.flatMap(put))
      registered += slice.length
    } catch (e) {
      if (!isTransactionConflict(e)) throw e
      for (const h of slice) {
        try {
          await transact(db, put(h))
          registered++
        } catch (e1) {
          if (!isTransactionConflict(e1)) throw e1
        }
      }
    }
  })
  return registered
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
