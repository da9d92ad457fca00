import type { Seeker } from '../../shared/schemas/seekers.js'
import type { Training, TrainingInput, YuluInput, YuluRecord } from '../../shared/schemas/subsidies.js'
import { auditPut, type AuditDraft } from './audit.js'
import type { Db } from './client.js'
import { newId } from './ids.js'
import { seekerPartition, stripKeys, trainingIndexKeys, trainingKey, trainingsOfSeeker, YULU_PREFIX, yuluIndexKeys, yuluKey, yuluOfTerm } from './keys.js'
import { queryAll, queryPage } from './query.js'
import { transact } from './tx.js'

/** Training records (技能培训): course, provider, dates, hours, result, the certificate it led to; written with its audit event. */
export async function addTraining(db: Db, seeker: Seeker, input: TrainingInput, by: string, now: Date, audit: (t: Training) => AuditDraft): Promise<Training> {
  const t: Training = { ...input, seekerId: seeker.id, id: newId(), township: seeker.township, createdBy: by, createdAt: now.toISOString() }
  await transact(db, [
    { Put: { TableName: db.table, Item: { ...trainingKey(t.id), entity: 'training', ...trainingIndexKeys(t), ...t }, ConditionExpression: 'attribute_not_exists(PK)' } },
    auditPut(db, audit(t), now),
  ])
  return t
}

export const listTrainingsOfSeeker = (db: Db, seekerId: string) => queryAll(db, { index: 'GSI1', pk: trainingsOfSeeker(seekerId) }, (i) => stripKeys<Training>(i))

/**
 * 雨露计划 status per term: one record per person and term, rewritten as the status changes (its
 * index keys re-derived from the new record), with its audit event in the same transaction.
 */
export async function putYulu(db: Db, seeker: Seeker, input: YuluInput, by: string, now: Date, audit: (y: YuluRecord) => AuditDraft): Promise<YuluRecord> {
  const y: YuluRecord = { ...input, seekerId: seeker.id, seekerName: seeker.name, township: seeker.township, updatedBy: by, updatedAt: now.toISOString() }
  await transact(db, [
    { Put: { TableName: db.table, Item: { ...yuluKey(seeker.id, input.term), entity: 'yulu', ...yuluIndexKeys(y), ...y } } },
    auditPut(db, audit(y), now),
  ])
  return y
}

export const listYuluOfSeeker = (db: Db, seekerId: string) => queryAll(db, { pk: seekerPartition(seekerId), skPrefix: YULU_PREFIX }, (i) => stripKeys<YuluRecord>(i))

export const listYuluOfTerm = (db: Db, term: string, township: string, limit = 50, cursor?: string) =>
  queryPage(db, { index: 'GSI1', pk: yuluOfTerm(term, township), oldestFirst: true }, { limit, cursor }, (i) => stripKeys<YuluRecord>(i))
