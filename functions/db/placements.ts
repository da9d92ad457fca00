import { GetCommand } from '@aws-sdk/lib-dynamodb'
import { DomainError } from '../../shared/errors.js'
import type { Placement } from '../../shared/schemas/applications.js'
import type { Page } from '../../shared/schemas/common.js'
import type { Db } from './client.js'
import { orConflict } from './errors.js'
import { placementIndexKeys, placementKey, placementsOfPost, placementsOfSeeker, placementsOfTownship, postKey, stripKeys, workshopKey } from './keys.js'
import { auditPut, type AuditDraft } from './audit.js'
import { transact } from './tx.js'
import { activeJobRelease } from './active-jobs.js'
import { syncFilledStatus } from './posts.js'
import { queryAll, queryPage } from './query.js'


type StoredPlacement = Placement & { countedForWorkshop?: boolean }

export async function getPlacement(db: Db, id: string): Promise<StoredPlacement | undefined> {
  const r = await db.doc.send(new GetCommand({ TableName: db.table, Key: placementKey(id), ConsistentRead: true }))
  return r.Item ? stripKeys<StoredPlacement>(r.Item) : undefined
}


const toPlacement = (i: Record<string, unknown>) => {
  const { countedForWorkshop: _c, ...p } = stripKeys<StoredPlacement>(i)
  return p as Placement
}
const byStatus = (status: Placement['status'] | undefined) => (status ? { skPrefix: `${status}#` } : {})

export const listPlacementsOfTownship = (db: Db, township: string, status: Placement['status'] | undefined, limit = 50, cursor?: string): Promise<Page<Placement>> =>
  queryPage(db, { index: 'GSI2', pk: placementsOfTownship(township), ...byStatus(status) }, { limit, cursor }, toPlacement)
export const listPlacementsOfPost = (db: Db, postId: string, status: Placement['status'] | undefined, limit = 50, cursor?: string): Promise<Page<Placement>> =>
  queryPage(db, { index: 'GSI3', pk: placementsOfPost(postId), ...byStatus(status) }, { limit, cursor }, toPlacement)
export const listPlacementsOfSeeker = (db: Db, seekerId: string, limit = 50, cursor?: string): Promise<Page<Placement>> =>
  queryPage(db, { index: 'GSI1', pk: placementsOfSeeker(seekerId) }, { limit, cursor }, toPlacement)

/** Every active placement of a township's people (a match run must know everyone in work, not the first page of them). */
export const allActivePlacementsOfTownship = (db: Db, township: string): Promise<Placement[]> =>
  queryAll(db, { index: 'GSI2', pk: placementsOfTownship(township), ...byStatus('active') }, toPlacement)

/** Ends a placement once; its place on the post is given back in the same transaction, and the post reopens. */
export async function endPlacement(db: Db, p: StoredPlacement, endDate: string, reason: string, now: Date, audit: AuditDraft): Promise<Placement> {
  const ended: Placement = { ...p, status: 'ended', endDate, endReason: reason }
  const keys = placementIndexKeys(ended)
  const release = await activeJobRelease(db, p)
  await orConflict(
    () =>
      transact(db, [
            auditPut(db, audit, now),
            {
              Update: {
                TableName: db.table,
                Key: placementKey(p.id),
                UpdateExpression: `SET #s = :ended, endDate = :end, endReason = :reason, GSI2SK = :g2${keys.GSI3SK ? ', GSI3SK = :g3' : ''}`,
                ConditionExpression: '#s = :active',
                ExpressionAttributeNames: { '#s': 'status' },
                ExpressionAttributeValues: { ':ended': 'ended', ':active': 'active', ':end': endDate, ':reason': reason, ':g2': keys.GSI2SK, ...(keys.GSI3SK ? { ':g3': keys.GSI3SK } : {}) },
              },
            },
            ...(p.postId && p.source === 'platform'
              ? [{ Update: { TableName: db.table, Key: postKey(p.postId), UpdateExpression: 'ADD filled :minus', ConditionExpression: 'filled > :zero', ExpressionAttributeValues: { ':minus': -1, ':zero': 0 } } }]
              : []),
            ...(p.countedForWorkshop && p.workshopId
              ? [{ Update: { TableName: db.table, Key: workshopKey(p.workshopId), UpdateExpression: 'ADD alleviatedEmployed :minus', ExpressionAttributeValues: { ':minus': -1 } } }]
              : []),
            // The person's slot is free again (conditional on naming this placement).
            ...release,
          ]),
    () => new DomainError('placement.ended', 'conflict', '该安置已结束', 'This placement has already ended'),
  )
  if (p.postId && p.source === 'platform') await syncFilledStatus(db, p.postId)
  const { countedForWorkshop: _c, ...out } = ended as StoredPlacement
  return out
}

/** A workshop's placements, for its reward: the placements of each of its posts, with whether each counts. */
export async function listPlacementsOfWorkshop(db: Db, postIds: readonly string[]): Promise<(Placement & { category?: string })[]> {
  const perPost = await Promise.all(
    postIds.map((id) => queryAll(db, { index: 'GSI3', pk: placementsOfPost(id) }, (i) => stripKeys<StoredPlacement>(i))),
  )
  return perPost.flat().map(({ countedForWorkshop, ...p }) => ({ ...p, category: countedForWorkshop ? 'alleviated' : 'other' }))
}

export { placementIndexKeys }

/** Every placement of one person, page by page (the overlap rules and the record checks need all of them). */
export const listAllPlacementsOfSeeker = (db: Db, seekerId: string): Promise<Placement[]> => queryAll(db, { index: 'GSI1', pk: placementsOfSeeker(seekerId) }, toPlacement)
