import { Hono } from 'hono'
import * as z from 'zod'
import { DISTRICT } from '../../../shared/geo.js'
import { DomainError } from '../../../shared/errors.js'
import { PolicyInput, type Policy } from '../../../shared/schemas/subsidies.js'
import { appendAudit } from '../../db/audit.js'
import type { Db } from '../../db/client.js'
import { policyHistory, policyInForce, savePolicy } from '../../db/policies.js'
import { targetProgress } from '../../db/targets.js'
import { requireUser } from '../auth.js'
import type { Env } from '../context.js'
import { validate } from '../validate.js'
import { districtDate } from '../../../shared/district-date.js'

const Year = z.object({ year: z.coerce.number().int().min(2000).max(2100) })

/** The policy in force on a date of its year (today, or the year's last day for past years). */
export async function policyFor(db: Db, year: number, today: string): Promise<Policy> {
  const date = today.startsWith(String(year)) ? today : `${year}-12-31`
  const p = policyInForce(await policyHistory(db, DISTRICT.code, year), date)
  if (!p) throw new DomainError('policy.missing', 'notFound', `${year} 年的补贴政策尚未录入`, `No subsidy policy has been entered for ${year}`)
  return p
}

export const policies = new Hono<Env>()
  .get('/:year', validate('param', Year), async (c) => {
    requireUser(c, 'officer', 'admin', 'auditor')
    const { year } = c.req.valid('param')
    const history = await policyHistory(c.var.deps.db, DISTRICT.code, year)
    const today = districtDate(c.var.deps.now())
    return c.json({ year, inForce: policyInForce(history, today.startsWith(String(year)) ? today : `${year}-12-31`) ?? null, history })
  })
  .put('/:year', validate('param', Year), validate('json', PolicyInput.extend({ expectedVersion: z.number().int().min(0) })), async (c) => {
    const auth = requireUser(c, 'admin')
    const { db, now } = c.var.deps
    const { year } = c.req.valid('param')
    const { expectedVersion, ...input } = c.req.valid('json')
    const before = (await policyHistory(db, DISTRICT.code, year)).find((p) => p.version === expectedVersion)
    const saved = await savePolicy(db, DISTRICT.code, year, input, expectedVersion, auth.userId, now())
    // Amounts are public figures, so the audit keeps the whole before/after.
    await appendAudit(db, { objectType: 'policy', objectId: `${DISTRICT.code}-${year}`, action: 'policy.save', actorId: auth.userId, actorRole: auth.role, ...(before ? { before: before as unknown as Record<string, unknown> } : {}), after: saved as unknown as Record<string, unknown> }, now())
    return c.json(saved, 201)
  })

/** 目标 targets of a year and progress toward them, by township. */
export const targets = new Hono<Env>().get('/:year', validate('param', Year), async (c) => {
  requireUser(c, 'officer', 'admin', 'auditor')
  const { db, now } = c.var.deps
  const { year } = c.req.valid('param')
  const policy = await policyFor(db, year, districtDate(now()))
  const [certified, employed] = await Promise.all([targetProgress(db, 'certified', year), targetProgress(db, 'employed', year)])
  return c.json({ year, targets: policy.targets, progress: { certified, employed } })
})
