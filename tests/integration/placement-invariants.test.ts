import { describe, expect, it } from 'vitest'
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
})
