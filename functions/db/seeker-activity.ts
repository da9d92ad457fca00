/**
 * A seeker's last activity and whether they hold a job, kept on the seeker item (and so its 待跟进
 * index keys, `seekerIdleKeys`) by the transactions of the acts themselves: an application, a
 * placement's start, a placement's end. Each write here is one more item of that transaction.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb'
import { jobSlotOf } from '../../shared/placement-rules.js'
import type { Placement } from '../../shared/schemas/applications.js'
import type { Db } from './client.js'
import { activeJobKey, seekerActivitySort, seekerIdleKeys, seekerKey } from './keys.js'
import type { TxItem } from './tx.js'

/** An application: the person was active now (their place in the idle listing moves; at work they are not in it). */
export const appliedWrite = (db: Db, seekerId: string, now: Date): TxItem => {
  const at = now.toISOString()
  return {
    Update: {
      TableName: db.table,
      Key: seekerKey(seekerId),
      UpdateExpression: 'SET lastActivityAt = :at, GSI4SK = :sk',
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeValues: { ':at': at, ':sk': seekerActivitySort({ id: seekerId, lastActivityAt: at }) },
    },
  }
}

/** A placement starts: the person holds a job and leaves the idle listing. */
export const placedWrite = (db: Db, seekerId: string, now: Date): TxItem => ({
  Update: {
    TableName: db.table,
    Key: seekerKey(seekerId),
    UpdateExpression: 'SET lastActivityAt = :at, holdsJob = :yes REMOVE GSI4PK, GSI4SK',
    ConditionExpression: 'attribute_exists(PK)',
    ExpressionAttributeValues: { ':at': now.toISOString(), ':yes': true },
  },
})

/**
 * A placement ends. When the person holds no job of the other slot (checked in the same
 * transaction), they hold none now and, wanting work, are back in the idle listing from today;
 * otherwise only their activity moves.
 */
export async function endedWrites(db: Db, p: Placement, now: Date): Promise<TxItem[]> {
  const at = now.toISOString()
  const other = jobSlotOf(p.kind) === 'fullTime' ? 'publicWelfare' : 'fullTime'
  const [seeker, otherJob] = await Promise.all([
    db.doc.send(new GetCommand({ TableName: db.table, Key: seekerKey(p.seekerId), ConsistentRead: true })),
    db.doc.send(new GetCommand({ TableName: db.table, Key: activeJobKey(p.seekerId, other), ConsistentRead: true })),
  ])
  const s = seeker.Item as { id: string; township: string; intents?: string[]; createdAt: string } | undefined
  if (!s) return []
  if (otherJob.Item) return [{ Update: { TableName: db.table, Key: seekerKey(p.seekerId), UpdateExpression: 'SET lastActivityAt = :at', ExpressionAttributeValues: { ':at': at } } }]
  const keys = seekerIdleKeys({ id: s.id, township: s.township, intents: s.intents ?? [], createdAt: s.createdAt, lastActivityAt: at, holdsJob: false })
  return [
    { ConditionCheck: { TableName: db.table, Key: activeJobKey(p.seekerId, other), ConditionExpression: 'attribute_not_exists(PK)' } },
    {
      Update: {
        TableName: db.table,
        Key: seekerKey(p.seekerId),
        UpdateExpression: keys.GSI4PK ? 'SET lastActivityAt = :at, holdsJob = :no, GSI4PK = :pk, GSI4SK = :sk' : 'SET lastActivityAt = :at, holdsJob = :no',
        ExpressionAttributeValues: { ':at': at, ':no': false, ...(keys.GSI4PK ? { ':pk': keys.GSI4PK, ':sk': keys.GSI4SK } : {}) },
      },
    },
  ]
}
