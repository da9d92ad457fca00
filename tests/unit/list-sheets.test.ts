import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { certificatesSheet, exportTitle, householdsSheet, placementsSheet, proposalsSheet, seekersSheet } from '../../functions/core/list-sheets.js'
import { renderWorkbook } from '../../functions/exports/render.js'
import type { Placement } from '../../shared/schemas/applications.js'
import type { Proposal } from '../../shared/schemas/match-runs.js'
import type { HouseholdListItem } from '../../shared/schemas/monitoring.js'
import type { Seeker } from '../../shared/schemas/seekers.js'
import type { Certificate } from '../../shared/schemas/subsidies.js'
import { SheetSpec } from '../../shared/sheet.js'

const MASKED = '4110**********1234'
const seeker: Seeker & { idNumber: string } = {
  id: '01J0000000000000000000SEE1',
  name: '刘建国',
  idNumberMasked: MASKED,
  idNumber: MASKED,
  gender: 'male',
  birthDate: '1980-05-06',
  phoneMasked: '138****8001',
  category: 'monitored',
  monitoredSubtype: 'marginal',
  township: 'lingjing',
  village: 'lingjing-02',
  laborCapacity: 'half',
  education: 'vocational',
  skills: ['电工', '焊工'],
  groups: [],
  intents: ['employment'],
  createdAt: '2026-01-02T03:00:00.000Z',
} as Seeker & { idNumber: string }
const placement = { id: '01J0000000000000000000PLA1', seekerId: seeker.id, seekerName: '刘建国', title: '电子厂普工', kind: 'laborExport', employer: '昆山某电子有限公司', township: 'lingjing', seekerTownship: 'lingjing', startDate: '2026-01-05', status: 'active', source: 'external', destination: 'outOfProvince', createdBy: 'u', createdAt: '2026-01-05T00:00:00Z', idNumber: MASKED } as Placement & { idNumber: string }
const certificate = { id: '01J0000000000000000000CER1', seekerId: seeker.id, seekerName: '刘建国', township: 'lingjing', kind: 'skillLevel', level: 4, occupation: '电工', number: 'S2026-001', issuer: '许昌市人社局', issueDate: '2026-02-01', enteredBy: 'u', createdAt: '2026-02-01T00:00:00Z', verifiedAt: '2026-02-03T00:00:00Z', verifier: { name: '灵井专干' }, idNumber: MASKED } as Certificate & { idNumber: string; verifier: { name: string } }
const proposal: Proposal & { idNumber: string } = { runId: 'r', seekerId: seeker.id, seekerName: '刘建国', township: 'lingjing', village: 'lingjing-02', category: 'alleviated', groups: [], priority: true, postId: 'p', postTitle: '发制品加工工', postTownship: 'lingjing', score: 87, reasons: [], idNumber: MASKED }
const household: HouseholdListItem = { id: 'HH-001', township: 'lingjing', village: 'lingjing-02', headName: '周家户', createdAt: '2026-01-02T03:00:00.000Z', updatedAt: '2026-01-02T03:00:00.000Z', memberCount: 3, category: 'monitored', monitoredSubtype: 'marginal', categoryMixed: false }

const headers = (s: SheetSpec) => s.columns.map((c) => c.header)

describe('the officer list sheets: Chinese headers and values, the ID number as given', () => {
  it.each([
    ['seekers', seekersSheet('t', [seeker]), ['序号', '姓名', '身份证号', '性别', '出生日期', '乡镇', '村', '户类型', '劳动能力', '文化程度', '技能', '联系电话', '档案编号'], [1, '刘建国', MASKED, '男', '1980-05-06', '灵井镇', undefined, '防止返贫监测对象（边缘易致贫户）', '半劳力', '中专/职高', '电工、焊工', '138****8001', seeker.id]],
    ['placements', placementsSheet('t', [placement]), ['序号', '姓名', '身份证号', '户籍乡镇', '岗位', '岗位类型', '用工单位', '岗位所在乡镇', '务工地域', '开始日期', '结束日期', '状态', '来源', '记录编号'], [1, '刘建国', MASKED, '灵井镇', '电子厂普工', '劳务输出', '昆山某电子有限公司', '灵井镇', '省外', '2026-01-05', '', '在岗', '外部安置', placement.id]],
    ['certificates', certificatesSheet('t', [certificate]), ['序号', '乡镇', '姓名', '身份证号', '证书类别', '等级', '职业（工种）', '证书编号', '发证机构', '发证日期', '核验状态', '核验人', '记录编号'], [1, '灵井镇', '刘建国', MASKED, '职业技能等级证书', 4, '电工', 'S2026-001', '许昌市人社局', '2026-02-01', '已核验', '灵井专干', certificate.id]],
    ['proposals', proposalsSheet('t', [proposal]), ['序号', '乡镇', '村', '姓名', '身份证号', '户类型', '优先', '推荐岗位', '岗位所在乡镇', '匹配分', '人工调整', '已邀请'], [1, '灵井镇', undefined, '刘建国', MASKED, '脱贫户', '是', '发制品加工工', '灵井镇', 87, '否', '否']],
    ['households', householdsSheet('t', [household]), ['序号', '户编号', '乡镇', '村', '户主姓名', '户类型', '成员数', '帮扶责任人', '风险消除日期', '建档日期'], [1, 'HH-001', '灵井镇', undefined, '周家户', '防止返贫监测对象（边缘易致贫户）', 3, '', '', '2026-01-02']],
  ])('%s', (_, spec, wantHeaders, wantRow) => {
    expect(SheetSpec.safeParse(spec).success).toBe(true)
    expect(headers(spec)).toEqual(wantHeaders)
    expect(spec.rows).toHaveLength(1)
    // Village names come from the geography; compare every other cell exactly.
    const row = spec.rows[0]!
    wantRow.forEach((v, i) => {
      if (v === undefined) expect(String(row[i])).toMatch(/村|庄|lingjing-02/)
      else expect(row[i]).toBe(v)
    })
    // No full ID number anywhere unless given: nothing 18 digits long.
    expect(spec.rows.flat().some((c) => /^\d{17}[\dX]$/.test(String(c)))).toBe(false)
  })

  it('a proposal without a post reads （无）, with no score', () => {
    const row = proposalsSheet('t', [{ ...proposal, postId: null, postTitle: undefined, postTownship: undefined, score: null } as Proposal & { idNumber: string }]).rows[0]!
    expect([row[7], row[8], row[9]]).toEqual(['（无）', '', ''])
  })

  it('the title says where and whether the IDs are full', () => {
    expect(exportTitle('seekers', 'lingjing', '2026-12-03', false)).toBe('一人一档名单（灵井镇，2026-12-03）')
    expect(exportTitle('placements', undefined, '2026-12-03', true)).toBe('务工台账（全区，2026-12-03，含完整身份证号）')
  })

  it('the file opens with its headers on row 2 and the rows numbered', async () => {
    const spec = placementsSheet('务工台账（灵井镇）', [placement, { ...placement, id: '01J0000000000000000000PLA2', seekerName: '王芳', status: 'ended', endDate: '2026-06-30' }])
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load((await renderWorkbook(spec)) as unknown as ArrayBuffer)
    const ws = wb.worksheets[0]!
    expect(ws.name).toBe('务工台账')
    expect(String(ws.getCell(1, 1).value)).toBe('务工台账（灵井镇）')
    expect(ws.getRow(2).values).toEqual([undefined, ...headers(spec)])
    expect([ws.getCell(4, 1).value, ws.getCell(4, 2).value, ws.getCell(4, 11).value, ws.getCell(4, 12).value]).toEqual([2, '王芳', '2026-06-30', '已离岗'])
  })
})
