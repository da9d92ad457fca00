import { Hono } from 'hono'
import { AccountPatch, NewAccount, UserQuery } from '../../../shared/schemas/auth.js'
import { IdParam } from '../../../shared/schemas/common.js'
import * as Users from '../../core/users.js'
import { requireUser } from '../auth.js'
import type { Env } from '../context.js'
import { validate } from '../validate.js'

/** 用户: the admin's account management. */
export const users = new Hono<Env>()
  .get('/', validate('query', UserQuery), async (c) => c.json(await Users.list(c.var.deps, requireUser(c), c.req.valid('query'))))
  .post('/', validate('json', NewAccount), async (c) => c.json(await Users.create(c.var.deps, requireUser(c), c.req.valid('json')), 201))
  .patch('/:id', validate('param', IdParam), validate('json', AccountPatch), async (c) => c.json(await Users.update(c.var.deps, requireUser(c), c.req.valid('param').id, c.req.valid('json'))))
  .post('/:id/deactivate', validate('param', IdParam), async (c) => c.json(await Users.deactivate(c.var.deps, requireUser(c), c.req.valid('param').id)))
  .post('/:id/password/reset', validate('param', IdParam), async (c) => c.json(await Users.resetPassword(c.var.deps, requireUser(c), c.req.valid('param').id)))
  .post('/:id/activate', validate('param', IdParam), async (c) => c.json(await Users.activate(c.var.deps, requireUser(c), c.req.valid('param').id)))
