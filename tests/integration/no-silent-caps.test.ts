/**
 * No silent caps (issue 17), at the district's real size on DynamoDB Local: reads that need all of
 * something read all of it, past the old limits (1,000 active placements of a township in a match
 * run, 100 placements of a person and 100 posts of a workshop in the eligibility facts), and the
 * lists that used to stop (search by name, the ledger, an owner's posts, a workshop's reports, the
 * township's trainings) page to the end, each item once; the .xlsx files hold every row.
 */
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { seekerFacts, workshopFacts } from '../../functions/core/subsidy-facts.js'
import { getSeeker } from '../../functions/db/seekers.js'
import { getWorkshop } from '../../functions/db/workshops.js'
import { batchPut } from '../../functions/db/batch.js'
import { newId } from '../../functions/db/ids.js'
import { claimIndexKeys, claimKey } from '../../functions/db/keys.js'
import { call, type TestApp, fetchExport } from '../support/app.js'
import { bulkPlacements, bulkSeekers, bulkWorkshopPosts } from '../support/bulk.js'
import { subsidyWorld } from '../support/world.js'

/** Every item of a list route, page by page; fails on a repeated id. */
async function everyPage(t: TestApp, path: string, token: string, key: (x: any) => string = (x) => x.id): Promise<any[]> {
  const all: any[] = []
  let cursor: string | null = null
  for (let pages = 0; pages < 200; pages++) {
    const sep = path.includes('?') ? '&' : '?'
    const r: Awaited<ReturnType<typeof call>> = await call(t, 'GET', `${path}${sep}limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, undefined, token)
    expect(r.status, `${path}: ${r.text.slice(0, 200)}`).toBe(200)
    all.push(...r.json.items)
    cursor = r.json.nextCursor
    if (!cursor) break
  }
  expect(cursor, `${path} ended`).toBeNull()
  expect(new Set(all.map(key)).size, `${path}: each item once`).toBe(all.length)
  return all
}

describe('no silent caps', async () => {
  const { t, w, auditor } = await subsidyWorld()

  it('a match run knows all 1,200 people in work in one township (the old read stopped at 1,000)', async () => {
    const placed = await bulkSeekers(t, 1200, { township: 'suqiao', village: 'suqiao-01', from: 0 })
    await bulkPlacements(t, placed)
    // A control group with no job: the post does take people like these, so "not proposed" means "known to be in work".
    const free = await bulkSeekers(t, 5, { township: 'suqiao', village: 'suqiao-01', from: 1200 })
    const post = await call(t, 'POST', '/api/posts', { kind: 'enterprise', title: '食品厂包装工', township: 'suqiao', headcount: 500, wage: { amountFen: 320000, unit: 'month' }, employer: '许昌某食品有限公司', publish: true }, w.district.token)
    expect(post.status, post.text).toBe(201)

    const run = await call(t, 'POST', '/api/match-runs', { township: 'suqiao', kinds: ['enterprise'] }, w.district.token)
    expect(run.status, run.text).toBe(202)
    let done: any
    for (let i = 0; i < 300 && !['done', 'failed'].includes(done?.status); i++) {
      await new Promise((r) => setTimeout(r, 50))
      done = (await call(t, 'GET', `/api/match-runs/${run.json.id}`, undefined, w.district.token)).json
    }
    expect(done.status, done.error).toBe('done')
    const proposals = await everyPage(t, `/api/match-runs/${run.json.id}/proposals`, w.district.token, (p) => p.seekerId)
    const inWork = new Set(placed.map((s) => s.id))
    expect(proposals.filter((p) => inWork.has(p.seekerId))).toHaveLength(1200)
    expect(proposals.filter((p) => inWork.has(p.seekerId) && p.postId), 'people in work proposed a job').toEqual([])
    // Unplaced for want of an eligible post, which their job is (the control group below was placed on that post).
    expect(proposals.filter((p) => inWork.has(p.seekerId) && !p.reasons.some((r: { code: string }) => r.code === 'unplaced.noEligiblePost')).map((p) => p.seekerId)).toEqual([])
    expect(proposals.filter((p) => free.some((s) => s.id === p.seekerId) && p.postId === post.json.id)).toHaveLength(5)
  }, 60_000)

  it('eligibility reads all 150 placements of a person and the placements of all 150 posts of a workshop (the old reads stopped at 100)', async () => {
    const [person] = await bulkSeekers(t, 1, { from: 1300 })
    // 150 ended jobs, the earliest (beyond the first 100 of a newest-first read) marked to be found.
    const jobs = await bulkPlacements(t, Array.from({ length: 150 }, () => ({ id: person!.id, name: person!.name, township: 'lingjing' })), { status: 'ended', endDate: '2025-12-31' })
    const facts = await seekerFacts(t.db, (await getSeeker(t.db, person!.id))!)
    expect(facts.placements.map((p) => p.id).sort()).toEqual(jobs.map((p) => p.id).sort())

    const ws = (await getWorkshop(t.db, w.workshop.id))!
    const posts = await bulkWorkshopPosts(t, ws, w.owner.user.id, 150)
    // One placement on the oldest post: a newest-first read of 100 posts never reaches it.
    const [kept] = await bulkPlacements(t, [{ id: person!.id, name: person!.name, township: 'lingjing' }], { postId: posts[0]!.id, workshopId: ws.id, kind: 'workshop', source: 'platform', status: 'ended', endDate: '2025-12-31' })
    const reward = await workshopFacts(t.db, ws)
    expect(reward.workshopPlacements?.map((p) => p.id)).toContain(kept!.id)
  })

  it('search by name pages past 100 people of the same name', async () => {
    const namesakes = await bulkSeekers(t, 130, { township: 'lingjing', village: 'lingjing-03', name: '王秀英', from: 1400 })
    const found = await everyPage(t, `/api/seekers?q=${encodeURIComponent('王秀英')}`, w.officer.token)
    expect(found.map((s) => s.id).sort()).toEqual(namesakes.map((s) => s.id).sort())
    // Narrowed to a village the page is filled although the filter runs after the read.
    const one = await call(t, 'GET', `/api/seekers?q=${encodeURIComponent('王秀英')}&village=lingjing-03&limit=7`, undefined, w.officer.token)
    expect(one.json.items).toHaveLength(7)
    expect(one.json.nextCursor).toEqual(expect.any(String))
  })

  it('the ledger pages every row of the year, its totals add them all, and the .xlsx holds every one', async () => {
    const base = { kind: 'transport', year: 2026, subjectType: 'seeker', township: 'lingjing', amountFen: 80_000, makerId: 'bulk', rules: [], policyVersion: 1, createdAt: '2026-06-01T00:00:00.000Z', updatedAt: '2026-06-01T00:00:00.000Z', status: 'draft' }
    const claims = Array.from({ length: 130 }, (_, i) => ({ ...base, id: newId(), period: '2026', subjectId: newId(), subjectName: `台账${i}`, ...(i % 3 === 0 ? { status: 'approved' } : {}) }))
    await batchPut(t.db, claims.map((c) => ({ ...claimKey(c.id), entity: 'claim', ...claimIndexKeys(c), ...c })))
    const rows = await everyPage(t, '/api/ledger?year=2026', auditor.token)
    expect(rows.length).toBeGreaterThanOrEqual(130)
    const totals = (await call(t, 'GET', '/api/ledger/totals?year=2026', undefined, auditor.token)).json
    expect(totals.count).toBe(rows.length)
    expect(totals.totalFen).toBe(rows.reduce((s, r) => s + r.amountFen, 0))
    // Filtered by status without a kind: the filter runs after the read, and no row is lost.
    const approved = await everyPage(t, '/api/ledger?year=2026&status=approved&township=lingjing', auditor.token)
    expect(approved.filter((r) => r.makerId === 'bulk')).toHaveLength(44)

    const file = await fetchExport(t, '/api/ledger.xlsx?year=2026', auditor.token)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.from(await file.arrayBuffer()) as unknown as ArrayBuffer)
    // A title row, a header row, the rows, a total row.
    expect(wb.worksheets[0]!.rowCount).toBe(rows.length + 3)
  })

  it('an owner’s posts page across their workshops, newest first, each once', async () => {
    const second = await call(t, 'POST', '/api/workshops', { name: '灵井第二帮扶车间', type: 'factory', township: 'lingjing', village: 'lingjing-02', address: '灵井镇 9 号' }, w.owner.token)
    expect((await call(t, 'POST', `/api/workshops/${second.json.id}/recognize`, { decision: 'recognized' }, w.officer.token)).status).toBe(200)
    for (let i = 0; i < 4; i++) await w.newPost({ title: `第二车间岗位 ${i}`, workshopId: second.json.id })
    const mine = await everyPage(t, '/api/me/posts', w.owner.token)
    // The first workshop's 150 bulk posts and its earlier ones, and the second's 4.
    expect(mine.filter((p) => p.workshopId === second.json.id)).toHaveLength(4)
    expect(mine.length).toBeGreaterThan(150)
    const order = mine.map((p) => `${p.createdAt}#${p.id}`)
    expect(order).toEqual([...order].sort().reverse())
    const small = await call(t, 'GET', '/api/me/posts?limit=3', undefined, w.owner.token)
    expect(small.json.items).toHaveLength(3)
    expect(small.json.items.map((p: { id: string }) => p.id)).toEqual(mine.slice(0, 3).map((p) => p.id))
  })

  it('a workshop’s reports and the township’s trainings page to the end; the training ledger .xlsx holds every row', async () => {
    for (let i = 0; i < 3; i++) expect((await call(t, 'POST', `/api/workshops/${w.workshop.id}/difficulties`, { kind: 'logistics', description: `物流成本上涨 ${i}` }, w.owner.token)).status).toBe(201)
    const first = await call(t, 'GET', `/api/workshops/${w.workshop.id}/difficulties?limit=2`, undefined, w.owner.token)
    expect(first.json.items).toHaveLength(2)
    expect(first.json.nextCursor).toEqual(expect.any(String))
    expect(await everyPage(t, `/api/workshops/${w.workshop.id}/difficulties`, w.owner.token)).toHaveLength(3)

    const person = await w.newSeeker('13900000177', { name: '培训人' })
    for (let i = 0; i < 55; i++) {
      const r = await call(t, 'POST', '/api/trainings', { seekerId: person.seeker.id, course: `电工培训 ${i}`, provider: '许昌职业技术学院', startDate: '2026-06-01', endDate: '2026-06-20', hours: 10, result: 'passed' }, w.officer.token)
      expect(r.status, r.text).toBe(201)
    }
    const listed = await everyPage(t, '/api/trainings?township=lingjing', w.officer.token)
    expect(listed.filter((x) => x.seekerId === person.seeker.id)).toHaveLength(55)
    expect(listed.every((x) => x.township === 'lingjing' && x.seekerName)).toBe(true)
    // A township officer lists only their own township (403 naming another); a district officer naming none pages the whole district (全区).
    expect((await call(t, 'GET', '/api/trainings?township=suqiao', undefined, w.officer.token)).status).toBe(403)
    expect((await everyPage(t, '/api/trainings', w.district.token)).filter((x) => x.seekerId === person.seeker.id)).toHaveLength(55)
    // The .xlsx stays a township's ledger: a district officer names the township.
    expect((await call(t, 'GET', '/api/trainings.xlsx', undefined, w.district.token)).json.code).toBe('training.townshipRequired')
    expect((await call(t, 'GET', '/api/trainings?township=nowhere', undefined, w.district.token)).json.issues.map((i: { path: string }) => i.path)).toContain('township')

    const file = await fetchExport(t, '/api/trainings.xlsx?township=lingjing', w.officer.token)
    expect(file.status).toBe(200)
    expect(file.headers.get('content-disposition')).toContain('trainings-lingjing.xlsx')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.from(await file.arrayBuffer()) as unknown as ArrayBuffer)
    const sheet = wb.worksheets[0]!
    expect(sheet.rowCount).toBe(listed.length + 3)
    expect(sheet.getRow(2).getCell(4).value).toBe('身份证号')
    expect(JSON.stringify(sheet.getSheetValues())).not.toMatch(/411003\d{11}[\dX]/)
  }, 60_000)
})
