import { GetCommand } from '@aws-sdk/lib-dynamodb'
import { DomainError } from '../../shared/errors.js'
import type { Page } from '../../shared/schemas/common.js'
import type { Workshop, WorkshopInput, WorkshopStatus } from '../../shared/schemas/workshops.js'
import type { Db } from './client.js'
import { orConflict } from './errors.js'
import { newId } from './ids.js'
import { stripKeys, workshopIndexKeys, workshopKey, workshopsOfOwner, workshopsOfTownship } from './keys.js'
import { auditPut, type AuditDraft } from './audit.js'
import { transact } from './tx.js'
import { queryAll, queryMarkedPage, queryPage } from './query.js'
import { contactPut, type SealedContact } from './contacts.js'

const indexKeys = workshopIndexKeys

export async function createWorkshop(
  db: Db,
  input: WorkshopInput,
  ownerId: string,
  opts: { id?: string; now?: Date; status?: WorkshopStatus; recognizedBy?: string; contact?: SealedContact; audit?: (w: Workshop) => AuditDraft } = {},
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
      transact(db, [
        { Put: { TableName: db.table, Item: { ...workshopKey(w.id), entity: 'workshop', ...indexKeys(w), ...w }, ConditionExpression: 'attribute_not_exists(PK)' } },
        // The contact phone beside the workshop, never in it: lists read the workshop item.
        ...(opts.contact ? [contactPut(db, { workshop: w.id }, opts.contact, new Date(now))] : []),
        ...(opts.audit ? [auditPut(db, opts.audit(w), new Date(now))] : []),
      ]),
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
/** Every workshop of an owner (one or a few): their posts are read across all of them. */
export const allWorkshopsOfOwner = (db: Db, ownerId: string): Promise<Workshop[]> => queryAll(db, { index: 'GSI1', pk: workshopsOfOwner(ownerId) }, toWorkshop)

export const listWorkshopsOfTownship = (db: Db, township: string, status: WorkshopStatus | undefined, limit = 50, cursor?: string): Promise<Page<Workshop>> =>
  queryPage(db, { index: 'GSI2', pk: workshopsOfTownship(township), ...(status ? { skPrefix: `${status}#` } : {}) }, { limit, cursor }, toWorkshop)

/** The same list, each workshop with the cursor right after it (see listSeekersOfTownshipMarked). */
export const listWorkshopsOfTownshipMarked = (db: Db, township: string, status: WorkshopStatus, page: { limit: number; cursor?: string }) =>
  queryMarkedPage(db, { index: 'GSI2', pk: workshopsOfTownship(township), skPrefix: `${status}#` }, page, toWorkshop)

/** 认定 recognition: only a pending workshop can be decided, once; the decision and its audit are one transaction. */
export async function decideWorkshop(db: Db, w: Workshop, decision: 'recognized' | 'rejected', officerId: string, now: Date, reason: string | undefined, audit: AuditDraft): Promise<Workshop> {
  const at = now.toISOString()
  const next: Workshop = { ...w, status: decision, recognizedAt: at, recognizedBy: officerId, ...(reason ? { rejectReason: reason } : {}) }
  await orConflict(
    () =>
      transact(db, [
        {
          Update: {
            TableName: db.table,
            Key: workshopKey(w.id),
            UpdateExpression: `SET #s = :to, recognizedAt = :at, recognizedBy = :by, GSI2SK = :sk${reason ? ', rejectReason = :reason' : ''}`,
            ConditionExpression: '#s = :pending',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: { ':to': decision, ':at': at, ':by': officerId, ':pending': 'pending', ':sk': indexKeys(next).GSI2SK, ...(reason ? { ':reason': reason } : {}) },
          },
        },
        auditPut(db, audit, now),
      ]),
    () => new DomainError('workshop.decided', 'conflict', '该车间已认定或驳回', 'The workshop has already been decided'),
  )
  return next
}
