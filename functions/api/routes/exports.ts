import { Hono } from 'hono'
import { IdParam, PageQuery } from '../../../shared/schemas/common.js'
import { ExportRequest } from '../../../shared/schemas/exports.js'
import * as Exports from '../../core/list-exports.js'
import { requireUser } from '../auth.js'
import type { Env } from '../context.js'
import { validate } from '../validate.js'

/** 导出 Excel of an officer's list: the route checks and starts the job; progress and the link are read back. */
export const listExports = new Hono<Env>()
  .post('/', validate('json', ExportRequest), async (c) => c.json(await Exports.start(c.var.deps, requireUser(c), c.req.valid('json')), 202))
  .get('/', validate('query', PageQuery), async (c) => c.json(await Exports.list(c.var.deps, requireUser(c), c.req.valid('query'))))
  .get('/:id', validate('param', IdParam), async (c) => {
    // The link is short-lived and may lead to full ID numbers: never kept by a cache.
    c.header('Cache-Control', 'no-store')
    return c.json(await Exports.get(c.var.deps, requireUser(c), c.req.valid('param').id))
  })
