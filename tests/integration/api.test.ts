import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildLocalServer } from '../../functions/api/server.js'
import { isSeeded, seedDemo } from '../../functions/jobs/seed.js'
import { DEMO_ACCOUNTS, DEMO_PASSWORD, generateSeedData } from '../../functions/jobs/seed-data.js'
import { call, signIn, testApp } from '../support/app.js'

describe('the API over a seeded district', async () => {
  const t = await testApp()
  const counts = await seedDemo(t.db, t.deps.protector, () => {}, { seekers: 60, workshops: 12, posts: 50 })

  it('seeds once: the marker is written last and a second run changes nothing', async () => {
    expect(await isSeeded(t.db)).toBe(true)
    expect(counts).toMatchObject({ townships: 17, villages: 136, workshops: 12, posts: 50, seekers: 60 })
    const before = await call(t, 'GET', '/api/posts?limit=50')
    await seedDemo(t.db, t.deps.protector, () => {}, { seekers: 60, workshops: 12, posts: 50 })
    const after = await call(t, 'GET', '/api/posts?limit=50')
    expect(after.json.items.map((p: { id: string }) => p.id)).toEqual(before.json.items.map((p: { id: string }) => p.id))
  })

  it('GET /api/health answers ok with the table reachable', async () => {
    const r = await call(t, 'GET', '/api/health')
    expect(r.status).toBe(200)
    expect(r.json).toMatchObject({ status: 'ok', db: true })
    expect(r.headers.get('x-request-id')).toBeTruthy()
  })

  it('browses open posts page by page without repeats, and every filter agrees with the data', async () => {
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const r: Awaited<ReturnType<typeof call>> = await call(t, 'GET', `/api/posts?limit=7${cursor ? `&cursor=${cursor}` : ''}`)
      expect(r.status).toBe(200)
      expect(r.json.items.length).toBeLessThanOrEqual(7)
      for (const p of r.json.items) {
        expect(p.status).toBe('open')
        seen.push(p.id)
      }
      cursor = r.json.nextCursor
    } while (cursor)
    expect(new Set(seen).size).toBe(seen.length)
    const expected = generateSeedData({ seekers: 60, workshops: 12, posts: 50 }).posts.filter((p) => p.status === 'open')
    expect(seen.sort()).toEqual(expected.map((p) => p.id).sort())

    const filtered = await call(t, 'GET', '/api/posts?township=lingjing&kind=workshop&limit=50')
    const want = expected.filter((p) => p.input.township === 'lingjing' && p.input.kind === 'workshop')
    expect(filtered.json.items.map((p: { id: string }) => p.id).sort()).toEqual(want.map((p) => p.id).sort())
  })

  it('post detail: open posts for everyone, drafts only for their author and officers', async () => {
    const data = generateSeedData({ seekers: 60, workshops: 12, posts: 50 })
    const open = data.posts.find((p) => p.status === 'open')!
    expect((await call(t, 'GET', `/api/posts/${open.id}`)).json.title).toBe(open.input.title)
    const draft = data.posts.find((p) => p.status === 'draft')
    if (draft) {
      expect((await call(t, 'GET', `/api/posts/${draft.id}`)).status).toBe(404)
      const officer = await signIn(t, DEMO_ACCOUNTS[1]!.phone, DEMO_PASSWORD)
      expect(officer.user.role).toBe('officer')
      expect((await call(t, 'GET', `/api/posts/${draft.id}`, undefined, officer.token)).status).toBe(200)
    }
    expect((await call(t, 'GET', '/api/posts/01KB0000000000000000000000')).status).toBe(404)
  })

  it('demo accounts sign in with their roles and scopes', async () => {
    const township = await signIn(t, '13800000002', DEMO_PASSWORD)
    expect(township.user).toMatchObject({ role: 'officer', scope: 'lingjing' })
    const owner = await signIn(t, '13800000003')
    expect(owner.user.role).toBe('owner')
    expect((await call(t, 'GET', '/api/me/workshops', undefined, owner.token)).json.items[0]).toMatchObject({ status: 'recognized', township: 'lingjing' })
    const seeker = await signIn(t, '13800000004')
    expect((await call(t, 'GET', '/api/me/profile', undefined, seeker.token)).json).toMatchObject({ name: '刘建国', township: 'lingjing', groups: ['returnee'] })
  })

  it('lists townships and villages', async () => {
    const r = await call(t, 'GET', '/api/geo/townships')
    expect(r.json.items).toHaveLength(17)
    const v = await call(t, 'GET', '/api/geo/townships/lingjing/villages')
    expect(v.json.items).toHaveLength(8)
  })

  it('writes no ID number or phone number to the logs', async () => {
    await signIn(t, '15838001234')
    await call(t, 'POST', '/api/auth/otp', { phone: '15838001234' })
    await call(t, 'POST', '/api/auth/login', { phone: '15838001234', code: '12345x' })
    const all = t.captured.lines.join('\n')
    expect(t.captured.lines.length).toBeGreaterThan(10)
    expect(all).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)/)
    expect(all).not.toMatch(/[1-9]\d{16}[\dX]/)
  })
})

describe('the local server', async () => {
  const t = await testApp()
  const webRoot = mkdtempSync(path.join(os.tmpdir(), 'wg-web-'))
  mkdirSync(path.join(webRoot, 'assets'))
  writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><title>portal</title>')
  writeFileSync(path.join(webRoot, 'assets', 'app-abc.js'), 'console.log(1)')
  const server = buildLocalServer(t.deps, webRoot)

  it('serves the portal, falls back to index.html for its routes, and keeps /api JSON', async () => {
    expect(await (await server.request('/')).text()).toContain('portal')
    expect(await (await server.request('/seeker/applications')).text()).toContain('portal')
    const asset = await server.request('/assets/app-abc.js')
    expect(asset.headers.get('cache-control')).toContain('immutable')
    const missing = await server.request('/api/nothing-here')
    expect(missing.status).toBe(404)
    expect(await missing.json()).toMatchObject({ code: 'route.notFound' })
    expect((await server.request('/api/health')).status).toBe(200)
  })
})
