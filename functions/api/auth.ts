import { createMiddleware } from 'hono/factory'
import { DomainError } from '../../shared/errors.js'
import type { Role } from '../../shared/schemas/auth.js'
import { verifyToken } from '../auth/tokens.js'
import { getLiveSession } from '../db/sessions.js'
import type { Auth, Env } from './context.js'

const unauthenticated = () => new DomainError('auth.required', 'unauthenticated', '请先登录', 'Sign in first')

/**
 * Reads the bearer token if there is one. A bad or expired token leaves the request anonymous:
 * public pages keep working for someone with a stale session, and requireUser answers 401.
 */
export const readAuth = createMiddleware<Env>(async (c, next) => {
  const header = c.req.header('authorization')
  if (header?.startsWith('Bearer ')) {
    const { config, db } = c.var.deps
    const claims = await verifyToken(header.slice(7).trim(), config.sessionSecret)
    const session = claims ? await getLiveSession(db, claims.sid, c.var.deps.now()) : undefined
    if (claims && session && session.userId === claims.sub) {
      c.set('auth', { userId: claims.sub, role: claims.role, sessionId: claims.sid, ...(claims.scope ? { scope: claims.scope } : {}) })
    }
  }
  await next()
})

/** The signed-in user, or a 401; with roles, a 403 for anyone else. */
export function requireUser(c: { get(key: 'auth'): Auth | undefined }, ...roles: Role[]): Auth {
  const auth = c.get('auth')
  if (!auth) throw unauthenticated()
  if (roles.length > 0 && !roles.includes(auth.role)) {
    throw new DomainError('auth.forbidden', 'forbidden', '没有权限执行此操作', 'You are not allowed to do this')
  }
  return auth
}
