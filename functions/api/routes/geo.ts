import { Hono } from 'hono'
import * as z from 'zod'
import { TownshipCode } from '../../../shared/schemas/common.js'
import { listTownships, listVillages } from '../../db/geo.js'
import type { Env } from '../context.js'
import { validate } from '../validate.js'

export const geo = new Hono<Env>()
  .get('/townships', async (c) => {
    c.header('Cache-Control', 'public, max-age=3600')
    return c.json({ items: await listTownships(c.var.deps.db) })
  })
  .get('/townships/:code/villages', validate('param', z.object({ code: TownshipCode })), async (c) => {
    c.header('Cache-Control', 'public, max-age=3600')
    return c.json({ items: await listVillages(c.var.deps.db, c.req.valid('param').code) })
  })
