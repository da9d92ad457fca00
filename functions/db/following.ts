/**
 * 返乡回流 returnee and 毕业生 graduate records and their service logs. A record is written whole
 * (its index keys re-derived from it) on the condition that nobody changed it since it was read
 * (`version`), with its audit event, and a service's entry, in the same transaction.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb'
import { DomainError } from '../../shared/errors.js'
import type { Page } from '../../shared/schemas/common.js'
import type { Graduate, Returnee, ServiceEntry } from '../../shared/schemas/following.js'
import { auditPut, type AuditDraft } from './audit.js'
import type { Db } from './client.js'
import { orConflict } from './errors.js'
import { followedIndexKeys, followedKey, followedListing, SERVICE_PREFIX, serviceKey, seekerPartition, stripKeys, type FollowedSubject } from './keys.js'
import { queryFilledPage, queryPage } from './query.js'
import { transact, type TxItem } from './tx.js'

type RecordOf<S extends FollowedSubject> = S extends 'returnee' ? Returnee : Graduate
const groupOf = (subject: FollowedSubject, r: Returnee | Graduate) => (subject === 'returnee' ? (r as Returnee).intent : String((r as Graduate).graduationYear))

const itemOf = (subject: FollowedSubject, r: Returnee | Graduate) => ({ ...followedKey(subject, r.seekerId), entity: subject, ...followedIndexKeys(subject, { ...r, group: groupOf(subject, r) }), ...r })

const exists = (subject: FollowedSubject) =>
  subject === 'returnee'
    ? new DomainError('returnee.exists', 'conflict', '此人已有返乡回流记录', 'This person already has a returnee record')
    : new DomainError('graduate.exists', 'conflict', '此人已有毕业生档案', 'This person already has a graduate record')
const changed = (subject: FollowedSubject) =>
  new DomainError(`${subject}.changed`, 'conflict', '记录已被他人修改，请刷新后重试', 'The record was changed meanwhile; reload and try again')

/** A new record (one per person), with its audit event and what the caller adds (its due items). */
export async function createFollowed<S extends FollowedSubject>(db: Db, subject: S, r: RecordOf<S>, audit: AuditDraft, now: Date, extra: TxItem[] = []): Promise<RecordOf<S>> {
  await orConflict(
    () => transact(db, [{ Put: { TableName: db.table, Item: itemOf(subject, r), ConditionExpression: 'attribute_not_exists(PK)' } }, auditPut(db, audit, now), ...extra]),
    () => exists(subject),
  )
  return r
}

/**
 * The record as changed (its `version` one above the one read), its audit event and, for a
 * service, the log entry, and what the caller adds (the due items in step with the plan): all or
 * nothing, and nothing if the record moved meanwhile.
 */
export async function replaceFollowed<S extends FollowedSubject>(db: Db, subject: S, r: RecordOf<S>, audit: AuditDraft, now: Date, entry?: ServiceEntry, extra: TxItem[] = []): Promise<RecordOf<S>> {
  const items: TxItem[] = [
    { Put: { TableName: db.table, Item: itemOf(subject, r), ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': r.version - 1 } } },
    auditPut(db, audit, now),
  ]
  if (entry) items.push({ Put: { TableName: db.table, Item: { ...serviceKey(subject, entry.seekerId, entry.on, entry.id), entity: 'service', ...entry }, ConditionExpression: 'attribute_not_exists(PK)' } })
  items.push(...extra)
  await orConflict(() => transact(db, items), () => changed(subject))
  return r
}

/** The record's Put conditioned on the version read, and its audit event: for another use case's transaction (a hire settles a returnee). */
export const followedReplaceWrites = (db: Db, subject: FollowedSubject, r: Returnee | Graduate, audit: AuditDraft, now: Date): TxItem[] => [
  { Put: { TableName: db.table, Item: itemOf(subject, r), ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': r.version - 1 } } },
  auditPut(db, audit, now),
]

export async function getFollowed<S extends FollowedSubject>(db: Db, subject: S, seekerId: string): Promise<RecordOf<S> | undefined> {
  const r = await db.doc.send(new GetCommand({ TableName: db.table, Key: followedKey(subject, seekerId), ConsistentRead: true }))
  return r.Item ? stripKeys<RecordOf<S>>(r.Item) : undefined
}

/**
 * A page of a township's records: by status (most urgent first), by group, or those due by a day.
 * Filters the index does not key (a status or group beside `dueBy`) are applied to a filled page.
 */
export function listFollowed<S extends FollowedSubject>(db: Db, subject: S, township: string, f: { group?: string | undefined; status?: string | undefined; dueBy?: string | undefined }, page: { limit: number; cursor?: string }): Promise<Page<RecordOf<S>>> {
  const listing = followedListing(subject, township, f)
  const groupAttr = subject === 'returnee' ? 'intent' : 'graduationYear'
  const conds = f.dueBy ? [...(f.status ? ['#s = :s'] : []), ...(f.group ? ['#g = :g'] : [])] : []
  const filter = conds.length
    ? {
        expression: conds.join(' AND '),
        names: { ...(f.status ? { '#s': 'status' } : {}), ...(f.group ? { '#g': groupAttr } : {}) },
        values: { ...(f.status ? { ':s': f.status } : {}), ...(f.group ? { ':g': subject === 'returnee' ? f.group : Number(f.group) } : {}) },
      }
    : undefined
  return queryFilledPage(db, { ...listing, oldestFirst: true, ...(filter ? { filter } : {}) }, page, (i) => stripKeys<RecordOf<S>>(i))
}

/** A person's service log of one record, newest day first. */
export const pageServices = (db: Db, subject: FollowedSubject, seekerId: string, page: { limit: number; cursor?: string }): Promise<Page<ServiceEntry>> =>
  queryPage(db, { pk: seekerPartition(seekerId), skPrefix: SERVICE_PREFIX(subject) }, page, (i) => stripKeys<ServiceEntry>(i))
