import { PutCommand } from '@aws-sdk/lib-dynamodb'
import { describe, expect, it, vi } from 'vitest'
import { listAuditOf } from '../../functions/db/audit.js'
import { inboxKey } from '../../functions/db/keys.js'
import { call, testApp } from '../support/app.js'
import { marketWorld } from '../support/world.js'

/** 站内信 in the reader's language, the unread count behind the 消息 badge, and the choice of SMS. */
describe('inbox messages', async () => {
  // A clock the test can move on: a second sign-in code for one phone waits out the resend interval.
  let later = 0
  const t = await testApp({ now: () => new Date(Date.now() + later) })
  const w = await marketWorld(t)
  const inbox = (token: string, query = '') => call(t, 'GET', `/api/me/inbox${query}`, undefined, token)
  const unread = async (token: string) => (await call(t, 'GET', '/api/me/inbox/unread', undefined, token)).json.unread as number
  const withHeader = async (token: string, acceptLanguage: string) => {
    const res = await t.app.request('/api/me/inbox', { headers: { authorization: `Bearer ${token}`, 'accept-language': acceptLanguage } })
    return (await res.json()) as { items: { title: string; body: string; code?: string }[] }
  }

  it('a hire reads in English for an English reader and in Chinese for a Chinese one, from one stored message', async () => {
    const post = await w.newPost({ title: '发制品加工工' })
    const a = await w.newSeeker('13900000101')
    const app = (await call(t, 'POST', `/api/posts/${post.id}/applications`, {}, a.token)).json
    expect((await call(t, 'POST', `/api/applications/${app.id}/hire`, { startDate: '2026-12-01' }, w.owner.token)).status).toBe(200)
    const en = await inbox(a.token, '?lang=en')
    expect(en.status).toBe(200)
    expect(en.json.items[0]).toMatchObject({ code: 'application.hired', params: { postTitle: '发制品加工工', startDate: '2026-12-01' }, title: 'You are hired', body: '“发制品加工工” has hired you; you start on 2026-12-01.' })
    expect(en.json.items[1]).toMatchObject({ code: 'application.submitted', title: 'Application sent' })
    const zh = await inbox(a.token, '?lang=zh-CN')
    expect(zh.json.items[0]).toMatchObject({ code: 'application.hired', title: '您已被录用', body: '「发制品加工工」录用了您，上岗日期 2026-12-01。' })
    // Without ?lang the browser's Accept-Language decides; without either, Chinese.
    expect((await withHeader(a.token, 'en-US,en;q=0.9')).items[0]!.title).toBe('You are hired')
    expect((await withHeader(a.token, 'zh-CN,zh;q=0.9,en;q=0.5')).items[0]!.title).toBe('您已被录用')
    expect((await inbox(a.token)).json.items[0].title).toBe('您已被录用')
    // No stored message carries a rendering: the text is the reader's language's, made when read.
    expect(en.json.items.every((m: { untranslated?: true }) => m.untranslated === undefined)).toBe(true)
    expect((await call(t, 'GET', '/api/me/inbox?lang=fr', undefined, a.token)).status).toBe(400)
  })

  it('old messages (Chinese title and body only) are still readable: known wording in English, anything else as written', async () => {
    const a = await w.newSeeker('13900000102')
    const put = (id: string, title: string, body: string, createdAt: string) =>
      t.db.doc.send(new PutCommand({ TableName: t.db.table, Item: { ...inboxKey(a.seeker.id, id), entity: 'message', id, kind: 'application', title, body, link: '/seeker/applications', read: false, createdAt } }))
    await put('01HQZZ0000000000000000000A', '申请未通过', '您申请的「保洁员」未通过：暂不需要夜班', '2026-01-01T00:00:00.000Z')
    await put('01HQZZ0000000000000000000B', '春节放假通知', '服务站 2 月 10 日至 17 日放假。', '2026-01-02T00:00:00.000Z')
    const en = await inbox(a.token, '?lang=en')
    const byId = Object.fromEntries(en.json.items.map((m: { id: string }) => [m.id, m]))
    expect(byId['01HQZZ0000000000000000000A']).toMatchObject({ code: 'application.rejected', params: { postTitle: '保洁员', reason: '暂不需要夜班' }, title: 'Application not accepted', body: 'Your application for “保洁员” was not accepted: 暂不需要夜班' })
    expect(byId['01HQZZ0000000000000000000B']).toMatchObject({ title: '春节放假通知', body: '服务站 2 月 10 日至 17 日放假。', untranslated: true, read: false })
    const zh = await inbox(a.token, '?lang=zh-CN')
    expect(zh.json.items.find((m: { id: string }) => m.id === '01HQZZ0000000000000000000B')).toMatchObject({ title: '春节放假通知' })
    expect(zh.json.items.find((m: { id: string }) => m.id === '01HQZZ0000000000000000000B')).not.toHaveProperty('untranslated')
    // An old message was never counted: reading it marks it read and the count stays at 0, not below.
    expect(await unread(a.token)).toBe(0)
    const r = await call(t, 'POST', '/api/me/inbox/01HQZZ0000000000000000000B/read', undefined, a.token)
    expect(r.json).toEqual({ read: true, unread: 0 })
    expect((await inbox(a.token)).json.items.find((m: { id: string }) => m.id === '01HQZZ0000000000000000000B').read).toBe(true)
  })

  it('the unread count goes up with each new message and down as they are read; reading twice counts once, never below 0', async () => {
    const a = await w.newSeeker('13900000103')
    expect(await unread(a.token)).toBe(0)
    const post = await w.newPost()
    const app = (await call(t, 'POST', `/api/posts/${post.id}/applications`, {}, a.token)).json
    expect(await unread(a.token)).toBe(1)
    await call(t, 'POST', `/api/applications/${app.id}/shortlist`, undefined, w.owner.token)
    expect(await unread(a.token)).toBe(2)
    const [newest, older] = (await inbox(a.token)).json.items as { id: string }[]
    expect((await call(t, 'POST', `/api/me/inbox/${newest!.id}/read`, undefined, a.token)).json).toEqual({ read: true, unread: 1 })
    expect((await call(t, 'POST', `/api/me/inbox/${newest!.id}/read`, undefined, a.token)).json).toEqual({ read: true, unread: 1 })
    // The same message read at once from two tabs still counts once.
    await Promise.all([1, 2, 3].map(() => call(t, 'POST', `/api/me/inbox/${older!.id}/read`, undefined, a.token)))
    expect(await unread(a.token)).toBe(0)
    expect((await call(t, 'POST', `/api/me/inbox/${older!.id}/read`, undefined, a.token)).json.unread).toBe(0)
    expect((await call(t, 'POST', '/api/me/inbox/01HQZZ0000000000000000000X/read', undefined, a.token)).status).toBe(404)
    // Another seeker's count is their own.
    const b = await w.newSeeker('13900000104')
    expect(await unread(b.token)).toBe(0)
    expect((await call(t, 'POST', `/api/me/inbox/${newest!.id}/read`, undefined, b.token)).status).toBe(404)
  })

  it('a seeker chooses inbox only: notices stop coming by SMS, the choice is audited, and sign-in codes still come by SMS', async () => {
    const a = await w.newSeeker('13900000105')
    expect((await call(t, 'GET', '/api/me/preferences', undefined, a.token)).json).toEqual({ sms: 'inboxAndSms' })
    const texts = () => t.captured.sms.filter((m) => m.phone === '13900000105' && !m.code).length
    const post = await w.newPost()
    const app = (await call(t, 'POST', `/api/posts/${post.id}/applications`, {}, a.token)).json
    // Notices go through the SMS outbox, sent by a job just after the request.
    await vi.waitFor(() => expect(texts()).toBe(1))
    expect(t.captured.sms.find((m) => m.phone === '13900000105' && !m.code)?.text).toContain('申请已提交')

    const saved = await call(t, 'PUT', '/api/me/preferences', { sms: 'inboxOnly' }, a.token)
    expect(saved.status).toBe(200)
    expect(saved.json).toEqual({ sms: 'inboxOnly' })
    expect((await call(t, 'GET', '/api/me/preferences', undefined, a.token)).json).toEqual({ sms: 'inboxOnly' })
    const trail = await listAuditOf(t.db, 'user', a.userId)
    expect(trail.items).toHaveLength(1)
    expect(trail.items[0]).toMatchObject({ action: 'user.preferences', actorId: a.userId, actorRole: 'seeker', before: { sms: 'inboxAndSms' }, after: { sms: 'inboxOnly' } })

    await call(t, 'POST', `/api/applications/${app.id}/shortlist`, undefined, w.owner.token)
    expect((await inbox(a.token)).json.items[0].code).toBe('application.shortlisted')
    expect(texts()).toBe(1)
    // A sign-in code is not a notice: it always comes by SMS.
    const codes = t.captured.sms.filter((m) => m.phone === '13900000105' && m.code).length
    expect(codes).toBe(1)
    later += 120_000
    expect((await call(t, 'POST', '/api/auth/otp', { phone: '13900000105' })).status).toBe(200)
    expect(t.captured.sms.filter((m) => m.phone === '13900000105' && m.code).length).toBe(codes + 1)

    expect((await call(t, 'PUT', '/api/me/preferences', { sms: 'inboxAndSms' }, a.token)).status).toBe(200)
    await call(t, 'POST', `/api/applications/${app.id}/reject`, { reason: '岗位已满' }, w.owner.token)
    // The rejection's text arrives; the shortlist's (inbox only then) never was queued before it.
    await vi.waitFor(() => expect(t.captured.sms.some((m) => m.phone === '13900000105' && m.text.includes('申请未通过'))).toBe(true))
    expect(texts()).toBe(2)
    expect(t.captured.sms.some((m) => m.phone === '13900000105' && m.text.includes('申请进入候选'))).toBe(false)
    expect((await listAuditOf(t.db, 'user', a.userId)).items).toHaveLength(2)
    expect((await call(t, 'PUT', '/api/me/preferences', { sms: 'always' }, a.token)).status).toBe(400)
  })
})
