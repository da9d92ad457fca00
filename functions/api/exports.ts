import { townshipByCode } from '../../shared/geo.js'
import type { Claim, Training } from '../../shared/schemas/subsidies.js'
import { periodInWords } from '../../shared/subsidies/wording.js'
import { toXmlText } from '../../shared/text.js'

const KIND_ZH: Record<Claim['kind'], string> = {
  transport: '交通补贴',
  labor: '劳务补助',
  training: '技能培训补贴',
  publicWelfare: '公益岗位补助',
  startup: '一次性创业补贴',
  workshopReward: '帮扶车间奖补',
  yulu: '雨露计划补助',
}
const STATUS_ZH: Record<Claim['status'], string> = {
  draft: '草稿',
  submitted: '待审核',
  approved: '已审核',
  rejected: '已驳回',
  noticed: '公示中',
  paid: '已支付',
  reversed: '冲正',
}

/** Yuan as a number with two decimals, from integer fen: the only place money leaves fen. */
const yuan = (fen: number) => Math.round(fen) / 100

/**
 * A ledger (台账) or a public-notice list (公示名单) as .xlsx: Chinese headers, masked ID numbers,
 * amounts in yuan with a total row that the sheet itself computes.
 */
export async function claimsWorkbook(title: string, rows: readonly Claim[], opts: { notice?: boolean } = {}): Promise<Buffer> {
  // Loaded on first export only: exceljs and its dependencies are most of the bundle, and most
  // requests never need them (cold starts stay short).
  const { default: ExcelJS } = await import('exceljs')
  const wb = new ExcelJS.Workbook()
  wb.creator = '稳岗通 Wengang'
  const ws = wb.addWorksheet(opts.notice ? '公示名单' : '台账', { views: [{ state: 'frozen', ySplit: 2 }] })
  const columns = opts.notice
    ? [
        { header: '序号', key: 'n', width: 6 },
        { header: '乡镇', key: 'township', width: 14 },
        { header: '姓名/单位', key: 'name', width: 22 },
        { header: '身份证号', key: 'id', width: 22 },
        { header: '补贴类别', key: 'kind', width: 14 },
        { header: '期间', key: 'period', width: 16 },
        { header: '金额（元）', key: 'amount', width: 12 },
      ]
    : [
        { header: '序号', key: 'n', width: 6 },
        { header: '年度', key: 'year', width: 8 },
        { header: '乡镇', key: 'township', width: 14 },
        { header: '姓名/单位', key: 'name', width: 22 },
        { header: '身份证号', key: 'id', width: 22 },
        { header: '补贴类别', key: 'kind', width: 14 },
        { header: '期间', key: 'period', width: 16 },
        { header: '状态', key: 'status', width: 10 },
        { header: '金额（元）', key: 'amount', width: 12 },
        { header: '批次', key: 'batch', width: 28 },
        { header: '申请编号', key: 'claim', width: 28 },
      ]
  heading(ws, title, columns)
  rows.forEach((c, i) => {
    ws.addRow({
      n: i + 1,
      year: c.year,
      township: townshipByCode.get(c.township)?.name ?? c.township,
      name: c.subjectName,
      id: c.idNumberMasked ?? '',
      kind: KIND_ZH[c.kind],
      // A term reads 2026 年秋季学期, not 2026-autumn (shared/subsidies/wording.ts).
      period: periodInWords(c.period, 'zh-CN'),
      status: STATUS_ZH[c.status],
      amount: yuan(c.amountFen),
      batch: c.batchId ?? '',
      claim: c.id,
    })
  })
  const amountCol = columns.findIndex((c) => c.key === 'amount') + 1
  const letter = ws.getColumn(amountCol).letter
  const total = ws.addRow([])
  total.getCell(1).value = '合计'
  total.getCell(amountCol).value = { formula: `SUM(${letter}3:${letter}${rows.length + 2})`, result: yuan(rows.reduce((s, c) => s + c.amountFen, 0)) }
  total.font = { bold: true }
  ws.getColumn(amountCol).numFmt = '#,##0.00'
  return finish(wb, ws)
}

type Sheet = import('exceljs').Worksheet
type Book = import('exceljs').Workbook

/** The title row, then the bold header row (frozen below both by the sheet's view). */
function heading(ws: Sheet, title: string, columns: readonly { header: string; key: string; width: number }[]): void {
  ws.mergeCells(1, 1, 1, columns.length)
  ws.getCell(1, 1).value = title
  ws.getCell(1, 1).font = { bold: true, size: 14 }
  ws.getRow(2).values = columns.map((c) => c.header)
  ws.getRow(2).font = { bold: true }
  ws.columns = columns.map(({ key, width }) => ({ key, width }))
}

async function finish(wb: Book, ws: Sheet): Promise<Buffer> {
  // exceljs writes text into XML as it is: one stored name with U+FFFE or NUL (older data, from
  // before input was checked) would make the whole file unreadable. Every text cell goes through here.
  ws.eachRow({ includeEmpty: false }, (row) =>
    row.eachCell({ includeEmpty: false }, (cell) => {
      if (typeof cell.value === 'string') cell.value = toXmlText(cell.value)
    }),
  )
  return Buffer.from(await wb.xlsx.writeBuffer())
}

const RESULT_ZH: Record<Training['result'], string> = { ongoing: '在训', passed: '合格', failed: '不合格' }

/** 技能培训台账 a township's trainings as .xlsx: one row per training, masked ID numbers, every row of the township. */
export async function trainingsWorkbook(title: string, rows: readonly Training[]): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs')
  const wb = new ExcelJS.Workbook()
  wb.creator = '稳岗通 Wengang'
  const ws = wb.addWorksheet('培训台账', { views: [{ state: 'frozen', ySplit: 2 }] })
  heading(ws, title, [
    { header: '序号', key: 'n', width: 6 },
    { header: '乡镇', key: 'township', width: 14 },
    { header: '姓名', key: 'name', width: 14 },
    { header: '身份证号', key: 'id', width: 22 },
    { header: '培训项目', key: 'course', width: 24 },
    { header: '培训机构', key: 'provider', width: 28 },
    { header: '开始日期', key: 'start', width: 12 },
    { header: '结束日期', key: 'end', width: 12 },
    { header: '学时', key: 'hours', width: 8 },
    { header: '结果', key: 'result', width: 10 },
    { header: '记录编号', key: 'record', width: 28 },
  ])
  rows.forEach((r, i) => {
    ws.addRow({
      n: i + 1,
      township: townshipByCode.get(r.township)?.name ?? r.township,
      name: r.seekerName ?? '',
      id: r.idNumberMasked ?? '',
      course: r.course,
      provider: r.provider,
      start: r.startDate,
      end: r.endDate,
      hours: r.hours,
      result: RESULT_ZH[r.result],
      record: r.id,
    })
  })
  const total = ws.addRow([])
  total.getCell(1).value = '合计'
  total.getCell(9).value = { formula: `SUM(I3:I${rows.length + 2})`, result: rows.reduce((s, r) => s + r.hours, 0) }
  total.font = { bold: true }
  return finish(wb, ws)
}

const METRIC_ZH: Record<string, string> = { employed: '务工就业', certified: '新增持证', publicWelfare: '公益性岗位就业', workshop: '帮扶车间就业', placed: '已安置' }
// As the portal names them (web/src/i18n/zh-CN.ts `category`), so the file reads as the list did.
const CATEGORY_ZH: Record<string, string> = { alleviated: '脱贫户', monitored: '防止返贫监测对象', other: '其他农户' }

/** 看板名单 the names behind one figure of the targets board, exactly the rows and columns the drill-down shows. */
export async function boardPeopleWorkbook(title: string, rows: readonly { name: string; township: string; month: string; category?: string }[]): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs')
  const wb = new ExcelJS.Workbook()
  wb.creator = '稳岗通 Wengang'
  const ws = wb.addWorksheet('名单', { views: [{ state: 'frozen', ySplit: 2 }] })
  heading(ws, title, [
    { header: '序号', key: 'n', width: 6 },
    { header: '姓名', key: 'name', width: 14 },
    { header: '乡镇', key: 'township', width: 14 },
    { header: '月份', key: 'month', width: 8 },
    { header: '户类型', key: 'category', width: 10 },
  ])
  rows.forEach((r, i) => {
    ws.addRow({ n: i + 1, name: r.name, township: townshipByCode.get(r.township)?.name ?? r.township, month: `${Number(r.month)} 月`, category: r.category ? (CATEGORY_ZH[r.category] ?? r.category) : '' })
  })
  return finish(wb, ws)
}

/** The title of a drill-down list, e.g. 2026 年 务工就业 名单（城关镇，3 月）. */
export function boardPeopleTitle(year: number, metric: string, township: string | undefined, month: string | undefined): string {
  const where = [township ? (townshipByCode.get(township)?.name ?? township) : '全区', ...(month ? [`${Number(month)} 月`] : [])].join('，')
  return `${year} 年 ${METRIC_ZH[metric] ?? metric} 名单（${where}）`
}
