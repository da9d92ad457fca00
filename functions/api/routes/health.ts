import { Hono } from 'hono'
import { pingTable } from '../../db/health.js'
import type { Env } from '../context.js'

export const health = new Hono<Env>().get('/', async (c) => {
  const { db, config, now } = c.var.deps
  const dbOk = await pingTable(db)
  return c.json({ status: dbOk ? ('ok' as const) : ('degraded' as const), env: config.env, db: dbOk, time: now().toISOString() }, dbOk ? 200 : 503)
})
