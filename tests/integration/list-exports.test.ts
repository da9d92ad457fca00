/**
 * 导出 Excel of the officer's lists (issue 11 part 8): a job that reads the list with its own use
 * case and filters, as the officer who asked, and writes an .xlsx that opens; full IDs audited.
 */
import ExcelJS from 'exceljs'
import { beforeAll, describe, expect, it } from 'vitest'
import { listAuditOf } from '../../functions/db/audit.js'
import { newId } from '../../functions/db/ids.js'
import { call, testApp, type TestApp } from '../support/app.js'
import { idNumber, marketWorld, seekerInput } from '../support/world.js'

let t: TestApp
let w: Awaited<ReturnType<typeof marketWorld>>
const LINGJING = 55 // more than one page of 50: the job reads on with the list's cursor
const ids = new Map<string, string>() // name → full ID number

beforeAll(async () => {
  t = await testApp()
  w = await marketWorld(t)
  let seq = 400
  const add = async (name: string, township: string, village: string) => {
    const idNo = idNumber('1984-02-03', seq++)
    const s = await call(t, 'POST', '/api/seekers', seekerInput({ name, idNumber: idNo, township, village }), w.district.token)
    if (s.status !== 201) throw new Error(`seeker ${s.status} ${s.text}`)
    ids.set(name, idNo)
    return s.json.id as string
  }
  const lingjing: string[] = []
  for (let i = 0; i < LINGJING; i++) lingjing.push(await add(`灵井${String(i).padStart(2, '0')}`, 'lingjing', i < 5 ? 'lingjing-03' : 'lingjing-02'))
  const suqiao = await add('苏桥人', 'suqiao', 'suqiao-02')
  for (const [seekerId, township] of [[lingjing[0]!, 'lingjing'], [lingjing[1]!, 'lingjing'], [suqiao, 'suqiao']] as const) {
    const p = await call(t, 'POST', '/api/placements', { seekerId, title: '电子厂普工', kind: 'laborExport', employer: '昆山某电子有限公司', township, destination: 'outOfProvince', startDate: '2026-03-01' }, w.district.token)
    if (p.status !== 201) throw new Error(`placement ${p.status} ${p.text}`)
  }
  for (const [id, township] of [['LJ-1', 'lingjing'], ['SQ-1', 'suqiao']] as const) {
    const h = await call(t, 'POST', '/api/households', { id, township, village: `${township}-02`, headName: `${id}户主` }, w.district.token)
    if (h.status !== 201) throw new Error(`household ${h.status} ${h.text}`)
  }
})

async function done(id: string, token: string) {
  for (let i = 0; i < 400; i++) {
    const r = await call(t, 'GET', `/api/exports/${id}`, undefined, token)
    if (r.status !== 200) throw new Error(`export ${r.status} ${r.text}`)
    if (r.json.status === 'done' || r.json.status === 'failed') return r.json
    await new Promise((res) => setTimeout(res, 25))
  }
  throw new Error('export did not finish')
}

/** The file behind the link: title, headers and rows as text. */
async function readFile(url: string) {
  const res = await t.api.request(url)
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toContain('spreadsheetml')
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer)
  const ws = wb.worksheets[0]!
  const rows: Record<string, string>[] = []
  const headers = (ws.getRow(2).values as unknown[]).slice(1).map(String)
  ws.eachRow((row, n) => {
    if (n > 2) rows.push(Object.fromEntries(headers.map((h, i) => [h, String(row.getCell(i + 1).value ?? '')])))
  })
  return { title: String(ws.getCell(1, 1).value), headers, rows }
}

const exportOf = async (body: unknown, token: string) => {
  const r = await call(t, 'POST', '/api/exports', body, token)
  expect(r.status, r.text).toBe(202)
  return r.json.id as string
}

describe('list exports (导出 Excel)', () => {
  it('the township officer’s seekers: progress, then a file that opens with every row, masked', async () => {
    // Hold the renderer so the job's progress can be read before the file exists.
    const real = t.deps.exports
    let release!: () => void
    const held = new Promise<void>((r) => (release = r))
    t.deps.exports = { render: async (req) => (await held, real.render(req)) }
    try {
      const id = await exportOf({ list: 'seekers' }, w.officer.token)
      let seen: any
      for (let i = 0; i < 400; i++) {
        seen = (await call(t, 'GET', `/api/exports/${id}`, undefined, w.officer.token)).json
        if (seen.percent === 95) break
        await new Promise((res) => setTimeout(res, 25))
      }
      expect(seen).toMatchObject({ status: 'running', percent: 95, rows: LINGJING })
      expect(seen.link).toBeUndefined()
      release()
      const r = await done(id, w.officer.token)
      expect(r).toMatchObject({ status: 'done', percent: 100, rows: LINGJING, list: 'seekers', fullIds: false })
      expect(r.link.fileName).toBe(r.fileName)
      expect(r.fileName).toMatch(/^一人一档名单-灵井镇-\d{4}-\d{2}-\d{2}\.xlsx$/)
      const file = await readFile(r.link.url)
      expect(file.title).toMatch(/^一人一档名单（灵井镇，/)
      expect(file.headers.slice(0, 4)).toEqual(['序号', '姓名', '身份证号', '性别'])
      expect(file.rows).toHaveLength(LINGJING)
      expect(new Set(file.rows.map((x) => x['姓名']))).toEqual(new Set([...ids.keys()].filter((n) => n.startsWith('灵井'))))
      for (const row of file.rows) {
        expect(row['身份证号']).toMatch(/^\d{4}\*{10}[\dX]{4}$/)
        expect(row['乡镇']).toBe('灵井镇')
      }
    } finally {
      t.deps.exports = real
    }
  })

  it('filters are the list’s: a village, a name, a status', async () => {
    const village = await done(await exportOf({ list: 'seekers', filters: { village: 'lingjing-03' } }, w.district.token), w.district.token)
    const listed = await call(t, 'GET', '/api/seekers?village=lingjing-03&limit=50', undefined, w.district.token)
    expect(village.rows).toBe(5)
    expect((await readFile(village.link.url)).rows.map((x) => x['姓名']).sort()).toEqual(listed.json.items.map((s: { name: string }) => s.name).sort())
    // A name in the box: people search's answer, as the page lists it (灵井0 finds 灵井00…灵井09).
    const named = await done(await exportOf({ list: 'seekers', filters: { township: 'lingjing', q: '灵井0' } }, w.district.token), w.district.token)
    const found = await call(t, 'GET', `/api/seekers/search?township=lingjing&q=${encodeURIComponent('灵井0')}&limit=50`, undefined, w.district.token)
    expect(found.json.items.length).toBe(10)
    expect((await readFile(named.link.url)).rows.map((x) => x['姓名'])).toEqual(found.json.items.map((s: { name: string }) => s.name))
    const placements = await done(await exportOf({ list: 'placements', filters: { township: 'lingjing', status: 'active' } }, w.district.token), w.district.token)
    const file = await readFile(placements.link.url)
    expect(file.rows.map((x) => x['姓名']).sort()).toEqual(['灵井00', '灵井01'])
    expect(file.rows.every((x) => x['状态'] === '在岗' && /\*{10}/.test(x['身份证号']!))).toBe(true)
    const ended = await done(await exportOf({ list: 'placements', filters: { status: 'ended' } }, w.district.token), w.district.token)
    expect(ended.rows).toBe(0)
    const households = await done(await exportOf({ list: 'households' }, w.officer.token), w.officer.token)
    expect((await readFile(households.link.url)).rows.map((x) => [x['户编号'], x['户主姓名']])).toEqual([['LJ-1', 'LJ-1户主']])
  })

  it('scope: a township officer cannot export another township; the district officer reads the whole district', async () => {
    const r = await call(t, 'POST', '/api/exports', { list: 'seekers', filters: { township: 'suqiao' } }, w.officer.token)
    expect(r.status).toBe(403)
    expect((await call(t, 'POST', '/api/exports', { list: 'placements', filters: { township: 'lingjing' } }, w.otherOfficer.token)).status).toBe(403)
    // Without a township the suqiao officer's export is suqiao's alone.
    const own = await done(await exportOf({ list: 'placements' }, w.otherOfficer.token), w.otherOfficer.token)
    expect((await readFile(own.link.url)).rows.map((x) => x['姓名'])).toEqual(['苏桥人'])
    const all = await done(await exportOf({ list: 'placements' }, w.district.token), w.district.token)
    expect(all.rows).toBe(3)
    // A match run that does not exist (or is not theirs) is a 404 at once, not a failed job.
    expect((await call(t, 'POST', '/api/exports', { list: 'proposals', filters: { runId: newId() } }, w.officer.token)).status).toBe(404)
  })

  it('an export is its maker’s: another officer gets 404, seekers and owners 403', async () => {
    const id = await exportOf({ list: 'seekers', filters: { village: 'lingjing-03' } }, w.officer.token)
    await done(id, w.officer.token)
    expect((await call(t, 'GET', `/api/exports/${id}`, undefined, w.district.token)).status).toBe(404)
    expect((await call(t, 'GET', `/api/exports/${id}`, undefined, w.otherOfficer.token)).status).toBe(404)
    const mine = await call(t, 'GET', '/api/exports?limit=50', undefined, w.officer.token)
    expect(mine.json.items.map((e: { id: string }) => e.id)).toContain(id)
    expect(mine.json.items.every((e: { link?: unknown }) => e.link === undefined)).toBe(true)
    expect((await call(t, 'GET', '/api/exports?limit=50', undefined, w.district.token)).json.items.map((e: { id: string }) => e.id)).not.toContain(id)
    const seeker = await w.newSeeker('17700000099')
    expect((await call(t, 'POST', '/api/exports', { list: 'seekers' }, seeker.token)).status).toBe(403)
    expect((await call(t, 'POST', '/api/exports', { list: 'seekers' }, w.owner.token)).status).toBe(403)
    expect((await call(t, 'GET', `/api/exports/${id}`, undefined, w.owner.token)).status).toBe(403)
    expect((await call(t, 'POST', '/api/exports', { list: 'seekers' })).status).toBe(401)
  })

  it('full IDs: written in full, and audited like a reveal with the count and the filters', async () => {
    const filters = { village: 'lingjing-03' }
    const id = await exportOf({ list: 'seekers', filters, fullIds: true }, w.officer.token)
    const r = await done(id, w.officer.token)
    const file = await readFile(r.link.url)
    expect(file.title).toContain('含完整身份证号')
    expect(file.rows).toHaveLength(5)
    for (const row of file.rows) expect(row['身份证号']).toBe(ids.get(row['姓名']!))
    const audit = (await listAuditOf(t.db, 'export', id)).items
    const officerId = audit[0]?.actorId
    expect(audit.map((e) => e.action).sort()).toEqual(['export.create', 'idNumber.reveal'])
    expect(audit.find((e) => e.action === 'idNumber.reveal')).toMatchObject({ actorId: officerId, actorRole: 'officer', after: { list: 'seekers', filters, rows: 5 } })
    expect(audit.find((e) => e.action === 'export.create')).toMatchObject({ after: { list: 'seekers', filters, fullIds: true } })
    // Each person's own trail records the reveal, as one file's reveal does (POST /api/seekers/:id/reveal-id).
    const listed = await call(t, 'GET', '/api/seekers?village=lingjing-03&limit=50', undefined, w.officer.token)
    expect(listed.json.items).toHaveLength(5)
    for (const s of listed.json.items as { id: string }[]) {
      const trail = (await listAuditOf(t.db, 'seeker', s.id)).items.filter((e) => e.action === 'idNumber.reveal')
      expect(trail).toEqual([expect.objectContaining({ objectType: 'seeker', objectId: s.id, actorId: officerId, actorRole: 'officer', after: { exportId: id, list: 'seekers' } })])
    }
    const single = await call(t, 'POST', `/api/seekers/${listed.json.items[0].id}/reveal-id`, undefined, w.officer.token)
    expect(single.status).toBe(200)
    const both = (await listAuditOf(t.db, 'seeker', listed.json.items[0].id)).items.filter((e) => e.action === 'idNumber.reveal')
    expect(both.map((e) => [e.objectType, e.actorId, e.actorRole])).toEqual([['seeker', officerId, 'officer'], ['seeker', officerId, 'officer']])
    // Placements carry the people's full IDs too; a masked export reveals nothing.
    const p = await done(await exportOf({ list: 'placements', filters: { township: 'lingjing' }, fullIds: true }, w.officer.token), w.officer.token)
    expect((await readFile(p.link.url)).rows.map((x) => x['身份证号']).sort()).toEqual([ids.get('灵井00'), ids.get('灵井01')].sort())
    const masked = await exportOf({ list: 'placements' }, w.officer.token)
    await done(masked, w.officer.token)
    expect((await listAuditOf(t.db, 'export', masked)).items.map((e) => e.action)).toEqual(['export.create'])
  })

  it('bad requests: 400 naming each field, in Chinese and English', async () => {
    const r = await call(t, 'POST', '/api/exports', { list: 'seekers', filters: { township: 'nowhere', idLast4: '12', colour: 'red' } }, w.officer.token)
    expect(r.status).toBe(400)
    const paths = r.json.issues.map((i: { path: string }) => i.path).sort()
    expect(paths).toEqual(['filters', 'filters.idLast4', 'filters.township'])
    expect(r.json.issues.find((i: { path: string }) => i.path === 'filters')).toMatchObject({ messageEn: 'Unrecognized key: "colour"' })
    expect(r.json.issues.find((i: { path: string }) => i.path === 'filters.township')).toMatchObject({ message: expect.stringMatching(/^取值无效/), messageEn: expect.stringMatching(/^Invalid value/) })
    expect(r.json.issues.every((i: { message: string; messageEn: string }) => i.message && i.messageEn)).toBe(true)
    const h = await call(t, 'POST', '/api/exports', { list: 'households', fullIds: true }, w.officer.token)
    expect(h.status).toBe(400)
    expect(h.json.issues).toEqual([expect.objectContaining({ path: 'fullIds', message: '户清单不含身份证号', messageEn: 'The household list holds no ID numbers' })])
    const mixed = await call(t, 'POST', '/api/exports', { list: 'seekers', filters: { q: '灵井', idleDays: 30 } }, w.officer.token)
    expect(mixed.status).toBe(400)
    expect(mixed.json.issues).toEqual([expect.objectContaining({ path: 'filters.q', messageEn: expect.stringMatching(/cannot be combined/) })])
    const short = await call(t, 'POST', '/api/exports', { list: 'seekers', filters: { q: 'l' } }, w.officer.token)
    expect(short.status).toBe(400)
    expect(short.json.issues[0]).toMatchObject({ path: 'filters.q', message: expect.stringContaining('拼音'), messageEn: expect.stringContaining('pinyin') })
    expect((await call(t, 'POST', '/api/exports', 'not json', w.officer.token)).status).toBe(400)
    const list = await call(t, 'POST', '/api/exports', { list: 'everything' }, w.officer.token)
    expect(list.status).toBe(400)
    expect(list.json.issues[0]).toMatchObject({ path: 'list' })
    expect((await call(t, 'POST', '/api/exports', { list: 'proposals' }, w.officer.token)).status).toBe(400)
    expect((await call(t, 'GET', '/api/exports/not-an-id', undefined, w.officer.token)).status).toBe(400)
  })
})
