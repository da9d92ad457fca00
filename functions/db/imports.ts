import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb'
import type { Page } from '../../shared/schemas/common.js'
import type { ImportCounts, ImportRecord, ImportReview, ImportStatus } from '../../shared/schemas/imports.js'
import type { Protector } from '../security/protect.js'
import type { Db } from './client.js'
import { importIndexKeys, importKey, importReviewHoldKey, importReviewKey, importReviewsOf, importsOfUser, lastImportedKey, seekerKey, stripKeys } from './keys.js'
import { queryPage } from './query.js'
import { batchGet } from './batch.js'
import { transact, type TxItem } from './tx.js'
import { auditPut, type AuditDraft } from './audit.js'
import { isTransactionConflict, orConflict } from './errors.js'
import { DomainError } from '../../shared/errors.js'

/** What the job needs beyond the record shown: where the upload is, and who made it (the job acts as them). */
export interface StoredImport extends ImportRecord {
  fileKey: string
  contentType: 'xlsx' | 'csv'
  errorsKey?: string
  actor: { role: string; scope?: string }
}

const toImport = (item: Record<string, unknown>): StoredImport => stripKeys<StoredImport>(item)
/** Without the internals (the file's key, the acting role): what GET /api/imports/:id answers. */
export const shownImport = ({ fileKey: _f, errorsKey, actor: _a, contentType: _c, ...r }: StoredImport): ImportRecord => ({ ...r, hasErrorFile: Boolean(errorsKey) })

export async function putImport(db: Db, r: StoredImport, audit: AuditDraft, now: Date): Promise<void> {
  await transact(db, [
    { Put: { TableName: db.table, Item: { ...importKey(r.id), entity: 'import', ...importIndexKeys(r), ...r }, ConditionExpression: 'attribute_not_exists(PK)' } },
    auditPut(db, audit, now),
  ])
}

export async function getImport(db: Db, id: string): Promise<StoredImport | undefined> {
  const r = await db.doc.send(new GetCommand({ TableName: db.table, Key: importKey(id), ConsistentRead: true }))
  return r.Item ? toImport(r.Item) : undefined
}

export const listImportsOfUser = (db: Db, userId: string, page: { limit: number; cursor?: string }): Promise<Page<StoredImport>> =>
  queryPage(db, { index: 'GSI1', pk: importsOfUser(userId) }, page, toImport)

/** Progress as the job goes: status, percent and counts (and, at the end, the report). */
export async function updateImport(db: Db, id: string, patch: Partial<Pick<StoredImport, 'status' | 'percent' | 'headerRow' | 'unknownColumns' | 'unknownPlaces' | 'errors' | 'errorsKey' | 'failure'> & ImportCounts>, now: Date, from?: ImportStatus[]): Promise<void> {
  const entries = Object.entries({ ...patch, updatedAt: now.toISOString() }).filter(([, v]) => v !== undefined)
  const names = Object.fromEntries(entries.map(([k], i) => [`#a${i}`, k]))
  const values = Object.fromEntries(entries.map(([, v], i) => [`:v${i}`, v]))
  await db.doc.send(
    new UpdateCommand({
      TableName: db.table,
      Key: importKey(id),
      UpdateExpression: `SET ${entries.map((_, i) => `#a${i} = :v${i}`).join(', ')}`,
      ConditionExpression: from ? `attribute_exists(PK) AND #st IN (${from.map((_, i) => `:from${i}`).join(', ')})` : 'attribute_exists(PK)',
      ExpressionAttributeNames: { ...names, ...(from ? { '#st': 'status' } : {}) },
      ExpressionAttributeValues: { ...values, ...(from ? Object.fromEntries(from.map((s, i) => [`:from${i}`, s])) : {}) },
    }),
  )
}

/** What the last import set on a person's file: field → value (no ID number, no phone in it). */
export type Imported = Record<string, unknown>
/**
 * The last import's values, kept on the file item itself (attribute `lastImported`), written by the
 * import's own Put of the file: a new file costs no item of its own for them (an import's
 * transactions are its time on the local stack). Releases before 4 December 2026 kept them in an
 * item of their own, `SEEKER#<id>/IMPORTED`, still read for files that have no attribute yet.
 */
export interface LastImported {
  importId: string
  fields: Imported
  at: string
}
export const lastImportedValue = (importId: string, fields: Imported, now: Date): LastImported => ({ importId, fields, at: now.toISOString() })

/** For a decision that changes nothing else of the file (an officer keeps their edit): the roster's values become the last imported ones. */
export const lastImportedUpdate = (db: Db, seekerId: string, v: LastImported): TxItem => ({
  Update: { TableName: db.table, Key: seekerKey(seekerId), UpdateExpression: 'SET lastImported = :v', ConditionExpression: 'attribute_exists(PK)', ExpressionAttributeValues: { ':v': v } },
})

/** The last imported values of files as read (a roster's chunk); the old item only for files without the attribute (BatchGetItem, 100 keys a request). */
export async function lastImportedOf(db: Db, files: ReadonlyMap<string, { lastImported?: LastImported | undefined }>): Promise<Map<string, Imported>> {
  const out = new Map<string, Imported>()
  const older: string[] = []
  for (const [id, f] of files) {
    if (f.lastImported) out.set(id, f.lastImported.fields)
    else older.push(id)
  }
  for (const i of older.length ? await batchGet(db, older.map(lastImportedKey)) : []) out.set(String(i.seekerId), i.fields as Imported)
  return out
}

/** A held row: the review the officer sees, and the row itself sealed (it holds an ID number and maybe a phone). */
export interface StoredReview extends ImportReview {
  rowSealed: string
  /** The keyed hash of row and file its hold item is under (reviews from before holds have none). */
  hold?: string
}
/**
 * Holds a row for review, once: a `hold` item per row and file (the caller's keyed hash of them)
 * is written with the review, so the same roster imported again while the row waits adds no
 * second review. Answers false when the row is already waiting.
 */
export async function putReview(db: Db, p: Protector, r: ImportReview, row: unknown, hold: string): Promise<boolean> {
  try {
    await transact(db, [
      { Put: { TableName: db.table, Item: { ...importReviewHoldKey(r.township, hold), entity: 'importReviewHold', reviewId: r.id }, ConditionExpression: 'attribute_not_exists(PK)' } },
      { Put: { TableName: db.table, Item: { ...importReviewKey(r.township, r.id), entity: 'importReview', ...r, hold, rowSealed: p.seal(JSON.stringify(row)) } } },
    ])
    return true
  } catch (e) {
    if (isTransactionConflict(e)) return false
    throw e
  }
}
const toReview = (item: Record<string, unknown>): ImportReview => {
  const { rowSealed: _s, hold: _h, ...r } = stripKeys<StoredReview>(item)
  return r
}
export const listReviews = (db: Db, township: string, page: { limit: number; cursor?: string }): Promise<Page<ImportReview>> =>
  queryPage(db, { pk: importReviewsOf(township), oldestFirst: true }, page, toReview)
export async function getReview<T>(db: Db, p: Protector, township: string, id: string): Promise<{ review: ImportReview; row: T; hold?: string } | undefined> {
  const r = await db.doc.send(new GetCommand({ TableName: db.table, Key: importReviewKey(township, id), ConsistentRead: true }))
  if (!r.Item) return undefined
  return { review: toReview(r.Item), row: JSON.parse(p.open(r.Item.rowSealed as string)) as T, ...(typeof r.Item.hold === 'string' ? { hold: r.Item.hold } : {}) }
}
/**
 * The review goes in the same transaction as what its decision writes: decided once, never twice.
 * Its hold goes too, so a later import may hold the row again.
 */
export const reviewDelete = (db: Db, township: string, id: string, hold?: string): TxItem[] => [
  { Delete: { TableName: db.table, Key: importReviewKey(township, id), ConditionExpression: 'attribute_exists(PK)' } },
  ...(hold ? [{ Delete: { TableName: db.table, Key: importReviewHoldKey(township, hold) } }] : []),
]
/** A decision that writes nothing else (keep the officer's values): the review's deletion and its audit event. */
export async function closeReview(db: Db, township: string, id: string, hold: string | undefined, audit: AuditDraft, now: Date, extra: TxItem[] = []): Promise<void> {
  await orConflict(
    () => transact(db, [...reviewDelete(db, township, id, hold), auditPut(db, audit, now), ...extra]),
    () => new DomainError('import.review.decided', 'conflict', '该条已处理', 'This row has been decided already'),
  )
}
