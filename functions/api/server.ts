import { existsSync } from 'node:fs'
import path from 'node:path'
import { serve, type ServerType } from '@hono/node-server'
import { Hono } from 'hono'
import { createApp } from './app.js'
import type { Deps, Env } from './context.js'
import { notFound, onError } from './errors.js'
import { portalFiles } from './portal-files.js'
import { securityHeaders } from './security-headers.js'

/**
 * The local server: the same API app as on Lambda, plus the built portal with a history-mode
 * fallback, compression and caching headers (CloudFront does the same in the cloud).
 */
export function buildLocalServer(deps: Deps, webRoot = path.resolve('dist/web')) {
  const api = createApp(deps)
  // The portal's responses get the same security headers as the API's (one definition, which
  // CloudFront's response headers policy reads too); a header the API set itself is kept.
  const root = new Hono<Env>().use(securityHeaders()).route('/', api)
  // Unknown API paths answer JSON 404s, never the portal's index.html.
  root.all('/api/*', notFound)
  root.onError(onError)
  // The portal as CloudFront serves it: compressed, hashed assets cached for good, index.html revalidated.
  if (existsSync(webRoot)) root.get('*', portalFiles(webRoot))
  return root
}

export function startServer(deps: Deps, opts: { port: number; host?: string; webRoot?: string }): Promise<ServerType> {
  const app = buildLocalServer(deps, opts.webRoot)
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: opts.port, hostname: opts.host ?? '127.0.0.1' }, () => resolve(server))
  })
}
