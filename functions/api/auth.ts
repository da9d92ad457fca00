import { createMiddleware } from 'hono/factory'
import { matchedRoutes } from 'hono/route'
import { DomainError } from '../../shared/errors.js'
import { verifyToken } from '../auth/tokens.js'
import { actorOfSession } from '../core/sessions.js'
import type { Auth, Env } from './context.js'

const passwordFirst = () =>
  new DomainError('auth.passwordSetupRequired', 'forbidden', '请先设置登录密码', 'Set your sign-in password first')
const unauthenticated = () => new DomainError('auth.required', 'unauthenticated', '请先登录', 'Sign in first')

/**
 * Reads the bearer token if there is one. A bad or expired token leaves the request anonymous:
 * public pages keep working for someone with a stale session, and requireUser answers 401.
 * Role and scope come from the session row (strongly read), never from the token's payload.
 */
export const readAuth = createMiddleware<Env>(async (c, next) => {
  const header = c.req.header('authorization')
  if (header?.startsWith('Bearer ')) {
    const { config } = c.var.deps
    const claims = await verifyToken(header.slice(7).trim(), config.sessionSecret, c.var.deps.now())
    const actor = claims ? await actorOfSession(c.var.deps, claims) : undefined
    if (actor) {
      c.set('auth', actor)
    }
  }
  await next()
})

/**
 * The routes anyone may call, as the app registers them (`METHOD /path/:param`). Every other route
 * answers an anonymous request with 401 before its input is read (signInFirst).
 */
export const PUBLIC_ROUTES: readonly string[] = [
  'GET /api/health',
  'GET /api/openapi.json',
  'GET /api/docs',
  'POST /api/auth/otp',
  'POST /api/auth/login',
  'GET /api/geo/townships',
  'GET /api/geo/townships/:code/villages',
  'GET /api/posts',
  'GET /api/posts/:id',
  // A short-lived signed link to a stored file (an export): the signature is the permission.
  'GET /api/files/:key{.+}',
  'POST /api/files/uploads',
]
const publicRoutes = new Set(PUBLIC_ROUTES)

/**
 * What a limited session (a staff account with no password yet) may call beside the public routes:
 * set the password, read who it is, sign out. Everything else answers 403 auth.passwordSetupRequired.
 */
export const LIMITED_ROUTES: readonly string[] = ['POST /api/me/password', 'GET /api/me', 'POST /api/auth/logout']
const limitedRoutes = new Set(LIMITED_ROUTES)

/**
 * Authentication before validation: an anonymous request to a route outside PUBLIC_ROUTES is a 401,
 * whatever its input. Runs after routing has matched (hono knows the route before any handler
 * runs); a path that matches no route falls through to the 404. Wildcard routes (middleware, the
 * local server's portal fallback `GET *`) are not endpoints.
 */
export const signInFirst = createMiddleware<Env>(async (c, next) => {
  const auth = c.get('auth')
  if (auth && !auth.limited) return next()
  const route = matchedRoutes(c).find((r) => r.method !== 'ALL' && !r.path.includes('*'))
  const name = route ? `${route.method} ${route.path}` : undefined
  if (name && !publicRoutes.has(name)) {
    if (!auth) throw unauthenticated()
    if (!limitedRoutes.has(name)) throw passwordFirst()
  }
  await next()
})

/** The signed-in actor, or a 401. What the actor may do is decided in functions/core, not here. */
export function requireUser(c: { get(key: 'auth'): Auth | undefined }): Auth {
  const auth = c.get('auth')
  if (!auth) throw unauthenticated()
  return auth
}
