import { GetCommand } from '@aws-sdk/lib-dynamodb'
import { DomainError } from '../../shared/errors.js'
import type { NoticePeriod } from '../../shared/dates.js'
import type { Claim, ClaimStatus, LedgerQuery, PaymentBatch } from '../../shared/schemas/subsidies.js'
import type { Page } from '../../shared/schemas/common.js'
import type { Db } from './client.js'
import { isOnlyTransactionConflict, isTransactionConflict, orConflict } from './errors.js'
import { newId } from './ids.js'
import { batchIndexKeys, batchKey, claimIndexKeys, claimKey, claimsOfSubject, claimsOfYear, claimUniqueKey, paymentKey, stripKeys } from './keys.js'
import { queryAll, queryFilledPage, queryPage, type PartitionQuery } from './query.js'
import { auditPut, type AuditDraft } from './audit.js'
import { transact, type TxItem } from './tx.js'
import { batchesOnNoticeQuery, type NoticeWindow } from './todo.js'

const toClaim = (i: Record<string, unknown>) => stripKeys<Claim>(i)
const indexKeys = claimIndexKeys
/**
 * Every index key a status change moves (the ledger's sort key and the status listings of the to-do
 * counts), derived from the claim as it will be: spliced into each status Update, so that claims
 * written before the status listings gain them at their next move.
 */
function statusKeys(next: Claim): { set: string; values: Record<string, string> } {
  const k = claimIndexKeys(next)
  return {
    set: 'GSI1SK = :sk, GSI3PK = :g3p, GSI3SK = :g3s, GSI4PK = :g4p, GSI4SK = :g4s',
    values: { ':sk': k.GSI1SK, ':g3p': k.GSI3PK, ':g3s': k.GSI3SK, ':g4p': k.GSI4PK, ':g4s': k.GSI4SK },
  }
}

export async function getClaim(db: Db, id: string): Promise<Claim | undefined> {
  const r = await db.doc.send(new GetCommand({ TableName: db.table, Key: claimKey(id), ConsistentRead: true }))
  return r.Item ? toClaim(r.Item) : undefined
}

/** A draft claim; one per subject, kind and period (a uniqueness item in the same transaction). */
export async function createClaim(db: Db, c: Omit<Claim, 'id' | 'status' | 'createdAt' | 'updatedAt'>, now: Date, audit: (claim: Claim) => AuditDraft): Promise<Claim> {
  const at = now.toISOString()
  const claim: Claim = { ...c, id: newId(), status: 'draft', createdAt: at, updatedAt: at }
  await orConflict(
    () =>
      transact(db, [
        { Put: { TableName: db.table, Item: { ...claimKey(claim.id), entity: 'claim', ...indexKeys(claim), ...claim }, ConditionExpression: 'attribute_not_exists(PK)' } },
        { Put: { TableName: db.table, Item: { ...claimUniqueKey(c.subjectId, c.kind, c.period), entity: 'claimKey', claimId: claim.id }, ConditionExpression: 'attribute_not_exists(PK)' } },
        auditPut(db, audit(claim), now),
      ]),
    () => new DomainError('claim.duplicate', 'conflict', '该对象本期已有同类补贴申请', 'A claim of this kind already exists for this subject and period'),
  )
  return claim
}

/**
 * Moves a claim from one status to another: the condition on the current status (and any extra
 * condition, e.g. maker ≠ checker) is checked by the database, so parallel requests move it once.
 */
async function move(db: Db, claim: Claim, from: ClaimStatus, to: ClaimStatus, set: Record<string, unknown>, now: Date, audit: AuditDraft, extra?: { condition: string; values: Record<string, unknown> }): Promise<Claim> {
  const next: Claim = { ...claim, ...set, status: to, updatedAt: now.toISOString() }
  const names: Record<string, string> = { '#s': 'status' }
  const keys = statusKeys(next)
  const values: Record<string, unknown> = { ':from': from, ':to': to, ':at': next.updatedAt, ...keys.values, ...(extra?.values ?? {}) }
  const sets = Object.entries(set).map(([k, v], i) => {
    names[`#f${i}`] = k
    values[`:v${i}`] = v
    return `#f${i} = :v${i}`
  })
  await orConflict(
    () =>
      transact(db, [
        {
          Update: {
            TableName: db.table,
            Key: claimKey(claim.id),
            UpdateExpression: `SET #s = :to, updatedAt = :at, ${keys.set}${sets.length ? `, ${sets.join(', ')}` : ''}`,
            ConditionExpression: `#s = :from${extra ? ` AND ${extra.condition}` : ''}`,
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
          },
        },
        auditPut(db, audit, now),
      ]),
    () => new DomainError('claim.badTransition', 'conflict', `补贴申请当前不能改为 ${to}`, `The claim cannot become ${to} now`),
  )
  return next
}

export const submitClaim = (db: Db, c: Claim, now: Date, audit: AuditDraft) => move(db, c, 'draft', 'submitted', {}, now, audit)

/** The checker approves; the database itself refuses a checker who is the maker. */
export function approveClaim(db: Db, c: Claim, checkerId: string, now: Date, audit: AuditDraft): Promise<Claim> {
  if (c.makerId === checkerId) throw new DomainError('claim.makerIsChecker', 'forbidden', '经办人不能审核自己提交的申请', 'The maker cannot approve their own claim')
  return move(db, c, 'submitted', 'approved', { checkerId }, now, audit, { condition: 'makerId <> :checker', values: { ':checker': checkerId } })
}

/** A rejection frees the subject-kind-period, so a corrected claim can be made. */
export async function rejectClaim(db: Db, c: Claim, checkerId: string, reason: string, now: Date, audit: AuditDraft): Promise<Claim> {
  if (c.makerId === checkerId) throw new DomainError('claim.makerIsChecker', 'forbidden', '经办人不能审核自己提交的申请', 'The maker cannot approve their own claim')
  const next: Claim = { ...c, status: 'rejected', checkerId, rejectReason: reason, updatedAt: now.toISOString() }
  await orConflict(
    () =>
      transact(db, [
            auditPut(db, audit, now),
            {
              Update: {
                TableName: db.table,
                Key: claimKey(c.id),
                UpdateExpression: `SET #s = :to, checkerId = :checker, rejectReason = :reason, updatedAt = :at, ${statusKeys(next).set}`,
                ConditionExpression: '#s = :from AND makerId <> :checker',
                ExpressionAttributeNames: { '#s': 'status' },
                ExpressionAttributeValues: { ':to': 'rejected', ':from': 'submitted', ':checker': checkerId, ':reason': reason, ':at': next.updatedAt, ...statusKeys(next).values },
              },
            },
            { Delete: { TableName: db.table, Key: claimUniqueKey(c.subjectId, c.kind, c.period), ConditionExpression: 'claimId = :id', ExpressionAttributeValues: { ':id': c.id } } },
          ]),
    () => new DomainError('claim.badTransition', 'conflict', '补贴申请当前不能驳回', 'The claim cannot be rejected now'),
  )
  return next
}

/**
 * Puts approved claims on public notice (公示) as one payment batch, in one transaction: a claim
 * already in another batch, or no longer approved, fails the whole batch.
 */
export async function createBatch(db: Db, claims: Claim[], by: string, notice: NoticePeriod, year: number, now: Date, audit: (b: PaymentBatch) => AuditDraft): Promise<PaymentBatch> {
  const at = now.toISOString()
  const until = notice.endsAt
  const batch: PaymentBatch = {
    id: newId(),
    year,
    claimIds: claims.map((c) => c.id),
    townships: [...new Set(claims.map((c) => c.township))].sort(),
    totalFen: claims.reduce((s, c) => s + c.amountFen, 0),
    count: claims.length,
    status: 'notice',
    noticeFrom: at,
    noticeUntil: until,
    noticeFromDay: notice.fromDay,
    noticeLastDay: notice.lastDay,
    createdBy: by,
    createdAt: at,
  }
  try {
    await transact(db, [
          auditPut(db, audit(batch), now),
          { Put: { TableName: db.table, Item: { ...batchKey(batch.id), entity: 'batch', ...batchIndexKeys(batch), ...batch }, ConditionExpression: 'attribute_not_exists(PK)' } },
          ...claims.map((c) => ({
            Update: {
              TableName: db.table,
              Key: claimKey(c.id),
              UpdateExpression: `SET #s = :to, batchId = :b, noticeUntil = :until, noticeLastDay = :last, updatedAt = :at, ${statusKeys({ ...c, status: 'noticed' }).set}`,
              ConditionExpression: '#s = :from',
              ExpressionAttributeNames: { '#s': 'status' },
              ExpressionAttributeValues: { ':to': 'noticed', ':from': 'approved', ':b': batch.id, ':until': until, ':last': notice.lastDay, ':at': at, ...statusKeys({ ...c, status: 'noticed' }).values },
            },
          })),
        ])
  } catch (e) {
    if (isTransactionConflict(e)) throw new DomainError('batch.claimNotApproved', 'conflict', '批次中有申请未审核通过或已在其他批次', 'A claim in the batch is not approved or is already in another batch', { cause: e })
    throw e
  }
  return batch
}

export async function getBatch(db: Db, id: string): Promise<PaymentBatch | undefined> {
  const r = await db.doc.send(new GetCommand({ TableName: db.table, Key: batchKey(id), ConsistentRead: true }))
  return r.Item ? stripKeys<PaymentBatch>(r.Item) : undefined
}

/**
 * Pays one claim of a batch. The payment item (subject, kind, period) is created only if none
 * exists, in the same transaction as noticed → paid: never two payments, however many requests.
 * Answers false when the claim was already paid (a retry).
 */
export async function payClaim(db: Db, c: Claim, now: Date, audit: AuditDraft): Promise<boolean> {
  const at = now.toISOString()
  try {
    await transact(db, [
          auditPut(db, audit, now),
          { Put: { TableName: db.table, Item: { ...paymentKey(c.subjectId, c.kind, c.period), entity: 'payment', claimId: c.id, batchId: c.batchId, amountFen: c.amountFen, paidAt: at }, ConditionExpression: 'attribute_not_exists(PK)' } },
          {
            Update: {
              TableName: db.table,
              Key: claimKey(c.id),
              UpdateExpression: `SET #s = :to, paidAt = :at, updatedAt = :at, ${statusKeys({ ...c, status: 'paid' }).set}`,
              ConditionExpression: '#s = :from',
              ExpressionAttributeNames: { '#s': 'status' },
              ExpressionAttributeValues: { ':to': 'paid', ':from': 'noticed', ':at': at, ...statusKeys({ ...c, status: 'paid' }).values },
            },
          },
        ])
    return true
  } catch (e) {
    // A failed condition means paid already; a passing transaction conflict is thrown to be retried.
    if (isTransactionConflict(e) && !isOnlyTransactionConflict(e)) return false
    throw e
  }
}

/** notice → paid once (audited in the same transaction); a repeat finds it paid and changes nothing. */
export async function markBatchPaid(db: Db, b: PaymentBatch, by: string, now: Date, audit: AuditDraft): Promise<PaymentBatch> {
  const at = now.toISOString()
  const items: TxItem[] = [
    {
      Update: {
        TableName: db.table,
        Key: batchKey(b.id),
        // Leaves the on-notice listing (GSI2) in the same write: a paid batch is no longer to pay.
        UpdateExpression: 'SET #s = :paid, paidAt = :at, paidBy = :by, GSI2PK = :g2p, GSI2SK = :g2s',
        ConditionExpression: '#s = :notice',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':paid': 'paid', ':notice': 'notice', ':at': at, ':by': by, ':g2p': batchIndexKeys({ ...b, status: 'paid' }).GSI2PK, ':g2s': batchIndexKeys(b).GSI2SK },
      },
    },
    auditPut(db, audit, now),
  ]
  try {
    await transact(db, items)
  } catch (e) {
    if (!isTransactionConflict(e)) throw e
  }
  return (await getBatch(db, b.id)) ?? b
}

/**
 * A correction is a reversal entry, never an edit: a negative ledger row that points at the paid
 * claim. The payment and claim keys are released so that a corrected claim can be made and paid.
 */
export async function reverseClaim(db: Db, c: Claim, by: string, reason: string, now: Date, audit: (reversal: Claim) => AuditDraft): Promise<Claim> {
  const at = now.toISOString()
  const reversal: Claim = { ...c, id: newId(), amountFen: -c.amountFen, status: 'reversed', reversalOf: c.id, makerId: by, checkerId: undefined, rejectReason: reason, createdAt: at, updatedAt: at, rules: [] }
  delete reversal.checkerId
  await orConflict(
    () =>
      transact(db, [
            auditPut(db, audit(reversal), now),
            { Put: { TableName: db.table, Item: { ...claimKey(reversal.id), entity: 'claim', ...indexKeys(reversal), ...reversal }, ConditionExpression: 'attribute_not_exists(PK)' } },
            {
              Update: {
                TableName: db.table,
                Key: claimKey(c.id),
                UpdateExpression: 'SET reversedBy = :r, updatedAt = :at',
                ConditionExpression: '#s = :paid AND attribute_not_exists(reversedBy)',
                ExpressionAttributeNames: { '#s': 'status' },
                ExpressionAttributeValues: { ':r': reversal.id, ':at': at, ':paid': 'paid' },
              },
            },
            { Delete: { TableName: db.table, Key: paymentKey(c.subjectId, c.kind, c.period), ConditionExpression: 'claimId = :id', ExpressionAttributeValues: { ':id': c.id } } },
            { Delete: { TableName: db.table, Key: claimUniqueKey(c.subjectId, c.kind, c.period), ConditionExpression: 'claimId = :id', ExpressionAttributeValues: { ':id': c.id } } },
          ]),
    () => new DomainError('claim.notReversible', 'conflict', '只有已支付且未冲正的申请可以冲正', 'Only a paid claim that has not been reversed can be reversed'),
  )
  return reversal
}

/** A subject's claims (a person's subsidies, a workshop's rewards). */
export const listClaimsOfSubject = (db: Db, subjectId: string) => queryAll(db, { index: 'GSI2', pk: claimsOfSubject(subjectId) }, toClaim)
/** A page of a subject's claims, for reading (the whole list stays for rules that need all of it). */
export const pageClaimsOfSubject = (db: Db, subjectId: string, page: { limit: number; cursor?: string }): Promise<Page<Claim>> =>
  queryPage(db, { index: 'GSI2', pk: claimsOfSubject(subjectId) }, page, toClaim)

/**
 * The ledger (台账) query of a year: the year's partition, narrowed by the sort-key prefix as far as
 * the filters allow (kind, then township, then status), the rest by a filter.
 */
/** The ledger's filters as the database applies them: `notMakerId` leaves out one maker's claims. */
export type LedgerRowsQuery = Omit<LedgerQuery, 'notMine'> & { notMakerId?: string }

function ledgerQuery(q: LedgerRowsQuery): PartitionQuery {
  const parts = [q.kind, q.kind && q.township, q.kind && q.township && q.status].filter(Boolean)
  const prefix = q.kind ? `${[q.kind, q.township, q.status].slice(0, parts.length).join('#')}#` : undefined
  // Filters the prefix could not hold (a township without a kind, a status without a township).
  const conds: string[] = []
  const names: Record<string, string> = {}
  const values: Record<string, unknown> = {}
  if (q.township && parts.length < 2) {
    conds.push('#tw = :tw')
    names['#tw'] = 'township'
    values[':tw'] = q.township
  }
  if (q.status && parts.length < 3) {
    conds.push('#st = :st')
    names['#st'] = 'status'
    values[':st'] = q.status
  }
  if (q.notMakerId) {
    conds.push('makerId <> :notMaker')
    values[':notMaker'] = q.notMakerId
  }
  return {
    index: 'GSI1',
    pk: claimsOfYear(q.year),
    oldestFirst: true,
    ...(prefix ? { skPrefix: prefix } : {}),
    ...(conds.length ? { filter: { expression: conds.join(' AND '), names, values } } : {}),
  }
}

/** Every row of a year's ledger under the filters (the .xlsx export and the totals need all of them). */
export const ledgerRows = (db: Db, q: LedgerRowsQuery): Promise<Claim[]> => queryAll(db, ledgerQuery(q), toClaim)

/** One page of a year's ledger under the filters, filled although the filter runs after the read. */
export const ledgerPage = (db: Db, q: LedgerRowsQuery, page: { limit: number; cursor?: string }): Promise<Page<Claim>> => queryFilledPage(db, ledgerQuery(q), page, toClaim)


/** A page of the batches on notice in a window (ready to pay, or ending soon), soonest end first; one township's when named. */
export const batchesOnNoticePage = (db: Db, w: NoticeWindow, township: string | undefined, page: { limit: number; cursor?: string }): Promise<Page<PaymentBatch>> =>
  queryFilledPage(db, batchesOnNoticeQuery(w, township), page, (i) => stripKeys<PaymentBatch>(i))
