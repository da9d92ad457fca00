import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb'
import type { Db } from './client.js'
import { queryAll } from './query.js'
import { boardYear, targetCounterKey, targetCounterPrefix, targetMarkerIndexKeys, targetMarkerKey } from './keys.js'

/** certified and employed (务工就业) targets; publicWelfare 公益性岗位 and workshop 帮扶车间 people; placed: anyone placed in the year. */
export type TargetMetric = 'certified' | 'employed' | 'publicWelfare' | 'workshop' | 'placed'

/** Who is counted: their name lists them in the drill-down; the month (MM) and category split the counter. */
export interface CountedPerson {
  name: string
  month: string
  category?: string
}

/**
 * The two writes that count a person once a year toward a target: a marker item that may not exist
 * yet, and the township counter's ADD. Callers put them in one transaction, with their own writes
 * when the count belongs to a change (a verification), so it can never happen without it.
 */
export function countWrites(metric: TargetMetric, seekerId: string, township: string, year: number, now = new Date(), who?: CountedPerson) {
  const marker = targetMarkerKey(metric, seekerId, year)
  // The board's drill-down lists the person by the marker's index keys; the counter keeps the month and category split.
  const listed = who ? { ...targetMarkerIndexKeys({ metric, year, township, month: who.month, seekerId }), seekerId, seekerName: who.name, township, month: who.month, ...(who.category ? { category: who.category } : {}) } : {}
  const split = who ? [`m${who.month}`, ...(who.category ? [`c_${who.category}`] : [])] : []
  return [
    { Put: { TableName: '', Item: { ...marker, entity: 'targetMarker', at: now.toISOString(), ...listed }, ConditionExpression: 'attribute_not_exists(PK)' } },
    {
      Update: {
        TableName: '',
        Key: targetCounterKey(year, metric, township),
        UpdateExpression: `ADD #c :one${split.map((_, i) => `, #s${i} :one`).join('')} SET entity = :e, township = :t`,
        ExpressionAttributeNames: { '#c': 'count', ...Object.fromEntries(split.map((a, i) => [`#s${i}`, a])) },
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
  const rows = await targetCountersOf(db, metric, year)
  const byTownship = Object.fromEntries(rows.map((r) => [r.township, r.count]))
  return { total: rows.reduce((s, r) => s + r.count, 0), byTownship }
}

/** A metric's per-township counters with their month and category splits: one small Query (≤ 17 items). */
export interface TargetCounter {
  township: string
  count: number
  byMonth: Record<string, number>
  byCategory: Record<string, number>
}
export const toTargetCounter = (i: Record<string, unknown>): TargetCounter => {
  const byMonth: Record<string, number> = {}
  const byCategory: Record<string, number> = {}
  for (const [k, v] of Object.entries(i)) {
    if (/^m\d\d$/.test(k)) byMonth[k.slice(1)] = Number(v)
    else if (k.startsWith('c_')) byCategory[k.slice(2)] = Number(v)
  }
  return { township: i.township as string, count: Number(i.count ?? 0), byMonth, byCategory }
}
/** The metric a counter item counts, from its sort key `T#metric#township`. */
export const counterMetric = (sk: string): TargetMetric => sk.split('#')[1] as TargetMetric
export const targetCountersOf = (db: Db, metric: TargetMetric, year: number): Promise<TargetCounter[]> =>
  queryAll(db, { pk: boardYear(year), skPrefix: targetCounterPrefix(metric), oldestFirst: true }, toTargetCounter)
