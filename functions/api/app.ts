import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { requestId } from 'hono/request-id'
import { DomainError } from '../../shared/errors.js'
import { readAuth, signInFirst } from './auth.js'
import type { Deps, Env } from './context.js'
import { notFound, onError } from './errors.js'
import { securityHeaders } from './security-headers.js'
import { auth } from './routes/auth.js'
import { geo } from './routes/geo.js'
import { health } from './routes/health.js'
import { me } from './routes/me.js'
import { posts } from './routes/posts.js'
import { applications } from './routes/applications.js'
import { placements } from './routes/placements.js'
import { cases, due, households, placementChecks } from './routes/monitoring.js'
import { householdFile } from './routes/household-file.js'
import { seekers } from './routes/seekers.js'
import { difficulties, workshops } from './routes/workshops.js'
import { claims, eligibility, paymentBatches } from './routes/claims.js'
import { policies, targets } from './routes/policies.js'
import { certificates, seekerRecords, trainings, yulu } from './routes/records.js'
import { recordProblems } from './routes/record-checks.js'
import { todo } from './routes/todo.js'
import { users } from './routes/users.js'
import { reports } from './routes/reports.js'
import { files } from './routes/files.js'
import { dashboard } from './routes/dashboard.js'
import { candidates, matchRuns, recommendations } from './routes/match-runs.js'
import { idempotency } from './idempotency.js'
import { myHistory, seekerHistory } from './routes/history.js'
import { graduates, returnees } from './routes/following.js'
import { imports } from './routes/imports.js'

/** Request bodies above this are refused with 413 before anything parses them. */
export const MAX_BODY_BYTES = 64 * 1024

const tooLarge = () => {
  throw new DomainError('request.tooLarge', 'tooLarge', `请求内容超过 ${MAX_BODY_BYTES / 1024} KB`, `The request body exceeds ${MAX_BODY_BYTES / 1024} KB`)
}

const apiBodyLimit = bodyLimit({ maxSize: MAX_BODY_BYTES, onError: tooLarge })
/** A roster upload (POST /api/imports) has its own limit, 5 MB (functions/api/routes/imports.ts). */
const isUpload = (method: string, path: string) => method === 'POST' && (path === '/api/imports' || path === '/api/imports/')

/** The whole API: the same app runs on Lambda (handler.ts) and on the local server (server.ts). */
export function createApp(deps: Deps) {
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
    .route('/auth', auth)
    .route('/me', me)
    .route('/geo', geo)
    .route('/posts', posts)
    .route('/posts', candidates)
    .route('/match-runs', matchRuns)
    .route('/me/recommendations', recommendations)
    .route('/seekers', seekers)
    .route('/imports', imports)
    .route('/seekers', seekerRecords)
    .route('/seekers', seekerHistory)
    .route('/me/history', myHistory)
    .route('/certificates', certificates)
    .route('/trainings', trainings)
    .route('/yulu', yulu)
    .route('/policies', policies)
    .route('/targets', targets)
    .route('/dashboard', dashboard)
    .route('/eligibility', eligibility)
    .route('/claims', claims)
    .route('/payment-batches', paymentBatches)
    .route('/', reports)
    .route('/files', files)
    .route('/workshops', workshops)
    .route('/difficulties', difficulties)
    .route('/applications', applications)
    .route('/placements', placements)
    .route('/placements', placementChecks)
    .route('/households', households)
    .route('/households', householdFile)
    .route('/cases', cases)
    .route('/due', due)
    .route('/record-problems', recordProblems)
    .route('/todo', todo)
    .route('/users', users)
    .route('/returnees', returnees)
    .route('/graduates', graduates)
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

export type App = ReturnType<typeof createApp>
/** The portal's typed client (`hc<AppType>`) is built from this. */
export type AppType = App
