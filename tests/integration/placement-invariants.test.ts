import { describe, expect, it } from 'vitest'
import { listAuditOf } from '../../functions/db/audit.js'
import { call, testApp } from '../support/app.js'
import { marketWorld } from '../support/world.js'

// Issue 10 part 2: one active full-time placement per person, one public-welfare post at a time,
// no out-of-county work beside a public-welfare post — held by uniqueness items in each transaction.
describe('placements that cannot coexist', async () => {
  const t = await testApp()
  const w = await marketWorld(t)
  const external = (seekerId: string, over: Record<string, unknown> = {}) =>
    call(t, 'POST', '/api/placements', { seekerId, title: '电子厂普工', kind: 'enterprise', employer: '许昌某电子有限公司', township: 'lingjing', destination: 'inCounty', startDate: '2026-11-05', ...over }, w.officer.token)
  const hire = async (token: string, postId: string, startDate = '2026-12-01') => {
    const app = (await call(t, 'POST', `/api/posts/${postId}/applications`, {}, token)).json
    return call(t, 'POST', `/api/applications/${app.id}/hire`, { startDate }, w.owner.token)
  }

  it('于国强 hired while in work elsewhere: 409 naming the first placement, in both languages; once it ends, the hire goes through', async () => {
    const p = await w.newSeeker('13900001001', { name: '于国强' })
    const first = await external(p.seeker.id)
    expect(first.status).toBe(201)
    const post = await w.newPost()
    const second = await hire(p.token, post.id)
    expect(second.status).toBe(409)
    expect(second.json).toMatchObject({ code: 'placement.alreadyActive' })
    expect(second.json.message).toContain('电子厂普工（许昌某电子有限公司），2026-11-05')
    expect(second.json.messageEn).toContain('电子厂普工 (许昌某电子有限公司), started 2026-11-05')
    // Nothing of the refused hire was written: the post's place is still free.
    expect((await call(t, 'GET', `/api/placements?postId=${post.id}`, undefined, w.owner.token)).json.items).toHaveLength(0)
    expect((await external(p.seeker.id, { title: '建筑工', startDate: '2026-11-20' })).status).toBe(409)
    expect((await call(t, 'POST', `/api/placements/${first.json.id}/end`, { endDate: '2026-11-30', reason: '合同到期' }, w.officer.token)).status).toBe(200)
    const app = (await call(t, 'GET', '/api/me/applications', undefined, p.token)).json.items[0]
    const again = await call(t, 'POST', `/api/applications/${app.id}/hire`, { startDate: '2026-12-01' }, w.owner.token)
    expect(again.status).toBe(200)
  })

  it('a public-welfare post beside full-time work in the county, but one post at a time and no work away until it ends', async () => {
    const p = await w.newSeeker('13900001002')
    const pw = await external(p.seeker.id, { kind: 'publicWelfare', title: '村级保洁员', employer: '灵井镇人民政府' })
    expect(pw.status).toBe(201)
    const two = await external(p.seeker.id, { kind: 'publicWelfare', title: '护林员', employer: '灵井镇人民政府' })
    expect(two.status).toBe(409)
    expect(two.json.code).toBe('placement.publicWelfareHeld')
    expect(two.json.message).toContain('村级保洁员')
    const away = await external(p.seeker.id, { kind: 'laborExport', destination: 'outOfProvince', employer: '昆山某电子有限公司' })
    expect(away.status).toBe(409)
    expect(away.json).toMatchObject({ code: 'placement.publicWelfareHolderAway' })
    expect(away.json.messageEn).toContain('村级保洁员')
    expect((await external(p.seeker.id, { destination: 'inCounty' })).status).toBe(201)
    expect((await call(t, 'POST', `/api/placements/${pw.json.id}/end`, { endDate: '2026-11-30', reason: '岗位期满' }, w.officer.token)).status).toBe(200)
    expect((await external(p.seeker.id, { kind: 'publicWelfare', title: '护林员', employer: '灵井镇人民政府', startDate: '2026-12-01' })).status).toBe(201)
  })

  it('ten simultaneous hires of one person on ten posts make exactly one placement', async () => {
    const p = await w.newSeeker('13900001003')
    const posts = await Promise.all(Array.from({ length: 10 }, (_, i) => w.newPost({ title: `岗位${i}` })))
    const apps = await Promise.all(posts.map(async (post) => (await call(t, 'POST', `/api/posts/${post.id}/applications`, {}, p.token)).json.id as string))
    const results = await Promise.all(apps.map((id) => call(t, 'POST', `/api/applications/${id}/hire`, { startDate: '2026-12-01' }, w.owner.token)))
    expect(results.filter((r) => r.status === 200)).toHaveLength(1)
    expect(results.filter((r) => r.status === 409)).toHaveLength(9)
    const placed = await Promise.all(posts.map(async (post) => (await call(t, 'GET', `/api/placements?postId=${post.id}`, undefined, w.owner.token)).json.items.length as number))
    expect(placed.reduce((a, b) => a + b, 0)).toBe(1)
  })

  it('no public-welfare post for someone working out of the county either: 409 naming the job away, in both languages', async () => {
    const p = await w.newSeeker('13900001004')
    const away = await external(p.seeker.id, { kind: 'laborExport', destination: 'outOfProvince', employer: '昆山某电子有限公司' })
    expect(away.status).toBe(201)
    const pw = await external(p.seeker.id, { kind: 'publicWelfare', title: '村级保洁员', employer: '灵井镇人民政府' })
    expect(pw.status).toBe(409)
    expect(pw.json).toMatchObject({ code: 'placement.awayHolderPublicWelfare' })
    expect(pw.json.message).toContain('电子厂普工（昆山某电子有限公司）')
    expect(pw.json.messageEn).toContain('works outside the county')
    // The same through a hire on a public-welfare post.
    const post = await call(t, 'POST', '/api/posts', { kind: 'publicWelfare', title: '村级保洁员', township: 'lingjing', village: 'lingjing-03', headcount: 1, wage: { amountFen: 50000, unit: 'month' }, publish: true }, w.officer.token)
    expect(post.status).toBe(201)
    const app = (await call(t, 'POST', `/api/posts/${post.json.id}/applications`, {}, p.token)).json
    const hired = await call(t, 'POST', `/api/applications/${app.id}/hire`, { startDate: '2026-12-01' }, w.officer.token)
    expect(hired.status).toBe(409)
    expect(hired.json.code).toBe('placement.awayHolderPublicWelfare')
  })

  it('two jobs at once in the past too: a new job starting inside an ended one of the same kind is refused on its start date', async () => {
    const p = await w.newSeeker('13900001005')
    const first = await external(p.seeker.id, { startDate: '2026-03-01' })
    expect((await call(t, 'POST', `/api/placements/${first.json.id}/end`, { endDate: '2026-10-31', reason: '合同到期' }, w.officer.token)).status).toBe(200)
    const inside = await external(p.seeker.id, { title: '建筑工', startDate: '2026-10-15' })
    expect(inside.status).toBe(400)
    expect(inside.json).toMatchObject({ code: 'placement.overlapsFullTime', issues: [{ path: 'startDate', code: 'placement.overlapsFullTime' }] })
    expect(inside.json.message).toContain('2026-03-01 至 2026-10-31')
    // The end day is the last day worked: the next job may start on it or after.
    expect((await external(p.seeker.id, { title: '建筑工', startDate: '2026-10-31' })).status).toBe(201)
  })
  it('a job that already ended is recorded ended beside a job held today: counted for its own year, no slot taken, refused only where it overlaps', async () => {
    const p = await w.newSeeker('13900001006')
    const today = await external(p.seeker.id, { startDate: '2026-06-01' })
    expect(today.status).toBe(201)
    const past = await external(p.seeker.id, { title: '服装厂缝纫工', employer: '郑州某服装厂', destination: 'outOfCityInProvince', startDate: '2025-03-01', endDate: '2025-04-20', endReason: '工厂停产' })
    expect(past.status, past.text).toBe(201)
    expect(past.json).toMatchObject({ status: 'ended', startDate: '2025-03-01', endDate: '2025-04-20', endReason: '工厂停产', source: 'external' })
    // One event: recorded ended, not recorded and then ended.
    const events = (await listAuditOf(t.db, 'placement', past.json.id)).items
    expect(events.map((e) => e.action)).toEqual(['placement.external'])
    expect(events[0]!.after).toMatchObject({ startDate: '2025-03-01', endDate: '2025-04-20', reason: '工厂停产' })
    // The job held today still holds its slot; the past one took none.
    const third = await external(p.seeker.id, { title: '建筑工', startDate: '2026-11-01' })
    expect(third.status).toBe(409)
    expect(third.json.message).toContain('2026-06-01')
    // Counted for 2025, where it was worked: 务工就业 and placed once, ended before 3 and 6 months.
    const board = (await call(t, 'GET', '/api/dashboard?year=2025', undefined, w.district.token)).json
    expect(board.targets.find((x: { metric: string }) => x.metric === 'employed').actual).toBe(1)
    expect(board.outcomes.total).toMatchObject({ placements: 1, retained3: { due: 1, kept: 0, rate: 0 }, retained6: { due: 1, kept: 0, rate: 0 } })
    // Overlapping the job held today (it runs on), or the ended one: refused on the start, nothing written.
    const intoToday = await external(p.seeker.id, { startDate: '2026-05-01', endDate: '2026-07-01', endReason: '合同到期' })
    expect(intoToday.status).toBe(400)
    expect(intoToday.json).toMatchObject({ code: 'placement.overlapsFullTime', issues: [{ path: 'startDate' }] })
    expect(intoToday.json.message).toContain('2026-06-01 至 今')
    expect((await external(p.seeker.id, { startDate: '2025-04-01', endDate: '2025-05-01', endReason: '合同到期' })).json.code).toBe('placement.overlapsFullTime')
    // An end before the start, in the future, or a reason without an end: refused by field.
    expect((await external(p.seeker.id, { startDate: '2024-05-01', endDate: '2024-04-01' })).json.issues[0].path).toBe('endDate')
    expect((await external(p.seeker.id, { startDate: '2024-05-01', endDate: '2099-01-01' })).json.issues[0].path).toBe('endDate')
    expect((await external(p.seeker.id, { startDate: '2024-05-01', endReason: '合同到期' })).json.issues[0].path).toBe('endDate')
    const all = (await call(t, 'GET', `/api/placements?township=lingjing&status=ended&limit=50`, undefined, w.officer.token)).json.items.filter((x: { seekerId: string }) => x.seekerId === p.seeker.id)
    expect(all.map((x: { startDate: string }) => x.startDate)).toEqual(['2025-03-01'])
    // Without a reason, the end is recorded with the default one.
    const quiet = await external(p.seeker.id, { startDate: '2024-01-10', endDate: '2024-02-10' })
    expect(quiet.json).toMatchObject({ status: 'ended', endReason: '登记时已结束' })
  })
})
