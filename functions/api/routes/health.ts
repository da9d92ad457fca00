import { Hono } from 'hono'
import { health as check } from '../../core/health.js'
import type { Env } from '../context.js'

export const health = new Hono<Env>().get('/', async (c) => {
  const h = await check(c.var.deps)
  return c.json(h, h.db ? 200 : 503)
})
