import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { requestId } from 'hono/request-id'
import { DomainError } from '../../shared/errors.js'
import { readAuth, signInFirst } from './auth.js'
import type { Deps, Env } from './context.js'
import { notFound, onError } from './errors.js'
import { idempotency } from './idempotency.js'
import { securityHeaders } from './security-headers.js'
import { health } from './routes/health.js'

/** Request bodies above this are refused with 413 before anything parses them. */
export const MAX_BODY_BYTES = 64 * 1024

const tooLarge = () => {
  throw new DomainError('request.tooLarge', 'tooLarge', `请求内容超过 ${MAX_BODY_BYTES / 1024} KB`, `The request body exceeds ${MAX_BODY_BYTES / 1024} KB`)
}

const apiBodyLimit = bodyLimit({ maxSize: MAX_BODY_BYTES, onError: tooLarge })
/** A roster upload (POST /api/imports) and the local store's upload form (POST /api/files/uploads) have their own limits (their routes). */
const isUpload = (method: string, path: string) => method === 'POST' && (path === '/api/imports' || path === '/api/imports/' || path === '/api/files/uploads')

/**
 * What every request goes through, whatever its route: request id, the log line, security headers,
 * the body limit, authentication, idempotency, the one error handler; plus the routes that need no
 * resource module (health, the API reference). The whole API (app.ts) and each of the Lambda's
 * route groups (route-groups.ts) are this plus their routes, so both answer alike.
 */
export function createBase(deps: Deps) {
  const app = new Hono<Env>()
    .basePath('/api')
    .use(requestId())
    .use(async (c, next) => {
      c.set('deps', deps)
      const started = performance.now()
      await next()
      // One line a request: ids and numbers only, never a body or a query string.
      deps.log.info('request', {
        requestId: c.var.requestId,
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
        userId: c.get('auth')?.userId,
      })
    })
    .use(securityHeaders())
    .use(async (c, next) => (isUpload(c.req.method, c.req.path) ? next() : apiBodyLimit(c, next)))
    .use(readAuth)
    .use(signInFirst)
    .use(idempotency)
    .route('/health', health)
    // The reference (every route's schemas as JSON Schema) loads on first use: the API's bundle
    // keeps it in a chunk of its own, out of module load (infra/api-bundle.ts).
    .get('/openapi.json', async (c) => c.json((await import('./openapi.js')).openApiDocument()))
    .get('/docs', async (c) => {
      const { API_REFERENCE_CSP, apiReferenceHtml } = await import('./openapi.js')
      // Its own CSP: the page's one inline <style> is allowed by hash (securityHeaders keeps this header).
      c.header('Content-Security-Policy', API_REFERENCE_CSP)
      return c.html(apiReferenceHtml())
    })
  app.onError(onError)
  app.notFound(notFound)
  return app
}
