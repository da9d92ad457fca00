import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb'
import { DomainError } from '../../shared/errors.js'
import type { Page } from '../../shared/schemas/common.js'
import type { Certificate, CertificateInput } from '../../shared/schemas/subsidies.js'
import type { Seeker } from '../../shared/schemas/seekers.js'
import type { Db } from './client.js'
import { orConflict, retryConflicts } from './errors.js'
import { newId } from './ids.js'
import { certificateKey, certificateNumberKey, certificatesOfSeeker, certificatesOfTownship, stripKeys } from './keys.js'
import { queryAll, queryPage } from './query.js'
import { countWrites, failedConditions, withTable } from './targets.js'

const toCert = (i: Record<string, unknown>) => stripKeys<Certificate>(i)
const indexKeys = (c: Certificate) => ({
  GSI1PK: certificatesOfTownship(c.township),
  GSI1SK: `${c.verifiedAt ? 'verified' : 'pending'}#${c.createdAt}#${c.id}`,
  GSI2PK: certificatesOfSeeker(c.seekerId),
  GSI2SK: `${c.issueDate}#${c.id}`,
})

/** Records a certificate; its number is unique per kind (a uniqueness item in the same transaction). */
export async function addCertificate(db: Db, seeker: Seeker, input: Omit<CertificateInput, 'seekerId'>, by: string, now = new Date()): Promise<Certificate> {
  const c: Certificate = { id: newId(), seekerId: seeker.id, seekerName: seeker.name, township: seeker.township, ...input, enteredBy: by, createdAt: now.toISOString() }
  await orConflict(
    () =>
      db.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: db.table, Item: { ...certificateKey(c.id), entity: 'certificate', ...indexKeys(c), ...c }, ConditionExpression: 'attribute_not_exists(PK)' } },
            { Put: { TableName: db.table, Item: { ...certificateNumberKey(c.kind, c.number), entity: 'certificateNumber', certificateId: c.id }, ConditionExpression: 'attribute_not_exists(PK)' } },
          ],
        }),
      ),
    () => new DomainError('certificate.duplicate', 'conflict', '该证书编号已登记', 'A certificate with this number is already recorded'),
  )
  return c
}

export async function getCertificate(db: Db, id: string): Promise<Certificate | undefined> {
  const r = await db.doc.send(new GetCommand({ TableName: db.table, Key: certificateKey(id), ConsistentRead: true }))
  return r.Item ? toCert(r.Item) : undefined
}

export const listCertificatesOfSeeker = (db: Db, seekerId: string) => queryAll(db, { index: 'GSI2', pk: certificatesOfSeeker(seekerId) }, toCert)

export const listCertificatesOfTownship = (db: Db, township: string, state: 'pending' | 'verified' | undefined, limit = 50, cursor?: string): Promise<Page<Certificate>> =>
  queryPage(db, { index: 'GSI1', pk: certificatesOfTownship(township), ...(state ? { skPrefix: `${state}#` } : {}) }, { limit, cursor }, toCert)

/**
 * Verifies once (who, when, how). The person's first verified certificate of its issue year counts
 * toward that year's certification target (人人持证) — once, whatever happens concurrently.
 */
/**
 * Verifies a certificate and, when it is the person's first certificate of its year, counts them
 * toward that year's certification target — in one transaction, so a verification is never left
 * uncounted. When the person already counts that year, the certificate is verified alone.
 */
export async function verifyCertificate(db: Db, c: Certificate, method: string, by: string, now = new Date(), note?: string): Promise<Certificate> {
  const at = now.toISOString()
  const year = Number(c.issueDate.slice(0, 4))
  const verified: Certificate = { ...c, verifiedBy: by, verifiedAt: at, verifyMethod: method, ...(note ? { verifyNote: note } : {}) }
  const verify = (counted: boolean) => ({
    Update: {
      TableName: db.table,
      Key: certificateKey(c.id),
      UpdateExpression: `SET verifiedBy = :by, verifiedAt = :at, verifyMethod = :m, GSI1SK = :sk${note ? ', verifyNote = :note' : ''}${counted ? ', countedForYear = :y' : ''}`,
      ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(verifiedAt)',
      ExpressionAttributeValues: { ':by': by, ':at': at, ':m': method, ':sk': indexKeys(verified).GSI1SK, ...(note ? { ':note': note } : {}), ...(counted ? { ':y': year } : {}) },
    },
  })
  const already = () => new DomainError('certificate.verified', 'conflict', '该证书已核验', 'This certificate is already verified')
  try {
    await retryConflicts(() =>
      db.doc.send(new TransactWriteCommand({ TransactItems: [verify(true), ...countWrites('certified', c.seekerId, c.township, year, now).map((w) => withTable(db, w))] })),
    )
    return { ...verified, countedForYear: year }
  } catch (e) {
    const failed = failedConditions(e)
    if (failed.includes(0)) throw already()
    if (!failed.includes(1)) throw e
  }
  // The person already counts toward this year's target (an earlier certificate).
  await orConflict(() => retryConflicts(() => db.doc.send(new TransactWriteCommand({ TransactItems: [verify(false)] }))), already)
  return verified
}
