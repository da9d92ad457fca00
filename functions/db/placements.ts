import { GetCommand } from '@aws-sdk/lib-dynamodb'
import { DomainError } from '../../shared/errors.js'
import type { Placement } from '../../shared/schemas/applications.js'
import type { Page } from '../../shared/schemas/common.js'
import type { Db } from './client.js'
import { orConflict } from './errors.js'
import { endedWrites } from './seeker-activity.js'
import { placementIndexKeys, placementKey, placementsOfPost, placementsOfSeeker, placementsOfTownship, postKey, stripKeys, workshopKey } from './keys.js'
import { auditPut, type AuditDraft } from './audit.js'
import { transact, type TxItem } from './tx.js'
import { activeJobRelease } from './active-jobs.js'
import { syncFilledStatus } from './posts.js'
import { queryAll, queryPage } from './query.js'
import { countWrites, failedConditions, withTable } from './targets.js'
import { endBoardWrites } from './board.js'


type StoredPlacement = Placement & { countedForWorkshop?: boolean; boardCategory?: string }

export async function getPlacement(db: Db, id: string): Promise<StoredPlacement | undefined> {
  const r = await db.doc.send(new GetCommand({ TableName: db.table, Key: placementKey(id), ConsistentRead: true }))
  return r.Item ? stripKeys<StoredPlacement>(r.Item) : undefined
}


const toPlacement = (i: Record<string, unknown>) => {
  const { countedForWorkshop: _c, boardCategory: _b, ...p } = stripKeys<StoredPlacement>(i)
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
export async function endPlacement(db: Db, p: StoredPlacement, endDate: string, reason: string, now: Date, audit: AuditDraft, extra: TxItem[] = []): Promise<Placement> {
  const ended: Placement = { ...p, status: 'ended', endDate, endReason: reason }
  const keys = placementIndexKeys(ended)
  const release = await activeJobRelease(db, p)
  const activity = await endedWrites(db, p, now)
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
            // Still in work at 3 and 6 months (the board's outcomes), from the same end.
            ...endBoardWrites(db, p, endDate),
            // The person's activity, and whether they are back among those waiting for work.
            ...activity,
            // What else the end settles (the checks after placement it meets), last.
            ...extra,
          ]),
    () => new DomainError('placement.ended', 'conflict', '该安置已结束', 'This placement has already ended'),
  )
  if (p.postId && p.source === 'platform') await syncFilledStatus(db, p.postId)
  const { countedForWorkshop: _c, boardCategory: _b, ...out } = ended as StoredPlacement
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

/** A township's placements that started by `today` and still wait to count toward the 务工就业 target. */
export const placementsDueToCount = (db: Db, township: string, today: string): Promise<StoredPlacement[]> =>
  queryAll(
    db,
    { index: 'GSI2', pk: placementsOfTownship(township), skPrefix: 'active#', filter: { expression: 'attribute_exists(targetPending) AND startDate <= :today', values: { ':today': today } } },
    (i) => stripKeys<StoredPlacement>(i),
  )

/**
 * Counts a placement that has now started, once: the person's marker for the year and the
 * township's counter, and the placement's flag cleared, in one transaction. When the person already
 * counts this year only the flag goes. Answers whether it counted.
 */
export async function countStartedPlacement(db: Db, p: Placement & { boardCategory?: string }, now: Date): Promise<boolean> {
  const clear = { Update: { TableName: db.table, Key: placementKey(p.id), UpdateExpression: 'REMOVE targetPending', ConditionExpression: 'attribute_exists(targetPending)' } }
  try {
    await transact(db, [...countWrites('employed', p.seekerId, p.seekerTownship, Number(p.startDate.slice(0, 4)), now, { name: p.seekerName, month: p.startDate.slice(5, 7), ...(p.boardCategory ? { category: p.boardCategory } : {}) }).map((w) => withTable(db, w)), clear])
    return true
  } catch (e) {
    const failed = failedConditions(e)
    if (failed.includes(2)) return false // counted meanwhile by another run
    if (failed.join() !== '0') throw e
    await transact(db, [clear]).catch((e2: unknown) => {
      if (failedConditions(e2).join() !== '0') throw e2
    })
    return false
  }
}

/** A check after placement logged while the person is still at work (or not reachable): its due item met and its audit, together. */
export async function logPlacementCheck(db: Db, meet: TxItem[], now: Date, audit: AuditDraft): Promise<void> {
  await orConflict(() => transact(db, [...meet, auditPut(db, audit, now)]), () => new DomainError('check.notDue', 'conflict', '该回访已记录', 'This check is already logged'))
}
/** The check's audit event, for the end's own transaction when the person left. */
export const checkAuditPut = (db: Db, audit: AuditDraft, now: Date): TxItem => auditPut(db, audit, now)
