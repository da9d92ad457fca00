/**
 * 台账 the subsidy ledger: its rows and totals for officers (their township), admins and auditors
 * (the district); a batch's public-notice rows for those whose scope holds the batch; a person's
 * own subsidies.
 */
import type { Claim, ClaimRow, LedgerQuery, PaymentBatch } from '../../shared/schemas/subsidies.js'
import type { Page } from '../../shared/schemas/common.js'
import { ledgerPage, ledgerRows, pageClaimsOfSubject, type LedgerRowsQuery } from '../db/claims.js'
import { allow, listTownship } from './access.js'
import * as Claims from './claims.js'
import type { Actor, Deps } from './deps.js'
import * as Seekers from './seekers.js'

export interface Totals {
  count: number
  totalFen: number
}

/** Totals in integer fen: count and sum overall, by kind, by township, by status. */
export function ledgerTotals(rows: readonly Claim[]) {
  const add = (m: Record<string, Totals>, k: string, fen: number) => {
    const t = (m[k] ??= { count: 0, totalFen: 0 })
    t.count++
    t.totalFen += fen
  }
  const byKind: Record<string, Totals> = {}
  const byTownship: Record<string, Totals> = {}
  const byStatus: Record<string, Totals> = {}
  for (const r of rows) {
    add(byKind, r.kind, r.amountFen)
    add(byTownship, r.township, r.amountFen)
    add(byStatus, r.status, r.amountFen)
  }
  return { count: rows.length, totalFen: rows.reduce((s, r) => s + r.amountFen, 0), byKind, byTownship, byStatus }
}

/** Who reads a year's ledger: auditors, admins and district officers the district (or a township they name); a township officer their own township (asking for another is 403). */
function scoped(actor: Actor, q: LedgerQuery): LedgerRowsQuery {
  allow(actor, 'officer', 'admin', 'auditor')
  const township = actor.role === 'auditor' ? q.township : listTownship(actor, q.township)
  return { year: q.year, ...(q.kind ? { kind: q.kind } : {}), ...(q.status ? { status: q.status } : {}), ...(township ? { township } : {}), ...(q.notMine ? { notMakerId: actor.userId } : {}) }
}

/** Every row of a year's ledger in the actor's scope (the .xlsx export holds every row). */
export async function rows(deps: Deps, actor: Actor, q: LedgerQuery): Promise<Claim[]> {
  return ledgerRows(deps.db, scoped(actor, q))
}

/** A page of a year's ledger in the actor's scope: the rows are never all sent at once. */
export async function ledger(deps: Deps, actor: Actor, q: LedgerQuery & { limit: number; cursor?: string }): Promise<Page<ClaimRow>> {
  const page = await ledgerPage(deps.db, scoped(actor, q), { limit: q.limit, ...(q.cursor ? { cursor: q.cursor } : {}) })
  // The maker and checker by name and role (王主任（就业专员）), not by id.
  return { ...page, items: await Claims.withPeople(deps, page.items) }
}

/**
 * The ledger's totals under the same filters. They add up every row, so this reads the year's
 * filtered rows (as the export does); the rows themselves are paged by `ledger`.
 */
export async function totals(deps: Deps, actor: Actor, q: LedgerQuery) {
  return ledgerTotals(await rows(deps, actor, q))
}

/** A batch's claims, for its public-notice list (公示名单); out of the actor's scope the batch does not exist (core/claims.ts batchInScope). */
export async function noticeRows(deps: Deps, actor: Actor, batchId: string): Promise<{ batch: PaymentBatch; rows: Claim[] }> {
  const { batch, claims } = await Claims.batchClaims(deps, actor, batchId)
  return { batch, rows: claims }
}

/** A person's subsidies (their claims): for the seeker themself and officers in scope, nobody else. */
export async function ofSeeker(deps: Deps, actor: Actor, seekerId: string, page: { limit: number; cursor?: string }): Promise<Page<Claim>> {
  // Other roles never read a person's records (403); out of scope the person does not exist (404).
  allow(actor, 'seeker', 'officer', 'admin')
  const s = await Seekers.fromId(deps, actor, seekerId)
  return pageClaimsOfSubject(deps.db, s.id, page)
}
