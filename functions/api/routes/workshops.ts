import { Hono } from 'hono'
import * as z from 'zod'
import { IdParam, PageQuery, TownshipCode } from '../../../shared/schemas/common.js'
import { WorkshopContactInput } from '../../../shared/schemas/contacts.js'
import { DifficultyClose, DifficultyInput, DifficultyQuery, NewWorkshop, WorkshopDecision, WorkshopStatus } from '../../../shared/schemas/workshops.js'
import * as Workshops from '../../core/workshops.js'
import { requireUser } from '../auth.js'
import type { Env } from '../context.js'
import { validate } from '../validate.js'

export const workshops = new Hono<Env>()
  .post('/', validate('json', NewWorkshop), async (c) => c.json(await Workshops.register(c.var.deps, requireUser(c), c.req.valid('json')), 201))
  .get('/', validate('query', PageQuery.extend({ township: TownshipCode.optional(), status: WorkshopStatus.optional() })), async (c) =>
    c.json(await Workshops.ofTownship(c.var.deps, requireUser(c), c.req.valid('query'))),
  )
  .get('/:id', validate('param', IdParam), async (c) => c.json(await Workshops.detail(c.var.deps, requireUser(c), c.req.valid('param').id)))
  .put('/:id/contact', validate('param', IdParam), validate('json', WorkshopContactInput), async (c) =>
    c.json(await Workshops.setContact(c.var.deps, requireUser(c), c.req.valid('param').id, c.req.valid('json'))),
  )
  .post('/:id/recognize', validate('param', IdParam), validate('json', WorkshopDecision), async (c) => {
    const { decision, reason } = c.req.valid('json')
    return c.json(await Workshops.decide(c.var.deps, requireUser(c), c.req.valid('param').id, decision, reason))
  })
  .post('/:id/difficulties', validate('param', IdParam), validate('json', DifficultyInput), async (c) =>
    c.json(await Workshops.reportTrouble(c.var.deps, requireUser(c), c.req.valid('param').id, c.req.valid('json')), 201),
  )
  .get('/:id/difficulties', validate('param', IdParam), validate('query', PageQuery), async (c) =>
    c.json(await Workshops.troublesOf(c.var.deps, requireUser(c), c.req.valid('param').id, c.req.valid('query'))),
  )

export const difficulties = new Hono<Env>()
  .get('/', validate('query', DifficultyQuery), async (c) =>
    c.json(await Workshops.troublesOfTownship(c.var.deps, requireUser(c), c.req.valid('query'))),
  )
  .post('/:id/close', validate('param', IdParam), validate('json', DifficultyClose), async (c) =>
    c.json(await Workshops.closeTrouble(c.var.deps, requireUser(c), c.req.valid('param').id, c.req.valid('json').response)),
  )
