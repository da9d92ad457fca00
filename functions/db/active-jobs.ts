/**
 * 在岗 uniqueness items: one active full-time placement per person and one public-welfare post per
 * person at a time (shared/placement-rules.ts), held by the database inside the placement's own
 * transaction, so two hires at the same moment cannot both succeed.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb'
import { DomainError } from '../../shared/errors.js'
import { isOutOfCounty, jobSlotOf, type JobSlot } from '../../shared/placement-rules.js'
import type { Placement } from '../../shared/schemas/applications.js'
import type { Db } from './client.js'
import { activeJobKey } from './keys.js'
import { failedConditions } from './targets.js'
import type { TxItem } from './tx.js'

interface ActiveJob { placementId: string; title: string; employer?: string; startDate: string }

/**
 * The writes a new active placement adds to its transaction: its slot item (must be new) and, since
 * no public-welfare post is held beside work out of the county, either way round: for work away, a
 * check that the person holds no public-welfare post; for a public-welfare post, a check that the
 * full-time job held (if any) is not away. Both in this order.
 */
export function activeJobWrites(db: Db, p: Placement): TxItem[] {
  const slot = jobSlotOf(p.kind)
  const away = isOutOfCounty(p.kind, p.destination)
  const item = { ...activeJobKey(p.seekerId, slot), entity: 'activeJob', placementId: p.id, title: p.title, ...(p.employer ? { employer: p.employer } : {}), startDate: p.startDate, kind: p.kind, away }
  const writes: TxItem[] = [{ Put: { TableName: db.table, Item: item, ConditionExpression: 'attribute_not_exists(PK)' } }]
  if (slot === 'fullTime' && away) {
    writes.push({ ConditionCheck: { TableName: db.table, Key: activeJobKey(p.seekerId, 'publicWelfare'), ConditionExpression: 'attribute_not_exists(PK)' } })
  } else if (slot === 'publicWelfare') {
    // Items written before `away` was stored are read by their kind: labor export is away by definition.
    writes.push({
      ConditionCheck: {
        TableName: db.table,
        Key: activeJobKey(p.seekerId, 'fullTime'),
        ConditionExpression: 'attribute_not_exists(PK) OR away = :no OR (attribute_not_exists(away) AND #kind <> :laborExport)',
        ExpressionAttributeNames: { '#kind': 'kind' },
        ExpressionAttributeValues: { ':no': false, ':laborExport': 'laborExport' },
      },
    })
  }
  return writes
}

async function activeJob(db: Db, seekerId: string, slot: JobSlot): Promise<ActiveJob | undefined> {
  const r = await db.doc.send(new GetCommand({ TableName: db.table, Key: activeJobKey(seekerId, slot), ConsistentRead: true }))
  return r.Item as ActiveJob | undefined
}

const named = (j: ActiveJob | undefined) => (j ? { zh: `${j.title}${j.employer ? `（${j.employer}）` : ''}，${j.startDate} 上岗`, en: `${j.title}${j.employer ? ` (${j.employer})` : ''}, started ${j.startDate}` } : { zh: '另一安置', en: 'another placement' })

/**
 * Why the transaction was refused when the writes of activeJobWrites (placed at `first`) failed:
 * a 409 naming the placement the person already holds; undefined when they did not fail.
 */
export async function activeJobRefusal(db: Db, e: unknown, p: Placement, first: number): Promise<DomainError | undefined> {
  const failed = failedConditions(e)
  const slot = jobSlotOf(p.kind)
  if (failed.includes(first)) {
    const n = named(await activeJob(db, p.seekerId, slot))
    return slot === 'publicWelfare'
      ? new DomainError('placement.publicWelfareHeld', 'conflict', `此人已有一个公益性岗位：${n.zh}；每人同一时间只能有一个公益性岗位`, `This person already holds a public-welfare post: ${n.en}; one public-welfare post per person at a time`, { cause: e })
      : new DomainError('placement.alreadyActive', 'conflict', `此人已在岗：${n.zh}；请先结束该安置`, `This person already holds an active placement: ${n.en}; end it first`, { cause: e })
  }
  if (failed.includes(first + 1) && slot === 'publicWelfare') {
    const n = named(await activeJob(db, p.seekerId, 'fullTime'))
    return new DomainError('placement.awayHolderPublicWelfare', 'conflict', `此人正在县外就业：${n.zh}；结束该就业后才能安排公益性岗位`, `This person works outside the county: ${n.en}; end that job before giving them a public-welfare post`, { cause: e })
  }
  if (failed.includes(first + 1)) {
    const n = named(await activeJob(db, p.seekerId, 'publicWelfare'))
    return new DomainError('placement.publicWelfareHolderAway', 'conflict', `此人在公益性岗位上岗：${n.zh}；结束该岗位后才能安排县外就业`, `This person holds a public-welfare post: ${n.en}; end it before placing them outside the county`, { cause: e })
  }
  return undefined
}

/** The slot item's deletion when a placement ends, conditional on naming that placement; none for a placement from before the slot items. */
export async function activeJobRelease(db: Db, p: Placement): Promise<TxItem[]> {
  const slot = jobSlotOf(p.kind)
  const held = await activeJob(db, p.seekerId, slot)
  if (held?.placementId !== p.id) return []
  return [{ Delete: { TableName: db.table, Key: activeJobKey(p.seekerId, slot), ConditionExpression: 'placementId = :pid', ExpressionAttributeValues: { ':pid': p.id } } }]
}
