import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { TOWNSHIP_CODES } from '../../shared/geo.js'
import { createUser } from '../../functions/db/users.js'
import { DEMO_POLICY_2026 } from '../../functions/jobs/seed-data.js'
import { call, fetchExport, signIn, testApp } from '../support/app.js'
import { marketWorld } from '../support/world.js'

// Issue 12 parts 1 and 2: the officer's targets board and outcomes, from counters kept in the
// placements' and files' own transactions.
describe('targets board and outcomes', async () => {
  // People register in January and February; the board is read on 2026-12-01 (Beijing noon).
  let now = new Date('2026-01-05T04:00:00Z')
  const t = await testApp({ now: () => now })
  t.deps.config.sessionTtlSeconds = 400 * 86_400
  const w = await marketWorld(t)
  await createUser(t.db, t.deps.protector, { role: 'admin', name: '管理员', phone: '17700000020' })
  const admin = await signIn(t, '17700000020')
  expect((await call(t, 'PUT', '/api/policies/2026', { ...DEMO_POLICY_2026, expectedVersion: 0 }, admin.token)).status).toBe(201)
  const a = await w.newSeeker('13900004001', { name: '王公益' }) // alleviated, registered 2026-01-05
  now = new Date('2026-02-01T04:00:00Z')
  const b = await w.newSeeker('13900004002', { name: '李其他', category: 'other' }) // registered 2026-02-01
  now = new Date('2026-12-01T04:00:00Z')

  const board = async (token = w.district.token, query = 'year=2026') => {
    const r = await call(t, 'GET', `/api/dashboard?${query}`, undefined, token)
    expect(r.status, r.text).toBe(200)
    return r.json
  }
  const figure = (j: any, metric: string) => j.targets.find((x: { metric: string }) => x.metric === metric)
  const external = (seekerId: string, kind: string, startDate: string) =>
    call(t, 'POST', '/api/placements', { seekerId, title: kind === 'publicWelfare' ? '村级保洁员' : '电子厂普工', kind, employer: '灵井镇人民政府', township: 'lingjing', destination: 'inCounty', startDate }, w.officer.token)
  const names = async (query: string, token = w.district.token) => {
    const out: string[] = []
    let cursor: string | null = null
    do {
      const r = await call(t, 'GET', `/api/dashboard/people?${query}&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, undefined, token)
      expect(r.status, r.text).toBe(200)
      out.push(...r.json.items.map((i: { name: string }) => i.name))
      cursor = r.json.nextCursor
    } while (cursor)
    return out
  }

  it('an empty year: every township listed, the policy targets beside zero and last year', async () => {
    const j = await board()
    expect(j.townships).toEqual([...TOWNSHIP_CODES])
    expect(j.lastYear).toBe(2025)
    expect(figure(j, 'employed')).toMatchObject({ target: 5665, actual: 0, lastYear: 0, share: 0, targetKind: 'fixed' })
    expect(figure(j, 'certified')).toMatchObject({ target: 800, actual: 0 })
    expect(figure(j, 'publicWelfare')).toMatchObject({ target: 936, targetKind: 'atLeastLastYear' })
    expect(figure(j, 'workshop').byTownship).toHaveLength(17)
    expect(figure(j, 'workshop').byMonth.map((m: { month: string }) => m.month)).toEqual(['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'])
    // Both files say they want work.
    expect(j.outcomes.total).toMatchObject({ wanting: 2, placed: 0, placementRate: 0, placements: 0, medianDaysToFirstPlacement: null })
  })

  it('a placement counts its person once a year and target; ending and placing again does not count twice', async () => {
    const first = await external(a.seeker.id, 'publicWelfare', '2026-03-02')
    expect(first.status, first.text).toBe(201)
    let j = await board()
    expect(figure(j, 'publicWelfare').actual).toBe(1)
    expect(figure(j, 'publicWelfare').byMonth.find((m: { month: string }) => m.month === '03').actual).toBe(1)
    expect(figure(j, 'publicWelfare').byTownship.find((r: { township: string }) => r.township === 'lingjing').actual).toBe(1)
    expect(figure(j, 'employed').actual).toBe(1)

    // Ended after six weeks, then another public-welfare post in May: a second placement, the same person.
    expect((await call(t, 'POST', `/api/placements/${first.json.id}/end`, { endDate: '2026-04-15', reason: '岗位调整' }, w.officer.token)).status).toBe(200)
    expect((await external(a.seeker.id, 'publicWelfare', '2026-05-01')).status).toBe(201)
    // A second public-welfare post beside the first is refused, and counts nothing.
    expect((await external(a.seeker.id, 'publicWelfare', '2026-06-01')).status).toBe(409)
    j = await board()
    expect(figure(j, 'publicWelfare').actual).toBe(1)
    expect(figure(j, 'employed').actual).toBe(1)
    expect(j.outcomes.total).toMatchObject({ placed: 1, placements: 2, placementsPerPerson: 2 })
    // 2026-03-02 ended before 3 months; 2026-05-01 is still in work after 3 and 6 months.
    expect(j.outcomes.total.retained3).toEqual({ due: 2, kept: 1, rate: 0.5 })
    expect(j.outcomes.total.retained6).toEqual({ due: 2, kept: 1, rate: 0.5 })

    // A workshop hire: a's first workshop job of the year counts there; b (not alleviated) counts as placed only.
    const post = await w.newPost({ headcount: 3 })
    for (const [who, start] of [[a, '2026-11-20'], [b, '2026-11-20']] as const) {
      const app = await call(t, 'POST', `/api/posts/${post.id}/applications`, {}, who.token)
      expect(app.status, app.text).toBe(201)
      const hired = await call(t, 'POST', `/api/applications/${app.json.id}/hire`, { startDate: start }, w.owner.token)
      expect(hired.status, hired.text).toBe(200)
    }
    j = await board()
    expect(figure(j, 'workshop').actual).toBe(1)
    expect(figure(j, 'workshop').byMonth.find((m: { month: string }) => m.month === '11').actual).toBe(1)
    expect(figure(j, 'employed').actual).toBe(1)
    expect(j.outcomes.total).toMatchObject({ wanting: 2, placed: 2, placementRate: 1, placements: 4 })
    // a: 2026-01-05 → 2026-03-02 is 56 days; b: 2026-02-01 → 2026-11-20 is 292; the lower middle of two.
    expect(j.outcomes.total.medianDaysToFirstPlacement).toBe(56)
    const other = j.outcomes.byCategory.find((c: { category: string }) => c.category === 'other')
    expect(other).toMatchObject({ wanting: 1, placed: 1, placements: 1, medianDaysToFirstPlacement: 292 })
    expect(j.outcomes.byTownship.find((r: { township: string }) => r.township === 'lingjing')).toMatchObject({ placed: 2, placements: 4 })
  })

  it('a township officer sees their own township only; naming another is refused', async () => {
    const own = await board(w.officer.token)
    expect(own.townships).toEqual(['lingjing'])
    expect(figure(own, 'publicWelfare')).toMatchObject({ actual: 1, target: 0, targetKind: 'atLeastLastYear' })
    // The fixed targets are the district's: a township has none of its own.
    expect(figure(own, 'employed').target).toBeNull()
    const other = await board(w.otherOfficer.token)
    expect(other.townships).toEqual(['suqiao'])
    expect(figure(other, 'publicWelfare').actual).toBe(0)
    expect(other.outcomes.total.placed).toBe(0)
    expect((await call(t, 'GET', '/api/dashboard?township=lingjing', undefined, w.otherOfficer.token)).status).toBe(403)
    expect((await call(t, 'GET', '/api/dashboard/people?metric=placed&township=lingjing', undefined, w.otherOfficer.token)).status).toBe(403)
    expect(await names('metric=placed&year=2026', w.otherOfficer.token)).toEqual([])
    // The district officer's filter narrows to one township.
    expect((await board(w.district.token, 'year=2026&township=suqiao')).townships).toEqual(['suqiao'])
    expect((await call(t, 'GET', '/api/dashboard', undefined, w.owner.token)).status).toBe(403)
    expect((await call(t, 'GET', '/api/dashboard', undefined, a.token)).status).toBe(403)
  })

  it('the names behind a figure are as many as the figure, page after page, and by month', async () => {
    const j = await board()
    for (const metric of ['publicWelfare', 'workshop', 'employed', 'placed'] as const) {
      const figureOf = metric === 'placed' ? j.outcomes.total.placed : figure(j, metric).actual
      expect((await names(`metric=${metric}&year=2026`)).length, metric).toBe(figureOf)
    }
    expect((await names('metric=placed&year=2026')).sort()).toEqual(['李其他', '王公益'])
    expect(await names('metric=publicWelfare&year=2026&month=03')).toEqual(['王公益'])
    expect(await names('metric=publicWelfare&year=2026&month=05')).toEqual([])
    expect(await names('metric=workshop&year=2026&township=lingjing&month=11')).toEqual(['王公益'])
    expect(await names('metric=placed&year=2025')).toEqual([])
  })

  it('the .xlsx holds exactly the rows of the list', async () => {
    const listed = await call(t, 'GET', '/api/dashboard/people?metric=placed&year=2026&limit=50', undefined, w.district.token)
    const res = await fetchExport(t, '/api/dashboard/people.xlsx?metric=placed&year=2026', w.district.token)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('spreadsheetml')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer)
    const ws = wb.worksheets[0]!
    expect(String(ws.getCell(1, 1).value)).toBe('2026 年 已安置 名单（全区）')
    const rows: string[][] = []
    ws.eachRow((row, n) => {
      if (n > 2) rows.push([String(row.getCell(2).value), String(row.getCell(3).value), String(row.getCell(4).value)])
    })
    expect(rows).toEqual(listed.json.items.map((i: { name: string; month: string }) => [i.name, '灵井镇', `${Number(i.month)} 月`]))
    expect(rows).toHaveLength(2)
  })

  it('bad query parameters: 400 naming each field, in Chinese and English', async () => {
    const r = await call(t, 'GET', '/api/dashboard/people?metric=bogus&month=13&year=abc&township=nowhere', undefined, w.district.token)
    expect(r.status).toBe(400)
    const byPath = Object.fromEntries(r.json.issues.map((i: { path: string }) => [i.path, i]))
    expect(Object.keys(byPath).sort()).toEqual(['metric', 'month', 'township', 'year'])
    expect(byPath.month).toMatchObject({ message: '月份应为 01–12', messageEn: 'The month is 01–12' })
    expect(byPath.metric).toMatchObject({ message: '取值无效，可选：employed、certified、publicWelfare、workshop、placed', messageEn: 'Invalid value; one of: employed, certified, publicWelfare, workshop, placed' })
    const y = await call(t, 'GET', '/api/dashboard?year=1999', undefined, w.district.token)
    expect(y.status).toBe(400)
    expect(y.json.issues).toEqual([{ path: 'year', code: 'too_small', message: '不能小于 2000', messageEn: 'Must be at least 2000' }])
    expect((await call(t, 'GET', '/api/dashboard/people', undefined, w.district.token)).status).toBe(400)
  })

  it('a container keeps a board it read for the set seconds, then reads again; officers asking at once share one read', async () => {
    t.deps.config.boardCacheSeconds = 15
    let queries = 0
    const counting = (next: any) => async (args: any) => {
      if (args.input?.KeyConditionExpression && String(args.input.ExpressionAttributeValues?.[':pk'] ?? '').startsWith('BOARD#')) queries++
      return next(args)
    }
    t.db.doc.middlewareStack.add(counting, { step: 'initialize', name: 'countBoardQueries' })
    try {
      now = new Date('2026-12-01T04:00:00Z')
      const first = await board(w.district.token, 'year=2026&township=lingjing')
      expect(first.readAt).toBe('2026-12-01T04:00:00.000Z')
      const placedBefore = first.outcomes.total.placements
      const c = await w.newSeeker('13900004009', { name: '赵缓存' })
      expect((await external(c.seeker.id, 'enterprise', '2026-11-20')).status).toBe(201)
      // 10 s later: the kept board, its reading time unchanged; the names are live.
      now = new Date('2026-12-01T04:00:10Z')
      const kept = await board(w.district.token, 'year=2026&township=lingjing')
      expect(kept.readAt).toBe(first.readAt)
      expect(kept.outcomes.total.placements).toBe(placedBefore)
      expect(await names('metric=placed&year=2026&township=lingjing')).toContain('赵缓存')
      // 16 s after the read: read again, with the new placement.
      now = new Date('2026-12-01T04:00:16Z')
      queries = 0
      const all = await Promise.all(Array.from({ length: 5 }, () => board(w.district.token, 'year=2026&township=lingjing')))
      expect(all.map((j) => j.readAt)).toEqual(Array(5).fill('2026-12-01T04:00:16.000Z'))
      expect(all[0].outcomes.total.placements).toBe(placedBefore + 1)
      // 赵缓存's job began 11 days before he registered: placed, but not in the days-to-placement median (a's 56 alone).
      expect(all[0].outcomes.byCategory.find((c: { category: string }) => c.category === 'alleviated')).toMatchObject({ placed: 2, medianDaysToFirstPlacement: 56 })
      // One read for the five: this year's partition and last year's targets.
      expect(queries).toBe(2)
    } finally {
      t.db.doc.middlewareStack.remove('countBoardQueries')
      t.deps.config.boardCacheSeconds = 0
    }
  })
})
