import { Hono } from 'hono'
import { DomainError } from '../../../shared/errors.js'
import { getUser } from '../../db/users.js'
import { requireUser } from '../auth.js'
import type { Env } from '../context.js'

export const me = new Hono<Env>().get('/', async (c) => {
  const auth = requireUser(c)
  const user = await getUser(c.var.deps.db, auth.userId)
  if (!user) throw new DomainError('auth.required', 'unauthenticated', '账号不存在，请重新登录', 'Account not found; sign in again')
  return c.json(user)
})
