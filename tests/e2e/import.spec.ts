import { readFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import ExcelJS from 'exceljs'
import { villageByCode } from '../../shared/geo'
import { idCheckChar } from '../../shared/id-number'
import { apiSignIn, DEMO, expectNoHorizontalScroll, openAs, openSection } from './support/session'

/**
 * 导入 (issue 11 part 9): the 灵井镇 officer opens 名册导入, downloads the people template, uploads
 * a roster made here (one good row, one row whose ID number Excel destroyed), reads the dry run's
 * report, downloads the error file, commits, and finds the imported person by name on the seekers
 * page. The phone and desktop projects run against one server: each imports a person of its own.
 */

const SHOTS = process.env.E2E_SHOTS ?? path.join(os.tmpdir(), 'wengang-e2e-shots')
const shot = (page: Page, name: string, project: string) => page.screenshot({ path: `${SHOTS}/import-${name}-${project}.png`, fullPage: true })

test.use({ actionTimeout: 15_000 })

const idNumber = (birth: string, seq: number) => {
  const body = `411003${birth}${String(seq).padStart(3, '0')}`
  return `${body}${idCheckChar(body)}`
}

/** A roster as a township keeps it: a title row above the header, the synonyms of real exports. */
async function roster(rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('家庭成员')
  ws.getCell(1, 1).value = '灵井镇脱贫户家庭成员信息表'
  ws.getRow(3).values = ['姓名', '证件号码', '与户主关系', '家庭类别', '劳动能力', '文化程度', '乡镇', '行政村']
  rows.forEach((r, i) => {
    ws.getRow(4 + i).values = r
  })
  return Buffer.from(await wb.xlsx.writeBuffer())
}

async function sheetText(file: string): Promise<string> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load((await readFile(file)) as never)
  return JSON.stringify(wb.worksheets.map((ws) => ws.getSheetValues()))
}

test('the township officer imports a roster: template, dry run report, error file, commit, and the person is found by name', async ({ page, request }, info) => {
  test.setTimeout(240_000)
  const project = info.project.name === 'desktop' ? 'desktop' : 'phone'
  const name = project === 'desktop' ? '韦导入' : '韩导入'
  const broken = project === 'desktop' ? '韦损坏' : '韩损坏'
  const seq = 700 + (Date.now() % 100)
  const id = idNumber(project === 'desktop' ? '19790202' : '19790101', seq)
  const village = villageByCode.get('lingjing-02')!.name
  const officer = await apiSignIn(request, DEMO.townshipOfficer)

  await openAs(page, officer, '/officer')
  await openSection(page, 'officer-imports')
  await expect(page.getByTestId('officer-imports')).toBeVisible()
  await page.getByTestId('import-kind-people').click()

  // The template: the headers the import reads, and the value lists.
  const templating = page.waitForEvent('download')
  await page.getByTestId('import-template').click()
  const template = await templating
  expect(template.suggestedFilename()).toBe('一户一档导入模板.xlsx')
  const tpl = await sheetText(await template.path())
  expect(tpl).toContain('身份证号')
  expect(tpl).toContain('弱劳动力或半劳动力')
  await expectNoHorizontalScroll(page)

  // A dry run of a roster with one good row and one ID number Excel rounded.
  const file = await roster([
    [name, id, '户主', '脱贫户', '普通劳动力', '初中', '灵井镇', village],
    [broken, 411003197901010000, '户主', '脱贫户', '普通劳动力', '初中', '灵井镇', village],
  ])
  await page.getByTestId('import-file').setInputFiles({ name: `灵井名册-${project}.xlsx`, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: file })
  await expect(page.getByTestId('import-file-name')).toHaveText(`灵井名册-${project}.xlsx`)
  await page.getByTestId('import-upload-go').click()
  const report = page.getByTestId('import-report')
  await expect(report).toHaveAttribute('data-status', 'done', { timeout: 60_000 })
  await expect(report).toHaveAttribute('data-dry-run', 'true')
  await expect(page.getByTestId('import-count-rows')).toContainText('2')
  await expect(page.getByTestId('import-count-valid')).toContainText('1')
  await expect(page.getByTestId('import-count-invalid')).toContainText('1')
  await expect(page.getByTestId('import-count-created')).toContainText('1')
  await expect(page.getByTestId('import-count-households')).toContainText('1')
  const error = page.getByTestId('import-error')
  await expect(error).toHaveCount(1)
  await expect(error).toHaveAttribute('data-code', 'import.idNumber.excelRounded')
  await expect(error).toContainText('第 5 行 · 证件号码')
  await expect(error).toContainText('请把该列设为“文本”格式')
  await expectNoHorizontalScroll(page)
  await shot(page, 'report', project)

  // The error file: the bad row as uploaded, with its reason.
  const erroring = page.waitForEvent('download')
  await page.getByTestId('import-error-file').click()
  const errors = await erroring
  expect(errors.suggestedFilename()).toBe(`错误报告-灵井名册-${project}.xlsx`)
  const errorText = await sheetText(await errors.path())
  expect(errorText).toContain(broken)
  expect(errorText).toContain('错误原因')
  expect(errorText).not.toContain(name)

  // Commit: a new import of the same file, followed to its end.
  await page.getByTestId('import-commit').click()
  await expect(report).toHaveAttribute('data-dry-run', 'false')
  await expect(report).toHaveAttribute('data-status', 'done', { timeout: 60_000 })
  await expect(page.getByTestId('import-count-created')).toContainText('1')
  await expect(page.getByTestId('import-count-households')).toContainText('1')
  await expect(page.getByTestId('import-commit')).toHaveCount(0)
  await expectNoHorizontalScroll(page)

  // The history lists both, newest first.
  await page.getByRole('tab', { name: '导入记录' }).click()
  const items = page.getByTestId('import-history-item')
  await expect(items.first()).toHaveAttribute('data-dry-run', 'false')
  await expect(items.nth(1)).toHaveAttribute('data-dry-run', 'true')
  await expect(items.first()).toContainText(`灵井名册-${project}.xlsx`)
  await expectNoHorizontalScroll(page)
  await shot(page, 'history', project)

  // The person is there, found by name as an officer looks.
  await openSection(page, 'officer-seekers')
  await page.getByTestId('seekers-q').fill(name)
  const row = page.getByTestId('seeker-row').filter({ hasText: name })
  await expect(async () => {
    await page.getByTestId('seekers-search').click()
    await expect(row).toHaveCount(1, { timeout: 5_000 })
  }).toPass({ timeout: 60_000 })
  await expect(row).toContainText('灵井镇')
  await expect(page.getByTestId('seeker-row').filter({ hasText: broken })).toHaveCount(0)
})
