import { Hono } from 'hono'
import { IdParam, PageQuery } from '../../../shared/schemas/common.js'
import { GraduateInput, GraduatePatch, GraduateQuery, GraduateServiceInput, ReturneeInput, ReturneePatch, ReturneeQuery, ReturneeServiceInput } from '../../../shared/schemas/following.js'
import * as Graduates from '../../core/graduates.js'
import * as Returnees from '../../core/returnees.js'
import { requireUser } from '../auth.js'
import type { Env } from '../context.js'
import { validate } from '../validate.js'

/** 返乡回流 returnee records (`:id` is the person's seeker id): officers in scope; the seeker reads their own. */
export const returnees = new Hono<Env>()
  .post('/', validate('json', ReturneeInput), async (c) => c.json(await Returnees.create(c.var.deps, requireUser(c), c.req.valid('json')), 201))
  .get('/', validate('query', ReturneeQuery), async (c) => c.json(await Returnees.list(c.var.deps, requireUser(c), c.req.valid('query'))))
  .get('/:id', validate('param', IdParam), async (c) => c.json(await Returnees.detail(c.var.deps, requireUser(c), c.req.valid('param').id)))
  .patch('/:id', validate('param', IdParam), validate('json', ReturneePatch), async (c) => c.json(await Returnees.update(c.var.deps, requireUser(c), c.req.valid('param').id, c.req.valid('json'))))
  .post('/:id/services', validate('param', IdParam), validate('json', ReturneeServiceInput), async (c) => c.json(await Returnees.logService(c.var.deps, requireUser(c), c.req.valid('param').id, c.req.valid('json')), 201))
  .get('/:id/services', validate('param', IdParam), validate('query', PageQuery), async (c) => c.json(await Returnees.services(c.var.deps, requireUser(c), c.req.valid('param').id, c.req.valid('query'))))

/** 毕业生 graduate records (一人一档、一人一策), the same way. */
export const graduates = new Hono<Env>()
  .post('/', validate('json', GraduateInput), async (c) => c.json(await Graduates.create(c.var.deps, requireUser(c), c.req.valid('json')), 201))
  .get('/', validate('query', GraduateQuery), async (c) => c.json(await Graduates.list(c.var.deps, requireUser(c), c.req.valid('query'))))
  .get('/:id', validate('param', IdParam), async (c) => c.json(await Graduates.detail(c.var.deps, requireUser(c), c.req.valid('param').id)))
  .patch('/:id', validate('param', IdParam), validate('json', GraduatePatch), async (c) => c.json(await Graduates.update(c.var.deps, requireUser(c), c.req.valid('param').id, c.req.valid('json'))))
  .post('/:id/services', validate('param', IdParam), validate('json', GraduateServiceInput), async (c) => c.json(await Graduates.logService(c.var.deps, requireUser(c), c.req.valid('param').id, c.req.valid('json')), 201))
  .get('/:id/services', validate('param', IdParam), validate('query', PageQuery), async (c) => c.json(await Graduates.services(c.var.deps, requireUser(c), c.req.valid('param').id, c.req.valid('query'))))
