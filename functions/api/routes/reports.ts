import { Hono } from 'hono'
import * as z from 'zod'
import { inScope, listTownship, notFound } from '../../../shared/access.js'
import { PageQuery } from '../../../shared/schemas/common.js'
import { LedgerQuery, type Claim } from '../../../shared/schemas/subsidies.js'
import { listAuditOf } from '../../db/audit.js'
import { getMatchRun } from '../../db/match-runs.js'
import { getCertificate } from '../../db/certificates.js'
import { getPlacement } from '../../db/placements.js'
import { getSeeker } from '../../db/seekers.js'
import { getWorkshop } from '../../db/workshops.js'
import { getBatch, getClaim, ledgerRows } from '../../db/claims.js'
import { requireUser } from '../auth.js'
import type { Auth, Env } from '../context.js'
import { claimsWorkbook } from '../exports.js'
import { validate } from '../validate.js'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** Totals in integer fen: count and sum overall, by kind, by township, by status. */
export function ledgerTotals(rows: readonly Claim[]) {
  const add = (m: Record<string, { count: number; totalFen: number }>, k: string, fen: number) => {
    const t = (m[k] ??= { count: 0, totalFen: 0 })
    t.count++
    t.totalFen += fen
  }
  const byKind: Record<string, { count: number; totalFen: number }> = {}
  const byTownship: Record<string, { count: number; totalFen: number }> = {}
  const byStatus: Record<string, { count: number; totalFen: number }> = {}
  for (const r of rows) {
    add(byKind, r.kind, r.amountFen)
    add(byTownship, r.township, r.amountFen)
    add(byStatus, r.status, r.amountFen)
  }
  return { count: rows.length, totalFen: rows.reduce((s, r) => s + r.amountFen, 0), byKind, byTownship, byStatus }
}

async function ledgerFor(c: { var: Env['Variables'] }, auth: Auth, q: z.infer<typeof LedgerQuery>) {
  // Auditors and district officers see the district; a township officer sees their township.
  const township = auth.role === 'auditor' ? q.township : listTownship(auth, q.township)
  return ledgerRows(c.var.deps.db, { ...q, ...(township ? { township } : {}) })
}

export const reports = new Hono<Env>()
  .get('/ledger', validate('query', LedgerQuery), async (c) => {
    const auth = requireUser(c, 'officer', 'admin', 'auditor')
    const rows = await ledgerFor(c, auth, c.req.valid('query'))
    return c.json({ rows, totals: ledgerTotals(rows) })
  })
  .get('/ledger.xlsx', validate('query', LedgerQuery), async (c) => {
    const auth = requireUser(c, 'officer', 'admin', 'auditor')
    const q = c.req.valid('query')
    const rows = await ledgerFor(c, auth, q)
    const body = await claimsWorkbook(`${q.year} 年补贴资金台账`, rows)
    return c.body(new Uint8Array(body), 200, { 'content-type': XLSX, 'content-disposition': `attachment; filename="ledger-${q.year}.xlsx"` })
  })
  .get('/notices/:file', validate('param', z.object({ file: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}\.xlsx$/) })), async (c) => {
    requireUser(c, 'officer', 'admin', 'auditor')
    const id = c.req.valid('param').file.slice(0, 26)
    const batch = await getBatch(c.var.deps.db, id)
    if (!batch) throw notFound('batch.notFound', '支付批次', 'Payment batch')
    const rows = (await Promise.all(batch.claimIds.map((cid) => getClaim(c.var.deps.db, cid)))).filter((x): x is Claim => Boolean(x))
    const body = await claimsWorkbook(`补贴发放公示名单（公示期 ${batch.noticeFrom.slice(0, 10)} 至 ${batch.noticeUntil.slice(0, 10)}）`, rows, { notice: true })
    return c.body(new Uint8Array(body), 200, { 'content-type': XLSX, 'content-disposition': `attachment; filename="notice-${id}.xlsx"` })
  })
  .get('/audit', validate('query', PageQuery.extend({ entity: z.enum(['seeker', 'claim', 'policy', 'workshop', 'placement', 'certificate', 'batch', 'matchRun']), id: z.string().min(1).max(60) })), async (c) => {
    const auth = requireUser(c, 'officer', 'admin', 'auditor')
    const q = c.req.valid('query')
    // A township officer reads the trail of what is in their township: check the object itself.
    if (auth.role === 'officer' && auth.scope !== 'district') {
      const db = c.var.deps.db
      const township =
        q.entity === 'claim' ? (await getClaim(db, q.id))?.township
        : q.entity === 'seeker' ? (await getSeeker(db, q.id))?.township
        : q.entity === 'workshop' ? (await getWorkshop(db, q.id))?.township
        : q.entity === 'certificate' ? (await getCertificate(db, q.id))?.township
        : q.entity === 'placement' ? (await getPlacement(db, q.id))?.seekerTownship
        : q.entity === 'matchRun' ? (await getMatchRun(db, q.id))?.scope
        : auth.scope
      if (!township || !inScope(auth, township)) throw notFound('audit.notFound', '记录', 'Record')
    }
    return c.json(await listAuditOf(c.var.deps.db, q.entity, q.id, q.limit, q.cursor))
  })
