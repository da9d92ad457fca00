import type { Seeker } from '../../shared/schemas/seekers.js'
import type { Training, TrainingInput, YuluInput, YuluRecord } from '../../shared/schemas/subsidies.js'
import { auditPut, type AuditDraft } from './audit.js'
import type { Db } from './client.js'
import { newId } from './ids.js'
import type { Page } from '../../shared/schemas/common.js'
import { seekerPartition, stripKeys, trainingIndexKeys, trainingKey, trainingsOfSeeker, trainingsOfTownship, YULU_PREFIX, yuluIndexKeys, yuluKey, yuluOfTerm } from './keys.js'
import { queryAll, queryPage } from './query.js'
import { transact } from './tx.js'

/** Training records (技能培训): course, provider, dates, hours, result, the certificate it led to; written with its audit event. */
export async function addTraining(db: Db, seeker: Seeker, input: TrainingInput, by: string, now: Date, audit: (t: Training) => AuditDraft): Promise<Training> {
  // The name and masked ID number travel with the record: the township's training ledger lists them without a read per row.
  const t: Training = { ...input, seekerId: seeker.id, seekerName: seeker.name, idNumberMasked: seeker.idNumberMasked, id: newId(), township: seeker.township, createdBy: by, createdAt: now.toISOString() }
  await transact(db, [
    { Put: { TableName: db.table, Item: { ...trainingKey(t.id), entity: 'training', ...trainingIndexKeys(t), ...t }, ConditionExpression: 'attribute_not_exists(PK)' } },
    auditPut(db, audit(t), now),
  ])
  return t
}

const toTraining = (i: Record<string, unknown>) => stripKeys<Training>(i)
export const listTrainingsOfSeeker = (db: Db, seekerId: string) => queryAll(db, { index: 'GSI1', pk: trainingsOfSeeker(seekerId) }, toTraining)
/** A page of a person's trainings, for reading (the whole list stays for the eligibility rules). */
export const pageTrainingsOfSeeker = (db: Db, seekerId: string, page: { limit: number; cursor?: string }): Promise<Page<Training>> =>
  queryPage(db, { index: 'GSI1', pk: trainingsOfSeeker(seekerId) }, page, toTraining)
/** A township's trainings (培训台账), newest start first, a page at a time. */
export const listTrainingsOfTownship = (db: Db, township: string, page: { limit: number; cursor?: string }): Promise<Page<Training>> =>
  queryPage(db, { index: 'GSI2', pk: trainingsOfTownship(township) }, page, toTraining)
/** Every training of a township, for its .xlsx ledger (an export holds every row). */
export const allTrainingsOfTownship = (db: Db, township: string): Promise<Training[]> => queryAll(db, { index: 'GSI2', pk: trainingsOfTownship(township) }, toTraining)

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
/** A page of a person's Yulu terms, for reading (the whole list stays for the eligibility rules). */
export const pageYuluOfSeeker = (db: Db, seekerId: string, page: { limit: number; cursor?: string }): Promise<Page<YuluRecord>> =>
  queryPage(db, { pk: seekerPartition(seekerId), skPrefix: YULU_PREFIX }, page, (i) => stripKeys<YuluRecord>(i))

export const listYuluOfTerm = (db: Db, term: string, township: string, limit = 50, cursor?: string) =>
  queryPage(db, { index: 'GSI1', pk: yuluOfTerm(term, township), oldestFirst: true }, { limit, cursor }, (i) => stripKeys<YuluRecord>(i))
