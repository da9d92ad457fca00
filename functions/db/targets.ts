import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb'
import type { Db } from './client.js'
import { queryAll } from './query.js'
import { certYearKey, employedYearKey, targetCounterKey, targetCounters } from './keys.js'

export type TargetMetric = 'certified' | 'employed'

/**
 * The two writes that count a person once a year toward a target: a marker item that may not exist
 * yet, and the township counter's ADD. Callers put them in one transaction, with their own writes
 * when the count belongs to a change (a verification), so it can never happen without it.
 */
export function countWrites(metric: TargetMetric, seekerId: string, township: string, year: number, now = new Date()) {
  const marker = metric === 'certified' ? certYearKey(seekerId, year) : employedYearKey(seekerId, year)
  return [
    { Put: { TableName: '', Item: { ...marker, entity: 'targetMarker', at: now.toISOString() }, ConditionExpression: 'attribute_not_exists(PK)' } },
    {
      Update: {
        TableName: '',
        Key: targetCounterKey(year, metric, township),
        UpdateExpression: 'ADD #c :one SET entity = :e, township = :t',
        ExpressionAttributeNames: { '#c': 'count' },
        ExpressionAttributeValues: { ':one': 1, ':e': 'targetCounter', ':t': township },
      },
    },
  ]
}

/** Which writes of a cancelled transaction failed their condition (not a passing conflict). */
export const failedConditions = (e: unknown): number[] =>
  ((e as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? []).flatMap((r, i) => (r.Code === 'ConditionalCheckFailed' ? [i] : []))

/** Sets the table on a write built without one. */
export function withTable<W extends { Put?: { TableName: string }; Update?: { TableName: string } }>(db: Db, w: W): W {
  if (w.Put) return { ...w, Put: { ...w.Put, TableName: db.table } }
  if (w.Update) return { ...w, Update: { ...w.Update, TableName: db.table } }
  return w
}

/** Progress of a metric: one small Query of the per-township counters. */
export async function targetProgress(db: Db, metric: TargetMetric, year: number): Promise<{ total: number; byTownship: Record<string, number> }> {
  const rows = await queryAll(db, { pk: targetCounters(year, metric), oldestFirst: true }, (i) => ({ township: i.township as string, count: Number(i.count ?? 0) }))
  const byTownship = Object.fromEntries(rows.map((r) => [r.township, r.count]))
  return { total: rows.reduce((s, r) => s + r.count, 0), byTownship }
}
