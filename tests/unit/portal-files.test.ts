import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { Hono } from 'hono'
import { afterAll, describe, expect, it } from 'vitest'
import { CACHE_IMMUTABLE, CACHE_REVALIDATE, chooseEncoding, isPortalRoute, portalFiles } from '../../functions/api/portal-files.js'
import { entryFileOf } from '../../shared/entry-pages.js'
import { withPreloads } from '../../web/vite-entry-pages.js'
import { SPA_REWRITE } from '../../infra/web.js'

const webRoot = mkdtempSync(path.join(os.tmpdir(), 'wg-portal-files-'))
afterAll(() => rmSync(webRoot, { recursive: true, force: true }))
mkdirSync(path.join(webRoot, 'assets'))
const indexHtml = `<!doctype html><title>portal</title>${'<!-- padding -->'.repeat(100)}`
const chunk = `export const x = ${JSON.stringify('稳岗通 '.repeat(400))}`
writeFileSync(path.join(webRoot, 'index.html'), indexHtml)
writeFileSync(path.join(webRoot, 'assets', 'index-abc123.js'), chunk)
writeFileSync(path.join(webRoot, 'assets', 'tiny-abc123.css'), 'a{color:red}')
writeFileSync(path.join(webRoot, 'favicon.svg'), `<svg xmlns="http://www.w3.org/2000/svg">${'<g/>'.repeat(300)}</svg>`)
const app = new Hono().get('*', portalFiles(webRoot))
const get = (p: string, headers: Record<string, string> = {}) => app.request(p, { headers })

describe('the local server serves the portal as CloudFront does', () => {
  it('answers brotli, else gzip, else plain, by Accept-Encoding, and says it varies on it', async () => {
    const br = await get('/assets/index-abc123.js', { 'accept-encoding': 'gzip, deflate, br' })
    expect(br.headers.get('content-encoding')).toBe('br')
    expect(br.headers.get('vary')).toBe('Accept-Encoding')
    expect(br.headers.get('content-type')).toMatch(/^text\/javascript/)
    const brBody = Buffer.from(await br.arrayBuffer())
    expect(Number(br.headers.get('content-length'))).toBe(brBody.length)
    expect(brBody.length).toBeLessThan(Buffer.byteLength(chunk) / 5)
    expect(brotliDecompressSync(brBody).toString()).toBe(chunk)

    const gz = await get('/assets/index-abc123.js', { 'accept-encoding': 'gzip' })
    expect(gz.headers.get('content-encoding')).toBe('gzip')
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(chunk)

    const plain = await get('/assets/index-abc123.js')
    expect(plain.headers.get('content-encoding')).toBeNull()
    expect(await plain.text()).toBe(chunk)
  })

  it('honours q=0 and the wildcard', () => {
    expect(chooseEncoding('br;q=0, gzip')).toBe('gzip')
    expect(chooseEncoding('gzip;q=0, br;q=0')).toBeUndefined()
    expect(chooseEncoding('*')).toBe('br')
    expect(chooseEncoding('identity')).toBeUndefined()
    expect(chooseEncoding(undefined)).toBeUndefined()
  })

  it('leaves files under 1,000 bytes uncompressed, as CloudFront does', async () => {
    const r = await get('/assets/tiny-abc123.css', { 'accept-encoding': 'br' })
    expect(r.headers.get('content-encoding')).toBeNull()
    expect(await r.text()).toBe('a{color:red}')
  })

  it('caches hashed assets for good and makes index.html, the SPA fallback and other files revalidate', async () => {
    expect((await get('/assets/index-abc123.js')).headers.get('cache-control')).toBe(CACHE_IMMUTABLE)
    for (const p of ['/', '/index.html', '/posts/01J9Z', '/seeker/applications', '/favicon.svg']) {
      const r = await get(p, { 'accept-encoding': 'br' })
      expect(r.status, p).toBe(200)
      expect(r.headers.get('cache-control'), p).toBe('no-cache')
    }
    const fallback = await get('/seeker/applications', { 'accept-encoding': 'gzip' })
    expect(fallback.headers.get('content-type')).toMatch(/^text\/html/)
    expect(gunzipSync(Buffer.from(await fallback.arrayBuffer())).toString()).toBe(indexHtml)
  })

  it('answers a missing file 404, never index.html under a .js name (that would be cached for a year)', async () => {
    for (const p of ['/assets/gone-123.js', '/robots.txt']) {
      const r = await get(p)
      expect(r.status, p).toBe(404)
      expect(r.headers.get('cache-control'), p).toBeNull()
    }
  })

  it('never reads outside the portal folder', async () => {
    writeFileSync(path.join(webRoot, '..', 'wg-secret.txt'), 'secret')
    for (const p of ['/../wg-secret.txt', '/%2e%2e/wg-secret.txt', '/assets/..%2f..%2fwg-secret.txt', '/assets%2f..%2f..%2fwg-secret.txt']) {
      const r = await get(p)
      expect(await r.text(), p).not.toContain('secret')
    }
    rmSync(path.join(webRoot, '..', 'wg-secret.txt'))
  })

  it('answers 304 to a matching If-None-Match, and sees a rebuilt file', async () => {
    const first = await get('/', { 'accept-encoding': 'br' })
    const etag = first.headers.get('etag')!
    expect(etag).toMatch(/^W\/"/)
    expect((await get('/', { 'if-none-match': etag })).status).toBe(304)
    const rebuilt = `${indexHtml}<!-- rebuilt -->`
    writeFileSync(path.join(webRoot, 'index.html'), rebuilt)
    utimesSync(path.join(webRoot, 'index.html'), new Date(), new Date(Date.now() + 5000))
    const after = await get('/', { 'if-none-match': etag, 'accept-encoding': 'br' })
    expect(after.status).toBe(200)
    expect(brotliDecompressSync(Buffer.from(await after.arrayBuffer())).toString()).toBe(rebuilt)
  })

  it('decides portal routes, and the HTML file each gets, exactly as the CloudFront Function does', () => {
    const rewrite = new Function(`${SPA_REWRITE}; return handler`)() as (e: { request: { uri: string } }) => { uri: string }
    for (const p of ['/', '/posts/01J9Z', '/posts/01J9Z/', '/sign-in', '/sign-in/x', '/officer/townships/', '/index.html', '/assets/x-1.js', '/favicon.svg', '/a.b/c']) {
      const to = rewrite({ request: { uri: p } }).uri
      expect(isPortalRoute(p), p).toBe(to !== p)
      if (isPortalRoute(p)) expect(to, p).toBe(`/${entryFileOf(p)}`)
    }
  })

  it('serves a route its entry page when the build wrote it, index.html when not', async () => {
    const signIn = `${indexHtml}<link rel="modulepreload" href="/assets/SignInPage-x.js">`
    writeFileSync(path.join(webRoot, 'sign-in.html'), signIn)
    const page = await get('/sign-in')
    expect(page.headers.get('cache-control')).toBe(CACHE_REVALIDATE)
    expect(await page.text()).toBe(signIn)
    // post.html was not written here: a post's page still gets the portal.
    expect(await (await get('/posts/01J9Z')).text()).toContain('<title>portal</title>')
    expect(await (await get('/posts/01J9Z')).text()).not.toContain('SignInPage')
  })
})

describe('entry pages (入口页)', () => {
  const html = '<!doctype html>\n<html>\n  <head>\n    <script type="module" crossorigin src="/assets/index-a.js"></script>\n    <link rel="stylesheet" crossorigin href="/assets/index-a.css">\n  </head>\n  <body></body>\n</html>'

  it('index.html with the page’s chunks and styles preloaded in its head, none twice', () => {
    const out = withPreloads(html, ['assets/Page-b.js', 'assets/index-a.js', 'assets/messages-c.js'], ['assets/Page-b.css', 'assets/index-a.css'])
    expect(out).toBe(
      '<!doctype html>\n<html>\n  <head>\n    <script type="module" crossorigin src="/assets/index-a.js"></script>\n    <link rel="stylesheet" crossorigin href="/assets/index-a.css">\n' +
        '    <link rel="modulepreload" crossorigin href="/assets/Page-b.js">\n    <link rel="modulepreload" crossorigin href="/assets/messages-c.js">\n    <link rel="stylesheet" crossorigin href="/assets/Page-b.css">\n  </head>\n  <body></body>\n</html>',
    )
    expect(withPreloads(html, ['assets/index-a.js'], [])).toBe(html)
  })

  it('a path is served by the first entry page whose route it matches, else index.html', () => {
    expect(entryFileOf('/sign-in')).toBe('sign-in.html')
    expect(entryFileOf('/posts/01J9ZQ')).toBe('post.html')
    for (const p of ['/', '/posts', '/posts/01J9ZQ/edit', '/sign-in/again', '/officer/home']) expect(entryFileOf(p), p).toBe('index.html')
  })
})
