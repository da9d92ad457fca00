import { expect, test, type APIRequestContext, type Page } from '@playwright/test'
import { apiSignIn, bearer, DEMO, expectNoHorizontalScroll, openAs, openSection, type Session } from './support/session'

/**
 * 返乡与毕业生 (issue 13 part 7): the township officer opens a person's file, starts their returnee
 * record from it (a job seeker: the plan owes a first job offer), logs a job offer, and sees it at the
 * top of the service log while the plan moves on to the second offer; the record is then in the
 * 返乡人员 list. Each project (375 px, 1280 px) takes a person of 灵井镇 who has no returnee record yet.
 */

interface SeekerRow {
  id: string
  name: string
  birthDate: string
}

const day = (d: Date) => d.toISOString().slice(0, 10)
const shot = (page: Page, name: string, project: string) =>
  page.screenshot({ path: `${process.env.E2E_SHOTS_DIR ?? 'tests/e2e/.artifacts'}/following-${name}-${project}.png`, fullPage: true })

/** A grown-up of 灵井镇 with no returnee record (the GET answers 404). */
async function personWithoutRecord(request: APIRequestContext, officer: Session): Promise<SeekerRow> {
  const adult = day(new Date(Date.now() - 20 * 365.25 * 86_400_000))
  let cursor: string | null = null
  for (let pages = 0; pages < 10; pages++) {
    const q: URLSearchParams = new URLSearchParams({ township: 'lingjing', limit: '20', ...(cursor ? { cursor } : {}) })
    const r = await request.get(`/api/seekers?${q}`, { headers: bearer(officer) })
    expect(r.ok(), await r.text()).toBe(true)
    const page = (await r.json()) as { items: SeekerRow[]; nextCursor: string | null }
    for (const s of page.items.filter((x) => x.birthDate < adult)) {
      if ((await request.get(`/api/returnees/${s.id}`, { headers: bearer(officer) })).status() === 404) return s
    }
    cursor = page.nextCursor
    if (!cursor) break
  }
  throw new Error('no person in 灵井镇 without a returnee record')
}

test('the township officer starts a returnee record from the seeker file, logs a service and sees the plan move on', async ({ page, request }, info) => {
  test.setTimeout(150_000)
  const project = info.project.name
  const officer = await apiSignIn(request, DEMO.townshipOfficer)
  const person = await personWithoutRecord(request, officer)

  // The seeker file opens the person's returnee record; there is none yet, so the form to start it.
  await openAs(page, officer, `/officer/seekers/${person.id}`)
  await page.getByTestId('open-returnee').click()
  await expect(page).toHaveURL(new RegExp(`/officer/following/returnee/${person.id}$`))
  await expect(page.getByTestId('following-none')).toBeVisible()
  await expectNoHorizontalScroll(page)

  // Responsible official required: the form says so before asking the server.
  await page.getByTestId('start-save').click()
  await expect(page.locator('.el-form-item.is-error')).toHaveCount(1)
  await page.getByTestId('start-responsible').fill('王志强')
  await page.getByTestId('start-intent').click()
  await page.getByTestId('start-intent-employment').click()
  await page.getByTestId('start-return-date').fill(day(new Date(Date.now() - 20 * 86_400_000)))
  await page.getByTestId('start-worked-in').fill('江苏昆山')
  await page.getByTestId('start-trade').fill('电子厂普工')
  await page.getByTestId('start-save').click()

  // The record: facts, a plan owing the first job offer, an empty log.
  await expect(page.getByTestId('following-facts')).toContainText('江苏昆山')
  const offer = page.locator('[data-testid="plan-item"][data-kind="jobOffer"]')
  await expect(offer).toHaveCount(1)
  await expect(offer).toHaveAttribute('data-state', /owed|overdue/)
  await expect(offer).toContainText('第 1 次')
  await expect(page.getByTestId('empty-state')).toBeVisible()
  await expectNoHorizontalScroll(page)

  // Log a job offer (the first kind a job seeker's record offers), delivered today.
  const note = `推荐许昌发制品车间普工岗位 ${project}`
  await page.getByTestId('service-note').fill(note)
  await page.getByTestId('service-save').click()
  const first = page.getByTestId('service-entry').first()
  await expect(first).toHaveAttribute('data-kind', 'jobOffer')
  await expect(first.getByTestId('service-entry-note')).toHaveText(note)
  await expect(first).toContainText('岗位推荐')
  // The plan moved on: the second offer is owed now, 30 days after this one.
  await expect(offer).toContainText('第 2 次')
  await expect(offer).toHaveAttribute('data-state', 'owed')
  await expectNoHorizontalScroll(page)
  await shot(page, 'record', project)

  // What the API says agrees: one service, the record's next due day 30 days on.
  const r = await request.get(`/api/returnees/${person.id}`, { headers: bearer(officer) })
  const rec = (await r.json()) as { services: { jobOffer?: { count: number } }; nextDueOn?: string }
  expect(rec.services.jobOffer?.count).toBe(1)
  expect(rec.nextDueOn).toBeTruthy()

  // The 返乡人员 list (through the navigation, under 更多 on a phone) holds the record, filtered to job seekers.
  await openSection(page, 'officer-following')
  await expect(page.getByTestId('officer-following')).toBeVisible()
  await page.getByTestId('following-intent').click()
  await page.getByTestId('following-intent-employment').click()
  const card = page.locator(`[data-testid="following-card"][data-seeker-id="${person.id}"]`)
  // Most urgent first: scroll through pages until the new record shows.
  for (let i = 0; i < 10 && !(await card.count()); i++) {
    const more = page.getByTestId('load-more')
    if (!(await more.count())) break
    await more.click()
    await expect(page.getByTestId('load-more').or(page.getByTestId('list-end'))).toBeVisible()
  }
  await expect(card).toBeVisible()
  await expect(card).toHaveAttribute('data-overdue', 'false')
  await expect(card.getByTestId('following-name')).toHaveText(person.name)
  await expectNoHorizontalScroll(page)
  await shot(page, 'list', project)

  // The graduates tab answers too (a list or its empty state).
  await page.getByRole('tab', { name: '毕业生' }).click()
  await expect(page.getByTestId('following-graduates').getByTestId('following-card').first().or(page.getByTestId('following-graduates').getByTestId('empty-state'))).toBeVisible()
  await expectNoHorizontalScroll(page)
})
