import { Hono } from 'hono'
import { HouseholdParam } from '../../../shared/schemas/monitoring.js'
import { householdFile as read } from '../../core/household-file.js'
import { requireUser } from '../auth.js'
import type { Env } from '../context.js'
import { validate } from '../validate.js'

/** 一户一档: the household page's one read (members masked, cases with their clocks). */
export const householdFile = new Hono<Env>().get('/:id/file', validate('param', HouseholdParam), async (c) => c.json(await read(c.var.deps, requireUser(c), c.req.valid('param').id)))
