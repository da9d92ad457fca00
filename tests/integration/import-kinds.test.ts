import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { listAuditOf } from '../../functions/db/audit.js'
import { listCertificatesOfSeeker } from '../../functions/db/certificates.js'
import { listAllPlacementsOfSeeker } from '../../functions/db/placements.js'
import { seekerIdOfIdNumber } from '../../functions/db/seekers.js'
import { villageByCode } from '../../shared/geo.js'
import { call, fetchExport, type TestApp } from '../support/app.js'
import { testApp } from '../support/app.js'
import { finished, rosterId, rosterXlsx, upload } from '../support/roster.js'
import { marketWorld } from '../support/world.js'

const LJ = (n: number) => villageByCode.get(`lingjing-0${n}`)!.name.replace('灵井', '')
type Cell = string | number | null

/** A ledger as a township keeps it: a title row above the header, the header's synonyms. */
async function sheet(header: readonly string[], rows: readonly Cell[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('台账')
  ws.mergeCells(1, 1, 1, header.length)
  ws.getCell(1, 1).value = '灵井镇 2026 年台账'
  ws.getRow(3).values = [...header]
  rows.forEach((r, i) => {
    ws.getRow(4 + i).values = r
  })
  return Buffer.from(await wb.xlsx.writeBuffer())
}

async function importDone(t: TestApp, token: string, body: Uint8Array, q: string) {
  const u = await upload(t, token, body, q, 'ledger.xlsx')
  expect(u.status).toBe(202)
  return finished(t, u.json.id, token)
}
const codesOf = (r: any) => r.errors.map((e: any) => [e.row, e.code])

describe('employment (务工台账) and certificate imports: through the placements and certificates use cases', async () => {
  const t = await testApp({ now: () => new Date('2026-06-01T04:00:00Z') })
  const w = await marketWorld(t)
  const a = rosterId('19700101', 11)
  const b = rosterId('19720202', 22)
  const c = rosterId('19980303', 33)
  const nobody = rosterId('19900909', 99)
  const su = rosterId('19800808', 88)
  await importDone(
    t,
    w.officer.token,
    await rosterXlsx([
      [1, '张大山', a, a, '户主', '脱贫户', '否', null, '普通劳动力', '初中', null, '灵井镇', LJ(2)],
      [2, '李小花', b, a, '配偶', null, null, null, '普通劳动力', '小学', null, '灵井镇', LJ(2)],
      [3, '张明', c, a, '之子', null, null, null, '技能劳动力', '大专', null, '灵井镇', LJ(2)],
    ]),
    'kind=people&dryRun=false',
  )
  // A person of another township: for the 灵井 officer they do not exist.
  await importDone(t, w.otherOfficer.token, await rosterXlsx([[1, '苏外乡', su, su, '户主', '脱贫户', '否', null, '普通劳动力', '初中', null, '苏桥镇', villageByCode.get('suqiao-01')!.name]]), 'kind=people&dryRun=false')
  const idOf = async (n: string) => (await seekerIdOfIdNumber(t.db, t.deps.protector, n))!

  const LEDGER = ['序号', '姓名', '证件号码', '务工状态', '务工地点', '务工单位', '岗位', '岗位类型', '开始时间', '结束时间']
  const ledger: Cell[][] = [
    [1, '张大山', a, '省外务工', '江苏省昆山市', '昆山某电子有限公司', '电子厂普工', '企业', '2025-03-01', null],
    [2, '李小花', b, '县内务工', '灵井镇', '灵井发制品帮扶车间', '发制品加工', '帮扶车间', '2024/1/2', '2024年12月31日'],
    [3, '李小花', b, '省内市外务工', '郑州市', '郑州某服装厂', '缝纫工', null, 45689, null],
    // A job before the person could work: 张明 turned 16 on 2014-03-03.
    [4, '张明', c, '县内务工', null, '某建筑队', '小工', null, '2010-05-01', '2010-08-01'],
    // Two full-time jobs at once.
    [5, '张大山', a, '县内务工', null, '灵井某食品厂', '包装工', '企业', '2025-06-01', null],
    [6, '无档案', nobody, '省外务工', null, '某公司', '普工', null, '2025-01-01', null],
    [7, '王错名', a, '省外务工', null, '另一公司', '普工', null, '2023-01-01', '2023-06-30'],
    [8, '孙损坏', '4.11003E+17', '省外务工', null, '某公司', '普工', null, '2025-01-01', null],
    [9, '钱未工', b, '未务工', null, '无单位', null, null, '2025-01-01', null],
    [10, '周日期', c, '县内务工', null, '某公司', '普工', null, '2025-02-30', null],
    [11, '苏外乡', su, '县内务工', null, '某公司', '普工', null, '2025-01-01', null],
  ]
  const ledgerFile = await sheet(LEDGER, ledger)

  it('a dry run of a ledger judges every row by the placement rules and writes nothing', async () => {
    const r = await importDone(t, w.officer.token, ledgerFile, 'kind=employment&dryRun=true')
    expect(r).toMatchObject({ status: 'done', kind: 'employment', dryRun: true, headerRow: 3, rows: 11, valid: 3, invalid: 8, created: 3, updated: 0, unchanged: 0, toReview: 0, hasErrorFile: true })
    expect(r.unknownColumns).toEqual(['序号'])
    expect(codesOf(r)).toEqual([
      [7, 'placement.startBeforeWorkingAge'],
      [8, 'placement.overlapsFullTime'],
      [9, 'import.person.notFound'],
      [10, 'import.person.nameMismatch'],
      [11, 'import.idNumber.excelRounded'],
      [12, 'import.workStatus.notWorking'],
      [13, 'import.date.unreal'],
      [14, 'import.person.notFound'],
    ])
    const byRow = new Map(r.errors.map((e: any) => [e.row, e]))
    expect(byRow.get(7)).toMatchObject({ column: '开始时间', message: expect.stringContaining('2014-03-03') })
    expect(byRow.get(8)).toMatchObject({ column: '开始时间', message: expect.stringContaining('昆山某电子有限公司'), messageEn: expect.stringContaining('one full-time job at a time') })
    expect(byRow.get(9)).toMatchObject({ column: '证件号码', message: expect.stringContaining('无档案') })
    expect(JSON.stringify(r.errors)).not.toContain(nobody)
    expect(await listAllPlacementsOfSeeker(t.db, await idOf(a))).toEqual([])
  })

  it('commits: the placements exist, the ended one ended, each audited as an officer’s would be', async () => {
    const dry = (await call(t, 'GET', '/api/imports?limit=1', undefined, w.officer.token)).json.items[0]
    const c1 = await call(t, 'POST', `/api/imports/${dry.id}/commit`, undefined, w.officer.token)
    expect(c1.status).toBe(202)
    const r = await finished(t, c1.json.id, w.officer.token)
    expect(r).toMatchObject({ status: 'done', dryRun: false, rows: 11, valid: 3, invalid: 8, created: 3, updated: 0, unchanged: 0 })
    expect(codesOf(r)).toEqual(codesOf(dry))
    const pa = await listAllPlacementsOfSeeker(t.db, await idOf(a))
    expect(pa).toMatchObject([{ source: 'external', status: 'active', kind: 'enterprise', destination: 'outOfProvince', employer: '昆山某电子有限公司', title: '电子厂普工', startDate: '2025-03-01', township: 'lingjing' }])
    const pb = (await listAllPlacementsOfSeeker(t.db, await idOf(b))).sort((x, y) => x.startDate.localeCompare(y.startDate))
    expect(pb).toMatchObject([
      { kind: 'workshop', destination: 'inCounty', startDate: '2024-01-02', endDate: '2024-12-31', status: 'ended' },
      { kind: 'enterprise', destination: 'outOfCityInProvince', startDate: '2025-02-01', status: 'active' },
    ])
    // A row with its end is recorded ended in one write: one event, naming the import that wrote it
    // (the commit's own run, not the dry run), so the row traces to its file.
    expect((await listAuditOf(t.db, 'placement', pb[0]!.id)).items.map((e) => [e.action, e.after?.importId, e.after?.endDate])).toEqual([['placement.external', c1.json.id, '2024-12-31']])
  })

  it('the same ledger again changes nothing; a ledger that now ends a job ends it', async () => {
    expect(await importDone(t, w.officer.token, ledgerFile, 'kind=employment&dryRun=false')).toMatchObject({ created: 0, updated: 0, unchanged: 3, invalid: 8 })
    expect(await listAllPlacementsOfSeeker(t.db, await idOf(b))).toHaveLength(2)
    const ended = await sheet(LEDGER, [[1, '张大山', a, '省外务工', null, '昆山某电子有限公司', '电子厂普工', '企业', '2025-03-01', '2026-05-20']])
    expect(await importDone(t, w.officer.token, ended, 'kind=employment&dryRun=true')).toMatchObject({ updated: 1, invalid: 0 })
    expect((await listAllPlacementsOfSeeker(t.db, await idOf(a)))[0]).toMatchObject({ status: 'active' })
    const endedBy = await importDone(t, w.officer.token, ended, 'kind=employment&dryRun=false')
    expect(endedBy).toMatchObject({ updated: 1, invalid: 0 })
    const pa = (await listAllPlacementsOfSeeker(t.db, await idOf(a)))[0]!
    expect(pa).toMatchObject({ status: 'ended', endDate: '2026-05-20' })
    // The end names the later import that ended the job, the start the earlier one that recorded it.
    const events = (await listAuditOf(t.db, 'placement', pa.id)).items
    expect(events.find((e) => e.action === 'placement.end')?.after?.importId).toBe(endedBy.id)
    const startedBy = events.find((e) => e.action === 'placement.external')?.after?.importId
    expect(typeof startedBy).toBe('string')
    expect(startedBy).not.toBe(endedBy.id)
    expect(await importDone(t, w.officer.token, ended, 'kind=employment&dryRun=false')).toMatchObject({ updated: 0, unchanged: 1 })
  })

  it('the error file of a ledger holds each bad row as uploaded, with its reason', async () => {
    const r = (await call(t, 'GET', '/api/imports?limit=20', undefined, w.officer.token)).json.items.find((x: any) => x.kind === 'employment' && x.hasErrorFile)
    const res = await fetchExport(t, `/api/imports/${r.id}/errors.xlsx`, w.officer.token)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never)
    const ws = wb.worksheets[0]!
    const lines: string[][] = []
    ws.eachRow((row, n) => {
      if (n > 2) lines.push((row.values as unknown[]).slice(1).map((v) => String(v ?? '')))
    })
    expect(lines.map((l) => l[1])).toEqual(['张明', '张大山', '无档案', '王错名', '孙损坏', '钱未工', '周日期', '苏外乡'])
    expect(lines[0]!.at(-1)).toContain('开始时间：上岗日期不能早于本人年满 16 周岁之日')
  })

  const CERTS = ['姓名', '身份证号', '证书名称/工种', '证书类型', '等级', '证书编号', '发证机构', '发证日期']
  const certs: Cell[][] = [
    ['张大山', a, '电工', null, '四级/中级工', 'S000041100300001', '许昌市职业技能鉴定中心', '2024-06-20'],
    ['李小花', b, '发制品加工', '专项职业能力证书', null, 'ZX2025000123', '许昌市人社局', 45678],
    ['张明', c, '焊工', '特种作业操作证', null, 'T411003199803', '许昌市应急管理局', '2012-01-01'],
    ['张明', c, '厨师', null, null, 'C0001234', '某培训学校', '2023-01-01'],
    ['李小花', b, '电工', null, '五级', 'S000041100300001', '许昌市职业技能鉴定中心', '2024-07-01'],
    ['无档案', nobody, '电工', null, '五级', 'S000041100300999', '许昌市职业技能鉴定中心', '2024-07-01'],
    ['张明', c, '电工', '职业技能等级证书', null, 'S000041100300777', '许昌市职业技能鉴定中心', '2024-07-01'],
  ]
  const certFile = await sheet(CERTS, certs)

  it('a ledger’s past job beside a job held today is recorded ended in one write; one overlapping a job on file is refused', async () => {
    // 李小花 holds the 郑州 job today (since 2025-02-01) and ended the workshop job on 2024-12-31.
    const bId = await idOf(b)
    const history = await sheet(LEDGER, [
      [1, '李小花', b, '省外务工', '江苏省昆山市', '昆山某电子有限公司', '电子厂普工', '企业', '2023-03-01', '2023-09-30'],
      [2, '李小花', b, '县内务工', null, '某食品厂', '包装工', '企业', '2024-06-01', '2024-07-01'],
    ])
    expect(await importDone(t, w.officer.token, history, 'kind=employment&dryRun=true')).toMatchObject({ created: 1, invalid: 1 })
    const done = await importDone(t, w.officer.token, history, 'kind=employment&dryRun=false')
    expect(done).toMatchObject({ created: 1, invalid: 1 })
    const jobs = await listAllPlacementsOfSeeker(t.db, bId)
    const past = jobs.find((p) => p.employer === '昆山某电子有限公司')!
    expect(past).toMatchObject({ status: 'ended', startDate: '2023-03-01', endDate: '2023-09-30' })
    expect(jobs.find((p) => p.employer === '郑州某服装厂')).toMatchObject({ status: 'active' })
    const events = (await listAuditOf(t.db, 'placement', past.id)).items
    expect(events.map((e) => e.action)).toEqual(['placement.external'])
    expect(events[0]!.after).toMatchObject({ importId: done.id, endDate: '2023-09-30' })
    expect(await importDone(t, w.officer.token, history, 'kind=employment&dryRun=false')).toMatchObject({ created: 0, unchanged: 1, invalid: 1 })
  })

  it('certificates: a dry run judges by the certificate rules, the commit adds them, the same file again changes nothing', async () => {
    const dry = await importDone(t, w.officer.token, certFile, 'kind=certificates&dryRun=true')
    expect(dry).toMatchObject({ kind: 'certificates', headerRow: 3, rows: 7, valid: 2, invalid: 5, created: 2 })
    expect(codesOf(dry)).toEqual([
      [6, 'certificate.issueDate.beforeAge'],
      [7, 'import.kind.required'],
      [8, 'import.number.repeated'],
      [9, 'import.person.notFound'],
      [10, 'import.level.required'],
    ])
    expect(await listCertificatesOfSeeker(t.db, await idOf(a))).toEqual([])
    const c1 = await call(t, 'POST', `/api/imports/${dry.id}/commit`, undefined, w.officer.token)
    expect(await finished(t, c1.json.id, w.officer.token)).toMatchObject({ created: 2, unchanged: 0, invalid: 5 })
    expect(await listCertificatesOfSeeker(t.db, await idOf(a))).toMatchObject([{ kind: 'skillLevel', level: 4, occupation: '电工', number: 'S000041100300001', issueDate: '2024-06-20', township: 'lingjing' }])
    const cb = await listCertificatesOfSeeker(t.db, await idOf(b))
    expect(cb).toMatchObject([{ kind: 'specialAbility', occupation: '发制品加工', issueDate: '2025-01-21' }])
    expect((await listAuditOf(t.db, 'certificate', cb[0]!.id)).items.map((e) => [e.action, e.after?.importId])).toEqual([['certificate.create', c1.json.id]])
    expect(await importDone(t, w.officer.token, certFile, 'kind=certificates&dryRun=false')).toMatchObject({ created: 0, updated: 0, unchanged: 2, invalid: 5 })
    expect(await listCertificatesOfSeeker(t.db, await idOf(a))).toHaveLength(1)
  })

  it('a recorded certificate is never changed by an import, nor its number given to another person', async () => {
    const r = await importDone(
      t,
      w.officer.token,
      await sheet(CERTS, [
        ['张大山', a, '电工', null, '三级', 'S000041100300001', '许昌市职业技能鉴定中心', '2024-06-20'],
        ['张明', c, '电工', null, '五级', 'ZX2025000123', '许昌市人社局', '2025-01-21'],
        ['张明', c, '发制品加工', '专项职业能力证书', null, 'ZX2025000123', '许昌市人社局', '2025-01-21'],
      ]),
      'kind=certificates&dryRun=false',
    )
    expect(r).toMatchObject({ created: 1, invalid: 2 })
    expect(codesOf(r)).toEqual([
      [4, 'import.certificate.differs'],
      [6, 'certificate.duplicate'],
    ])
    expect(r.errors[0]).toMatchObject({ column: '等级', message: expect.stringContaining('4 → 3') })
    expect(await listCertificatesOfSeeker(t.db, await idOf(a))).toMatchObject([{ level: 4 }])
  })

  it('a certificate added in the portal records no import id', async () => {
    const r = await call(t, 'POST', '/api/certificates', { seekerId: await idOf(c), kind: 'specialAbility', occupation: '面点', number: 'ZX2025000999', issuer: '许昌市人社局', issueDate: '2025-03-01' }, w.officer.token)
    expect(r.status).toBe(201)
    const [e] = (await listAuditOf(t.db, 'certificate', r.json.id)).items
    expect(e).toMatchObject({ action: 'certificate.create', after: { seekerId: await idOf(c), number: 'ZX2025000999' } })
    expect(e!.after).not.toHaveProperty('importId')
  })

  it('the templates of both kinds carry their headers, an example row and the value lists, and read back as a valid file', async () => {
    for (const [kind, first, list] of [
      ['employment', ['姓名', '身份证号', '务工状态', '务工地点', '务工企业'], '省外务工'],
      ['certificates', ['姓名', '身份证号', '证书名称/工种', '证书类型', '等级'], '三级/高级工'],
    ] as const) {
      const res = await fetchExport(t, `/api/imports/template.xlsx?kind=${kind}`, w.officer.token)
      expect(res.status).toBe(200)
      const bytes = Buffer.from(await res.arrayBuffer())
      const wb = new ExcelJS.Workbook()
      await wb.xlsx.load(bytes as never)
      expect((wb.worksheets[0]!.getRow(1).values as unknown[]).slice(1, 6)).toEqual(first)
      expect(JSON.stringify(wb.worksheets[1]!.getSheetValues())).toContain(list)
      // The example row is a real row (its ID number passes the check): the template as downloaded imports as one row whose person is unknown here.
      const r = await importDone(t, w.officer.token, bytes, `kind=${kind}&dryRun=true`)
      expect(r).toMatchObject({ status: 'done', headerRow: 1, rows: 1, invalid: 1, unknownColumns: [] })
      expect(r.errors.map((e: any) => e.code)).toEqual(['import.person.notFound'])
    }
  })

  it('a ledger job settles the returnee and employs the graduate it follows, and those events name the import too', async () => {
    const ret = rosterId('19850404', 44)
    const grad = rosterId('20030505', 55)
    await importDone(
      t,
      w.officer.token,
      await rosterXlsx([
        [1, '返乡人', ret, ret, '户主', '脱贫户', '否', null, '普通劳动力', '初中', null, '灵井镇', LJ(3)],
        [2, '毕业生', grad, grad, '户主', '脱贫户', '否', null, '技能劳动力', '大专', null, '灵井镇', LJ(3)],
      ]),
      'kind=people&dryRun=false',
    )
    const [retId, gradId] = [await idOf(ret), await idOf(grad)]
    const r1 = await call(t, 'POST', '/api/returnees', { seekerId: retId, returnDate: '2026-03-01', workedIn: '江苏昆山', previousTrade: '电子厂普工', reason: 'jobLoss', intent: 'employment', responsible: '灵井专干' }, w.officer.token)
    expect(r1.status).toBe(201)
    const g1 = await call(t, 'POST', '/api/graduates', { seekerId: gradId, source: 'household', school: '许昌学院', major: '计算机', graduationYear: 2026, degree: 'college', intent: 'employment', status: 'seeking', responsible: '灵井专干' }, w.officer.token)
    expect(g1.status).toBe(201)
    const jobs = await sheet(LEDGER, [
      [1, '返乡人', ret, '县内务工', '灵井镇', '灵井发制品帮扶车间', '发制品加工', '帮扶车间', '2026-04-01', null],
      [2, '毕业生', grad, '省内市外务工', '郑州市', '郑州某软件公司', '测试员', '企业', '2026-05-10', null],
    ])
    const done = await importDone(t, w.officer.token, jobs, 'kind=employment&dryRun=false')
    expect(done).toMatchObject({ created: 2, invalid: 0 })
    const placed = async (objectType: string, id: string, action: string) => (await listAuditOf(t.db, objectType, id)).items.find((e) => e.action === action)
    const rp = await placed('returnee', retId, 'returnee.placed')
    expect(rp?.after).toMatchObject({ status: 'settled', placedOn: '2026-04-01', importId: done.id })
    const gp = await placed('graduate', gradId, 'graduate.placed')
    expect(gp?.after).toMatchObject({ status: 'employed', importId: done.id })
  })

  it('a ledger without its required columns fails with them named', async () => {
    const r = await importDone(t, w.officer.token, await sheet(['姓名', '身份证号', '务工单位'], [['张大山', a, '某公司']]), 'kind=employment&dryRun=true')
    expect(r).toMatchObject({ status: 'failed', failure: { code: 'import.missingColumns', message: '缺少必填列：务工状态、务工时间' } })
  })
})
