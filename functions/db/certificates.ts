import { GetCommand } from '@aws-sdk/lib-dynamodb'
import { DomainError } from '../../shared/errors.js'
import type { Page } from '../../shared/schemas/common.js'
import type { Certificate, CertificateInput } from '../../shared/schemas/subsidies.js'
import type { Seeker } from '../../shared/schemas/seekers.js'
import { auditPut, type AuditDraft } from './audit.js'
import type { Db } from './client.js'
import { orConflict, retryConflicts } from './errors.js'
import { newId } from './ids.js'
import { certificateIndexKeys, certificateKey, certificateListing, certificateNumberKey, certificatesOfSeeker, stripKeys } from './keys.js'
import { queryAll, queryPage } from './query.js'
import { countWrites, failedConditions, withTable } from './targets.js'
import { transact } from './tx.js'

const toCert = (i: Record<string, unknown>) => stripKeys<Certificate>(i)

/**
 * Records a certificate with its audit event; its number is unique per kind (a uniqueness item in
 * the same transaction).
 */
export async function addCertificate(db: Db, seeker: Seeker, input: Omit<CertificateInput, 'seekerId'>, by: string, now: Date, audit: (c: Certificate) => AuditDraft): Promise<Certificate> {
  const c: Certificate = { id: newId(), seekerId: seeker.id, seekerName: seeker.name, township: seeker.township, ...input, enteredBy: by, createdAt: now.toISOString() }
  await orConflict(
    () =>
      transact(db, [
        { Put: { TableName: db.table, Item: { ...certificateKey(c.id), entity: 'certificate', ...certificateIndexKeys(c), ...c }, ConditionExpression: 'attribute_not_exists(PK)' } },
        { Put: { TableName: db.table, Item: { ...certificateNumberKey(c.kind, c.number), entity: 'certificateNumber', certificateId: c.id }, ConditionExpression: 'attribute_not_exists(PK)' } },
        auditPut(db, audit(c), now),
      ]),
    () => new DomainError('certificate.duplicate', 'conflict', '该证书编号已登记', 'A certificate with this number is already recorded'),
  )
  return c
}

/** Which certificate holds a number of a kind (its uniqueness item), if any: an import's dry run tells a taken number before writing. */
export async function certificateIdOfNumber(db: Db, kind: string, number: string): Promise<string | undefined> {
  const r = await db.doc.send(new GetCommand({ TableName: db.table, Key: certificateNumberKey(kind, number) }))
  return r.Item?.certificateId as string | undefined
}

export async function getCertificate(db: Db, id: string): Promise<Certificate | undefined> {
  const r = await db.doc.send(new GetCommand({ TableName: db.table, Key: certificateKey(id), ConsistentRead: true }))
  return r.Item ? toCert(r.Item) : undefined
}

export const listCertificatesOfSeeker = (db: Db, seekerId: string) => queryAll(db, { index: 'GSI2', pk: certificatesOfSeeker(seekerId) }, toCert)
/** A page of a person's certificates, for reading (the whole list stays for the eligibility rules). */
export const pageCertificatesOfSeeker = (db: Db, seekerId: string, page: { limit: number; cursor?: string }): Promise<Page<Certificate>> =>
  queryPage(db, { index: 'GSI2', pk: certificatesOfSeeker(seekerId) }, page, toCert)

export const listCertificatesOfTownship = (db: Db, township: string, state: 'pending' | 'verified' | undefined, limit = 50, cursor?: string): Promise<Page<Certificate>> =>
  queryPage(db, certificateListing(township, state), { limit, cursor }, toCert)

/**
 * Verifies once (who, when, how) and, when it is the person's first certificate of its issue year,
 * counts them toward that year's certification target (人人持证) — the verification, the count and
 * the audit event in one transaction, so a verification is never left uncounted or unaudited. When
 * the person already counts that year, the certificate is verified (and audited) alone.
 */
export async function verifyCertificate(db: Db, c: Certificate, method: string, by: string, now: Date, note: string | undefined, audit: (c: Certificate) => AuditDraft): Promise<Certificate> {
  const at = now.toISOString()
  const year = Number(c.issueDate.slice(0, 4))
  const verified: Certificate = { ...c, verifiedBy: by, verifiedAt: at, verifyMethod: method, ...(note ? { verifyNote: note } : {}) }
  const verify = (counted: boolean) => {
    // The index keys follow from the verified certificate (its state moves it in the township's list).
    const keys = Object.entries(certificateIndexKeys(verified))
    return {
      Update: {
        TableName: db.table,
        Key: certificateKey(c.id),
        UpdateExpression: `SET verifiedBy = :by, verifiedAt = :at, verifyMethod = :m, ${keys.map(([k]) => `${k} = :${k}`).join(', ')}${note ? ', verifyNote = :note' : ''}${counted ? ', countedForYear = :y' : ''}`,
        ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(verifiedAt)',
        ExpressionAttributeValues: { ':by': by, ':at': at, ':m': method, ...Object.fromEntries(keys.map(([k, v]) => [`:${k}`, v])), ...(note ? { ':note': note } : {}), ...(counted ? { ':y': year } : {}) },
      },
    }
  }
  const already = () => new DomainError('certificate.verified', 'conflict', '该证书已核验', 'This certificate is already verified')
  const counted: Certificate = { ...verified, countedForYear: year }
  try {
    await retryConflicts(() => transact(db, [verify(true), ...countWrites('certified', c.seekerId, c.township, year, now, { name: c.seekerName, month: c.issueDate.slice(5, 7) }).map((w) => withTable(db, w)), auditPut(db, audit(counted), now)]))
    return counted
  } catch (e) {
    const failed = failedConditions(e)
    if (failed.includes(0)) throw already()
    if (!failed.includes(1)) throw e
  }
  // The person already counts toward this year's target (an earlier certificate).
  await orConflict(() => retryConflicts(() => transact(db, [verify(false), auditPut(db, audit(verified), now)])), already)
  return verified
}
