import { describe, expect, it } from 'vitest'
import { TOWNSHIPS, VILLAGES } from '../../shared/geo.js'
import type { PostInput } from '../../shared/schemas/posts.js'
import { listTownships, listVillages, putGeography } from '../../functions/db/geo.js'
import { createPost, getPost, listOpenPosts, listPostsOf, updatePost } from '../../functions/db/posts.js'
import { listAuditOf } from '../../functions/db/audit.js'
import { findSeekersByIdLast4, getSeeker, listSeekersOfTownship, putSeekers } from '../../functions/db/seekers.js'
import { createSession, deleteSession, getLiveSession } from '../../functions/db/sessions.js'
import { createUser, findUserByPhone, getUser, listUsersByRole, renameUser, revealPhone } from '../../functions/db/users.js'
import { createWorkshop, decideWorkshop, getWorkshop, listWorkshopsOfOwner, listWorkshopsOfTownship } from '../../functions/db/workshops.js'
import { testApp } from '../support/app.js'

const postInput = (over: Partial<PostInput> = {}): PostInput => ({
  kind: 'workshop',
  title: '发制品加工工',
  description: '',
  township: 'lingjing',
  village: 'lingjing-01',
  headcount: 3,
  wage: { amountFen: 320_000, unit: 'month' },
  skills: [],
  intensity: 'light',
  accommodation: false,
  meals: true,
  ageMin: 18,
  ageMax: 55,
  ...over,
})

describe('users and sessions', () => {
  it('one account per phone; the phone is stored sealed and found by its keyed hash', async () => {
    const { db, deps } = await testApp()
    const u = await createUser(db, deps.protector, { role: 'officer', name: '李敏', phone: '13800000002', scope: 'lingjing' })
    expect(u.phoneMasked).toBe('138****0002')
    await expect(createUser(db, deps.protector, { role: 'seeker', name: 'x', phone: '13800000002' })).rejects.toMatchObject({ code: 'user.exists', kind: 'conflict' })
    expect((await findUserByPhone(db, deps.protector, '13800000002'))?.id).toBe(u.id)
    expect(await findUserByPhone(db, deps.protector, '13800000009')).toBeUndefined()
    expect(await revealPhone(db, deps.protector, u.id)).toBe('13800000002')
    expect(JSON.stringify(await getUser(db, u.id))).not.toContain('13800000002')
    await renameUser(db, u.id, '李敏敏')
    expect((await getUser(db, u.id))?.name).toBe('李敏敏')
    await expect(renameUser(db, 'nobody', 'x')).rejects.toMatchObject({ kind: 'notFound' })
  })

  it('lists users by role, newest first, in pages', async () => {
    const { db, deps } = await testApp()
    for (let i = 0; i < 5; i++) await createUser(db, deps.protector, { role: 'owner', name: `o${i}`, phone: `1770000000${i}` }, new Date(Date.UTC(2026, 0, i + 1)))
    const first = await listUsersByRole(db, 'owner', 3)
    expect(first.items.map((u) => u.name)).toEqual(['o4', 'o3', 'o2'])
    const second = await listUsersByRole(db, 'owner', 3, first.nextCursor!)
    expect(second.items.map((u) => u.name)).toEqual(['o1', 'o0'])
    expect((await listUsersByRole(db, 'admin', 3)).items).toEqual([])
  })

  it('sessions expire and can be revoked', async () => {
    const { db } = await testApp()
    const now = new Date('2026-11-28T00:00:00Z')
    const s = await createSession(db, { id: 'u1', role: 'seeker' }, 60, now)
    expect(await getLiveSession(db, s.id, now)).toMatchObject({ userId: 'u1', role: 'seeker' })
    expect(await getLiveSession(db, s.id, new Date(now.getTime() + 61_000))).toBeUndefined()
    await deleteSession(db, s.id)
    expect(await getLiveSession(db, s.id, now)).toBeUndefined()
  })
})

describe('geography', () => {
  it('stores and lists townships and their villages', async () => {
    const { db } = await testApp()
    await putGeography(db, TOWNSHIPS, VILLAGES)
    expect((await listTownships(db)).map((t) => t.code).sort()).toEqual(TOWNSHIPS.map((t) => t.code).sort())
    const villages = await listVillages(db, 'lingjing')
    expect(villages).toHaveLength(8)
    expect(villages.every((v) => v.township === 'lingjing' && v.name.endsWith('村'))).toBe(true)
  })
})

describe('workshops', () => {
  it('lists by owner and by township and status; recognition is decided once', async () => {
    const { db } = await testApp()
    const input = { name: '灵井发制品帮扶车间', type: 'factory' as const, township: 'lingjing', village: 'lingjing-01', address: '灵井镇1号' }
    const a = await createWorkshop(db, input, 'owner-1', { now: new Date('2026-01-01T00:00:00Z') })
    const b = await createWorkshop(db, { ...input, name: '第二车间' }, 'owner-1', { now: new Date('2026-02-01T00:00:00Z') })
    await createWorkshop(db, { ...input, township: 'suqiao', village: 'suqiao-01' }, 'owner-2')
    expect((await listWorkshopsOfOwner(db, 'owner-1')).items.map((w) => w.id)).toEqual([b.id, a.id])
    expect((await listWorkshopsOfTownship(db, 'lingjing', 'pending')).items).toHaveLength(2)

    const audit = (actorId: string) => ({ objectType: 'workshop', objectId: a.id, action: 'workshop.decide', actorId, actorRole: 'officer' })
    const decided = await decideWorkshop(db, a, 'recognized', 'officer-1', new Date(), undefined, audit('officer-1'))
    expect(decided).toMatchObject({ status: 'recognized', recognizedBy: 'officer-1' })
    await expect(decideWorkshop(db, a, 'rejected', 'officer-2', new Date(), 'no', audit('officer-2'))).rejects.toMatchObject({ code: 'workshop.decided' })
    // The refused decision left no audit event: the event is part of the change's transaction.
    expect((await listAuditOf(db, 'workshop', a.id)).items.map((e) => e.actorId)).toEqual(['officer-1'])
    expect((await getWorkshop(db, a.id))?.status).toBe('recognized')
    expect((await listWorkshopsOfTownship(db, 'lingjing', 'recognized')).items.map((w) => w.id)).toEqual([a.id])
    expect((await listWorkshopsOfTownship(db, 'lingjing', 'pending')).items.map((w) => w.id)).toEqual([b.id])
  })

  it('two officers deciding at once: one wins, the other gets a conflict', async () => {
    const { db } = await testApp()
    const w = await createWorkshop(db, { name: '车间', type: 'trade', township: 'lingjing', village: 'lingjing-02', address: 'x号' }, 'o')
    const audit = { objectType: 'workshop', objectId: w.id, action: 'workshop.decide', actorId: 'a', actorRole: 'officer' }
    const results = await Promise.allSettled([decideWorkshop(db, w, 'recognized', 'a', new Date(), undefined, audit), decideWorkshop(db, w, 'rejected', 'b', new Date(), 'r', { ...audit, actorId: 'b' })])
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1)
  })
})

describe('posts', () => {
  it('browse: open posts only, newest first, filtered by township and kind, in cursor pages', async () => {
    const { db } = await testApp()
    const at = (d: number) => new Date(Date.UTC(2026, 10, d))
    const made = [
      await createPost(db, postInput(), 'u', { status: 'open', now: at(1) }),
      await createPost(db, postInput({ kind: 'publicWelfare' }), 'u', { status: 'open', now: at(2) }),
      await createPost(db, postInput({ township: 'suqiao', village: 'suqiao-01' }), 'u', { status: 'open', now: at(3) }),
      await createPost(db, postInput({ township: 'suqiao', village: 'suqiao-02', kind: 'publicWelfare' }), 'u', { status: 'open', now: at(4) }),
      await createPost(db, postInput(), 'u', { status: 'draft', now: at(5) }),
    ]
    const ids = (p: { items: { id: string }[] }) => p.items.map((x) => x.id)
    expect(ids(await listOpenPosts(db, { limit: 20 }))).toEqual([made[3]!.id, made[2]!.id, made[1]!.id, made[0]!.id])
    expect(ids(await listOpenPosts(db, { limit: 20, township: 'lingjing' }))).toEqual([made[1]!.id, made[0]!.id])
    expect(ids(await listOpenPosts(db, { limit: 20, kind: 'publicWelfare' }))).toEqual([made[3]!.id, made[1]!.id])
    expect(ids(await listOpenPosts(db, { limit: 20, kind: 'workshop', township: 'suqiao' }))).toEqual([made[2]!.id])

    const p1 = await listOpenPosts(db, { limit: 3 })
    const p2 = await listOpenPosts(db, { limit: 3, cursor: p1.nextCursor! })
    expect([...ids(p1), ...ids(p2)]).toEqual([made[3]!.id, made[2]!.id, made[1]!.id, made[0]!.id])
    expect(p2.nextCursor).toBeNull()
  })

  it('a status change moves the post between listings; a stale change is a conflict', async () => {
    const { db } = await testApp()
    const p = await createPost(db, postInput(), 'u', { status: 'draft' })
    expect((await listOpenPosts(db, { limit: 20 })).items).toHaveLength(0)
    const opened = await updatePost(db, p, { status: 'open' }, new Date())
    expect(opened.publishedAt).toBeDefined()
    expect((await listOpenPosts(db, { limit: 20, township: 'lingjing', kind: 'workshop' })).items.map((x) => x.id)).toEqual([p.id])
    const paused = await updatePost(db, opened, { status: 'paused' }, new Date())
    expect((await listOpenPosts(db, { limit: 20 })).items).toHaveLength(0)
    // A change from a status the post no longer has (read before it was opened) is refused.
    await expect(updatePost(db, p, { status: 'open' }, new Date())).rejects.toMatchObject({ code: 'post.changed', kind: 'conflict' })
    const racing = await Promise.allSettled([updatePost(db, paused, { status: 'open' }, new Date()), updatePost(db, paused, { status: 'closed' }, new Date())])
    expect(racing.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    expect(['open', 'closed']).toContain((await getPost(db, p.id))?.status)
  })

  it('lists a workshop’s or an officer’s own posts in every status', async () => {
    const { db } = await testApp()
    const a = await createPost(db, postInput({ workshopId: 'w1' }), 'owner', { status: 'draft' })
    const b = await createPost(db, postInput({ workshopId: 'w1' }), 'owner', { status: 'open' })
    const c = await createPost(db, postInput({ kind: 'publicWelfare' }), 'officer', { status: 'open' })
    expect((await listPostsOf(db, { workshopId: 'w1' })).items.map((x) => x.id).sort()).toEqual([a.id, b.id].sort())
    expect((await listPostsOf(db, { createdBy: 'officer' })).items.map((x) => x.id)).toEqual([c.id])
  })

  it('refuses a forged cursor', async () => {
    const { db } = await testApp()
    const forged = Buffer.from(JSON.stringify({ PK: 'USER#x', SK: 'USER', secret: 'x' })).toString('base64url')
    await expect(listOpenPosts(db, { limit: 5, cursor: forged })).rejects.toMatchObject({ code: 'cursor.invalid' })
  })
})

describe('seekers (bulk-loaded files)', () => {
  it('stores the ID number sealed, shows it masked, and finds people by village and last four', async () => {
    const { db, deps } = await testApp()
    const base = { category: 'alleviated' as const, laborCapacity: 'full' as const, education: 'junior' as const, skills: [], groups: [], intents: [], createdAt: '2026-01-01T00:00:00Z' }
    await putSeekers(db, deps.protector, [
      { ...base, id: 's1', name: '王秀英', idNumber: '41100319800101001X', township: 'lingjing', village: 'lingjing-01' },
      { ...base, id: 's2', name: '李建国', idNumber: '411003198001010036', township: 'lingjing', village: 'lingjing-02' },
    ])
    const s1 = await getSeeker(db, 's1')
    expect(s1).toMatchObject({ idNumberMasked: '4110**********001X', gender: 'male', birthDate: '1980-01-01' })
    expect(JSON.stringify(s1)).not.toContain('41100319800101001X')
    expect((await listSeekersOfTownship(db, 'lingjing', { village: 'lingjing-02' })).items.map((s) => s.id)).toEqual(['s2'])
    expect((await findSeekersByIdLast4(db, '001x')).items.map((s) => s.id)).toEqual(['s1'])
    expect(await findSeekersByIdLast4(db, '0036', 'suqiao')).toEqual({ items: [], nextCursor: null })
  })
})
