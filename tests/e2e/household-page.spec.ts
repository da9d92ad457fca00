import { expect, test, type Locator, type Page } from '@playwright/test'
import { idCheckChar } from '../../shared/id-number'
import { apiSignIn, bearer, DEMO, expectNoHorizontalScroll, openAs, openSection } from './support/session'

/**
 * 一户一档 and 我的帮扶 (issue 13): 灵井镇's officer opens a person's file whose household number
 * nobody registered, registers the household there, sees both members with their ID numbers
 * masked, assigns a named official as its helper (a bad phone is refused beside the field), then
 * changes the helper to themself and sees it; a risk signal recorded there opens a case that shows
 * with its clocks and in the household's history; the helper's page lists the household and the case's visit as due. Each project
 * (375 px, 1280 px) files its own household, so the runs do not depend on each other.
 */

test.use({ actionTimeout: 15_000 })

function newIdNumber(): string {
  const seq = String(Math.floor(Math.random() * 1000)).padStart(3, '0')
  const body = `411023199${Math.floor(Math.random() * 10)}0612${seq}`
  return `${body}${idCheckChar(body)}`
}
const masked = (id: string) => `${id.slice(0, 4)}${'*'.repeat(10)}${id.slice(-4)}`
const day = (d: Date) => d.toISOString().slice(0, 10)

/** Pages a list with 加载更多 until `item` shows (other specs may have given the same officer items). */
async function findInList(page: Page, section: Locator, item: Locator): Promise<void> {
  for (let i = 0; i < 20 && !(await item.count()); i++) {
    const more = section.getByTestId('load-more')
    if (!(await more.count())) break
    await more.click()
    await page.waitForTimeout(300)
  }
  await expect(item).toBeVisible()
}

test('an officer opens a household from a file, sees its members masked, assigns and changes its helper, and finds it on the helper’s page', async ({ page, request }, info) => {
  test.setTimeout(180_000)
  const project = info.project.name === 'desktop' ? 'desktop' : 'phone'
  const stamp = `${project === 'desktop' ? 2 : 1}${String(Date.now()).slice(-6)}`
  const householdId = `E2E-HP-${stamp}`
  const headName = `户主${stamp.slice(-3)}`
  const officer = await apiSignIn(request, DEMO.townshipOfficer)
  const file = async (name: string, idNumber: string) => {
    const r = await request.post('/api/seekers', {
      headers: bearer(officer),
      data: { name, idNumber, householdId, category: 'monitored', monitoredSubtype: 'unstable', township: 'lingjing', village: 'lingjing-04', laborCapacity: 'full', education: 'junior', certificates: [] },
    })
    expect(r.status(), await r.text()).toBe(201)
    return (await r.json()) as { id: string }
  }
  const headId = newIdNumber()
  const memberId = newIdNumber()
  const head = await file(headName, headId)
  await file(`成员${stamp.slice(-3)}`, memberId)

  await test.step('the file opens its household, not registered yet: the officer registers it there', async () => {
    await openAs(page, officer, `/officer/seekers/${head.id}`)
    await page.getByTestId('open-household').click()
    await expect(page).toHaveURL(new RegExp(`/officer/households/${householdId}\\?`))
    await expect(page.getByTestId('household-unregistered')).toBeVisible()
    await expect(page.getByTestId('register-head')).toHaveValue(headName)
    await expectNoHorizontalScroll(page)
    await page.getByTestId('register-save').click()
    await expect(page.getByTestId('page-title')).toHaveText(`${headName}户`)
  })

  await test.step('members are listed with their ID numbers masked, each a link to the file', async () => {
    const members = page.getByTestId('household-member')
    await expect(members).toHaveCount(2)
    expect((await members.getByTestId('member-id').allTextContents()).sort()).toEqual([masked(headId), masked(memberId)].sort())
    await expect(page.getByTestId('household-members')).not.toContainText(headId)
    await expect(page.getByTestId('household-members')).not.toContainText(memberId)
    await expect(page.getByTestId('household-category')).toContainText('防止返贫监测对象')
    await expect(page.getByTestId('household-monitoring')).toHaveText('未纳入监测')
    await expect(page.getByTestId('helper-none')).toBeVisible()
    await expect(page.getByTestId('cases-empty')).toBeVisible()
    await expectNoHorizontalScroll(page)
  })

  await test.step('a named official is assigned (a bad phone is refused beside the field), then the officer takes over', async () => {
    await page.getByTestId('helper-assign').click()
    const dialog = page.getByTestId('helper-dialog')
    await dialog.getByTestId('helper-kind-official').click()
    await dialog.getByTestId('helper-name').fill('张村干')
    await dialog.getByTestId('helper-phone').fill('12345')
    await dialog.getByTestId('helper-save').click()
    await expect(dialog.locator('.el-form-item.is-error')).toContainText('请填写 11 位手机号')
    await dialog.getByTestId('helper-phone').fill('13912345678')
    await dialog.getByTestId('helper-save').click()
    await expect(dialog).toBeHidden()
    await expect(page.getByTestId('helper-current-name')).toHaveText('张村干')
    await expect(page.getByTestId('helper-current-phone')).toHaveText('139****5678')
    await expect(page.getByTestId('household-helper')).not.toContainText('13912345678')

    await page.getByTestId('helper-assign').click()
    await dialog.getByTestId('helper-kind-me').click()
    await dialog.getByTestId('helper-save').click()
    await expect(dialog).toBeHidden()
    await expect(page.getByTestId('helper-current')).toHaveAttribute('data-kind', 'officer')
    await expect(page.getByTestId('helper-current-name')).toHaveText(String(officer.user.name))
    await expectNoHorizontalScroll(page)
    // What the page showed is what the server kept.
    await page.reload()
    await expect(page.getByTestId('helper-current-name')).toHaveText(String(officer.user.name))
  })

  await test.step('a risk signal recorded from the household page: the case opens, then shows with its clocks and in the history', async () => {
    await expect(page.getByTestId('household-monitoring')).toHaveText('未纳入监测')
    await page.getByTestId('household-open-case').click()
    const dialog = page.getByTestId('open-case-dialog')
    await expect(dialog.getByTestId('case-household')).toHaveValue(householdId)
    await dialog.getByTestId('case-note').fill('户主住院，务工收入中断')
    await dialog.getByTestId('case-open-save').click()
    // The new case opens in its drawer, which links back to the household.
    await expect(page.getByTestId('case-detail')).toBeVisible()
    await expect(page.getByTestId('case-household-link')).toContainText(householdId)
    await page.keyboard.press('Escape')
    await expect(page.getByTestId('case-detail')).toBeHidden()
    const c = page.getByTestId('household-case')
    await expect(c).toHaveCount(1)
    await expect(c).toHaveAttribute('data-status', 'open')
    await expect(c.getByTestId('case-clock').first()).toBeVisible()
    await expect(page.getByTestId('household-monitoring')).toHaveText('办理中')
    await expect(page.getByTestId('household-timeline')).toContainText('风险线索：因病 · 户主住院，务工收入中断')
    // One open case per household: no second signal while it runs.
    await expect(page.getByTestId('household-open-case')).toHaveCount(0)
    await expectNoHorizontalScroll(page)
  })

  await test.step('the helper’s page lists the household and the case’s home visit as due', async () => {
    await openSection(page, 'officer-helping')
    const households = page.getByTestId('helper-households')
    await findInList(page, households, households.locator(`[data-testid="helper-household"][data-id="${householdId}"]`))
    await page.getByTestId('helper-due-due').click()
    const due = page.getByTestId('helper-due')
    await findInList(page, due, due.locator('[data-testid="helper-due-card"][data-kind="case.visit"]', { hasText: headName }))
    await expectNoHorizontalScroll(page)
    // And back to the household from its card.
    await households.locator(`[data-testid="helper-household"][data-id="${householdId}"]`).click()
    await expect(page).toHaveURL(new RegExp(`/officer/households/${householdId}$`))
    await expect(page.getByTestId('household-member')).toHaveCount(2)
  })
})

test('an officer edits a returnee record: the responsible official and the intent change, refused without a name', async ({ page, request }, info) => {
  test.setTimeout(120_000)
  const project = info.project.name === 'desktop' ? 'desktop' : 'phone'
  const stamp = `${project === 'desktop' ? 2 : 1}${String(Date.now()).slice(-6)}`
  const officer = await apiSignIn(request, DEMO.townshipOfficer)
  const r = await request.post('/api/seekers', {
    headers: bearer(officer),
    data: { name: `返乡${stamp.slice(-3)}`, idNumber: newIdNumber(), category: 'alleviated', township: 'lingjing', village: 'lingjing-05', laborCapacity: 'full', education: 'junior', certificates: [] },
  })
  expect(r.status(), await r.text()).toBe(201)
  const person = (await r.json()) as { id: string }
  const started = await request.post('/api/returnees', {
    headers: bearer(officer),
    data: { seekerId: person.id, returnDate: day(new Date(Date.now() - 10 * 86_400_000)), workedIn: '江苏昆山', previousTrade: '电子厂普工', reason: 'jobLoss', intent: 'employment', responsible: '王志强' },
  })
  expect(started.status(), await started.text()).toBe(201)

  await openAs(page, officer, `/officer/following/returnee/${person.id}`)
  const facts = page.getByTestId('following-facts')
  await expect(facts).toContainText('王志强')
  await page.getByTestId('record-edit').click()
  const dialog = page.getByTestId('record-edit-dialog')
  await expect(dialog.getByTestId('edit-responsible')).toHaveValue('王志强')
  await expectNoHorizontalScroll(page)
  // A name is needed: the form says so beside the field, and nothing is sent.
  await dialog.getByTestId('edit-responsible').fill('')
  await dialog.getByTestId('edit-save').click()
  await expect(dialog.locator('.el-form-item.is-error')).toContainText('请填写 2–20 个字的姓名')
  await dialog.getByTestId('edit-responsible').fill('李村干')
  await dialog.getByTestId('edit-intent').click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: '创业' }).click()
  await dialog.getByTestId('edit-save').click()
  await expect(dialog).toBeHidden()
  await expect(facts).toContainText('李村干')
  await expect(facts).toContainText('创业')
  // Kept by the server: a fresh read says the same.
  await page.reload()
  await expect(page.getByTestId('following-facts')).toContainText('李村干')
  await expect(page.getByTestId('following-facts')).toContainText('创业')
})
