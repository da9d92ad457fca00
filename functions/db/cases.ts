/** 防止返贫监测 monitoring cases: one open case per household, every change with its audit and due items. */
import { GetCommand } from '@aws-sdk/lib-dynamodb'
import { DomainError } from '../../shared/errors.js'
import type { MonitoringCase } from '../../shared/schemas/monitoring.js'
import type { Page } from '../../shared/schemas/common.js'
import type { Db } from './client.js'
import { auditPut, type AuditDraft } from './audit.js'
import { orConflict } from './errors.js'
import { caseIndexKeys, caseKey, casesOfHousehold, casesOfTownship, openCaseKey, stripKeys } from './keys.js'
import { queryAll, queryPage } from './query.js'
import { transact, type TxItem } from './tx.js'

const toCase = (i: Record<string, unknown>) => stripKeys<MonitoringCase>(i)
const itemOf = (c: MonitoringCase) => ({ ...caseKey(c.id), entity: 'case', ...caseIndexKeys(c), ...c })

/** Opens a case: the case, the household's one-open-case item, its first due items, the audit. */
export async function createCase(db: Db, c: MonitoringCase, dues: TxItem[], now: Date, audit: AuditDraft): Promise<MonitoringCase> {
  await orConflict(
    () =>
      transact(db, [
        { Put: { TableName: db.table, Item: { ...openCaseKey(c.householdId), entity: 'openCase', caseId: c.id }, ConditionExpression: 'attribute_not_exists(PK)' } },
        { Put: { TableName: db.table, Item: itemOf(c), ConditionExpression: 'attribute_not_exists(PK)' } },
        ...dues,
        auditPut(db, audit, now),
      ]),
    () => new DomainError('case.alreadyOpen', 'conflict', '该户已有未结案的监测', 'This household already has an open monitoring case'),
  )
  return c
}

export async function getCase(db: Db, id: string): Promise<MonitoringCase | undefined> {
  const r = await db.doc.send(new GetCommand({ TableName: db.table, Key: caseKey(id), ConsistentRead: true }))
  return r.Item ? toCase(r.Item) : undefined
}

export const listCasesOfTownship = (db: Db, township: string, status: string | undefined, page: { limit: number; cursor?: string }): Promise<Page<MonitoringCase>> =>
  queryPage(db, { index: 'GSI1', pk: casesOfTownship(township), ...(status ? { skPrefix: `${status}#` } : {}) }, page, toCase)
/** A household's cases (a few over the years). */
export const casesOfHouseholdAll = (db: Db, householdId: string): Promise<MonitoringCase[]> => queryAll(db, { index: 'GSI2', pk: casesOfHousehold(householdId) }, toCase)

/**
 * Writes a case's next state, if nobody changed it since it was read (same `updatedAt`), with the
 * writes that follow from the change (due items, the household's members on closing) and the audit.
 * Closing also frees the household for a new case.
 */
export async function saveCase(db: Db, before: MonitoringCase, after: MonitoringCase, extra: TxItem[], now: Date, audit: AuditDraft): Promise<MonitoringCase> {
  await orConflict(
    () =>
      transact(db, [
        { Put: { TableName: db.table, Item: itemOf(after), ConditionExpression: 'updatedAt = :seen', ExpressionAttributeValues: { ':seen': before.updatedAt } } },
        ...(after.status === 'closed' && before.status !== 'closed' ? [{ Delete: { TableName: db.table, Key: openCaseKey(after.householdId), ConditionExpression: 'caseId = :id', ExpressionAttributeValues: { ':id': after.id } } }] : []),
        ...extra,
        auditPut(db, audit, now),
      ]),
    () => new DomainError('case.changed', 'conflict', '该监测已被修改，请刷新后重试', 'The case changed meanwhile; reload and try again'),
  )
  return after
}
