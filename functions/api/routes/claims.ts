import { Hono } from 'hono'
import * as z from 'zod'
import { IdParam, TownshipCode } from '../../../shared/schemas/common.js'
import { BatchInput, BatchNoticeQuery, ClaimInput, EligibilityFilter, EligibilityQuery, Period, RejectClaimInput, ReverseClaimInput, SubsidyKind } from '../../../shared/schemas/subsidies.js'
import * as Claims from '../../core/claims.js'
import { requireUser } from '../auth.js'
import type { Env } from '../context.js'
import { validate } from '../validate.js'

export const eligibility = new Hono<Env>()
  .get('/', validate('query', EligibilityQuery), async (c) => c.json(await Claims.eligibility(c.var.deps, requireUser(c), c.req.valid('query'))))
  .get('/totals', validate('query', EligibilityFilter), async (c) => c.json(await Claims.eligibilityTotals(c.var.deps, requireUser(c), c.req.valid('query'))))

export const claims = new Hono<Env>()
  .post('/', validate('json', ClaimInput), async (c) => c.json(await Claims.create(c.var.deps, requireUser(c), c.req.valid('json')), 201))
  .post('/propose', validate('json', z.object({ kind: SubsidyKind, period: Period, township: TownshipCode.optional() })), async (c) =>
    c.json(await Claims.propose(c.var.deps, requireUser(c), c.req.valid('json'))),
  )
  .get('/:id', validate('param', IdParam), async (c) => c.json(await Claims.detail(c.var.deps, requireUser(c), c.req.valid('param').id)))
  .post('/:id/submit', validate('param', IdParam), async (c) => c.json(await Claims.submit(c.var.deps, requireUser(c), c.req.valid('param').id)))
  .post('/:id/approve', validate('param', IdParam), async (c) => c.json(await Claims.approve(c.var.deps, requireUser(c), c.req.valid('param').id)))
  .post('/:id/reject', validate('param', IdParam), validate('json', RejectClaimInput), async (c) =>
    c.json(await Claims.reject(c.var.deps, requireUser(c), c.req.valid('param').id, c.req.valid('json').reason)),
  )
  .post('/:id/reverse', validate('param', IdParam), validate('json', ReverseClaimInput), async (c) =>
    c.json(await Claims.reverse(c.var.deps, requireUser(c), c.req.valid('param').id, c.req.valid('json').reason), 201),
  )

export const paymentBatches = new Hono<Env>()
  .post('/', validate('json', BatchInput), async (c) => c.json(await Claims.createNoticeBatch(c.var.deps, requireUser(c), c.req.valid('json').claimIds), 201))
  .get('/', validate('query', BatchNoticeQuery), async (c) => c.json(await Claims.batchesOnNotice(c.var.deps, requireUser(c), c.req.valid('query'))))
  .get('/:id', validate('param', IdParam), async (c) => c.json(await Claims.batchFromId(c.var.deps, requireUser(c), c.req.valid('param').id)))
  .post('/:id/pay', validate('param', IdParam), async (c) => c.json(await Claims.payBatch(c.var.deps, requireUser(c), c.req.valid('param').id)))
