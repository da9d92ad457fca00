import { GetCommand } from '@aws-sdk/lib-dynamodb'
import { DomainError } from '../../shared/errors.js'
import type { Page } from '../../shared/schemas/common.js'
import type { Difficulty, DifficultyInput, Workshop } from '../../shared/schemas/workshops.js'
import type { Db } from './client.js'
import { orConflict } from './errors.js'
import { newId } from './ids.js'
import { difficultiesOfTownship, difficultiesOfWorkshop, difficultyIndexKeys, difficultyKey, stripKeys } from './keys.js'
import { auditPut, type AuditDraft } from './audit.js'
import { transact } from './tx.js'
import { queryPage } from './query.js'

/** 困难诉求 (measure 5): a workshop's report of trouble with orders, funds or logistics. */
export async function reportDifficulty(db: Db, w: Workshop, input: DifficultyInput, by: string, now: Date, audit: (d: Difficulty) => AuditDraft): Promise<Difficulty> {
  const d: Difficulty = { id: newId(), workshopId: w.id, workshopName: w.name, township: w.township, ...input, status: 'open', reportedBy: by, createdAt: now.toISOString() }
  await transact(db, [
    { Put: { TableName: db.table, Item: { ...difficultyKey(d.id), entity: 'difficulty', ...difficultyIndexKeys(d), ...d }, ConditionExpression: 'attribute_not_exists(PK)' } },
    auditPut(db, audit(d), now),
  ])
  return d
}

export async function getDifficulty(db: Db, id: string): Promise<Difficulty | undefined> {
  const r = await db.doc.send(new GetCommand({ TableName: db.table, Key: difficultyKey(id) }))
  return r.Item ? stripKeys<Difficulty>(r.Item) : undefined
}

const toDifficulty = (i: Record<string, unknown>) => stripKeys<Difficulty>(i)

/** A township's reports, all or of one status; `before` (an ISO time, with a status): only those reported before it. */
export const listDifficultiesOfTownship = (db: Db, township: string, status: 'open' | 'closed' | undefined, limit = 50, cursor?: string, before?: string): Promise<Page<Difficulty>> =>
  queryPage(
    db,
    status && before
      ? { index: 'GSI1', pk: difficultiesOfTownship(township), skBetween: { from: `${status}#`, to: `${status}#${before}` } }
      : { index: 'GSI1', pk: difficultiesOfTownship(township), ...(status ? { skPrefix: `${status}#` } : {}) },
    { limit, cursor },
    toDifficulty,
  )

export const listDifficultiesOfWorkshop = (db: Db, workshopId: string, limit = 50, cursor?: string): Promise<Page<Difficulty>> =>
  queryPage(db, { index: 'GSI2', pk: difficultiesOfWorkshop(workshopId) }, { limit, cursor }, toDifficulty)

/** An officer closes a report with a response, once. */
export async function closeDifficulty(db: Db, d: Difficulty, response: string, by: string, now: Date, audit: AuditDraft): Promise<Difficulty> {
  const next: Difficulty = { ...d, status: 'closed', response, closedBy: by, closedAt: now.toISOString() }
  await orConflict(
    () =>
      transact(db, [
        {
          Update: {
            TableName: db.table,
            Key: difficultyKey(d.id),
            UpdateExpression: 'SET #s = :closed, #r = :r, closedBy = :by, closedAt = :at, GSI1SK = :sk',
            ConditionExpression: '#s = :open',
            ExpressionAttributeNames: { '#s': 'status', '#r': 'response' },
            ExpressionAttributeValues: { ':closed': 'closed', ':open': 'open', ':r': response, ':by': by, ':at': next.closedAt, ':sk': difficultyIndexKeys(next).GSI1SK },
          },
        },
        auditPut(db, audit, now),
      ]),
    () => new DomainError('difficulty.closed', 'conflict', '该诉求已办结', 'This report is already closed'),
  )
  return next
}
