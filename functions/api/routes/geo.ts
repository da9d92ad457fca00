import { Hono } from 'hono'
import * as z from 'zod'
import { TownshipCode } from '../../../shared/schemas/common.js'
import * as Geo from '../../core/geo.js'
import type { Env } from '../context.js'
import { validate } from '../validate.js'

export const geo = new Hono<Env>()
  .get('/townships', async (c) => {
    c.header('Cache-Control', 'public, max-age=3600')
    return c.json(await Geo.townships(c.var.deps))
  })
  .get('/townships/:code/villages', validate('param', z.object({ code: TownshipCode })), async (c) => {
    c.header('Cache-Control', 'public, max-age=3600')
    return c.json(await Geo.villages(c.var.deps, c.req.valid('param').code))
  })
