import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb'
import { DomainError } from '../../shared/errors.js'
import type { Placement } from '../../shared/schemas/applications.js'
import type { Page } from '../../shared/schemas/common.js'
import type { Db } from './client.js'
import { decodeCursor, encodeCursor } from './cursor.js'
import { orConflict } from './errors.js'
import { placementKey, placementsOfPost, placementsOfSeeker, placementsOfTownship, postKey, stripKeys, workshopKey } from './keys.js'
import { syncFilledStatus } from './posts.js'

/** Listed under the seeker, under the seeker's township (officers' scope), and under the post. */
export const placementIndexKeys = (p: Placement) => ({
  GSI1PK: placementsOfSeeker(p.seekerId),
  GSI1SK: `${p.startDate}#${p.id}`,
  GSI2PK: placementsOfTownship(p.seekerTownship),
  GSI2SK: `${p.status}#${p.startDate}#${p.id}`,
  ...(p.postId ? { GSI3PK: placementsOfPost(p.postId), GSI3SK: `${p.status}#${p.startDate}#${p.id}` } : {}),
})

type StoredPlacement = Placement & { countedForWorkshop?: boolean }

export async function getPlacement(db: Db, id: string): Promise<StoredPlacement | undefined> {
  const r = await db.doc.send(new GetCommand({ TableName: db.table, Key: placementKey(id), ConsistentRead: true }))
  return r.Item ? stripKeys<StoredPlacement>(r.Item) : undefined
}

async function page(db: Db, index: 'GSI1' | 'GSI2' | 'GSI3', pk: string, prefix: string | undefined, limit: number, cursor?: string): Promise<Page<Placement>> {
  const r = await db.doc.send(
    new QueryCommand({
      TableName: db.table,
      IndexName: index,
      KeyConditionExpression: prefix ? `${index}PK = :pk AND begins_with(${index}SK, :p)` : `${index}PK = :pk`,
      ExpressionAttributeValues: { ':pk': pk, ...(prefix ? { ':p': prefix } : {}) },
      ScanIndexForward: false,
      Limit: limit,
      ExclusiveStartKey: decodeCursor(cursor, ['PK', 'SK', `${index}PK`, `${index}SK`]),
    }),
  )
  return { items: (r.Items ?? []).map((i) => stripKeys<Placement>(i)), nextCursor: encodeCursor(r.LastEvaluatedKey) }
}

export const listPlacementsOfTownship = (db: Db, township: string, status: Placement['status'] | undefined, limit = 50, cursor?: string) =>
  page(db, 'GSI2', placementsOfTownship(township), status ? `${status}#` : undefined, limit, cursor)
export const listPlacementsOfPost = (db: Db, postId: string, status: Placement['status'] | undefined, limit = 50, cursor?: string) =>
  page(db, 'GSI3', placementsOfPost(postId), status ? `${status}#` : undefined, limit, cursor)
export const listPlacementsOfSeeker = (db: Db, seekerId: string, limit = 50, cursor?: string) => page(db, 'GSI1', placementsOfSeeker(seekerId), undefined, limit, cursor)

/** Ends a placement once; its place on the post is given back in the same transaction, and the post reopens. */
export async function endPlacement(db: Db, p: StoredPlacement, endDate: string, reason: string): Promise<Placement> {
  const ended: Placement = { ...p, status: 'ended', endDate, endReason: reason }
  const keys = placementIndexKeys(ended)
  await orConflict(
    () =>
      db.doc.send(
        new TransactWriteCommand({
          TransactItems: [
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
          ],
        }),
      ),
    () => new DomainError('placement.ended', 'conflict', '该安置已结束', 'This placement has already ended'),
  )
  if (p.postId && p.source === 'platform') await syncFilledStatus(db, p.postId)
  const { countedForWorkshop: _c, ...out } = ended as StoredPlacement
  return out
}
