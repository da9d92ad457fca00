import { describe, expect, it } from 'vitest'
import { listAuditOf } from '../../functions/db/audit.js'
import { createUser } from '../../functions/db/users.js'
import { call, signIn, testApp } from '../support/app.js'
import { marketWorld } from '../support/world.js'

// Issue 14 part 1: the admin's accounts (用户).
describe('accounts an admin manages', async () => {
  // A clock of its own: signing the same phone in again waits out the minute between codes.
  let now = Date.parse('2026-12-01T02:00:00Z')
  const t = await testApp({ now: () => new Date(now) })
  const later = () => (now += 120_000)
  const w = await marketWorld(t)
  await createUser(t.db, t.deps.protector, { role: 'admin', name: '管理员', phone: '17700000030' })
  const admin = await signIn(t, '17700000030')
  const as = (token: string) => ({
    get: (path: string) => call(t, 'GET', path, undefined, token),
    post: (path: string, body?: unknown) => call(t, 'POST', path, body, token),
    patch: (path: string, body: unknown) => call(t, 'PATCH', path, body, token),
  })
  const a = as(admin.token)

  it('creates a 五女店镇 officer who signs in (code, then a password of their own) and sees only 五女店镇; the creation is audited without the phone', async () => {
    const made = await a.post('/api/users', { role: 'officer', name: '五女店专干', phone: '17700000031', scope: 'wunvdian' })
    expect(made.status, made.text).toBe(201)
    expect(made.json).toMatchObject({ role: 'officer', scope: 'wunvdian', phoneMasked: '177****0031' })
    // signIn: the code gives a limited session, which sets the password and is swapped for a full one.
    const officer = await signIn(t, '17700000031')
    expect((await call(t, 'GET', '/api/seekers?township=wunvdian', undefined, officer.token)).status).toBe(200)
    expect((await call(t, 'GET', '/api/seekers?township=lingjing', undefined, officer.token)).status).toBe(403)
    const trail = (await listAuditOf(t.db, 'user', made.json.id)).items
    expect(trail.map((e) => e.action)).toEqual(['user.passwordSet', 'user.create'])
    expect(JSON.stringify(trail)).not.toContain('17700000031')
    // A second account on the same phone is refused; an officer without a scope too, naming the field.
    expect((await a.post('/api/users', { role: 'auditor', name: '审计员', phone: '17700000031' })).status).toBe(409)
    const noScope = await a.post('/api/users', { role: 'officer', name: '无范围', phone: '17700000032' })
    expect(noScope.status).toBe(400)
    expect(noScope.json.issues.map((i: { path: string }) => i.path)).toContain('scope')
  })

  it('lists by role and finds by part of the name, a page at a time', async () => {
    const r = await a.get('/api/users?role=officer&q=五女店&limit=1')
    expect(r.status).toBe(200)
    expect(r.json.items.map((u: { name: string }) => u.name)).toEqual(['五女店专干'])
    const all = await a.get('/api/users?role=officer&limit=2')
    expect(all.json.items).toHaveLength(2)
    expect(all.json.nextCursor).toEqual(expect.any(String))
    expect((await call(t, 'GET', '/api/users', undefined, w.district.token)).status).toBe(403)
  })

  it('moving an officer to another township is audited with before and after and ends their session; their id (and history) stays', async () => {
    const made = await a.post('/api/users', { role: 'officer', name: '调动专干', phone: '17700000033', scope: 'lingjing' })
    const officer = await signIn(t, '17700000033')
    expect((await call(t, 'GET', '/api/me', undefined, officer.token)).status).toBe(200)
    const moved = await a.patch(`/api/users/${made.json.id}`, { scope: 'suqiao' })
    expect(moved.status, moved.text).toBe(200)
    expect(moved.json).toMatchObject({ id: made.json.id, scope: 'suqiao', name: '调动专干' })
    expect((await call(t, 'GET', '/api/me', undefined, officer.token)).status).toBe(401)
    later()
    const again = await signIn(t, '17700000033')
    expect((await call(t, 'GET', '/api/seekers?township=suqiao', undefined, again.token)).status).toBe(200)
    expect((await call(t, 'GET', '/api/seekers?township=lingjing', undefined, again.token)).status).toBe(403)
    const update = (await listAuditOf(t.db, 'user', made.json.id)).items.find((e) => e.action === 'user.update')
    expect(update).toMatchObject({ before: { scope: 'lingjing' }, after: { scope: 'suqiao' } })
    // Made an auditor: the scope goes.
    const auditor = await a.patch(`/api/users/${made.json.id}`, { role: 'auditor' })
    expect(auditor.json.role).toBe('auditor')
    expect(auditor.json.scope).toBeUndefined()
  })

  it('deactivating ends the open session on the next request and refuses sign-in; reactivating lets them back', async () => {
    const made = await a.post('/api/users', { role: 'owner', name: '离职车间负责人', phone: '17700000034' })
    const owner = await signIn(t, '17700000034')
    expect((await call(t, 'GET', '/api/me', undefined, owner.token)).status).toBe(200)
    expect((await a.post(`/api/users/${made.json.id}/deactivate`)).json.status).toBe('deactivated')
    expect((await call(t, 'GET', '/api/me', undefined, owner.token)).status).toBe(401)
    later()
    await expect(signIn(t, '17700000034')).rejects.toThrow(/403|deactivated/)
    expect((await a.post(`/api/users/${made.json.id}/deactivate`)).status).toBe(409)
    expect((await a.post(`/api/users/${made.json.id}/activate`)).status).toBe(200)
    later()
    expect((await signIn(t, '17700000034')).token).toEqual(expect.any(String))
  })

  it('the last active admin can be neither deactivated nor given another role; with a second admin, one can go', async () => {
    const me = (await call(t, 'GET', '/api/me', undefined, admin.token)).json
    const last = await a.post(`/api/users/${me.id}/deactivate`)
    expect(last.status).toBe(409)
    expect(last.json).toMatchObject({ code: 'user.lastAdmin' })
    expect(last.json.messageEn).toContain('last active admin')
    expect((await a.patch(`/api/users/${me.id}`, { role: 'auditor' })).json.code).toBe('user.lastAdmin')
    const second = await a.post('/api/users', { role: 'admin', name: '第二管理员', phone: '17700000035' })
    expect((await a.post(`/api/users/${second.json.id}/deactivate`)).status).toBe(200)
    expect((await a.post(`/api/users/${me.id}/deactivate`)).status).toBe(409)
    // Seekers are not managed here.
    const seeker = await w.newSeeker('13900004001')
    expect((await a.post(`/api/users/${seeker.userId}/deactivate`)).status).toBe(404)
  })
})
