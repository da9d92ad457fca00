import { readFile } from 'node:fs/promises'
import { expect, test, type Locator, type Page } from '@playwright/test'
import ExcelJS from 'exceljs'
import { idCheckChar } from '../../shared/id-number'
import { apiSignIn, bearer, DEMO, expectNoHorizontalScroll, openAs, openSection } from './support/session'

/**
 * 户清单 (issue 13): 灵井镇's officer opens the households list from the navigation, sees the
 * township's households (their township fixed), narrows it to the ones they help, exports that
 * list and gets its download link (the file holds the rows listed, theirs only), then opens a
 * household. Each card shows the household's 户类型 and member count. Each project (375 px,
 * 1280 px) registers its own two households — one the officer helps, with two member files, one
 * without a helper or members — so the runs do not depend on each other.
 */

test.use({ actionTimeout: 15_000 })

/** Pages the list with 加载更多 to its end (other specs and the demo data give the township households too). */
async function loadAll(page: Page): Promise<void> {
  for (let i = 0; i < 30; i++) {
    const more = page.getByTestId('load-more')
    if (!(await more.count())) break
    await more.click()
    await page.waitForTimeout(300)
  }
  await expect(page.getByTestId('list-end')).toBeVisible()
}

function newIdNumber(): string {
  const seq = String(Math.floor(Math.random() * 1000)).padStart(3, '0')
  const body = `411023198${Math.floor(Math.random() * 10)}0714${seq}`
  return `${body}${idCheckChar(body)}`
}

const row = (page: Page, id: string): Locator => page.locator(`[data-testid="household-row"][data-id="${id}"]`)

test('a township officer lists the township’s households, narrows them to their own, exports that list and opens one', async ({ page, request }, info) => {
  test.setTimeout(180_000)
  const project = info.project.name === 'desktop' ? 'desktop' : 'phone'
  const stamp = `${project === 'desktop' ? 2 : 1}${String(Date.now()).slice(-6)}`
  const officer = await apiSignIn(request, DEMO.townshipOfficer)
  const register = async (id: string, headName: string) => {
    const r = await request.post('/api/households', { headers: bearer(officer), data: { id, township: 'lingjing', village: 'lingjing-01', headName } })
    expect(r.status(), await r.text()).toBe(201)
  }
  const mine = { id: `E2E-HL-${stamp}-M`, head: `帮户${stamp.slice(-3)}` }
  const other = { id: `E2E-HL-${stamp}-N`, head: `无帮${stamp.slice(-3)}` }
  await register(mine.id, mine.head)
  await register(other.id, other.head)
  const helped = await request.put(`/api/households/${mine.id}/helper`, { headers: bearer(officer), data: { kind: 'officer', userId: officer.user.id } })
  expect(helped.status(), await helped.text()).toBe(200)
  for (const name of [mine.head, `成员${stamp.slice(-3)}`]) {
    const r = await request.post('/api/seekers', {
      headers: bearer(officer),
      data: { name, idNumber: newIdNumber(), householdId: mine.id, category: 'monitored', monitoredSubtype: 'marginal', township: 'lingjing', village: 'lingjing-01', laborCapacity: 'full', education: 'junior', certificates: [] },
    })
    expect(r.status(), await r.text()).toBe(201)
  }

  await test.step('the list opens from the navigation: the township’s households, its township fixed', async () => {
    await openAs(page, officer, '/officer/home')
    await openSection(page, 'officer-households')
    await expect(page.getByTestId('page-title')).toHaveText('户清单')
    await expect(page.getByTestId('households-township')).toContainText('灵井镇')
    await expect(page.getByTestId('households-township').locator('.is-disabled').first()).toBeVisible()
    await expect(page.getByTestId('household-row').first()).toBeVisible()
    await loadAll(page)
    await expect(row(page, mine.id)).toContainText(`${mine.head}户`)
    await expect(row(page, mine.id).getByTestId('household-row-helper')).toHaveText(`帮扶责任人：${String(officer.user.name)}`)
    await expect(row(page, other.id).getByTestId('household-row-helper')).toHaveText('尚未指定帮扶责任人')
    // 户类型 and member count from the member files; a household nobody names yet: unknown, none.
    await expect(row(page, mine.id).getByTestId('household-row-category')).toHaveText('防止返贫监测对象（边缘易致贫户）')
    await expect(row(page, mine.id).getByTestId('household-row-members')).toHaveText('2 名成员')
    await expect(row(page, other.id).getByTestId('household-row-category')).toHaveText('户类型未知')
    await expect(row(page, other.id).getByTestId('household-row-members')).toHaveText('0 名成员')
    await expect(row(page, mine.id).getByTestId('household-row-mixed')).toHaveCount(0)
    await expectNoHorizontalScroll(page)
  })

  let listed = 0
  await test.step('“我帮扶的” narrows the list to the households the officer helps', async () => {
    await page.getByTestId('households-helper-me').click()
    await expect(row(page, other.id)).toHaveCount(0)
    await loadAll(page)
    await expect(row(page, mine.id)).toBeVisible()
    await expect(row(page, other.id)).toHaveCount(0)
    const helpers = await page.getByTestId('household-row-helper').evaluateAll((es) => es.map((e) => e.getAttribute('data-helper')))
    expect(new Set(helpers)).toEqual(new Set([officer.user.id]))
    listed = helpers.length
    await expectNoHorizontalScroll(page)
  })

  await test.step('the export is of the list as filtered: its link appears, the file holds the rows listed', async () => {
    await page.getByTestId('households-export').click()
    const dialog = page.getByTestId('households-export-dialog')
    await expect(dialog).toContainText('户清单')
    // The household list holds no ID numbers: nothing to reveal.
    await expect(dialog.getByTestId('export-full-ids')).toHaveCount(0)
    await dialog.getByTestId('export-start').click()
    await expect(dialog.getByTestId('export-progress')).toHaveAttribute('data-status', 'done', { timeout: 20_000 })
    await expect(dialog.getByTestId('export-download')).toBeVisible()
    await expect(dialog.getByTestId('export-rows')).toContainText(String(listed))
    await expectNoHorizontalScroll(page)
    const downloading = page.waitForEvent('download')
    await dialog.getByTestId('export-download').click()
    const download = await downloading
    expect(download.suggestedFilename()).toMatch(/^监测户清单-灵井镇-\d{4}-\d{2}-\d{2}\.xlsx$/)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load((await readFile(await download.path())) as never)
    const ws = wb.worksheets[0]!
    const headers = (ws.getRow(2).values as unknown[]).slice(1).map(String)
    const rows: Record<string, string>[] = []
    ws.eachRow((r, n) => {
      if (n > 2) rows.push(Object.fromEntries(headers.map((h, i) => [h, String(r.getCell(i + 1).value ?? '')])))
    })
    expect(rows).toHaveLength(listed)
    expect(rows.map((r) => r['户编号'])).toContain(mine.id)
    expect(rows.map((r) => r['户编号'])).not.toContain(other.id)
    for (const r of rows) expect(r['帮扶责任人']).toBe(String(officer.user.name))
    const exported = rows.find((r) => r['户编号'] === mine.id)!
    expect([exported['户类型'], exported['成员数']]).toEqual(['防止返贫监测对象（边缘易致贫户）', '2'])
    await dialog.locator('.el-dialog__footer').getByRole('button', { name: '关闭' }).click()
    await expect(dialog).toBeHidden()
  })

  await test.step('a row opens its household; back returns to the list', async () => {
    await row(page, mine.id).click()
    await expect(page).toHaveURL(new RegExp(`/officer/households/${mine.id}$`))
    await expect(page.getByTestId('page-title')).toHaveText(`${mine.head}户`)
    await expect(page.getByTestId('helper-current-name')).toHaveText(String(officer.user.name))
    await expectNoHorizontalScroll(page)
    await page.getByTestId('household-back').click()
    await expect(page).toHaveURL(/\/officer\/households$/)
    await expect(page.getByTestId('household-row').first()).toBeVisible()
  })
})
