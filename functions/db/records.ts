import { PutCommand } from '@aws-sdk/lib-dynamodb'
import type { Seeker } from '../../shared/schemas/seekers.js'
import type { Training, TrainingInput, YuluInput, YuluRecord } from '../../shared/schemas/subsidies.js'
import type { Db } from './client.js'
import { newId } from './ids.js'
import { seekerPartition, stripKeys, trainingKey, trainingsOfSeeker, yuluKey, yuluOfTerm } from './keys.js'
import { queryAll, queryPage } from './query.js'

/** Training records (技能培训): course, provider, dates, hours, result, the certificate it led to. */
export async function addTraining(db: Db, seeker: Seeker, input: TrainingInput, by: string, now = new Date()): Promise<Training> {
  const t: Training = { ...input, id: newId(), township: seeker.township, createdBy: by, createdAt: now.toISOString() }
  await db.doc.send(
    new PutCommand({
      TableName: db.table,
      Item: { ...trainingKey(t.id), entity: 'training', GSI1PK: trainingsOfSeeker(seeker.id), GSI1SK: `${t.startDate}#${t.id}`, ...t },
      ConditionExpression: 'attribute_not_exists(PK)',
    }),
  )
  return t
}

export const listTrainingsOfSeeker = (db: Db, seekerId: string) => queryAll(db, { index: 'GSI1', pk: trainingsOfSeeker(seekerId) }, (i) => stripKeys<Training>(i))

/** 雨露计划 status per term: one record per person and term, rewritten as the status changes. */
export async function putYulu(db: Db, seeker: Seeker, input: YuluInput, by: string, now = new Date()): Promise<YuluRecord> {
  const y: YuluRecord = { ...input, seekerName: seeker.name, township: seeker.township, updatedBy: by, updatedAt: now.toISOString() }
  await db.doc.send(
    new PutCommand({
      TableName: db.table,
      Item: { ...yuluKey(seeker.id, input.term), entity: 'yulu', GSI1PK: yuluOfTerm(input.term, seeker.township), GSI1SK: `${input.status}#${seeker.id}`, ...y },
    }),
  )
  return y
}

export const listYuluOfSeeker = (db: Db, seekerId: string) =>
  queryAll(db, { pk: seekerPartition(seekerId), skPrefix: 'YULU#' }, (i) => stripKeys<YuluRecord>(i))

export const listYuluOfTerm = (db: Db, term: string, township: string, limit = 50, cursor?: string) =>
  queryPage(db, { index: 'GSI1', pk: yuluOfTerm(term, township), oldestFirst: true }, { limit, cursor }, (i) => stripKeys<YuluRecord>(i))
