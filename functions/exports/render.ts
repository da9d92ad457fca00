import ExcelJS from 'exceljs'
import type { SheetSpec } from '../../shared/sheet.js'
import { toXmlText } from '../../shared/text.js'

/** Yuan as a number with two decimals, from integer fen: the only place money leaves fen. */
const yuan = (fen: number) => Math.round(fen) / 100

/**
 * A SheetSpec as .xlsx: the title row merged and bold, the bold header row, the view frozen below
 * both, one row per spec row, and the total row whose sums the sheet itself computes (with the
 * result cached, so a reader that does not calculate still shows it). This module is the only one
 * that holds exceljs; it runs in the exports function (functions/exports/handler.ts), never in the
 * API's bundle (infra/api-bundle.ts keeps it out).
 */
export async function renderWorkbook(spec: SheetSpec): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  wb.creator = '稳岗通 Wengang'
  const top = spec.noTitle ? 0 : 1
  const ws = wb.addWorksheet(spec.sheetName, { views: [{ state: 'frozen', ySplit: top + 1 }] })
  const { columns } = spec
  if (top) {
    ws.mergeCells(1, 1, 1, columns.length)
    ws.getCell(1, 1).value = spec.title
    ws.getCell(1, 1).font = { bold: true, size: 14 }
  }
  ws.getRow(top + 1).values = columns.map((c) => c.header)
  ws.getRow(top + 1).font = { bold: true }
  ws.columns = columns.map((c, i) => ({ key: `c${i}`, width: c.width }))
  const cell = (i: number, v: string | number | undefined) => (columns[i]?.type === 'yuan' && typeof v === 'number' ? yuan(v) : v ?? '')
  for (const row of spec.rows) ws.addRow(columns.map((_, i) => cell(i, row[i])))
  if (spec.total) {
    const total = ws.addRow([])
    total.getCell(1).value = spec.total.label
    for (const i of spec.total.sumColumns) {
      const letter = ws.getColumn(i + 1).letter
      const sum = spec.rows.reduce((s, r) => s + (typeof r[i] === 'number' ? (r[i] as number) : 0), 0)
      total.getCell(i + 1).value = { formula: `SUM(${letter}${top + 2}:${letter}${spec.rows.length + top + 1})`, result: cell(i, sum) as number }
    }
    total.font = { bold: true }
  }
  columns.forEach((c, i) => {
    if (c.type === 'yuan') ws.getColumn(i + 1).numFmt = '#,##0.00'
    // Text columns stay text when the officer types into them: an ID number typed into a number cell is lost.
    if (c.type === 'text') ws.getColumn(i + 1).numFmt = '@'
  })
  if (spec.notes) {
    const notes = wb.addWorksheet(spec.notes.sheetName)
    for (const r of spec.notes.rows) notes.addRow(r)
    notes.getColumn(1).width = 16
  }
  // exceljs writes text into XML as it is: one stored name with U+FFFE or NUL (older data, from
  // before input was checked) would make the whole file unreadable. Every text cell goes through here.
  for (const sheet of wb.worksheets)
    sheet.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (c) => {
        if (typeof c.value === 'string') c.value = toXmlText(c.value)
      }),
    )
  return Buffer.from(await wb.xlsx.writeBuffer())
}
