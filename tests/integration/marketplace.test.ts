import { describe, expect, it, vi } from 'vitest'
import { createUser } from '../../functions/db/users.js'
import { listAuditOf } from '../../functions/db/audit.js'
import { getPost } from '../../functions/db/posts.js'
import { call, signIn, testApp } from '../support/app.js'
import { idNumber, marketWorld, seekerInput } from '../support/world.js'
import { targetProgress } from '../../functions/db/targets.js'

describe('seeker files (一人一档)', async () => {
  const t = await testApp()
  const w = await marketWorld(t)

  it('a seeker writes their own file: ID validated, gender and birth date derived, shown masked', async () => {
    const s = await signIn(t, '13900000001')
    expect((await call(t, 'GET', '/api/me/profile', undefined, s.token)).status).toBe(404)
    const bad = await call(t, 'PUT', '/api/me/profile', seekerInput({ idNumber: '411003198005061239' }), s.token)
    expect(bad.status).toBe(400)
    expect(bad.json.issues[0]).toMatchObject({ path: 'idNumber', message: '身份证号校验位不正确，请核对' })
    const id = idNumber('1980-05-06', 124)
    const r = await call(t, 'PUT', '/api/me/profile', seekerInput({ idNumber: id, returnee: { returnDate: '2026-02-01', reason: '工厂停工', previousWork: '苏州电子厂' } }), s.token)
    expect(r.status).toBe(201)
    expect(r.json).toMatchObject({ gender: 'female', birthDate: '1980-05-06', idNumberMasked: `4110**********${id.slice(-4)}`, phoneMasked: '139****0001', groups: ['returnee'], enteredBy: { onBehalf: false } })
    expect(r.text).not.toContain(id)
    const again = await call(t, 'PUT', '/api/me/profile', seekerInput({ idNumber: id, skills: ['焊工'] }), s.token)
    expect(again.status).toBe(200)
    expect(again.json.id).toBe(r.json.id)
    expect(again.json.skills).toEqual(['焊工'])
  })

  it('one file per ID number, even when two people enter it at once', async () => {
    const id = idNumber('1990-01-01', 555)
    const a = await signIn(t, '13900000002')
    const b = await signIn(t, '13900000003')
    const [ra, rb] = await Promise.all([
      call(t, 'PUT', '/api/me/profile', seekerInput({ idNumber: id }), a.token),
      call(t, 'PUT', '/api/me/profile', seekerInput({ idNumber: id }), b.token),
    ])
    expect([ra.status, rb.status].sort()).toEqual([201, 409])
    expect([ra, rb].find((r) => r.status === 409)!.json.code).toBe('seeker.duplicateIdNumber')
  })

  it('an officer creates a file on someone’s behalf, finds it by name, village and last four, and every reveal is audited', async () => {
    const id = idNumber('1958-07-08', 331)
    const created = await call(t, 'POST', '/api/seekers', seekerInput({ name: '王桂兰', idNumber: id, laborCapacity: 'weak', phone: '13700001111' }), w.officer.token)
    expect(created.status).toBe(201)
    expect(created.json.enteredBy).toMatchObject({ onBehalf: true, role: 'officer' })
    const byName = await call(t, 'GET', '/api/seekers?q=王桂兰', undefined, w.officer.token)
    expect(byName.json.items.map((s: { id: string }) => s.id)).toEqual([created.json.id])
    const byLast4 = await call(t, 'GET', `/api/seekers?idLast4=${id.slice(-4)}`, undefined, w.district.token)
    expect(byLast4.json.items.map((s: { id: string }) => s.id)).toContain(created.json.id)
    const byVillage = await call(t, 'GET', '/api/seekers?township=lingjing&village=lingjing-02', undefined, w.district.token)
    expect(byVillage.json.items.some((s: { id: string }) => s.id === created.json.id)).toBe(true)
    // Another township's officer neither finds nor opens it.
    expect((await call(t, 'GET', `/api/seekers?idLast4=${id.slice(-4)}`, undefined, w.otherOfficer.token)).json.items).toEqual([])
    expect((await call(t, 'GET', `/api/seekers/${created.json.id}`, undefined, w.otherOfficer.token)).status).toBe(404)
    expect((await call(t, 'POST', '/api/seekers', seekerInput({ idNumber: idNumber('1958-07-08', 332) }), w.otherOfficer.token)).status).toBe(403)

    const reveal = await call(t, 'POST', `/api/seekers/${created.json.id}/reveal-id`, undefined, w.officer.token)
    expect(reveal.json.idNumber).toBe(id)
    expect(reveal.headers.get('cache-control')).toBe('no-store')
    const audit = (await listAuditOf(t.db, 'seeker', created.json.id)).items
    expect(audit.map((e) => e.action)).toEqual(['idNumber.reveal', 'seeker.create'])
    expect(JSON.stringify(audit)).not.toContain(id)
  })
})

describe('workshops, posts and difficulties', async () => {
  const t = await testApp()
  const w = await marketWorld(t)

  it('a workshop publishes only once recognized; a rejection carries its reason', async () => {
    const owner2 = await createUser(t.db, t.deps.protector, { role: 'owner', name: '李老板', phone: '17700000011' })
    const s = await signIn(t, '17700000011')
    const ws = await call(t, 'POST', '/api/workshops', { name: '灵井服装加工车间', type: 'factory', township: 'lingjing', village: 'lingjing-03', address: '灵井镇 3 号' }, s.token)
    expect(ws.json).toMatchObject({ status: 'pending', ownerId: owner2.id })
    const early = await call(t, 'POST', '/api/posts', { kind: 'workshop', workshopId: ws.json.id, title: '缝纫工', township: 'lingjing', headcount: 2, wage: { amountFen: 300000, unit: 'month' } }, s.token)
    expect(early.status).toBe(403)
    expect(early.json.code).toBe('workshop.notRecognized')
    expect((await call(t, 'POST', `/api/workshops/${ws.json.id}/recognize`, { decision: 'rejected' }, w.officer.token)).status).toBe(400)
    const rej = await call(t, 'POST', `/api/workshops/${ws.json.id}/recognize`, { decision: 'rejected', reason: '吸纳脱贫人口不足 5 人' }, w.officer.token)
    expect(rej.json).toMatchObject({ status: 'rejected', rejectReason: '吸纳脱贫人口不足 5 人' })
  })

  it('a post moves draft → open → paused → open → closed; headcount never below filled', async () => {
    const p = await w.newPost({ publish: false })
    expect(p.status).toBe('draft')
    const patch = (body: unknown) => call(t, 'PATCH', `/api/posts/${p.id}`, body, w.owner.token)
    expect((await patch({ status: 'open' })).json.status).toBe('open')
    expect((await patch({ status: 'paused' })).json.status).toBe('paused')
    expect((await patch({ status: 'open', title: '发制品加工工（熟手）' })).json).toMatchObject({ status: 'open', title: '发制品加工工（熟手）' })
    expect((await patch({})).status).toBe(400)
    expect((await patch({ ageMin: 60, ageMax: 20 })).status).toBe(400)
    expect((await patch({ status: 'closed' })).json.status).toBe('closed')
    expect((await patch({ status: 'open' })).status).toBe(409)
  })

  it('officers publish public-welfare posts in their township only', async () => {
    const body = { kind: 'publicWelfare', title: '村级保洁员', township: 'lingjing', village: 'lingjing-04', headcount: 1, wage: { amountFen: 80000, unit: 'month' }, intensity: 'light', publish: true }
    expect((await call(t, 'POST', '/api/posts', body, w.officer.token)).status).toBe(201)
    expect((await call(t, 'POST', '/api/posts', body, w.otherOfficer.token)).status).toBe(403)
    expect((await call(t, 'POST', '/api/posts', body, w.owner.token)).status).toBe(403)
  })

  it('browse filters by text, skill, wage and distance, and sorts', async () => {
    await w.newPost({ title: '电工', skills: ['电工'], wage: { amountFen: 500000, unit: 'month' } })
    await w.newPost({ title: '包装工', description: '发制品包装', wage: { amountFen: 260000, unit: 'month' } })
    const text = await call(t, 'GET', '/api/posts?q=包装')
    expect(text.json.items.map((p: { title: string }) => p.title)).toContain('包装工')
    expect(text.json.items.every((p: { title: string; description: string }) => `${p.title}${p.description}`.includes('包装'))).toBe(true)
    const skill = await call(t, 'GET', '/api/posts?skill=电工')
    expect(skill.json.items.map((p: { title: string }) => p.title)).toEqual(['电工'])
    const wage = await call(t, 'GET', '/api/posts?minWageFen=400000&sort=wage')
    expect(wage.json.items.every((p: { wage: { amountFen: number } }) => p.wage.amountFen >= 400000)).toBe(true)
    const near = await call(t, 'GET', '/api/posts?near=lingjing-05&sort=distance&limit=50')
    const d = near.json.items.map((p: { distanceKm: number }) => p.distanceKm)
    expect(d.length).toBeGreaterThan(0)
    expect([...d].sort((a: number, b: number) => a - b)).toEqual(d)
    const far = await call(t, 'GET', '/api/posts?near=suqiao-01&maxKm=1')
    expect(far.json.items).toEqual([])
  })

  it('an owner reports a difficulty; the township officer closes it with a response', async () => {
    const d = await call(t, 'POST', `/api/workshops/${w.workshop.id}/difficulties`, { kind: 'orders', description: '外贸订单减少三成，需要对接新订单' }, w.owner.token)
    expect(d.status).toBe(201)
    const list = await call(t, 'GET', '/api/difficulties?status=open', undefined, w.officer.token)
    expect(list.json.items.map((x: { id: string }) => x.id)).toContain(d.json.id)
    expect((await call(t, 'GET', '/api/difficulties?township=lingjing', undefined, w.otherOfficer.token)).status).toBe(403)
    const closed = await call(t, 'POST', `/api/difficulties/${d.json.id}/close`, { response: '已对接区商务局外贸订单平台' }, w.officer.token)
    expect(closed.json).toMatchObject({ status: 'closed', response: '已对接区商务局外贸订单平台' })
    expect((await call(t, 'POST', `/api/difficulties/${d.json.id}/close`, { response: '再次' }, w.officer.token)).status).toBe(409)
    const mine = await call(t, 'GET', `/api/workshops/${w.workshop.id}/difficulties`, undefined, w.owner.token)
    expect(mine.json.items[0].status).toBe('closed')
  })
})

describe('applications and hiring', async () => {
  const t = await testApp()
  const w = await marketWorld(t)

  it('apply once (repeats are harmless), shortlist, reject with a reason, withdraw and apply again; every change reaches the inbox', async () => {
    const post = await w.newPost()
    const a = await w.newSeeker('13900000011')
    const first = await call(t, 'POST', `/api/posts/${post.id}/applications`, { note: '有三年经验' }, a.token)
    expect(first.status).toBe(201)
    const repeat = await call(t, 'POST', `/api/posts/${post.id}/applications`, {}, a.token)
    expect(repeat.status).toBe(200)
    expect(repeat.json.id).toBe(first.json.id)
    const list = await call(t, 'GET', `/api/posts/${post.id}/applications`, undefined, w.owner.token)
    expect(list.json.items).toHaveLength(1)
    expect(list.json.items[0].applicant.idNumberMasked).toContain('**********')
    expect((await call(t, 'POST', `/api/applications/${first.json.id}/shortlist`, undefined, w.owner.token)).json.status).toBe('shortlisted')
    expect((await call(t, 'POST', `/api/applications/${first.json.id}/withdraw`, undefined, a.token)).json.status).toBe('withdrawn')
    expect((await call(t, 'POST', `/api/posts/${post.id}/applications`, {}, a.token)).status).toBe(201)
    const rejected = await call(t, 'POST', `/api/applications/${first.json.id}/reject`, { reason: '暂不需要夜班' }, w.owner.token)
    expect(rejected.json).toMatchObject({ status: 'rejected', reason: '暂不需要夜班' })
    expect((await call(t, 'POST', `/api/posts/${post.id}/applications`, {}, a.token)).status).toBe(409)
    const mine = await call(t, 'GET', '/api/me/applications', undefined, a.token)
    expect(mine.json.items[0]).toMatchObject({ status: 'rejected' })
    const inbox = await call(t, 'GET', '/api/me/inbox', undefined, a.token)
    expect(inbox.json.items.map((m: { title: string }) => m.title)).toEqual(['申请未通过', '申请已提交', '申请已撤回', '申请进入候选', '申请已提交'])
    const read = await call(t, 'POST', `/api/me/inbox/${inbox.json.items[0].id}/read`, undefined, a.token)
    expect(read.status).toBe(200)
    // The text goes through the SMS outbox, sent by a job just after the request.
    await vi.waitFor(() => expect(t.captured.sms.some((m) => m.text.includes('申请未通过'))).toBe(true))
  })

  it('a seeker without a file is asked to fill it first; closed posts take no applications', async () => {
    const post = await w.newPost()
    const s = await signIn(t, '13900000012')
    const r = await call(t, 'POST', `/api/posts/${post.id}/applications`, {}, s.token)
    expect(r.status).toBe(409)
    expect(r.json.code).toBe('seeker.fileRequired')
    const a = await w.newSeeker('13900000013')
    await call(t, 'PATCH', `/api/posts/${post.id}`, { status: 'closed' }, w.owner.token)
    expect((await call(t, 'POST', `/api/posts/${post.id}/applications`, {}, a.token)).status).toBe(404)
  })

  it('hiring fills the post; ending a placement reopens it; the officer sees both', async () => {
    const post = await w.newPost({ headcount: 1 })
    const a = await w.newSeeker('13900000014')
    const b = await w.newSeeker('13900000015')
    const appA = (await call(t, 'POST', `/api/posts/${post.id}/applications`, {}, a.token)).json
    const appB = (await call(t, 'POST', `/api/posts/${post.id}/applications`, {}, b.token)).json
    const hired = await call(t, 'POST', `/api/applications/${appA.id}/hire`, { startDate: '2026-12-01' }, w.owner.token)
    expect(hired.status).toBe(200)
    expect(hired.json.placement).toMatchObject({ seekerId: a.seeker.id, status: 'active', startDate: '2026-12-01' })
    expect((await call(t, 'GET', `/api/posts/${post.id}`)).json).toMatchObject({ status: 'filled', filled: 1 })
    const full = await call(t, 'POST', `/api/applications/${appB.id}/hire`, { startDate: '2026-12-01' }, w.owner.token)
    expect(full.status).toBe(409)
    expect(full.json.code).toBe('post.full')
    const placements = await call(t, 'GET', '/api/placements?status=active', undefined, w.officer.token)
    expect(placements.json.items.map((p: { id: string }) => p.id)).toContain(hired.json.placement.id)
    const ended = await call(t, 'POST', `/api/placements/${hired.json.placement.id}/end`, { endDate: '2026-12-01', reason: '回乡照顾老人' }, w.officer.token)
    expect(ended.json).toMatchObject({ status: 'ended', endReason: '回乡照顾老人' })
    expect((await call(t, 'GET', `/api/posts/${post.id}`)).json).toMatchObject({ status: 'open', filled: 0 })
    expect((await call(t, 'POST', `/api/placements/${hired.json.placement.id}/end`, { endDate: '2026-12-01', reason: '重复' }, w.officer.token)).status).toBe(409)
    expect((await call(t, 'POST', `/api/applications/${appB.id}/hire`, { startDate: '2026-12-20' }, w.owner.token)).status).toBe(200)
    const inbox = await call(t, 'GET', '/api/me/inbox', undefined, a.token)
    expect(inbox.json.items[0].title).toBe('您已被录用')
  })

  it('a person counts once a year toward 务工就业, in the same transaction as the hire or placement that counts them', async () => {
    const employed = async () => (await targetProgress(t.db, 'employed', 2026)).total
    const before = await employed()
    const p = await w.newSeeker('13900000096')
    const [post1, post2] = [await w.newPost({ headcount: 2 }), await w.newPost({ headcount: 2, title: '包装工' })]
    const app1 = (await call(t, 'POST', `/api/posts/${post1.id}/applications`, {}, p.token)).json
    const app2 = (await call(t, 'POST', `/api/posts/${post2.id}/applications`, {}, p.token)).json
    const first = await call(t, 'POST', `/api/applications/${app1.id}/hire`, { startDate: '2026-06-01' }, w.owner.token)
    expect(first.status).toBe(200)
    expect(await employed()).toBe(before + 1)
    // A second job the same year (after the first ended: one full-time placement at a time), and a placement recorded outside the platform: both go through, neither counts again.
    expect((await call(t, 'POST', `/api/placements/${first.json.placement.id}/end`, { endDate: '2026-08-31', reason: '合同到期' }, w.officer.token)).status).toBe(200)
    const second = await call(t, 'POST', `/api/applications/${app2.id}/hire`, { startDate: '2026-09-01' }, w.owner.token)
    expect(second.status).toBe(200)
    expect((await call(t, 'POST', `/api/placements/${second.json.placement.id}/end`, { endDate: '2026-09-30', reason: '外出务工' }, w.officer.token)).status).toBe(200)
    const external = await call(t, 'POST', '/api/placements', { seekerId: p.seeker.id, title: '电子厂普工', kind: 'laborExport', employer: '昆山某电子有限公司', township: 'lingjing', destination: 'outOfProvince', startDate: '2026-10-01' }, w.officer.token)
    expect(external.status).toBe(201)
    expect(await employed()).toBe(before + 1)
  })

  it('fifty simultaneous hires on a post with headcount 5 make exactly 5 placements', async () => {
    const post = await w.newPost({ headcount: 5 })
    const apps: string[] = []
    for (let i = 0; i < 50; i++) {
      const s = await w.newSeeker(`1360000${String(i).padStart(4, '0')}`)
      apps.push((await call(t, 'POST', `/api/posts/${post.id}/applications`, {}, s.token)).json.id)
    }
    const results = await Promise.all(apps.map((id) => call(t, 'POST', `/api/applications/${id}/hire`, { startDate: '2026-12-01' }, w.owner.token)))
    expect(results.filter((r) => r.status === 200)).toHaveLength(5)
    expect(results.filter((r) => r.status === 409)).toHaveLength(45)
    const placed = await call(t, 'GET', `/api/placements?postId=${post.id}&limit=50`, undefined, w.owner.token)
    expect(placed.json.items).toHaveLength(5)
    expect(await getPost(t.db, post.id)).toMatchObject({ filled: 5, status: 'filled' })
  })

  it('an officer records an external placement (organised labor export)', async () => {
    const s = await w.newSeeker('13900000016')
    const r = await call(t, 'POST', '/api/placements', { seekerId: s.seeker.id, title: '电子厂普工', kind: 'laborExport', employer: '昆山某电子有限公司', township: 'lingjing', destination: 'outOfProvince', startDate: '2026-12-05' }, w.officer.token)
    expect(r.status).toBe(201)
    expect(r.json).toMatchObject({ source: 'external', destination: 'outOfProvince' })
    expect((await call(t, 'POST', '/api/placements', { seekerId: s.seeker.id, title: '普工', kind: 'laborExport', employer: '某厂', township: 'lingjing', destination: 'outOfProvince', startDate: '2026-12-05' }, w.otherOfficer.token)).status).toBe(404)
  })

  it('writes no ID number or phone number to the logs, whatever the requests carried', async () => {
    const all = t.captured.lines.join('\n')
    expect(t.captured.lines.length).toBeGreaterThan(100)
    expect(all).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)/)
    expect(all).not.toMatch(/(?<![0-9A-Z])[1-9]\d{16}[\dX](?![0-9A-Z])/)
  })
})
