import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb'
import type { Db } from './client.js'
import { isTransactionConflict } from './errors.js'
import { queryAll } from './query.js'
import { certYearKey, employedYearKey, targetCounterKey, targetCounters } from './keys.js'

export type TargetMetric = 'certified' | 'employed'

/**
 * Counts a person once a year toward a target: the marker item's `attribute_not_exists` and the
 * counter's ADD are one transaction, so repeats and races count once. Answers whether it counted.
 */
export async function countOnce(db: Db, metric: TargetMetric, seekerId: string, township: string, year: number): Promise<boolean> {
  const marker = metric === 'certified' ? certYearKey(seekerId, year) : employedYearKey(seekerId, year)
  try {
    await db.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: db.table, Item: { ...marker, entity: 'targetMarker', at: new Date().toISOString() }, ConditionExpression: 'attribute_not_exists(PK)' } },
          { Update: { TableName: db.table, Key: targetCounterKey(year, metric, township), UpdateExpression: 'ADD #c :one SET entity = :e, township = :t', ExpressionAttributeNames: { '#c': 'count' }, ExpressionAttributeValues: { ':one': 1, ':e': 'targetCounter', ':t': township } } },
        ],
      }),
    )
    return true
  } catch (e) {
    if (isTransactionConflict(e)) return false
    throw e
  }
}

/** Progress of a metric: one small Query of the per-township counters. */
export async function targetProgress(db: Db, metric: TargetMetric, year: number): Promise<{ total: number; byTownship: Record<string, number> }> {
  const rows = await queryAll(db, { pk: targetCounters(year, metric), oldestFirst: true }, (i) => ({ township: i.township as string, count: Number(i.count ?? 0) }))
  const byTownship = Object.fromEntries(rows.map((r) => [r.township, r.count]))
  return { total: rows.reduce((s, r) => s + r.count, 0), byTownship }
}
