/**
 * 待办 the counts behind an officer's to-do list: each one a `Select: COUNT` Query of one partition
 * (or a range of one), a counter, or a summary item; never a Scan, never a whole partition read and
 * filtered. A count that reaches its cap is answered as capped ("99+").
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb'
import type { Db } from './client.js'
import { batchesInStatus, certificateListing, claimsOfMakerInStatus, claimsOfYearInStatus, difficultiesOfTownship, pendingChangesOf } from './keys.js'
import { countUpTo, type PartitionQuery } from './query.js'

export interface Count {
  count: number
  capped: boolean
}

/** 待核验 certificates of a township. */
export const countCertificatesToVerify = (db: Db, township: string, cap: number): Promise<Count> => countUpTo(db, certificateListing(township, 'pending'), cap)

/** 待确认 household changes a township's seekers asked for. */
export const countPendingChanges = (db: Db, township: string, cap: number): Promise<Count> => countUpTo(db, { pk: pendingChangesOf(township) }, cap)

/** The open reports of a township made before `before` (an ISO time): the same range `listDifficultiesOfTownship` pages. */
export const staleDifficultiesRange = (township: string, before: string): PartitionQuery => ({ index: 'GSI1', pk: difficultiesOfTownship(township), skBetween: { from: 'open#', to: `open#${before}` } })
export const countStaleDifficulties = (db: Db, township: string, before: string, cap: number): Promise<Count> => countUpTo(db, staleDifficultiesRange(township, before), cap)

/**
 * Submitted claims of a year (one township's, or all) that someone other than `checkerId` made:
 * all of them minus the checker's own, two counts on the status listings (GSI3, GSI4). When the
 * whole count is capped the difference is unknown, so it is capped too.
 */
export async function countClaimsToCheck(db: Db, year: number, township: string | undefined, checkerId: string, cap: number): Promise<Count> {
  const prefix = township ? { skPrefix: `${township}#` } : {}
  const [all, own] = await Promise.all([
    countUpTo(db, { index: 'GSI3', pk: claimsOfYearInStatus(year, 'submitted'), ...prefix }, cap + 1000),
    countUpTo(db, { index: 'GSI4', pk: claimsOfMakerInStatus(year, 'submitted', checkerId), ...prefix }, cap + 1000),
  ])
  if (all.capped || own.capped) return { count: cap, capped: true }
  const n = all.count - own.count
  return n > cap ? { count: cap, capped: true } : { count: n, capped: false }
}

/** Which batches on notice: those whose notice has ended (ready to pay) or ends within the window. */
export type NoticeWindow = { state: 'ready'; now: string } | { state: 'ending'; now: string; until: string }

/**
 * Batches on notice (公示) by the end of their notice (GSI2 `BATCHES#notice`, sorted by `noticeUntil`):
 * ready to pay = ended by now; ending = ends after now and by `until`. For one township, the batches
 * all of whose claims are the township's (the ones its officer may pay, `batchInScope`).
 */
export function batchesOnNoticeQuery(w: NoticeWindow, township?: string): PartitionQuery {
  // `~` sorts after every id character: a batch whose notice ends exactly now is ready.
  const range = w.state === 'ready' ? { from: '0', to: `${w.now}#~` } : { from: `${w.now}#~`, to: `${w.until}#~` }
  return {
    index: 'GSI2',
    pk: batchesInStatus('notice'),
    skBetween: range,
    oldestFirst: true,
    ...(township ? { filter: { expression: 'size(townships) = :one AND contains(townships, :t)', values: { ':one': 1, ':t': township } } } : {}),
  }
}

/**
 * How many batches are in the window. Batches on notice are few at any time (a notice lasts days),
 * so the range is counted whole, the township filter applied by DynamoDB; capped all the same.
 */
export async function countBatchesOnNotice(db: Db, w: NoticeWindow, township: string | undefined, cap: number): Promise<Count> {
  const q = batchesOnNoticeQuery(w, township)
  let count = 0
  let start: Record<string, unknown> | undefined
  do {
    const r = await db.doc.send(
      new QueryCommand({
        TableName: db.table,
        IndexName: 'GSI2',
        KeyConditionExpression: 'GSI2PK = :pk AND GSI2SK BETWEEN :from AND :to',
        ...(q.filter ? { FilterExpression: q.filter.expression } : {}),
        ExpressionAttributeValues: { ':pk': q.pk, ':from': q.skBetween!.from, ':to': q.skBetween!.to, ...(q.filter?.values ?? {}) },
        Select: 'COUNT',
        ExclusiveStartKey: start,
      }),
    )
    count += r.Count ?? 0
    start = r.LastEvaluatedKey
  } while (start && count <= cap)
  return count > cap ? { count: cap, capped: true } : { count, capped: false }
}
