import { describe, expect, it } from 'vitest'
import { distanceKm, townshipByCode, villageByCode } from '../../shared/geo.js'
import type { Post } from '../../shared/schemas/posts.js'
import { createDb, type Db } from '../../functions/db/client.js'
import { openPostRows } from '../../functions/db/post-index.js'
import { getPost, listAllOpenPosts, updatePost } from '../../functions/db/posts.js'
import { DISTRICT } from '../../shared/geo.js'
import { savePolicy } from '../../functions/db/policies.js'
import { DEMO_POLICY_2026 } from '../../functions/jobs/seed-data.js'
import { call, testApp } from '../support/app.js'
import { createSession, getLiveSession } from '../../functions/db/sessions.js'
import { actorOfSession } from '../../functions/core/sessions.js'
import { ownFileIfAny } from '../../functions/core/seekers.js'
import { verifyToken } from '../../functions/auth/tokens.js'
import { idNumber, marketWorld, seekerInput } from '../support/world.js'

/** A second Lambda container on the same table: its own Db, so its own cache of the index. */
const containerOf = (t: Awaited<ReturnType<typeof testApp>>) => createDb({ tableName: t.tableName, endpoint: t.endpoint, cursorSecret: t.deps.config.sessionSecret })

/** Counts the DynamoDB commands a Db sends, by name. */
function counted(db: Db) {
  const calls = new Map<string, number>()
  db.doc.middlewareStack.add(
    (next, context) => async (args) => {
      const name = (context.commandName ?? '?').replace(/Command$/, '')
      calls.set(name, (calls.get(name) ?? 0) + 1)
      return next(args)
    },
    { step: 'initialize', name: 'countCalls' },
  )
  return calls
}

const rowOf = async (db: Db, id: string) => (await openPostRows(db)).rows.find((r) => r.id === id)

describe('the index of open posts (岗位索引)', async () => {
  const t = await testApp()
  const w = await marketWorld(t)
  const ids = (r: { json: { items: { id: string }[] } }) => r.json.items.map((x) => x.id)

  it('follows every change of a post in the post’s own transaction: create, edit, close, fill, reopen', async () => {
    const c = containerOf(t)
    const draft = await w.newPost({ title: '索引跟随测试岗', headcount: 1, publish: false })
    expect(await rowOf(c, draft.id)).toBeUndefined()
    const opened = await call(t, 'PATCH', `/api/posts/${draft.id}`, { status: 'open' }, w.owner.token)
    expect(opened.status).toBe(200)
    expect(await rowOf(c, draft.id)).toMatchObject({ status: 'open', title: '索引跟随测试岗', filled: 0, headcount: 1 })
    await call(t, 'PATCH', `/api/posts/${draft.id}`, { title: '索引跟随改名岗', wage: { amountFen: 410000, unit: 'month' } }, w.owner.token)
    expect(await rowOf(c, draft.id)).toMatchObject({ title: '索引跟随改名岗', wage: { amountFen: 410000 } })
    expect(ids(await call(t, 'GET', `/api/posts?q=${encodeURIComponent('改名')}`))).toEqual([draft.id])

    // A refused change (read before the rename: the status no longer matches) leaves the index as it was.
    const stale = { ...(await getPost(t.db, draft.id))!, status: 'paused' as const }
    await expect(updatePost(t.db, stale, { status: 'open', fields: { title: '不该出现的标题' } }, new Date())).rejects.toMatchObject({ code: 'post.changed' })
    expect((await rowOf(c, draft.id))?.title).toBe('索引跟随改名岗')

    await call(t, 'PATCH', `/api/posts/${draft.id}`, { status: 'paused' }, w.owner.token)
    expect(await rowOf(c, draft.id)).toBeUndefined()
    await call(t, 'PATCH', `/api/posts/${draft.id}`, { status: 'open' }, w.owner.token)
    expect(await rowOf(c, draft.id)).toBeDefined()

    // Fill: the one place hired, the post becomes filled and leaves the index.
    const s = await w.newSeeker('13800990001')
    const app = await call(t, 'POST', `/api/posts/${draft.id}/applications`, {}, s.token)
    expect((await call(t, 'POST', `/api/applications/${app.json.id}/hire`, { startDate: '2026-12-01' }, w.owner.token)).status).toBe(200)
    expect((await getPost(t.db, draft.id))?.status).toBe('filled')
    expect(await rowOf(c, draft.id)).toBeUndefined()
    // Reopen: a second place makes the post open again, with the place already filled.
    await call(t, 'PATCH', `/api/posts/${draft.id}`, { headcount: 2 }, w.owner.token)
    expect(await rowOf(c, draft.id)).toMatchObject({ status: 'open', headcount: 2, filled: 1 })

    await call(t, 'PATCH', `/api/posts/${draft.id}`, { status: 'closed' }, w.owner.token)
    expect(await rowOf(c, draft.id)).toBeUndefined()
    expect(ids(await call(t, 'GET', `/api/posts?q=${encodeURIComponent('改名')}`))).toEqual([])
  })

  it('a container’s cached index sees another container’s change at its next version check; unchanged, a read is one Query', async () => {
    const c = containerOf(t)
    const calls = counted(c)
    const p = await w.newPost({ title: '缓存检查岗' })
    expect((await rowOf(c, p.id))?.title).toBe('缓存检查岗')
    calls.clear()
    await openPostRows(c)
    expect(Object.fromEntries(calls)).toEqual({ Query: 1 })
    // The change goes through the app's own Db (another container).
    await call(t, 'PATCH', `/api/posts/${p.id}`, { title: '缓存检查新名岗' }, w.owner.token)
    calls.clear()
    expect((await rowOf(c, p.id))?.title).toBe('缓存检查新名岗')
    // One Query of the heads, one BatchGet of the one chunk that changed.
    expect(Object.fromEntries(calls)).toEqual({ Query: 1, BatchGetItem: 1 })
  })

  it('finds posts by partial title, full pinyin, initials and workshop name, the whole title before its start before inside it', async () => {
    const exact = await w.newPost({ title: '缝纫' })
    const start = await w.newPost({ title: '缝纫工（计件）' })
    const inside = await w.newPost({ title: '服装缝纫学徒' })
    await w.newPost({ title: '电子装配工' })
    const found = async (q: string) => ids(await call(t, 'GET', `/api/posts?q=${encodeURIComponent(q)}&limit=50`))
    expect(await found('缝纫')).toEqual([exact.id, start.id, inside.id])
    expect(await found('fengren')).toEqual([exact.id, start.id, inside.id])
    expect(await found('FR')).toEqual([exact.id, start.id, inside.id])
    expect(await found('纫工')).toEqual([start.id])
    // The workshop's name (灵井发制品帮扶车间): every post of it, as written and by initials.
    const workshopPosts = (await listAllOpenPosts(t.db, {})).filter((p) => p.workshopId === w.workshop.id).map((p) => p.id)
    expect((await found('发制品帮扶')).sort()).toEqual([...workshopPosts].sort())
    expect((await found('ljfzp')).sort()).toEqual([...workshopPosts].sort())
    expect(await found('zzzqqq')).toEqual([])
  })

  it('filters and sorts give the answers of the old whole-listing browse on a small fixture', async () => {
    const made = [
      { title: '食用菌采收工', wage: { amountFen: 280000, unit: 'month' }, skills: ['采摘'], intensity: 'light', accommodation: false },
      { title: '电商打包员', wage: { amountFen: 15000, unit: 'day' }, skills: ['包装'], intensity: 'medium', accommodation: true },
      { title: '计件包装工', wage: { amountFen: 50, unit: 'piece', expectedMonthlyFen: 300000 }, skills: ['包装'], intensity: 'medium', accommodation: false },
      { title: '叉车司机', wage: { amountFen: 520000, unit: 'month' }, skills: ['叉车'], intensity: 'heavy', accommodation: true },
    ]
    for (const m of made) await w.newPost(m)
    // Officers' posts elsewhere in the district, at villages (for distance).
    for (const [village, fen] of [['suqiao-01', 450000], ['lingjing-05', 390000]] as const) {
      const r = await call(t, 'POST', '/api/posts', { kind: 'enterprise', title: `企业普工${village}`, township: village.split('-')[0], village, headcount: 3, wage: { amountFen: fen, unit: 'month' }, skills: ['包装'], publish: true }, village.startsWith('suqiao') ? w.district.token : w.officer.token)
      expect(r.status).toBe(201)
    }
    // The old browse (before the index), over every open post, as the reference.
    const all = await listAllOpenPosts(t.db, {})
    const monthly = (p: Post) => (p.wage.unit === 'month' ? p.wage.amountFen : p.wage.unit === 'day' ? Math.round(p.wage.amountFen * 21.75) : undefined)
    const newest = (a: Post, b: Post) => (b.publishedAt ?? b.createdAt).localeCompare(a.publishedAt ?? a.createdAt) || b.id.localeCompare(a.id)
    const place = (p: Post) => (p.village ? villageByCode.get(p.village) : undefined) ?? townshipByCode.get(p.township)
    const reference = (q: { skill?: string; minWageFen?: number; intensity?: string; accommodation?: boolean; near?: string; maxKm?: number; sort?: 'wage' | 'distance'; township?: string; kind?: string }) => {
      const origin = q.near ? villageByCode.get(q.near) : undefined
      const km = (p: Post) => (origin ? Math.round(distanceKm(origin, place(p)!) * 10) / 10 : undefined)
      return all
        .filter((p) => (!q.township || p.township === q.township) && (!q.kind || p.kind === q.kind))
        .filter((p) => (!q.skill || p.skills.includes(q.skill)) && (q.minWageFen === undefined || (monthly(p) ?? -1) >= q.minWageFen) && (!q.intensity || p.intensity === q.intensity))
        .filter((p) => (q.accommodation === undefined || p.accommodation === q.accommodation) && (q.maxKm === undefined || km(p) === undefined || km(p)! <= q.maxKm))
        .sort(q.sort === 'wage' ? (a, b) => (monthly(b) ?? -1) - (monthly(a) ?? -1) || newest(a, b) : q.sort === 'distance' ? (a, b) => (km(a) ?? Infinity) - (km(b) ?? Infinity) || newest(a, b) : newest)
        .map((p) => p.id)
    }
    const queries = [
      {},
      { skill: '包装' },
      { minWageFen: 300000, sort: 'wage' as const },
      { accommodation: true },
      { intensity: 'medium', skill: '包装', sort: 'wage' as const },
      { near: 'lingjing-02', maxKm: 8, sort: 'distance' as const },
      { near: 'suqiao-01', sort: 'distance' as const, skill: '包装' },
      { township: 'lingjing', kind: 'workshop', sort: 'wage' as const },
      { kind: 'enterprise' },
    ]
    for (const q of queries) {
      const query = new URLSearchParams({ limit: '50', ...Object.fromEntries(Object.entries(q).map(([k, v]) => [k, String(v)])) })
      const r = await call(t, 'GET', `/api/posts?${query}`)
      expect(r.status).toBe(200)
      expect({ q, ids: ids(r) }).toEqual({ q, ids: reference(q) })
    }
    // Paging walks the same order, a page at a time.
    const first = await call(t, 'GET', '/api/posts?limit=3&sort=wage')
    const second = await call(t, 'GET', `/api/posts?limit=3&sort=wage&cursor=${first.json.nextCursor}`)
    expect([...ids(first), ...ids(second)]).toEqual(reference({ sort: 'wage' }).slice(0, 6))
  })

  it('within the recheck window a browse, a search and a seeker’s recommendations read nothing that grows with the district', async () => {
    await savePolicy(t.db, DISTRICT.code, 2026, DEMO_POLICY_2026, 0, 'admin', new Date(), () => ({ objectType: 'policy', objectId: 'test', action: 'policy.save', actorId: 'admin', actorRole: 'admin' }))
    const calls = counted(t.db)
    const ownId = idNumber('1986-07-08', 902)
    const s = await w.newSeeker('13800990002', { idNumber: ownId })
    await call(t, 'GET', '/api/posts?limit=5')
    // The app's Db keeps its recent read of the heads for the deployed window (1 s): anonymous reads make no call at all.
    for (const path of ['/api/posts?limit=20', `/api/posts?q=${encodeURIComponent('包装')}&sort=wage`, '/api/posts?skill=包装&near=lingjing-02&sort=distance']) {
      calls.clear()
      expect((await call(t, 'GET', path)).status).toBe(200)
      expect({ path, calls: Object.fromEntries(calls) }).toEqual({ path, calls: {} })
    }
    calls.clear()
    const rec = await call(t, 'GET', '/api/me/recommendations', undefined, s.token)
    expect(rec.status).toBe(200)
    expect(rec.json.items.length).toBeGreaterThan(0)
    // The session, the file (its link, then the file), the year's rules, the heads: nothing that grows with the district.
    expect(calls.get('BatchGetItem') ?? 0).toBe(0)
    expect([...calls.values()].reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(5)
    // Again: the session only; the account's link to its file is known for good, and the file is
    // this container's recent read of it (a read that decides nothing).
    calls.clear()
    expect((await call(t, 'GET', '/api/me/recommendations', undefined, s.token)).json).toEqual(rec.json)
    expect(Object.fromEntries(calls)).toEqual({ GetItem: 1 })
    // The seeker's own change of their file is seen at once: the write forgets the recent read.
    const changed = await call(t, 'PUT', '/api/me/profile', seekerInput({ idNumber: ownId, skills: ['电工', '包装'] }), s.token)
    expect(changed.status, changed.text).toBe(200)
    calls.clear()
    const after = await call(t, 'GET', '/api/me/recommendations', undefined, s.token)
    expect(Object.fromEntries(calls)).toEqual({ GetItem: 2 })
    expect(after.json).not.toEqual(rec.json)
  })

  const actorOf = async (token: string) => (await verifyToken(token, t.deps.config.sessionSecret))!
  it('a seeker who signs in with a file has it in their session: a container new to them reads the file, not its link', async () => {
    const s = await w.newSeeker('13800990003', { idNumber: idNumber('1987-01-02', 903) })
    // Signed in before the file existed: the session holds none, the link is read (then kept).
    expect((await getLiveSession(t.db, (await actorOf(s.token)).sid))?.seekerId).toBeUndefined()
    // Signed in again (a code is once a minute: the session sign-in makes, made directly).
    const session = await createSession(t.db, { id: s.userId, role: 'seeker' }, 3600)
    expect(session.seekerId).toBe(s.seeker.id)
    expect((await getLiveSession(t.db, session.id))?.seekerId).toBe(s.seeker.id)
    const actor = await actorOfSession(t.deps, { sub: s.userId, sid: session.id })
    expect(actor).toMatchObject({ userId: s.userId, role: 'seeker', seekerId: s.seeker.id })
    const fresh = containerOf(t)
    const calls = counted(fresh)
    expect((await ownFileIfAny({ ...t.deps, db: fresh }, actor!))?.id).toBe(s.seeker.id)
    expect(Object.fromEntries(calls)).toEqual({ GetItem: 1 })
    // Without it (a session from before its file), the link first.
    const other = containerOf(t)
    const before = counted(other)
    expect((await ownFileIfAny({ ...t.deps, db: other }, { ...actor!, seekerId: undefined }))?.id).toBe(s.seeker.id)
    expect(Object.fromEntries(before)).toEqual({ GetItem: 2 })
  })

  it('a container answers from its recent read of the heads within its window, reads its own writes at once and another’s after the window', async () => {
    const p = await w.newPost({ title: '窗口检查岗' })
    const slow = createDb({ tableName: t.tableName, endpoint: t.endpoint, cursorSecret: t.deps.config.sessionSecret, recheckMs: 60_000 })
    const calls = counted(slow)
    expect((await rowOf(slow, p.id))?.title).toBe('窗口检查岗')
    // Another container's change, within the window: not read, not seen.
    await call(t, 'PATCH', `/api/posts/${p.id}`, { title: '窗口检查他改岗' }, w.owner.token)
    calls.clear()
    expect((await rowOf(slow, p.id))?.title).toBe('窗口检查岗')
    expect(Object.fromEntries(calls)).toEqual({})
    // Its own write: the heads read again at once, with the other container's change too.
    await updatePost(slow, (await getPost(slow, p.id))!, { fields: { headcount: 7 } }, new Date())
    expect(await rowOf(slow, p.id)).toMatchObject({ title: '窗口检查他改岗', headcount: 7 })
    // A short window: another container's change is seen once it has passed.
    const quick = createDb({ tableName: t.tableName, endpoint: t.endpoint, cursorSecret: t.deps.config.sessionSecret, recheckMs: 5 })
    expect((await rowOf(quick, p.id))?.title).toBe('窗口检查他改岗')
    await call(t, 'PATCH', `/api/posts/${p.id}`, { title: '窗口过后岗' }, w.owner.token)
    await new Promise((r) => setTimeout(r, 20))
    expect((await rowOf(quick, p.id))?.title).toBe('窗口过后岗')
  })
})
