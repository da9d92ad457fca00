import { Hono } from 'hono'
import { EndPlacementInput, ExternalPlacementInput, PlacementQuery } from '../../../shared/schemas/applications.js'
import { IdParam } from '../../../shared/schemas/common.js'
import * as Placements from '../../core/placements.js'
import { requireUser } from '../auth.js'
import type { Env } from '../context.js'
import { validate } from '../validate.js'

export const placements = new Hono<Env>()
  .get('/', validate('query', PlacementQuery), async (c) => c.json(await Placements.list(c.var.deps, requireUser(c), c.req.valid('query'))))
  .post('/', validate('json', ExternalPlacementInput), async (c) => c.json(await Placements.recordExternal(c.var.deps, requireUser(c), c.req.valid('json')), 201))
  .post('/:id/end', validate('param', IdParam), validate('json', EndPlacementInput), async (c) => {
    const { endDate, reason } = c.req.valid('json')
    return c.json(await Placements.end(c.var.deps, requireUser(c), c.req.valid('param').id, endDate, reason))
  })
