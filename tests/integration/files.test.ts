import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { claimsSheet, exportSheet } from '../../functions/core/exports.js'
import { inProcessRenderer } from '../../functions/exports/renderer.js'
import { localFileStore } from '../../functions/files/store.js'
import { XLSX_CONTENT_TYPE } from '../../shared/sheet.js'
import { call, testApp } from '../support/app.js'
import { readBack } from '../support/xlsx.js'

/**
 * The local file store and its short-lived links, through the real app (GET /api/files/…): the
 * right link gives the bytes with their type and the Chinese name; a changed one is refused (403);
 * an expired one is gone (410). The clock is the store's own, moved by the test.
 */
describe('file store: signed links (local store, served by the API)', async () => {
  let at = new Date('2026-05-01T02:00:00Z')
  const store = localFileStore({ dir: mkdtempSync(path.join(os.tmpdir(), 'wengang-files-test-')), secret: 'file-store-test-secret-'.repeat(2), now: () => at })
  const t = await testApp({ files: store, exports: inProcessRenderer(store) })
  const bytes = new Uint8Array([0x50, 0x4b, 3, 4, 0, 0xff, 0x10, 0x20])
  const NAME = '2026 年补贴资金台账（灵井镇）.xlsx'
  await store.put('exports/2026-05-01/one.xlsx', bytes, { contentType: XLSX_CONTENT_TYPE, fileName: NAME })
  await store.put('exports/2026-05-01/two.xlsx', new Uint8Array([1, 2, 3]), { contentType: 'text/csv', fileName: 'two.csv' })
  const withQuery = (url: string, change: (q: URLSearchParams) => void) => {
    const u = new URL(url, 'http://x')
    change(u.searchParams)
    return `${u.pathname}?${u.searchParams}`
  }

  it('the right link, without a session: the bytes, their type, the Chinese file name, not cached', async () => {
    const { url, expiresAt } = await store.link('exports/2026-05-01/one.xlsx')
    expect(url.startsWith('/api/files/exports/2026-05-01/one.xlsx?')).toBe(true)
    expect(new Date(expiresAt).getTime()).toBeGreaterThan(at.getTime())
    const res = await t.app.request(url)
    expect(res.status).toBe(200)
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(bytes)
    expect(res.headers.get('content-type')).toBe(XLSX_CONTENT_TYPE)
    const disposition = res.headers.get('content-disposition')!
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent(NAME).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`)
    expect(decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(disposition)![1]!)).toBe(NAME)
    // The plain fallback stays ASCII (a header carries no raw UTF-8).
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+\.xlsx"; /)
    expect(res.headers.get('cache-control')).toBe('private, no-store')
  })

  it('a changed signature, expiry or file is refused with 403', async () => {
    const { url } = await store.link('exports/2026-05-01/one.xlsx')
    const sig = new URL(url, 'http://x').searchParams.get('signature')!
    const flipped = `${sig.slice(0, -1)}${sig.endsWith('A') ? 'B' : 'A'}`
    const tampered = [
      withQuery(url, (q) => q.set('signature', flipped)),
      withQuery(url, (q) => q.set('expires', String(Number(q.get('expires')) + 3600))),
      url.replace('/one.xlsx?', '/two.xlsx?'),
      withQuery(url, (q) => q.set('signature', '')),
    ]
    for (const link of tampered) {
      const r = await call(t, 'GET', link)
      expect(r.status, link).toBe(403)
      expect(r.json).toMatchObject({ code: 'file.linkInvalid', message: expect.any(String), messageEn: expect.any(String) })
    }
    // No signature at all is an invalid request, not a file.
    expect((await call(t, 'GET', url.split('?')[0]!)).status).toBe(400)
  })

  it('a path outside the store is refused, never read', async () => {
    const { url } = await store.link('exports/2026-05-01/one.xlsx')
    const query = url.split('?')[1]
    // Dot segments are resolved by the URL itself: what is left is no route (404) or no valid link (403).
    expect([403, 404]).toContain((await call(t, 'GET', `/api/files/exports/%2e%2e/%2e%2e/etc/passwd?${query}`)).status)
    for (const p of ['/api/files/exports/.meta.json', '/api/files/exports/2026-05-01/one.xlsx.meta.json', '/api/files/exports/2026-05-01/%2e%2e']) {
      expect((await call(t, 'GET', `${p}?${query}`)).status, p).toBe(403)
    }
    await expect(store.link('exports/../secret')).rejects.toThrow(/not a file store key/)
  })

  it('an expired link is gone (410), though the file is still stored; a new link works', async () => {
    const { url } = await store.link('exports/2026-05-01/one.xlsx')
    const before = at
    at = new Date(at.getTime() + 301_000)
    try {
      const r = await call(t, 'GET', url)
      expect(r.status).toBe(410)
      expect(r.json.code).toBe('file.linkExpired')
      expect((await t.app.request((await store.link('exports/2026-05-01/one.xlsx')).url)).status).toBe(200)
    } finally {
      at = before
    }
  })

  it('a signed link to a file that is not there is 404', async () => {
    const r = await call(t, 'GET', (await store.link('exports/2026-05-01/none.xlsx')).url)
    expect(r.status).toBe(404)
    expect(r.json.code).toBe('file.notFound')
  })

  it('an export end to end: a SheetSpec rendered in process, stored, and read back through its link', async () => {
    const link = await exportSheet(t.deps, claimsSheet('2026 年补贴资金台账', []), NAME)
    expect(link.fileName).toBe(NAME)
    expect(link.url).toMatch(/^\/api\/files\/exports\/\d{4}-\d{2}-\d{2}\/[0-9a-f-]{36}\.xlsx\?expires=\d+&signature=[\w-]+$/)
    const res = await t.app.request(link.url)
    expect(res.status).toBe(200)
    const { problems, text } = readBack(Buffer.from(await res.arrayBuffer()))
    expect(problems).toEqual([])
    expect(text).toContain('2026 年补贴资金台账')
    expect(text).toContain('合计')
  })
})
