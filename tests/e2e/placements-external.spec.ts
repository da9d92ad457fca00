import { expect, test } from '@playwright/test'
import { idCheckChar } from '../../shared/id-number'
import { apiSignIn, bearer, DEMO, expectNoHorizontalScroll, openAs } from './support/session'

/**
 * 登记外部安置 with 这份工作已经结束 (issue 11): the 灵井镇 officer records a person's past job,
 * already ended, beside the job they hold today; it is listed ended, with its end and reason,
 * and the job held today is still theirs. Each project files its own person.
 */

test.use({ actionTimeout: 15_000 })

test('an officer records a past job as already ended, beside the job the person holds today', async ({ page, request }, info) => {
  const desktop = info.project.name === 'desktop'
  const name = desktop ? '韩往工' : '秦往工'
  const body = `41102319790315${String((desktop ? 700 : 800) + (Date.now() % 90)).padStart(3, '0')}`
  const officer = await apiSignIn(request, DEMO.townshipOfficer)
  const filed = await request.post('/api/seekers', {
    headers: bearer(officer),
    data: { name, idNumber: `${body}${idCheckChar(body)}`, category: 'alleviated', township: 'lingjing', village: 'lingjing-03', laborCapacity: 'full', education: 'junior', certificates: [] },
  })
  expect(filed.status(), await filed.text()).toBe(201)
  const seekerId = (await filed.json()).id as string
  const today = await request.post('/api/placements', {
    headers: bearer(officer),
    data: { seekerId, title: '电子厂普工', kind: 'enterprise', employer: '许昌某电子有限公司', township: 'lingjing', destination: 'inCounty', startDate: '2026-06-01' },
  })
  expect(today.status(), await today.text()).toBe(201)

  await openAs(page, officer, '/officer/placements')
  await page.getByTestId('record-external').click()
  const dialog = page.getByTestId('external-dialog')
  await dialog.getByTestId('external-q').fill(name)
  await dialog.getByTestId('external-go').click()
  await dialog.locator(`[data-testid="external-pick"][data-seeker-id="${seekerId}"]`).click()
  await dialog.getByTestId('external-title').fill('服装厂缝纫工')
  await dialog.getByTestId('external-employer').fill('郑州某服装厂')
  await dialog.getByTestId('external-start').fill('2025-03-01')
  await dialog.getByTestId('external-ended').click()
  await dialog.getByTestId('external-end').fill('2025-04-20')
  await dialog.getByTestId('external-end-reason').fill('工厂停产')
  await expectNoHorizontalScroll(page)
  await dialog.getByTestId('external-save').click()
  await expect(dialog).toBeHidden()

  const card = page.locator('[data-testid="placement-card"]', { hasText: '服装厂缝纫工' }).filter({ hasText: name })
  await expect(card).toHaveAttribute('data-status', 'ended')
  await expect(card).toContainText('离岗')
  await expect(card).toContainText('工厂停产')
  // The job held today is untouched: still the person's active one.
  const placements = await (await request.get(`/api/placements?township=lingjing&status=active&limit=50`, { headers: bearer(officer) })).json()
  expect(placements.items.filter((p: { seekerId: string }) => p.seekerId === seekerId).map((p: { title: string }) => p.title)).toEqual(['电子厂普工'])
})
