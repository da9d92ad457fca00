/**
 * 到期事项 due items (docs/following.md): one item per subject and kind, written by the use case
 * that starts or meets a clock, inside that use case's own transaction (the TxItems below).
 */
import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb'
import { dueStateOn } from '../../shared/following/due.js'
import type { DueItem } from '../../shared/schemas/monitoring.js'
import type { Page } from '../../shared/schemas/common.js'
import { addDays } from '../../shared/dates.js'
import { batchDelete, batchPut } from './batch.js'
import type { Db } from './client.js'
import { isConditionFailed } from './errors.js'
import { DUE_OPEN_PREFIX, dueCountOf, dueDayCountKey, dueDayRange, dueIndexKeys, dueKey, dueOfHelper, dueOfSubject, dueOfTownship, dueOpenCountKey, digestMarkerKey, rollupMarkerKey, stripKeys } from './keys.js'
import { queryAll, queryFilledPage, queryPage, type PartitionQuery } from './query.js'
import { transact, type TxItem } from './tx.js'

/** What a clock puts on the list. */
export interface DuePut {
  kind: string
  subjectType: string
  subjectId: string
  township: string
  helperId?: string | undefined
  title: string
  dueOn: string
}
export interface DueRef {
  kind: string
  subjectType: string
  subjectId: string
}

export type Stored = Omit<DueItem, 'state'> & { state: 'open' | 'done' }

/** As shown: an open item is due until its day, overdue after it. */
export const viewDue = (s: Stored, today: string): DueItem => ({ ...s, state: s.state === 'done' ? 'done' : dueStateOn(s.dueOn, today) })
const stored = (i: Record<string, unknown>) => stripKeys<Stored>(i)

/**
 * Puts an open due item: a new one (none of its subject and kind, or only a met one), or, given the
 * open one it replaces, that one again with a new day. Either way conditioned on what the caller
 * read, so the counters below move with the item or the whole transaction fails.
 */
export function duePutWrite(db: Db, d: DuePut, now: Date, replacing?: Pick<Stored, 'dueOn'>): TxItem {
  const { helperId, ...rest } = d
  return {
    Put: {
      TableName: db.table,
      Item: { ...dueKey(d.subjectType, d.subjectId, d.kind), entity: 'due', ...dueIndexKeys(d), ...rest, ...(helperId ? { helperId } : {}), state: 'open', createdAt: now.toISOString() },
      ...(replacing
        ? { ConditionExpression: '#s = :open AND dueOn = :was', ExpressionAttributeNames: { '#s': 'state' }, ExpressionAttributeValues: { ':open': 'open', ':was': replacing.dueOn } }
        : { ConditionExpression: 'attribute_not_exists(PK) OR #s = :done', ExpressionAttributeNames: { '#s': 'state' }, ExpressionAttributeValues: { ':done': 'done' } }),
    },
  }
}

/** Meets an open due item: done, off the lists. Its condition (still open, on the day read) fails the whole transaction otherwise. */
export function dueCompleteWrite(db: Db, r: DueRef & { dueOn: string }, doneOn: string, outcome: string): TxItem {
  return {
    Update: {
      TableName: db.table,
      Key: dueKey(r.subjectType, r.subjectId, r.kind),
      UpdateExpression: 'SET #s = :done, doneOn = :on, outcome = :out REMOVE GSI1PK, GSI1SK, GSI2PK, GSI2SK',
      ConditionExpression: '#s = :open AND dueOn = :was',
      ExpressionAttributeNames: { '#s': 'state' },
      ExpressionAttributeValues: { ':done': 'done', ':open': 'open', ':on': doneOn, ':out': outcome, ':was': r.dueOn },
    },
  }
}

/** One counter's change: a township's open items of a kind, or of a kind on a day. */
export interface CountDelta {
  township: string
  kind: string
  dueOn?: string
  by: number
}

/**
 * The counters' updates for a set of item changes, merged per counter (one transaction may not
 * touch an item twice, and a replaced item on the same day nets to nothing).
 */
export function dueCountWrites(db: Db, deltas: readonly CountDelta[]): TxItem[] {
  const merged = new Map<string, { key: Record<string, string>; by: number }>()
  for (const d of deltas) {
    for (const key of [dueOpenCountKey(d.township, d.kind), ...(d.dueOn ? [dueDayCountKey(d.township, d.dueOn, d.kind)] : [])]) {
      const id = `${key.PK}|${key.SK}`
      merged.set(id, { key, by: (merged.get(id)?.by ?? 0) + d.by })
    }
  }
  return [...merged.values()]
    .filter((m) => m.by !== 0)
    .map((m) => ({ Update: { TableName: db.table, Key: m.key, UpdateExpression: 'ADD nOpen :by SET entity = :e', ExpressionAttributeValues: { ':by': m.by, ':e': 'dueCount' } } }))
}

/** A township's counts: open items per kind, and per kind those due before `today` (overdue). Two queries of one small partition. */
export async function dueCountsOf(db: Db, township: string, today: string): Promise<{ open: Map<string, number>; overdue: Map<string, number> }> {
  const kindOf = (sk: string) => sk.split('#').slice(2).join('#')
  const [opens, days] = await Promise.all([
    queryAll(db, { pk: dueCountOf(township), skPrefix: DUE_OPEN_PREFIX, oldestFirst: true }, (i) => ({ kind: String(i.SK).slice(DUE_OPEN_PREFIX.length), n: Number(i.nOpen ?? 0) })),
    queryAll(db, { pk: dueCountOf(township), skBetween: dueDayRange(today), oldestFirst: true, filter: { expression: 'nOpen <> :zero', values: { ':zero': 0 } } }, (i) => ({ kind: kindOf(String(i.SK)), n: Number(i.nOpen ?? 0) })),
  ])
  const open = new Map<string, number>()
  for (const o of opens) if (o.n) open.set(o.kind, o.n)
  const overdue = new Map<string, number>()
  for (const d of days) overdue.set(d.kind, (overdue.get(d.kind) ?? 0) + d.n)
  return { open, overdue }
}

/**
 * The daily job's sweep: day counters of past days that reached 0 are deleted (conditioned on still
 * being 0), so the overdue range a request reads holds only days that still owe something.
 */
export async function sweepDueCounts(db: Db, township: string, today: string): Promise<number> {
  const zeros = await queryAll(db, { pk: dueCountOf(township), skBetween: dueDayRange(today), oldestFirst: true, filter: { expression: 'nOpen = :zero', values: { ':zero': 0 } } }, (i) => ({ PK: String(i.PK), SK: String(i.SK) }))
  let swept = 0
  for (const key of zeros) {
    try {
      await db.doc.send(new DeleteCommand({ TableName: db.table, Key: key, ConditionExpression: 'nOpen = :zero', ExpressionAttributeValues: { ':zero': 0 } }))
      swept++
    } catch (e) {
      if (!isConditionFailed(e)) throw e
    }
  }
  return swept
}

/** An open item follows its household's new helper (or has none). */
export function dueReassignWrite(db: Db, d: DueItem, helperId: string | undefined): TxItem {
  const keys = dueIndexKeys({ ...d, helperId })
  return {
    Update: {
      TableName: db.table,
      Key: dueKey(d.subjectType, d.subjectId, d.kind),
      UpdateExpression: helperId ? 'SET helperId = :h, GSI2PK = :pk, GSI2SK = :sk' : 'REMOVE helperId, GSI2PK, GSI2SK',
      ConditionExpression: '#s = :open',
      ExpressionAttributeNames: { '#s': 'state' },
      ExpressionAttributeValues: { ':open': 'open', ...(helperId ? { ':h': helperId, ':pk': keys.GSI2PK, ':sk': keys.GSI2SK } : {}) },
    },
  }
}

/** A subject's due items, every state (a handful: one per kind), read consistently: the writes built on it are conditioned on it. */
export const listDueOfSubject = (db: Db, subjectType: string, subjectId: string): Promise<Stored[]> =>
  queryAll(db, { pk: dueOfSubject(subjectType, subjectId), skPrefix: 'DUE#', oldestFirst: true, consistent: true }, stored)

/** The sort-key range of `state` on `today`: due from today on, overdue before it; soonest (oldest) first. */
const range = (state: 'due' | 'overdue', today: string) => (state === 'due' ? { from: today, to: '9999-12-31~' } : { from: '0', to: `${addDays(today, -1)}~` })

export function listDue(db: Db, by: { township: string } | { helperId: string; township?: string | undefined }, state: 'due' | 'overdue', today: string, page: { limit: number; cursor?: string }): Promise<Page<DueItem>> {
  const map = (i: Record<string, unknown>) => viewDue(stored(i), today)
  if ('helperId' in by) {
    const q: PartitionQuery = { index: 'GSI2', pk: dueOfHelper(by.helperId), skBetween: range(state, today), oldestFirst: true, ...(by.township ? { filter: { expression: 'township = :t', values: { ':t': by.township } } } : {}) }
    return queryFilledPage(db, q, page, map)
  }
  return queryPage(db, { index: 'GSI1', pk: dueOfTownship(by.township), skBetween: range(state, today), oldestFirst: true }, page, map)
}

/** Every open item of a township (the daily job; not a request path). */
export const openDueOfTownship = (db: Db, township: string): Promise<Stored[]> => queryAll(db, { index: 'GSI1', pk: dueOfTownship(township), oldestFirst: true }, stored)

/**
 * The counters of a township recomputed from its open items (a job: a database that had due items
 * before the counters existed). Not safe beside live writes: run at start-up, before serving.
 */
export async function rebuildDueCounts(db: Db, township: string): Promise<number> {
  const open = await openDueOfTownship(db, township)
  const want = new Map<string, { key: { PK: string; SK: string }; n: number }>()
  for (const d of open) {
    for (const key of [dueOpenCountKey(township, d.kind), dueDayCountKey(township, d.dueOn, d.kind)]) {
      const id = key.SK
      want.set(id, { key, n: (want.get(id)?.n ?? 0) + 1 })
    }
  }
  const old = await queryAll(db, { pk: dueCountOf(township) }, (i) => ({ PK: String(i.PK), SK: String(i.SK) }))
  await batchDelete(db, old.filter((k) => !want.has(k.SK)))
  await batchPut(db, [...want.values()].map((w) => ({ ...w.key, entity: 'dueCount', nOpen: w.n })))
  return open.length
}

/** Marks an item overdue once (the day it is first seen overdue); answers whether this call marked it. */
export async function markOverdue(db: Db, d: DueRef, today: string): Promise<boolean> {
  try {
    await db.doc.send(
      new UpdateCommand({
        TableName: db.table,
        Key: dueKey(d.subjectType, d.subjectId, d.kind),
        UpdateExpression: 'SET overdueMarkedOn = :today',
        ConditionExpression: '#s = :open AND attribute_not_exists(overdueMarkedOn)',
        ExpressionAttributeNames: { '#s': 'state' },
        ExpressionAttributeValues: { ':open': 'open', ':today': today },
      }),
    )
    return true
  } catch (e) {
    if (isConditionFailed(e)) return false
    throw e
  }
}

/**
 * Sends one notice once: the marker (condition: new) and the notice's own writes (an inbox message)
 * in one transaction. Answers false when the marker was there already (sent before).
 */
export async function onceWith(db: Db, marker: { kind: 'day'; recipientId: string; day: string } | { kind: 'week'; recipientId: string; weekOf: string }, writes: TxItem[], now: Date): Promise<boolean> {
  const key = marker.kind === 'day' ? digestMarkerKey(marker.recipientId, marker.day) : rollupMarkerKey(marker.recipientId, marker.weekOf)
  try {
    await transact(db, [{ Put: { TableName: db.table, Item: { ...key, entity: 'digestMarker', at: now.toISOString(), ttl: Math.floor(now.getTime() / 1000) + 30 * 86_400 }, ConditionExpression: 'attribute_not_exists(PK)' } }, ...writes])
    return true
  } catch (e) {
    const reasons = (e as { CancellationReasons?: { Code?: string }[] }).CancellationReasons
    if (reasons?.[0]?.Code === 'ConditionalCheckFailed') return false
    throw e
  }
}
