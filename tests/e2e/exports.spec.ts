import { readFile } from 'node:fs/promises'
import { expect, test } from '@playwright/test'
import ExcelJS from 'exceljs'
import { idCheckChar } from '../../shared/id-number'
import { apiSignIn, bearer, DEMO, expectNoHorizontalScroll, openAs } from './support/session'

/**
 * 导出 Excel (issue 11 parts 8–9): the 灵井镇 officer narrows the seeker list by name, exports it,
 * and the file read back has the Chinese headers, masked ID numbers and exactly the rows listed.
 * The phone and desktop projects share one server: each files people with its own surname.
 */

const newIdNumber = (seq: number): string => {
  const body = `41102319880612${String(seq).padStart(3, '0')}`.slice(0, 17)
  return `${body}${idCheckChar(body)}`
}
const masked = (id: string) => `${id.slice(0, 4)}${'*'.repeat(10)}${id.slice(-4)}`

test('the township officer exports the seeker list as filtered: Chinese headers, masked IDs, the rows listed', async ({ page, request }, info) => {
  const project = info.project.name === 'desktop' ? 'desktop' : 'phone'
  const prefix = project === 'desktop' ? '郑导出' : '冯导出'
  const count = project === 'desktop' ? 3 : 2
  const officer = await apiSignIn(request, DEMO.townshipOfficer)
  const people = new Map<string, string>()
  for (let i = 0; i < count; i++) {
    const name = `${prefix}${'甲乙丙'[i]}`
    const idNumber = newIdNumber((project === 'desktop' ? 500 : 600) + (Date.now() % 90) + i)
    const r = await request.post('/api/seekers', {
      headers: bearer(officer),
      data: { name, idNumber, category: 'alleviated', township: 'lingjing', village: 'lingjing-03', laborCapacity: 'full', education: 'junior', certificates: [] },
    })
    expect(r.status(), await r.text()).toBe(201)
    people.set(name, idNumber)
  }

  await openAs(page, officer, '/officer/seekers')
  await page.getByTestId('seekers-q').fill(prefix)
  await page.getByTestId('seekers-search').click()
  await expect(page.getByTestId('seeker-row')).toHaveCount(count)
  await expect(page.getByTestId('list-end')).toBeVisible()

  await page.getByTestId('seekers-export').click()
  const dialog = page.getByTestId('seekers-export-dialog')
  await expect(dialog).toContainText('一人一档名单')
  // Full ID numbers: asked for only after a confirmation that says it is recorded; cancelled here.
  await dialog.getByTestId('export-full-ids').click()
  await dialog.getByTestId('export-start').click()
  const confirm = page.locator('.el-message-box')
  await expect(confirm).toContainText('审计日志')
  await confirm.getByRole('button', { name: '取消' }).click()
  await expect(dialog.getByTestId('export-progress')).toHaveCount(0)
  await dialog.getByTestId('export-full-ids').click()

  await dialog.getByTestId('export-start').click()
  await expect(dialog.getByTestId('export-progress')).toHaveAttribute('data-status', 'done', { timeout: 20_000 })
  await expect(dialog.getByTestId('export-rows')).toContainText(String(count))
  await expectNoHorizontalScroll(page)
  const downloading = page.waitForEvent('download')
  await dialog.getByTestId('export-download').click()
  const download = await downloading
  expect(download.suggestedFilename()).toMatch(/^一人一档名单-灵井镇-\d{4}-\d{2}-\d{2}\.xlsx$/)

  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load((await readFile(await download.path())) as never)
  const ws = wb.worksheets[0]!
  const headers = (ws.getRow(2).values as unknown[]).slice(1).map(String)
  expect(headers.slice(0, 6)).toEqual(['序号', '姓名', '身份证号', '性别', '出生日期', '乡镇'])
  const rows: Record<string, string>[] = []
  ws.eachRow((row, n) => {
    if (n > 2) rows.push(Object.fromEntries(headers.map((h, i) => [h, String(row.getCell(i + 1).value ?? '')])))
  })
  // The filter applied: the file holds the rows the list shows, no more.
  expect(rows).toHaveLength(count)
  expect(rows.map((r) => r['姓名']).sort()).toEqual([...people.keys()].sort())
  for (const r of rows) expect(r['身份证号']).toBe(masked(people.get(r['姓名']!)!))
})
