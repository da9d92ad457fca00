import { readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'
import { brotliCompress, constants as zlib, gzip } from 'node:zlib'
import type { Handler } from 'hono'
import { getMimeType } from 'hono/utils/mime'
import { entryFileOf } from '../../shared/entry-pages.js'

/**
 * The built portal as CloudFront serves it (infra/web.ts): brotli or gzip by Accept-Encoding,
 * hashed files under /assets cached for good, index.html revalidated every time, and the history-mode
 * fallback only for paths whose last segment has no extension (a missing chunk is a 404, never
 * index.html cached for a year under a .js name).
 */
export const CACHE_IMMUTABLE = 'public, max-age=31536000, immutable'
export const CACHE_REVALIDATE = 'no-cache'

/** CloudFront compresses text types from 1,000 bytes up; so do we. */
const MIN_COMPRESS_BYTES = 1000
const COMPRESSIBLE = /^(text\/|application\/(javascript|json|xml|manifest\+json)|image\/svg\+xml)/

export type Encoding = 'br' | 'gzip'

/** The encoding to send for an Accept-Encoding header: brotli first, then gzip; `q=0` refuses one. */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding | undefined {
  const accepted = new Map<string, number>()
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';')
    if (!name) continue
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
    accepted.set(name, q ? Number(q.slice(2)) || 0 : 1)
  }
  const ok = (e: string) => (accepted.get(e) ?? accepted.get('*') ?? 0) > 0
  return ok('br') ? 'br' : ok('gzip') ? 'gzip' : undefined
}

/** A path the SPA's router owns (as the CloudFront Function SPA_REWRITE decides): no dot in its last segment. */
export const isPortalRoute = (urlPath: string) => !(urlPath.split('/').pop() ?? '').includes('.')

const brotli = promisify(brotliCompress)
const gzipAsync = promisify(gzip)

// Quality 5: within 2 % of quality 9 for these files at a tenth of the time (all of dist/web in
// ~0.15 s on this machine), so compressing on the first request costs no noticeable wait.
const compressors: Record<Encoding, (b: Buffer) => Promise<Buffer>> = {
  br: (b) => brotli(b, { params: { [zlib.BROTLI_PARAM_QUALITY]: 5, [zlib.BROTLI_PARAM_SIZE_HINT]: b.length } }),
  gzip: (b) => gzipAsync(b, { level: 9 }),
}

interface Cached {
  version: string
  body: Promise<Buffer>
}

/**
 * GET/HEAD handler for everything outside /api. Each file is compressed once per encoding and kept in
 * memory (the portal is ~2 MB); a rebuilt file (another size or mtime) is read and compressed again.
 */
export function portalFiles(webRoot: string): Handler {
  const root = path.resolve(webRoot)
  const cache = new Map<string, Cached>()

  const bodyOf = (file: string, version: string, encoding: Encoding | 'identity'): Promise<Buffer> => {
    const key = `${encoding} ${file}`
    const hit = cache.get(key)
    if (hit?.version === version) return hit.body
    const body = readFile(file).then((raw) => (encoding === 'identity' ? raw : compressors[encoding](raw)))
    // A failed read is not remembered: the next request tries again.
    body.catch(() => cache.delete(key))
    cache.set(key, { version, body })
    return body
  }

  return async (c) => {
    let urlPath: string
    try {
      urlPath = decodeURIComponent(new URL(c.req.url).pathname)
    } catch {
      return c.text('Bad Request', 400)
    }
    let file = path.join(root, path.normalize(urlPath))
    if (file !== root && !file.startsWith(root + path.sep)) return c.text('Not Found', 404)
    let info = await stat(file).catch(() => undefined)
    if (info?.isDirectory()) {
      file = path.join(file, 'index.html')
      info = await stat(file).catch(() => undefined)
    }
    if (!info?.isFile()) {
      if (!isPortalRoute(urlPath)) return c.text('Not Found', 404)
      // The route's entry page (shared/entry-pages.ts) when the build wrote one, else index.html.
      file = path.join(root, entryFileOf(urlPath))
      info = await stat(file).catch(() => undefined)
      if (!info?.isFile()) {
        file = path.join(root, 'index.html')
        info = await stat(file).catch(() => undefined)
      }
      if (!info?.isFile()) return c.text('Not Found', 404)
    }

    const type = getMimeType(file) ?? 'application/octet-stream'
    const hashed = path.relative(root, file).startsWith(`assets${path.sep}`)
    const version = `${info.size.toString(36)}-${Math.floor(info.mtimeMs).toString(36)}`
    const etag = `W/"${version}"`
    const headers: Record<string, string> = {
      'Content-Type': type,
      'Cache-Control': hashed ? CACHE_IMMUTABLE : CACHE_REVALIDATE,
      ETag: etag,
    }
    const compressible = COMPRESSIBLE.test(type) && info.size >= MIN_COMPRESS_BYTES
    if (compressible) headers.Vary = 'Accept-Encoding'
    if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers)

    const encoding = compressible ? chooseEncoding(c.req.header('accept-encoding')) : undefined
    if (encoding) headers['Content-Encoding'] = encoding
    const body = await bodyOf(file, version, encoding ?? 'identity')
    headers['Content-Length'] = String(body.length)
    // Hono answers HEAD through this GET handler and drops the body itself.
    return c.body(new Uint8Array(body), 200, headers)
  }
}
