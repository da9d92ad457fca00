/**
 * The findings of the last record check, per township: derived from the records (nothing a person
 * changed), so they are replaced wholesale by each check rather than audited one by one.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb'
import type { RecordProblem } from '../../shared/record-checks.js'
import type { Page } from '../../shared/schemas/common.js'
import { batchDelete, batchPut } from './batch.js'
import type { Db } from './client.js'
import { recordCheckKey, recordProblemKey, recordProblemsOf, stripKeys } from './keys.js'
import { queryAll, queryPage } from './query.js'

export interface StoredProblem extends RecordProblem {
  township: string
  seekerId: string
  seekerName: string
}

export interface RecordCheck {
  township: string
  checkedAt: string
  people: number
  records: number
  problems: number
}

const keyOf = (p: StoredProblem) => recordProblemKey(p.township, p.seekerId, p.record, p.id, p.rule)

/** Puts this check's findings and summary, then deletes the previous check's findings that are gone. */
export async function replaceProblems(db: Db, check: RecordCheck, found: readonly StoredProblem[]): Promise<void> {
  const before = await queryAll(db, { pk: recordProblemsOf(check.township) }, (i) => ({ PK: i.PK as string, SK: i.SK as string }))
  const now = new Set(found.map((p) => keyOf(p).SK))
  await batchPut(db, found.map((p) => ({ ...keyOf(p), entity: 'recordProblem', ...p, checkedAt: check.checkedAt })))
  await batchDelete(db, before.filter((k) => !now.has(k.SK)))
  await db.doc.send(new PutCommand({ TableName: db.table, Item: { ...recordCheckKey(check.township), entity: 'recordCheck', ...check } }))
}

export const listProblems = (db: Db, township: string, limit: number, cursor?: string): Promise<Page<StoredProblem>> =>
  queryPage(db, { pk: recordProblemsOf(township), oldestFirst: true }, { limit, cursor }, (i) => stripKeys<StoredProblem>(i))

export async function lastCheck(db: Db, township: string): Promise<RecordCheck | undefined> {
  const r = await db.doc.send(new GetCommand({ TableName: db.table, Key: recordCheckKey(township) }))
  return r.Item ? stripKeys<RecordCheck>(r.Item) : undefined
}
