import { Hono } from 'hono'
import * as z from 'zod'
import { PageQuery, TownshipCode } from '../../../shared/schemas/common.js'
import * as RecordChecks from '../../core/record-checks.js'
import { requireUser } from '../auth.js'
import type { Env } from '../context.js'
import { validate } from '../validate.js'

/** 待更正记录: the last check's findings of a township, and a fresh check on request. */
export const recordProblems = new Hono<Env>()
  .get('/', validate('query', PageQuery.extend({ township: TownshipCode.optional() })), async (c) => c.json(await RecordChecks.problems(c.var.deps, requireUser(c), c.req.valid('query'))))
  .post('/check', validate('json', z.object({ township: TownshipCode.optional() })), async (c) => c.json(await RecordChecks.startCheck(c.var.deps, requireUser(c), c.req.valid('json').township), 202))
