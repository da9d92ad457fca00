import { Hono } from 'hono'
import { IdParam } from '../../../shared/schemas/common.js'
import { CaseQuery, CheckInput, CloseInput, DueQuery, DueSummaryQuery, HelperInput, HouseholdParam, HouseholdQuery, MeasureDoneInput, NewCase, NewHousehold, PlanInput, StepInput } from '../../../shared/schemas/monitoring.js'
import * as Cases from '../../core/cases.js'
import * as Due from '../../core/due.js'
import * as Households from '../../core/households.js'
import * as Placements from '../../core/placements.js'
import { requireUser } from '../auth.js'
import type { Env } from '../context.js'
import { validate } from '../validate.js'

/** 户 households and their 帮扶责任人 helper. */
export const households = new Hono<Env>()
  .get('/', validate('query', HouseholdQuery), async (c) => c.json(await Households.list(c.var.deps, requireUser(c), c.req.valid('query'))))
  .post('/', validate('json', NewHousehold), async (c) => c.json(await Households.create(c.var.deps, requireUser(c), c.req.valid('json')), 201))
  .get('/:id', validate('param', HouseholdParam), async (c) => c.json(await Households.detail(c.var.deps, requireUser(c), c.req.valid('param').id)))
  .put('/:id/helper', validate('param', HouseholdParam), validate('json', HelperInput), async (c) => c.json(await Households.assignHelper(c.var.deps, requireUser(c), c.req.valid('param').id, c.req.valid('json'))))

/** 防止返贫动态监测 monitoring cases. */
export const cases = new Hono<Env>()
  .get('/', validate('query', CaseQuery), async (c) => c.json(await Cases.list(c.var.deps, requireUser(c), c.req.valid('query'))))
  .post('/', validate('json', NewCase), async (c) => c.json(await Cases.open(c.var.deps, requireUser(c), c.req.valid('json')), 201))
  .get('/:id', validate('param', IdParam), async (c) => c.json(await Cases.detail(c.var.deps, requireUser(c), c.req.valid('param').id)))
  .post('/:id/steps', validate('param', IdParam), validate('json', StepInput), async (c) => c.json(await Cases.recordStep(c.var.deps, requireUser(c), c.req.valid('param').id, c.req.valid('json'))))
  .put('/:id/plan', validate('param', IdParam), validate('json', PlanInput), async (c) => c.json(await Cases.plan(c.var.deps, requireUser(c), c.req.valid('param').id, c.req.valid('json'))))
  .post('/:id/measures', validate('param', IdParam), validate('json', MeasureDoneInput), async (c) => c.json(await Cases.measureDone(c.var.deps, requireUser(c), c.req.valid('param').id, c.req.valid('json'))))
  .post('/:id/close', validate('param', IdParam), validate('json', CloseInput), async (c) => c.json(await Cases.close(c.var.deps, requireUser(c), c.req.valid('param').id, c.req.valid('json'))))

/** 回访 checks after placement. */
export const placementChecks = new Hono<Env>().post('/:id/checks', validate('param', IdParam), validate('json', CheckInput), async (c) =>
  c.json(await Placements.logCheck(c.var.deps, requireUser(c), c.req.valid('param').id, c.req.valid('json')), 201),
)

/** 到期事项 what is due and overdue. */
export const due = new Hono<Env>()
  .get('/', validate('query', DueQuery), async (c) => c.json(await Due.list(c.var.deps, requireUser(c), c.req.valid('query'))))
  .get('/summary', validate('query', DueSummaryQuery), async (c) => c.json(await Due.summary(c.var.deps, requireUser(c), c.req.valid('query'))))
