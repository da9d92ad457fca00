/**
 * Issue 11, "Done when": a generated 2,000-row roster with title rows above its header, 5 % bad
 * rows of every kind and mixed households. Dry run → exactly the expected counts; commit → the
 * files exist with their households; the same file again → nothing changes; the error report, read
 * back by an independent reader (SheetJS, not the exceljs that wrote it), has one line per bad row
 * with its reason.
 */
import * as XLSX from '@e965/xlsx'
import { describe, expect, it } from 'vitest'
import { eachLimit } from '../../shared/each-limit.js'
import { householdIdOf } from '../../functions/core/imports.js'
import { seekerIdOfIdNumber } from '../../functions/db/seekers.js'
import { call, fetchExport, testApp } from '../support/app.js'
import { generateRoster, type BadKind } from '../support/big-roster.js'
import { finished, rosterCsv, rosterXlsx, upload } from '../support/roster.js'
import { marketWorld } from '../support/world.js'

/** What the error file's reason column says for each kind of bad row (the zh-CN reasons). */
const REASON: Record<BadKind, RegExp> = {
  excelNumber: /证件号码：身份证号已被 Excel/,
  excelScientific: /证件号码：身份证号已被 Excel/,
  badDate: /风险消除时间：日期/,
  unknownVillage: /行政村：灵井镇没有名为“(不存在村|新建村)”的村/,
  repeated: /证件号码：身份证号与第 \d+ 行重复/,
}

describe('a generated 2,000-row roster (一户一档)', { timeout: 120_000 }, async () => {
  const t = await testApp({ now: () => new Date('2026-06-01T04:00:00Z') })
  const w = await marketWorld(t)
  const g = generateRoster(2000)
  const file = await rosterXlsx(g.rows)
  const good = g.households.flatMap((h) => h.members)
  const run = async (q: string) => {
    const u = await upload(t, w.officer.token, file, q, 'jianan-lingjing-2000.xlsx')
    expect(u.status).toBe(202)
    return finished(t, u.json.id, w.officer.token, 1200)
  }

  it('is what it says: 2,000 rows, 100 bad (20 of each kind), 10 alike, households of one to five', () => {
    expect(g.rows).toHaveLength(2000)
    expect(g.bad.size).toBe(100)
    for (const k of ['excelNumber', 'excelScientific', 'badDate', 'unknownVillage', 'repeated']) expect([...g.bad.values()].filter((v) => v === k)).toHaveLength(20)
    expect(good).toHaveLength(1890)
    expect(new Set(g.households.map((h) => h.members.length))).toEqual(new Set([1, 2, 3, 4, 5]))
    expect(g.rows.filter((r) => typeof r[2] === 'string' && /^\d{15}$/.test(r[2])).length).toBeGreaterThan(20)
  })

  let dryId = ''
  it('a dry run gives exactly the expected counts and writes nobody', async () => {
    const r = await run('kind=people&dryRun=true')
    dryId = r.id
    expect(r).toMatchObject({ status: 'done', headerRow: 4, rows: 2000, valid: 1900, invalid: 100, created: 1890, updated: 0, unchanged: 0, toReview: 10, households: g.households.length, hasErrorFile: true })
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name)
    expect([...r.unknownPlaces].sort(byName)).toEqual([{ column: '行政村', name: '不存在村', rows: 10 }, { column: '行政村', name: '新建村', rows: 10 }].sort(byName))
    expect(await seekerIdOfIdNumber(t.db, t.deps.protector, good[0]!.idNumber)).toBeUndefined()
  })

  it('the commit writes every valid file in its household, the alike rows held for review', async () => {
    const c = await call(t, 'POST', `/api/imports/${dryId}/commit`, undefined, w.officer.token)
    expect(c.status).toBe(202)
    const r = await finished(t, c.json.id, w.officer.token, 1200)
    expect(r).toMatchObject({ status: 'done', rows: 2000, valid: 1900, invalid: 100, created: 1890, updated: 0, unchanged: 0, toReview: 10, households: g.households.length })
    // Every valid person has a file (found by their ID number), none of the alike rows does.
    const ids = new Map<string, string | undefined>()
    await eachLimit([...good, ...g.alike], 16, async (p) => {
      ids.set(p.idNumber, await seekerIdOfIdNumber(t.db, t.deps.protector, p.idNumber))
    })
    expect(good.filter((p) => !ids.get(p.idNumber))).toEqual([])
    expect(g.alike.filter((p) => ids.get(p.idNumber))).toEqual([])
    // Every household is registered with its head and its members counted.
    const listed = new Map<string, { headName: string; memberCount: number; village: string }>()
    let cursor: string | null = null
    do {
      const page: any = (await call(t, 'GET', `/api/households?township=lingjing&limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, undefined, w.officer.token)).json
      for (const h of page.items) listed.set(h.id, h)
      cursor = page.nextCursor
    } while (cursor)
    const wanted = g.households.map((h) => ({ id: householdIdOf(t.deps, { householderId: h.householderId })!, headName: h.headName, memberCount: h.members.length, village: h.village }))
    expect(wanted.map((h) => ({ id: h.id, ...pickShown(listed.get(h.id)) }))).toEqual(wanted)
    // A household's page holds its members, and each member's file names it.
    for (const h of g.households.filter((x) => x.members.length >= 4).slice(0, 5)) {
      const id = householdIdOf(t.deps, { householderId: h.householderId })!
      const detail = (await call(t, 'GET', `/api/households/${id}`, undefined, w.officer.token)).json
      expect(detail.members.map((m: any) => m.name).sort()).toEqual(h.members.map((m) => m.name).sort())
      const file = (await call(t, 'GET', `/api/seekers/${ids.get(h.members[1]!.idNumber)}`, undefined, w.officer.token)).json
      expect(file.householdId).toBe(id)
    }
    const reviews = (await call(t, 'GET', '/api/imports/review?limit=50', undefined, w.officer.token)).json.items.filter((x: any) => x.importId === r.id)
    expect(reviews.map((x: any) => x.name).sort()).toEqual(g.alike.map((p) => p.name).sort())
    expect(reviews.every((x: any) => x.kind === 'nearDuplicate')).toBe(true)
  })

  let againId = ''
  it('the same file again changes nothing', async () => {
    const r = await run('kind=people&dryRun=false')
    againId = r.id
    // The alike rows still wait for an officer: counted, but held no second time.
    expect(r).toMatchObject({ status: 'done', rows: 2000, valid: 1900, invalid: 100, created: 0, updated: 0, unchanged: 1890, toReview: 10, households: 0 })
    const reviews = (await call(t, 'GET', '/api/imports/review?limit=50', undefined, w.officer.token)).json.items
    expect(reviews.filter((x: any) => x.importId === r.id)).toEqual([])
    expect(reviews.filter((x: any) => g.alike.some((p) => p.name === x.name))).toHaveLength(10)
  })

  it('the error report, read by another reader, has one line per bad row with its reason', async () => {
    const res = await fetchExport(t, `/api/imports/${againId}/errors.xlsx`, w.officer.token)
    expect(res.status).toBe(200)
    const wb = XLSX.read(new Uint8Array(await res.arrayBuffer()), { type: 'array' })
    const grid = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0]!]!, { header: 1, raw: false, defval: '' })
    const header = grid.findIndex((r) => r[1] === '姓名')
    expect(grid[header]!.at(-1)).toBe('错误原因')
    const lines = grid.slice(header + 1).filter((r) => r.some((c) => c !== ''))
    expect(lines).toHaveLength(100)
    const seen = new Map<string, string>(lines.map((l) => [String(l[1]), String(l.at(-1))]))
    expect(seen.size).toBe(100)
    for (const [name, kind] of g.bad) expect({ name, reason: seen.get(name) }).toEqual({ name, reason: expect.stringMatching(REASON[kind]) })
    // The destroyed IDs come back as the file had them, to be fixed at the source.
    const sci = lines.filter((l) => /E\+17$/.test(String(l[2])))
    expect(sci).toHaveLength(20)
  })
})

describe('a sheet of 10,000 bad rows', { timeout: 120_000 }, async () => {
  const t = await testApp({ now: () => new Date('2026-06-01T04:00:00Z') })
  const w = await marketWorld(t)

  it('still gives its report: the counts, the first errors, and an error file with every row', async () => {
    const lines = Array.from({ length: 10_000 }, (_, i) => [i + 1, `错行${String.fromCharCode(0x4e00 + (i % 500))}${String.fromCharCode(0x4e00 + Math.floor(i / 500))}`, `41100319800101${String(i).padStart(4, '0')}`.slice(0, 17), null, '户主', '脱贫户', '否', null, '普通劳动力', '初中', null, '灵井镇', '马庄村'] as (string | number | null)[])
    const u = await upload(t, w.officer.token, new TextEncoder().encode(rosterCsv(lines)), 'kind=people&dryRun=true', 'bad.csv')
    const r = await finished(t, u.json.id, w.officer.token, 1200)
    expect(r).toMatchObject({ status: 'done', rows: 10_000, valid: 0, invalid: 10_000, created: 0, hasErrorFile: true })
    expect(r.errors).toHaveLength(50)
    expect(r.errors[0]).toMatchObject({ row: 2, code: 'import.idNumber.format' })
    const res = await fetchExport(t, `/api/imports/${r.id}/errors.xlsx`, w.officer.token)
    const wb = XLSX.read(new Uint8Array(await res.arrayBuffer()), { type: 'array' })
    const grid = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0]!]!, { header: 1, raw: false, defval: '' })
    const header = grid.findIndex((x) => x[1] === '姓名')
    const rows = grid.slice(header + 1).filter((x) => x.some((c) => c !== ''))
    expect(rows).toHaveLength(10_000)
    expect(rows.every((x) => /身份证号应为 18 位/.test(String(x.at(-1))))).toBe(true)
  })
})

const pickShown = (h: { headName: string; memberCount: number; village: string } | undefined) => (h ? { headName: h.headName, memberCount: h.memberCount, village: h.village } : undefined)
