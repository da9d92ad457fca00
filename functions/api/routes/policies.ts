import { Hono } from 'hono'
import * as z from 'zod'
import { PolicyInput } from '../../../shared/schemas/subsidies.js'
import * as Policies from '../../core/policies.js'
import { requireUser } from '../auth.js'
import type { Env } from '../context.js'
import { validate } from '../validate.js'

const Year = z.object({ year: z.coerce.number().int().min(2000).max(2100) })

export const policies = new Hono<Env>()
  .get('/:year', validate('param', Year), async (c) => c.json(await Policies.ofYear(c.var.deps, requireUser(c), c.req.valid('param').year)))
  .put('/:year', validate('param', Year), validate('json', PolicyInput.extend({ expectedVersion: z.number().int().min(0) })), async (c) => {
    const { expectedVersion, ...input } = c.req.valid('json')
    return c.json(await Policies.save(c.var.deps, requireUser(c), c.req.valid('param').year, input, expectedVersion), 201)
  })

/** 目标 targets of a year and progress toward them, by township. */
export const targets = new Hono<Env>().get('/:year', validate('param', Year), async (c) => c.json(await Policies.targets(c.var.deps, requireUser(c), c.req.valid('param').year)))
