import { Hono } from 'hono'
import { IdParam } from '../../../shared/schemas/common.js'
import { HistoryQuery } from '../../../shared/schemas/history.js'
import * as History from '../../core/history.js'
import { requireUser } from '../auth.js'
import type { Env } from '../context.js'
import { validate } from '../validate.js'

/** 一人一档 a person's timeline, newest first, a page at a time, optionally one type of entry. */
export const seekerHistory = new Hono<Env>().get('/:id/history', validate('param', IdParam), validate('query', HistoryQuery), async (c) =>
  c.json(await History.ofSeeker(c.var.deps, requireUser(c), c.req.valid('param').id, c.req.valid('query'))),
)

/** The signed-in seeker's own timeline. */
export const myHistory = new Hono<Env>().get('/', validate('query', HistoryQuery), async (c) => c.json(await History.mine(c.var.deps, requireUser(c), c.req.valid('query'))))
