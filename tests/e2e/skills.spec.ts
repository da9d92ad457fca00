import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test'
import { apiSignIn, bearer, DEMO, expectNoHorizontalScroll, openAs, openSection, type Session } from './support/session'

/**
 * 证书培训 (issue #5, part 8): a township officer adds a certificate for a person, verifies it, and the
 * year's certification target for 灵井镇 moves by one; records a training; sets a 雨露计划 term status.
 * Both projects run against one server: each picks a person not yet certified this year (the phone's
 * person is certified by the time the desktop looks), and each uses its own Yulu term.
 */

const YEAR = new Date().getFullYear()

interface SeekerRow {
  id: string
  name: string
}
interface CertRow {
  countedForYear?: number
}

/** A person of 灵井镇 with no certificate counted toward this year's target. */
async function personWithoutCertificate(request: APIRequestContext, officer: Session): Promise<SeekerRow> {
  const list = await request.get('/api/seekers?township=lingjing&limit=50', { headers: bearer(officer) })
  expect(list.ok(), await list.text()).toBe(true)
  const people = ((await list.json()) as { items: SeekerRow[] }).items
  for (const p of people) {
    const certs = await request.get(`/api/seekers/${p.id}/certificates`, { headers: bearer(officer) })
    expect(certs.ok()).toBe(true)
    const items = ((await certs.json()) as { items: CertRow[] }).items
    if (!items.some((c) => c.countedForYear === YEAR)) return p
  }
  throw new Error('no person in 灵井镇 without a certificate this year')
}

// Playwright empties .artifacts at each run: E2E_SHOTS_DIR keeps the screenshots somewhere else to look at.
const shot = (page: Page, name: string, project: string) =>
  page.screenshot({ path: `${process.env.E2E_SHOTS_DIR ?? 'tests/e2e/.artifacts'}/skills-${name}-${project}.png`, fullPage: true })

/** Picks a person in a SeekerPicker: search by full name, then the row with that id. */
async function pickPerson(scope: Locator | Page, testid: string, person: SeekerRow): Promise<void> {
  await scope.getByTestId(`${testid}-q`).fill(person.name)
  await scope.getByTestId(`${testid}-go`).click()
  await scope.locator(`[data-testid="${testid}-pick"][data-seeker-id="${person.id}"]`).click()
  await expect(scope.getByTestId(`${testid}-chosen`)).toHaveAttribute('data-seeker-id', person.id)
}

async function certifiedInLingjing(page: Page): Promise<number> {
  const figure = page.getByTestId('target-township-lingjing').getByTestId('target-township-certified')
  await expect(figure).toBeVisible()
  return Number(await figure.getAttribute('data-value'))
}

async function chooseOption(page: Page, select: string, option: string): Promise<void> {
  await page.getByTestId(select).click()
  await page.getByTestId(option).click()
}

test('an officer verifies a new certificate and the certification target moves; records a training; sets a Yulu status', async ({ page, request }, info) => {
  test.setTimeout(240_000)
  const project = info.project.name
  const officer = await apiSignIn(request, DEMO.townshipOfficer)
  const person = await personWithoutCertificate(request, officer)

  // From another officer page, through the navigation (once that page has settled).
  await openAs(page, officer, '/officer/seekers')
  await expect(page.getByTestId('officer-seekers')).toBeVisible()
  await openSection(page, 'officer-skills')
  await expect(page.getByTestId('officer-skills')).toBeVisible()
  await expect(page.getByTestId('skills-township')).toContainText('灵井镇')

  // 持证目标: the figure for 灵井镇 before.
  await page.getByRole('tab', { name: '持证目标' }).click()
  await expect(page.getByTestId('target-certified').getByTestId('target-figure')).toContainText('/ 800')
  const before = await certifiedInLingjing(page)
  const totalBefore = await page.getByTestId('target-certified').getByTestId('target-figure').innerText()

  // 证书: add one for the person (kind and level by their selects, issue date defaults to today).
  await page.getByRole('tab', { name: '证书' }).click()
  await expect(page.getByTestId('cert-state-pending')).toBeVisible()
  await expectNoHorizontalScroll(page)
  await page.getByTestId('cert-add').click()
  const dialog = page.getByTestId('cert-dialog')
  await pickPerson(dialog, 'cert-person', person)
  await chooseOption(page, 'cert-level', 'cert-level-4')
  await dialog.getByTestId('cert-occupation').fill('中式烹调师')
  const number = `E2E${project}${Date.now()}`
  await dialog.getByTestId('cert-number').fill(number)
  await dialog.getByTestId('cert-issuer').fill('许昌市人力资源和社会保障局')
  await expectNoHorizontalScroll(page)
  if (project === 'phone') await shot(page, 'add-dialog', project)
  await dialog.getByTestId('cert-save').click()
  await expect(dialog).toBeHidden()

  // It waits for verification at the top of the pending list.
  const certs = await request.get(`/api/seekers/${person.id}/certificates`, { headers: bearer(officer) })
  const mine = ((await certs.json()) as { items: { id: string; number: string }[] }).items.find((c) => c.number === number)
  expect(mine, 'the certificate just added').toBeDefined()
  const state = page.locator(`[data-testid="cert-state"][data-cert-id="${mine!.id}"]`)
  await expect(state).toHaveAttribute('data-state', 'pending')
  await expect(page.getByTestId('pending-count')).toHaveText(/\d/)
  await expectNoHorizontalScroll(page)
  await shot(page, 'certificates', project)

  // 核验: by the national lookup, with a note; the answer says it counted toward this year's target.
  await page.locator(`[data-testid="cert-verify"][data-cert-id="${mine!.id}"]`).click()
  const verify = page.getByTestId('verify-dialog')
  await verify.getByTestId('verify-method-nationalLookup').click()
  await verify.getByTestId('verify-note').fill('全国联网查询结果一致')
  await verify.getByTestId('verify-confirm').click()
  await expect(verify).toBeHidden()
  await expect(page.getByTestId('verify-result')).toHaveAttribute('data-counted', 'true')
  await expect(page.getByTestId('verify-result')).toContainText(`计入 ${YEAR} 年新增持证目标`)
  await expect(page.locator(`[data-testid="cert-verify"][data-cert-id="${mine!.id}"]`)).toHaveCount(0)

  // Under 已核验 it shows how it was checked.
  await page.getByTestId('cert-state-verified').click()
  await expect(page.locator(`[data-testid="cert-state"][data-cert-id="${mine!.id}"]`)).toHaveAttribute('data-state', 'verified')

  // The target chart moves: 灵井镇 has one more person certified this year.
  await page.getByRole('tab', { name: '持证目标' }).click()
  await expect.poll(() => certifiedInLingjing(page)).toBe(before + 1)
  await expect(page.getByTestId('target-certified').getByTestId('target-figure')).not.toHaveText(totalBefore)
  await expect(page.getByTestId('bar-chart').locator('canvas')).toBeVisible()
  await expectNoHorizontalScroll(page)
  await shot(page, 'target', project)

  // 培训: the person's record, then a course that led to the certificate.
  await page.getByRole('tab', { name: '培训' }).click()
  await expect(page.getByTestId('training-need-person')).toBeVisible()
  await pickPerson(page.getByTestId('training-tab'), 'training-person', person)
  await expect(page.getByTestId('training-add')).toBeVisible()
  await page.getByTestId('training-add').click()
  const training = page.getByTestId('training-dialog')
  const course = `中式烹调 ${project}`
  await training.getByTestId('training-course').fill(course)
  await training.getByTestId('training-provider').fill('建安区职业培训学校')
  await training.getByTestId('training-hours').locator('input').fill('80')
  await chooseOption(page, 'training-cert', `training-cert-${mine!.id}`)
  await expectNoHorizontalScroll(page)
  await training.getByTestId('training-save').click()
  await expect(training).toBeHidden()
  const row = page.getByTestId('training-row').filter({ hasText: course }).first()
  await expect(row.getByTestId('training-row-result')).toHaveText('合格')
  await expect(row).toContainText(number)
  const trainings = await request.get(`/api/seekers/${person.id}/trainings`, { headers: bearer(officer) })
  expect(((await trainings.json()) as { items: { course: string; hours: number; certificateId?: string }[] }).items).toContainEqual(
    expect.objectContaining({ course, hours: 80, certificateId: mine!.id }),
  )
  await expectNoHorizontalScroll(page)
  await shot(page, 'training', project)

  // 雨露计划: put the person on a term (each project its own), then suspend their study.
  const term = project === 'phone' ? `${YEAR}-spring` : `${YEAR}-autumn`
  await page.getByRole('tab', { name: '雨露计划' }).click()
  await chooseOption(page, 'yulu-term', `yulu-term-${term}`)
  await page.getByTestId('yulu-add').click()
  const yulu = page.getByTestId('yulu-dialog')
  await pickPerson(yulu, 'yulu-person', person)
  await yulu.getByTestId('yulu-school').fill('许昌职业技术学院')
  await yulu.getByTestId('yulu-major').fill('护理')
  await yulu.getByTestId('yulu-save').click()
  await expect(yulu).toBeHidden()
  const trainee = page.locator(`[data-testid="yulu-row"][data-seeker-id="${person.id}"]`)
  await expect(trainee).toHaveAttribute('data-status', 'enrolled')
  await expect(trainee.getByTestId('yulu-row-name')).toHaveText(person.name)

  await trainee.getByTestId('yulu-row-select').click()
  await page.locator('[data-testid="yulu-row-status-suspended"]:visible').click()
  await trainee.getByTestId('yulu-row-save').click()
  await expect(trainee).toHaveAttribute('data-status', 'suspended')
  await expect(trainee.getByTestId('yulu-row-status')).toHaveText('休学')
  const termList = await request.get(`/api/yulu?term=${term}&township=lingjing`, { headers: bearer(officer) })
  expect(((await termList.json()) as { items: { seekerId: string; status: string }[] }).items).toContainEqual(expect.objectContaining({ seekerId: person.id, status: 'suspended' }))
  await expectNoHorizontalScroll(page)
  await shot(page, 'yulu', project)
})
