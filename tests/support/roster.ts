import ExcelJS from 'exceljs'
import { idCheckChar } from '../../shared/id-number.js'
import { call, type TestApp } from './app.js'

/** A valid 18-character ID number of Xuchang (411003) for a birth day `YYYYMMDD` and a sequence. */
export const rosterId = (birth: string, seq: number) => {
  const body = `411003${birth}${String(seq).padStart(3, '0')}`
  return `${body}${idCheckChar(body)}`
}

export const ROSTER_HEADER = ['序号', '姓名', '证件号码', '户主身份证号', '与户主关系', '家庭类别', '是否风险消除', '风险消除时间', '劳动能力', '文化程度', '联系电话', '乡镇', '行政村'] as const
export type RosterRow = (string | number | null)[]

/**
 * A roster as the national monitoring system exports it: a merged title row, a note row and a
 * blank row above the header, the header's synonyms (证件号码, 家庭类别, 劳动能力, 行政村).
 */
export async function rosterXlsx(rows: readonly RosterRow[], opts: { hiddenFirst?: boolean } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  if (opts.hiddenFirst) {
    const hidden = wb.addWorksheet('旧表')
    hidden.state = 'hidden'
    hidden.addRow(['不应读取'])
  }
  const ws = wb.addWorksheet('家庭成员')
  ws.mergeCells(1, 1, 1, ROSTER_HEADER.length)
  ws.getCell(1, 1).value = '建安区脱贫户及监测户家庭成员信息表'
  ws.getRow(2).values = ['填报单位：灵井镇', null, null, null, null, '导出时间：2026-05-30']
  ws.getRow(4).values = [...ROSTER_HEADER]
  rows.forEach((r, i) => {
    ws.getRow(5 + i).values = r.map((v) => (v === null ? null : v))
  })
  return Buffer.from(await wb.xlsx.writeBuffer())
}

/** The same rows as CSV text (header first, no title rows). */
export const rosterCsv = (rows: readonly RosterRow[]) =>
  [ROSTER_HEADER, ...rows].map((r) => r.map((v) => (v === null ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v))).join(',')).join('\r\n')

/** Uploads a file as the import route takes it (the bytes themselves), answering status and body. */
export async function upload(t: TestApp, token: string, body: Uint8Array, q = 'kind=people&dryRun=false', fileName = 'roster.xlsx') {
  const res = await t.app.request(`/api/imports?${q}&fileName=${encodeURIComponent(fileName)}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' }, body })
  return { status: res.status, json: (await res.json()) as any }
}

/** Polls an import until its job is done or failed. */
export async function finished(t: TestApp, id: string, token: string, tries = 300) {
  for (let i = 0; i < tries; i++) {
    const r = await call(t, 'GET', `/api/imports/${id}`, undefined, token)
    if (r.json.status === 'done' || r.json.status === 'failed') return r.json
    await new Promise((res) => setTimeout(res, 50))
  }
  throw new Error('import did not finish')
}
