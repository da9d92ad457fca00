import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb'
import { DomainError } from '../../shared/errors.js'
import type { Page } from '../../shared/schemas/common.js'
import type { Workshop, WorkshopInput, WorkshopStatus } from '../../shared/schemas/workshops.js'
import type { Db } from './client.js'
import { orConflict } from './errors.js'
import { newId } from './ids.js'
import { stripKeys, workshopKey, workshopsOfOwner, workshopsOfTownship } from './keys.js'
import { queryPage } from './query.js'

const indexKeys = (w: Workshop) => ({
  GSI1PK: workshopsOfOwner(w.ownerId),
  GSI1SK: `${w.createdAt}#${w.id}`,
  GSI2PK: workshopsOfTownship(w.township),
  GSI2SK: `${w.status}#${w.createdAt}#${w.id}`,
})

export async function createWorkshop(
  db: Db,
  input: WorkshopInput,
  ownerId: string,
  opts: { id?: string; now?: Date; status?: WorkshopStatus; recognizedBy?: string } = {},
): Promise<Workshop> {
  const now = (opts.now ?? new Date()).toISOString()
  const w: Workshop = {
    id: opts.id ?? newId(),
    ...input,
    ownerId,
    status: opts.status ?? 'pending',
    ...(opts.status === 'recognized' ? { recognizedAt: now, recognizedBy: opts.recognizedBy ?? 'seed' } : {}),
    alleviatedEmployed: 0,
    createdAt: now,
  }
  await orConflict(
    () =>
      db.doc.send(
        new PutCommand({
          TableName: db.table,
          Item: { ...workshopKey(w.id), entity: 'workshop', ...indexKeys(w), ...w },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      ),
    () => new DomainError('workshop.exists', 'conflict', '车间已存在', 'Workshop already exists'),
  )
  return w
}

export async function getWorkshop(db: Db, id: string): Promise<Workshop | undefined> {
  const r = await db.doc.send(new GetCommand({ TableName: db.table, Key: workshopKey(id) }))
  return r.Item ? stripKeys<Workshop>(r.Item) : undefined
}


const toWorkshop = (i: Record<string, unknown>) => stripKeys<Workshop>(i)

export const listWorkshopsOfOwner = (db: Db, ownerId: string, limit = 50, cursor?: string): Promise<Page<Workshop>> =>
  queryPage(db, { index: 'GSI1', pk: workshopsOfOwner(ownerId) }, { limit, cursor }, toWorkshop)

export const listWorkshopsOfTownship = (db: Db, township: string, status: WorkshopStatus | undefined, limit = 50, cursor?: string): Promise<Page<Workshop>> =>
  queryPage(db, { index: 'GSI2', pk: workshopsOfTownship(township), ...(status ? { skPrefix: `${status}#` } : {}) }, { limit, cursor }, toWorkshop)

/** 认定 recognition: only a pending workshop can be decided, once. */
export async function decideWorkshop(db: Db, id: string, decision: 'recognized' | 'rejected', officerId: string, now = new Date(), reason?: string): Promise<Workshop> {
  const w = await getWorkshop(db, id)
  if (!w) throw new DomainError('workshop.notFound', 'notFound', '车间不存在', 'Workshop not found')
  const at = now.toISOString()
  const r = await orConflict(
    () =>
      db.doc.send(
        new UpdateCommand({
          TableName: db.table,
          Key: workshopKey(id),
          UpdateExpression: `SET #s = :to, recognizedAt = :at, recognizedBy = :by, GSI2SK = :sk${reason ? ', rejectReason = :reason' : ''}`,
          ConditionExpression: '#s = :pending',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: {
            ':to': decision,
            ':at': at,
            ':by': officerId,
            ':pending': 'pending',
            ':sk': `${decision}#${w.createdAt}#${w.id}`,
            ...(reason ? { ':reason': reason } : {}),
          },
          ReturnValues: 'ALL_NEW',
        }),
      ),
    () => new DomainError('workshop.decided', 'conflict', '该车间已认定或驳回', 'The workshop has already been decided'),
  )
  return stripKeys<Workshop>(r.Attributes ?? {})
}
