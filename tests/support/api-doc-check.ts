import { appendFileSync } from 'node:fs'
import { ErrorBody, ROUTES, documentedStatuses, type RouteDoc } from '../../functions/api/openapi.js'

/**
 * Every response the integration suite sees through `call()` is held against the API document
 * (functions/api/openapi.ts): its route is documented, its status is one the route documents, and
 * its JSON body parses with the documented schema (the route's response for 2xx, ErrorBody for
 * 4xx). A mismatch throws in the test that made the request, naming what differed.
 * WENGANG_API_DOC_RECORD=<file> appends what was seen instead (to fill the document from a run).
 */
const compiled = ROUTES.map((r) => ({
  r,
  // A parameter is one path segment, except a file key (`{key}` of /api/files), which may hold slashes.
  re: new RegExp(`^${r.path.replace(/\{key\}$/, '(.+)').replace(/\{[^}]+\}/g, '[^/]+')}$`),
  literal: r.path.replace(/\{[^}]+\}/g, '').length,
}))

export function routeOf(method: string, url: string): RouteDoc | undefined {
  const path = url.split('?')[0]!
  const hits = compiled.filter((c) => c.r.method === method.toLowerCase() && c.re.test(path))
  // /api/seekers/search before /api/seekers/{id}: the most literal template wins, as Hono's router does.
  return hits.sort((a, b) => b.literal - a.literal)[0]?.r
}

export function checkAgainstDoc(method: string, url: string, status: number, json: unknown, contentType: string | null): void {
  if (!url.startsWith('/api/')) return
  const route = routeOf(method, url)
  const record = process.env.WENGANG_API_DOC_RECORD
  if (record) {
    appendFileSync(record, `${JSON.stringify({ method: method.toLowerCase(), path: route?.path ?? url.split('?')[0], status, documented: route ? documentedStatuses(route).includes(status) : false })}\n`)
    return
  }
  const where = `${method.toUpperCase()} ${url} → ${status}`
  // An unknown path answers 404 route.notFound: documented once for the whole API, not per route.
  if (!route) {
    if (status === 404 || status === 405) return
    throw new Error(`API document: no route documents ${where}`)
  }
  if (!documentedStatuses(route).includes(status)) throw new Error(`API document: ${route.method.toUpperCase()} ${route.path} does not document status ${status} (${where}); it documents ${documentedStatuses(route).join(', ')}`)
  if (!contentType?.includes('application/json') || json === undefined) return
  const schema = status < 300 ? route.response : status < 500 ? ErrorBody : undefined
  if (!schema) return
  const parsed = schema.safeParse(json)
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ')
    throw new Error(`API document: the body of ${where} does not match the documented ${status < 300 ? 'response' : 'error'} schema: ${issues}`)
  }
}
