/**
 * The targets board's counters (看板): kept in the same transactions as the placements and seeker
 * files they count, read back with a handful of single-partition queries (no Scan, nothing read
 * and dropped). docs/data-model.md, "Targets board".
 */
import { BatchGetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb'
import { addMonths, daysBetween, districtDate } from '../../shared/dates.js'
import type { Placement } from '../../shared/schemas/applications.js'
import type { Page } from '../../shared/schemas/common.js'
import type { Db } from './client.js'
import { boardYear, firstPlacedKey, OUTCOME_PREFIX, outcomeCounterKey, targetCounterPrefix, targetMarkerKey, targetPeople, WANTING_PK, wantingCounterKey } from './keys.js'
import { queryAll, queryPage } from './query.js'
import { counterMetric, countWrites, toTargetCounter, withTable, type TargetCounter, type TargetMetric } from './targets.js'
import type { TxItem } from './tx.js'

/** What a placement's counts need to know about its person. */
export interface PlacedPerson {
  /** 户类型 household category: alleviated, monitored, other. */
  category: string
  /** The seeker file's creation time (registration). */
  createdAt: string
}

/** The metrics a placement counts toward: anyone placed; 公益性岗位 and 帮扶车间 only for alleviated and monitored people. */
export function placementMetrics(p: Pick<Placement, 'kind'>, category: string): TargetMetric[] {
  const helped = category !== 'other'
  return ['placed', ...(helped && p.kind === 'publicWelfare' ? (['publicWelfare'] as const) : []), ...(helped && p.kind === 'workshop' ? (['workshop'] as const) : [])]
}

/**
 * The board's writes for a new placement, to go into the placement's own transaction, after its
 * other writes (so their positions, which the callers' failure analysis reads, do not move):
 * each metric's marker and counter when the person is not yet counted for the year, the first
 * placement's days since registration, and the outcome item's placements and start-day counts.
 * The markers are read first (one BatchGet) to leave out counts already made; their
 * `attribute_not_exists` conditions still decide, so a racing placement cancels the transaction
 * rather than count twice. `attrs` go on the placement item: its end then updates the same item.
 */
export async function placementBoardWrites(db: Db, p: Pick<Placement, 'seekerId' | 'seekerName' | 'seekerTownship' | 'kind' | 'startDate' | 'endDate'>, person: PlacedPerson, now: Date): Promise<{ writes: TxItem[]; attrs: Record<string, unknown> }> {
  const year = Number(p.startDate.slice(0, 4))
  const month = p.startDate.slice(5, 7)
  const metrics = placementMetrics(p, person.category)
  const keys = [...metrics.map((m) => targetMarkerKey(m, p.seekerId, year)), firstPlacedKey(p.seekerId)]
  const r = await db.doc.send(new BatchGetCommand({ RequestItems: { [db.table]: { Keys: keys, ConsistentRead: true, ProjectionExpression: 'PK, SK' } } }))
  const present = new Set((r.Responses?.[db.table] ?? []).map((i) => `${i.PK as string}|${i.SK as string}`))
  const has = (k: { PK: string; SK: string }) => present.has(`${k.PK}|${k.SK}`)
  const writes: TxItem[] = []
  for (const m of metrics) {
    if (!has(targetMarkerKey(m, p.seekerId, year))) writes.push(...countWrites(m, p.seekerId, p.seekerTownship, year, now, { name: p.seekerName, month, category: person.category }).map((w) => withTable(db, w)))
  }
  const first = !has(firstPlacedKey(p.seekerId))
  const days = daysBetween(districtDate(new Date(person.createdAt)), p.startDate)
  if (first) writes.push({ Put: { TableName: db.table, Item: { ...firstPlacedKey(p.seekerId), entity: 'firstPlaced', startDate: p.startDate, days, at: now.toISOString() }, ConditionExpression: 'attribute_not_exists(PK)' } })
  // A job that began before the person registered (the ledger entered after the fact) says nothing
  // of how long registration takes to a placement: it is counted as placed, not in the median.
  // A placement recorded already ended (a ledger's past job) adds its end's outcomes (endBoardWrites) to the same item here: one update of an item per transaction.
  const lost = p.endDate ? lostOutcomes(p.startDate, p.endDate).map((l): [string, string] => [`#${l}`, `${l}_${p.startDate}`]) : []
  const adds: [string, string][] = [['#p', 'placements'], ['#s', `s_${p.startDate}`], ...(first && days >= 0 ? ([['#d', `d_${days}`]] as [string, string][]) : []), ...lost]
  writes.push({
    Update: {
      TableName: db.table,
      Key: outcomeCounterKey(year, p.seekerTownship, person.category),
      UpdateExpression: `ADD ${adds.map(([n]) => `${n} :one`).join(', ')} SET entity = :e, township = :t, category = :c`,
      ExpressionAttributeNames: Object.fromEntries(adds),
      ExpressionAttributeValues: { ':one': 1, ':e': 'outcomeCounter', ':t': p.seekerTownship, ':c': person.category },
    },
  })
  return { writes, attrs: { boardCategory: person.category } }
}

/** Whether a job that ended on `endDate` ended before 3 and before 6 months of work (the board's l3 and l6). */
const lostOutcomes = (startDate: string, endDate: string): ('l3' | 'l6')[] => [...(endDate < addMonths(startDate, 3) ? (['l3'] as const) : []), ...(endDate < addMonths(startDate, 6) ? (['l6'] as const) : [])]

/**
 * An ended placement that the board counted: whether it ended before 3 and before 6 months of work,
 * added to its start day's counts, in the end's own transaction (placements from before the board
 * carry no `boardCategory` and change nothing).
 */
export function endBoardWrites(db: Db, p: Pick<Placement, 'seekerTownship' | 'startDate'> & { boardCategory?: string }, endDate: string): TxItem[] {
  if (!p.boardCategory) return []
  const lost = lostOutcomes(p.startDate, endDate)
  if (!lost.length) return []
  return [
    {
      Update: {
        TableName: db.table,
        Key: outcomeCounterKey(Number(p.startDate.slice(0, 4)), p.seekerTownship, p.boardCategory),
        UpdateExpression: `ADD ${lost.map((_, i) => `#l${i} :one`).join(', ')}`,
        ExpressionAttributeNames: Object.fromEntries(lost.map((l, i) => [`#l${i}`, `${l}_${p.startDate}`])),
        ExpressionAttributeValues: { ':one': 1 },
      },
    },
  ]
}

/** A seeker file as the 想就业 count sees it. */
export interface WantingFacts {
  township: string
  category: string
  intents: readonly string[]
}
const wants = (f: WantingFacts | undefined) => Boolean(f && f.intents.includes('employment'))

/**
 * The writes that keep the count of people who want work (a file whose intents include
 * employment) when a file is created, rewritten or its household facts decided: nothing when the
 * counted key stays the same, −1 on the old and +1 on the new one otherwise.
 */
export function wantingWrites(db: Db, before: WantingFacts | undefined, after: WantingFacts | undefined): TxItem[] {
  const was = wants(before) ? `${before!.township}#${before!.category}` : undefined
  const is = wants(after) ? `${after!.township}#${after!.category}` : undefined
  if (was === is) return []
  const add = (f: WantingFacts, n: number): TxItem => ({
    Update: {
      TableName: db.table,
      Key: wantingCounterKey(f.township, f.category),
      UpdateExpression: 'ADD #c :n SET entity = :e, township = :t, category = :k',
      ExpressionAttributeNames: { '#c': 'count' },
      ExpressionAttributeValues: { ':n': n, ':e': 'wantingCounter', ':t': f.township, ':k': f.category },
    },
  })
  return [...(was ? [add(before!, -1)] : []), ...(is ? [add(after!, 1)] : [])]
}

/** Bulk-loaded files (the demo seed's `putSeekers`, no transaction of their own): their counts added per township and category. */
export async function addWanting(db: Db, files: readonly WantingFacts[]): Promise<void> {
  const counts = new Map<string, { f: WantingFacts; n: number }>()
  for (const f of files.filter(wants)) {
    const k = `${f.township}#${f.category}`
    counts.set(k, { f, n: (counts.get(k)?.n ?? 0) + 1 })
  }
  for (const { f, n } of counts.values()) {
    const w = wantingWrites(db, undefined, f)[0]!.Update!
    await db.doc.send(new UpdateCommand({ ...w, ExpressionAttributeValues: { ...w.ExpressionAttributeValues, ':n': n } } as ConstructorParameters<typeof UpdateCommand>[0]))
  }
}

/** One township and category's outcome counters of a year. */
export interface OutcomeCounter {
  township: string
  category: string
  placements: number
  /** Placements by start day, and how many of them ended before 3 / 6 months. */
  starts: Record<string, number>
  lost3: Record<string, number>
  lost6: Record<string, number>
  /** First placements by days from registration (a histogram the median is read from). */
  days: Record<string, number>
}

const toOutcomeCounter = (i: Record<string, unknown>): OutcomeCounter => {
  const o: OutcomeCounter = { township: i.township as string, category: i.category as string, placements: Number(i.placements ?? 0), starts: {}, lost3: {}, lost6: {}, days: {} }
  for (const [k, v] of Object.entries(i)) {
    const n = Number(v)
    if (k.startsWith('s_')) o.starts[k.slice(2)] = n
    else if (k.startsWith('l3_')) o.lost3[k.slice(3)] = n
    else if (k.startsWith('l6_')) o.lost6[k.slice(3)] = n
    else if (k.startsWith('d_')) o.days[k.slice(2)] = n
  }
  return o
}

/** A year's board counters: every metric's per-township items and, unless only targets are asked, the outcomes. */
export interface BoardCounters {
  targets: Partial<Record<TargetMetric, TargetCounter[]>>
  outcomes: OutcomeCounter[]
}

/**
 * A year's counters in one Query of its board partition (`O#…` sorts before `T#…`; about 140
 * items, some 60 KB for a district, one page). `targetsOnly` reads just the `T#` items (last year's
 * figures beside this year's need no outcomes).
 */
export async function boardCountersOf(db: Db, year: number, targetsOnly = false): Promise<BoardCounters> {
  const out: BoardCounters = { targets: {}, outcomes: [] }
  await queryAll(db, { pk: boardYear(year), oldestFirst: true, ...(targetsOnly ? { skPrefix: targetCounterPrefix() } : {}) }, (i) => {
    const sk = i.SK as string
    if (sk.startsWith(OUTCOME_PREFIX)) out.outcomes.push(toOutcomeCounter(i))
    else (out.targets[counterMetric(sk)] ??= []).push(toTargetCounter(i))
  })
  return out
}

export const outcomeCountersOf = async (db: Db, year: number): Promise<OutcomeCounter[]> =>
  queryAll(db, { pk: boardYear(year), skPrefix: OUTCOME_PREFIX, oldestFirst: true }, toOutcomeCounter)

export const wantingCountersOf = (db: Db): Promise<{ township: string; category: string; count: number }[]> =>
  queryAll(db, { pk: WANTING_PK, oldestFirst: true }, (i) => ({ township: i.township as string, category: i.category as string, count: Number(i.count ?? 0) }))

/** A person behind a board figure (the marker that counted them). */
export interface CountedRow {
  seekerId: string
  name: string
  township: string
  month: string
  category?: string
  countedAt: string
}
const toRow = (i: Record<string, unknown>): CountedRow => ({
  seekerId: i.seekerId as string,
  name: i.seekerName as string,
  township: i.township as string,
  month: i.month as string,
  ...(i.category ? { category: i.category as string } : {}),
  countedAt: i.at as string,
})
const peopleQuery = (year: number, metric: TargetMetric, township: string, month?: string) => ({ index: 'GSI1' as const, pk: targetPeople(year, metric, township), oldestFirst: true, ...(month ? { skPrefix: `${month}#` } : {}) })

/** A township's people counted for a metric (and month), by month then file: one Query a page. */
export const countedPeoplePage = (db: Db, year: number, metric: TargetMetric, township: string, month: string | undefined, page: { limit: number; cursor?: string }): Promise<Page<CountedRow>> =>
  queryPage(db, peopleQuery(year, metric, township, month), page, toRow)

/** Every one of them, for the .xlsx (page after page of the same query). */
export const allCountedPeople = (db: Db, year: number, metric: TargetMetric, township: string, month?: string): Promise<CountedRow[]> => queryAll(db, peopleQuery(year, metric, township, month), toRow)
