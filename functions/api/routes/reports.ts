import { Hono } from 'hono'
import * as z from 'zod'
import { noticeDaysOf } from '../../../shared/dates.js'
import { PageQuery } from '../../../shared/schemas/common.js'
import { townshipByCode } from '../../../shared/geo.js'
import { LedgerPageQuery, LedgerQuery, TrainingQuery } from '../../../shared/schemas/subsidies.js'
import * as Audit from '../../core/audit.js'
import { claimsSheet, exportSheet, trainingsSheet } from '../../core/exports.js'
import * as Ledger from '../../core/ledger.js'
import * as Trainings from '../../core/trainings.js'
import { requireUser } from '../auth.js'
import type { Env } from '../context.js'
import { validate } from '../validate.js'

/** @deprecated import from functions/core/ledger.ts (kept for existing importers). */
export { ledgerTotals } from '../../core/ledger.js'

/** The training ledger's filter: the township only (an export holds every row, so no page). */
const TrainingLedgerQuery = TrainingQuery.pick({ township: true })

export const reports = new Hono<Env>()
  .get('/ledger', validate('query', LedgerPageQuery), async (c) => c.json(await Ledger.ledger(c.var.deps, requireUser(c), c.req.valid('query'))))
  .get('/ledger/totals', validate('query', LedgerQuery), async (c) => c.json(await Ledger.totals(c.var.deps, requireUser(c), c.req.valid('query'))))
  .get('/ledger.xlsx', validate('query', LedgerQuery), async (c) => {
    const q = c.req.valid('query')
    const rows = await Ledger.rows(c.var.deps, requireUser(c), q)
    return c.json(await exportSheet(c.var.deps, claimsSheet(`${q.year} 年补贴资金台账`, rows), `ledger-${q.year}.xlsx`))
  })
  .get('/trainings.xlsx', validate('query', TrainingLedgerQuery), async (c) => {
    const { township, rows } = await Trainings.ledgerRows(c.var.deps, requireUser(c), c.req.valid('query'))
    const spec = trainingsSheet(`${townshipByCode.get(township)?.name ?? township} 技能培训台账`, rows)
    return c.json(await exportSheet(c.var.deps, spec, `trainings-${township}.xlsx`))
  })
  .get('/notices/:file', validate('param', z.object({ file: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}\.xlsx$/) })), async (c) => {
    const id = c.req.valid('param').file.slice(0, 26)
    const { batch, rows } = await Ledger.noticeRows(c.var.deps, requireUser(c), id)
    const { fromDay, lastDay } = noticeDaysOf(batch)
    const spec = claimsSheet(`补贴发放公示名单（公示期 ${fromDay} 至 ${lastDay}）`, rows, { notice: true })
    return c.json(await exportSheet(c.var.deps, spec, `notice-${id}.xlsx`))
  })
  .get('/audit', validate('query', PageQuery.extend({ entity: z.enum(Audit.AUDITED), id: z.string().min(1).max(60) })), async (c) => c.json(await Audit.trail(c.var.deps, requireUser(c), c.req.valid('query'))))
