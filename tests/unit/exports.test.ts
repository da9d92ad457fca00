import { describe, expect, it } from 'vitest'
import { claimsSheet } from '../../functions/core/exports.js'
import { renderWorkbook } from '../../functions/exports/render.js'
import type { Claim } from '../../shared/schemas/subsidies.js'
import { readBack } from '../support/xlsx.js'

const claim = (i: number, subjectName: string): Claim => ({
  id: `01J00000000000000000000C${String(i).padStart(2, '0')}`,
  kind: 'transport',
  period: '2026',
  year: 2026,
  subjectType: 'seeker',
  subjectId: `01J00000000000000000000S${String(i).padStart(2, '0')}`,
  subjectName,
  idNumberMasked: '4110**********1234',
  township: 'lingjing',
  amountFen: 50_000,
  status: 'noticed',
  makerId: 'maker',
  batchId: '01J0000000000000000000BAT1',
  rules: [],
  policyVersion: 1,
  createdAt: '2026-03-01T00:00:00.000Z',
  updatedAt: '2026-03-01T00:00:00.000Z',
})

/** Names as older data may hold them, from before input was checked. */
const STORED = ['刘\uFFFE建国', '王\u0000芳', '张\u0007三', '李\u202E四', '赵\uD800五', '钱\u{10FFFF}六\uFDD0']

describe('ledger and notice .xlsx stay readable whatever the stored names hold', () => {
  it('the reader is strict: an exceljs file written without the sanitiser is refused (so this test can fail)', async () => {
    const { default: ExcelJS } = await import('exceljs')
    const wb = new ExcelJS.Workbook()
    wb.addWorksheet('台账').addRow(['刘\uFFFE建国', '王\u0000芳'])
    const { problems } = readBack(Buffer.from(await wb.xlsx.writeBuffer()))
    expect(problems.length).toBeGreaterThan(0)
  })

  for (const notice of [false, true]) {
    it(`${notice ? 'notice 公示名单' : 'ledger 台账'}: every part is well-formed XML 1.0; forbidden characters dropped, the rest kept`, async () => {
      const rows = STORED.map((n, i) => claim(i, n))
      const xlsx = await renderWorkbook(claimsSheet(`2026 年补贴资金台账\u0000\uFFFE`, rows, { notice }))
      const { problems, text } = readBack(xlsx)
      expect(problems).toEqual([])
      const all = text.join('\n')
      for (const name of ['刘建国', '王芳', '张三', '李\u202E四', '赵五', '钱\u{10FFFF}六\uFDD0']) expect(all).toContain(name)
      expect(all).toContain('2026 年补贴资金台账')
    })
  }
})
