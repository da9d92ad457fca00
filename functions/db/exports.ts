import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb'
import type { Page } from '../../shared/schemas/common.js'
import type { ExportRecord, ExportStatus } from '../../shared/schemas/exports.js'
import type { Protector } from '../security/protect.js'
import { auditPut, type AuditDraft } from './audit.js'
import type { Db } from './client.js'
import { exportIndexKeys, exportKey, exportsOfUser, seekerKey, stripKeys } from './keys.js'
import { batchGet } from './batch.js'
import { queryPage } from './query.js'
import { transact } from './tx.js'

/** What the job needs beyond the record shown: the stored file, and who asked (the job lists as them). */
export interface StoredExport extends Omit<ExportRecord, 'link'> {
  fileKey?: string
  actor: { role: string; scope?: string }
}

const toExport = (item: Record<string, unknown>): StoredExport => stripKeys<StoredExport>(item)
/** Without the internals (the file's key, the acting role). */
export const shownExport = ({ fileKey: _f, actor: _a, ...r }: StoredExport): ExportRecord => r

/** The export and its audit event, together or not at all. */
export async function putExport(db: Db, r: StoredExport, audit: AuditDraft, now: Date): Promise<void> {
  await transact(db, [{ Put: { TableName: db.table, Item: { ...exportKey(r.id), entity: 'export', ...exportIndexKeys(r), ...r }, ConditionExpression: 'attribute_not_exists(PK)' } }, auditPut(db, audit, now)])
}

export async function getExport(db: Db, id: string): Promise<StoredExport | undefined> {
  const r = await db.doc.send(new GetCommand({ TableName: db.table, Key: exportKey(id), ConsistentRead: true }))
  return r.Item ? toExport(r.Item) : undefined
}

export const listExportsOfUser = (db: Db, userId: string, page: { limit: number; cursor?: string }): Promise<Page<StoredExport>> =>
  queryPage(db, { index: 'GSI1', pk: exportsOfUser(userId) }, page, toExport)

type Patch = Partial<Pick<StoredExport, 'status' | 'percent' | 'rows' | 'fileKey' | 'failure'>>
const update = (db: Db, id: string, patch: Patch, now: Date, from: ExportStatus[]) => {
  const entries = Object.entries({ ...patch, updatedAt: now.toISOString() }).filter(([, v]) => v !== undefined)
  return {
    TableName: db.table,
    Key: exportKey(id),
    UpdateExpression: `SET ${entries.map((_, i) => `#a${i} = :v${i}`).join(', ')}`,
    ConditionExpression: `attribute_exists(PK) AND #st IN (${from.map((_, i) => `:from${i}`).join(', ')})`,
    ExpressionAttributeNames: { ...Object.fromEntries(entries.map(([k], i) => [`#a${i}`, k])), '#st': 'status' },
    ExpressionAttributeValues: { ...Object.fromEntries(entries.map(([, v], i) => [`:v${i}`, v])), ...Object.fromEntries(from.map((s, i) => [`:from${i}`, s])) },
  }
}

/** Progress as the job goes; `from` makes a second start of the same job a no-op (ConditionalCheckFailed). */
export async function updateExport(db: Db, id: string, patch: Patch, now: Date, from: ExportStatus[]): Promise<void> {
  await db.doc.send(new UpdateCommand(update(db, id, patch, now, from)))
}

/** Done: the file's key on the record and, for a full-ID export, the reveal's audit event in the same transaction. */
export async function finishExport(db: Db, id: string, patch: Patch, audit: AuditDraft | undefined, now: Date): Promise<void> {
  await transact(db, [{ Update: update(db, id, { ...patch, status: 'done', percent: 100 }, now, ['running']) }, ...(audit ? [auditPut(db, audit, now)] : [])])
}

/**
 * The ID numbers of a page's people (at most 100 a BatchGet): masked, or opened from their seal
 * for a full-ID export. A person whose file is gone has none.
 */
export async function idNumbersOf(db: Db, p: Protector, seekerIds: readonly string[], full: boolean): Promise<Map<string, string>> {
  const unique = [...new Set(seekerIds)]
  const items = await batchGet(db, unique.map(seekerKey))
  return new Map(items.map((i) => [String(i.id), full ? p.open(String(i.idNumberSealed)) : String(i.idNumberMasked)]))
}
