import { expect, test, type APIRequestContext } from '@playwright/test'
import { apiSignIn, bearer, DEMO, expectNoHorizontalScroll, openAs, openSection, type Session } from './support/session'

/**
 * Issue 13 (parts 2, 5, 6) in the portal, at 375 px and 1280 px: the township officer, as the
 * household's helper, records a risk signal, walks the case to county approval step by step (its
 * clocks showing), makes the plan and marks a measure carried out; then a placement's overdue
 * 1-month check appears on the due page and, once logged, leaves it.
 */
const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' })
const daysAgo = (n: number) => dayFormat.format(new Date(Date.now() - n * 86_400_000))

async function ok<T>(r: Awaited<ReturnType<APIRequestContext['get']>>): Promise<T> {
  expect(r.ok(), await r.text()).toBe(true)
  return (await r.json()) as T
}

/** A 灵井镇 person without a job gets an external placement that started 40 days ago: its 1-month check is overdue. */
async function placedAWhileAgo(request: APIRequestContext, officer: Session): Promise<{ id: string; seekerName: string }> {
  let cursor: string | null = null
  for (let pages = 0; pages < 6; pages++) {
    const q: URLSearchParams = new URLSearchParams({ township: 'lingjing', limit: '20', ...(cursor ? { cursor } : {}) })
    const page: { items: { id: string; name: string }[]; nextCursor: string | null } = await ok(await request.get(`/api/seekers?${q}`, { headers: bearer(officer) }))
    for (const s of page.items) {
      const r = await request.post('/api/placements', { headers: bearer(officer), data: { seekerId: s.id, title: '电子厂普工', kind: 'enterprise', employer: '许昌某电子有限公司', township: 'lingjing', destination: 'inCounty', startDate: daysAgo(40) } })
      if (r.status() === 201) return (await r.json()) as { id: string; seekerName: string }
    }
    cursor = page.nextCursor
    if (!cursor) break
  }
  throw new Error('no lingjing person free to place')
}

test('a risk signal walked to approval, a plan and a measure; a placement check logged from the due page', async ({ page, request }, info) => {
  const officer = await apiSignIn(request, DEMO.townshipOfficer)
  const household = `E2E-${info.project.name}-${Date.now()}`
  await ok(await request.post('/api/households', { headers: bearer(officer), data: { id: household, township: 'lingjing', village: 'lingjing-01', headName: '测试户主' } }))
  await ok(await request.put(`/api/households/${household}/helper`, { headers: bearer(officer), data: { kind: 'officer', userId: officer.user.id } }))

  await openAs(page, officer, '/officer/home')
  await openSection(page, 'officer-cases')
  await page.getByTestId('open-case').click()
  await page.getByTestId('case-household').fill(household)
  await page.getByTestId('case-signal-on').fill(daysAgo(12))
  await page.getByTestId('case-open-save').click()

  const drawer = page.getByTestId('case-detail')
  await expect(drawer.getByTestId('case-status')).toHaveText('办理中')
  // 12 days of 15 used: the whole-process clock is amber.
  await expect(drawer.locator('[data-kind="case.approval"]')).toHaveAttribute('data-colour', 'amber')
  for (const [n, ago] of [[1, 11], [2, 10], [3, 9], [4, 3], [5, 2]] as const) {
    await drawer.getByTestId('step-date').fill(daysAgo(ago))
    await drawer.getByTestId('step-save').click()
    await expect(drawer.getByTestId('case-step')).toHaveCount(n)
  }
  await expect(drawer.getByTestId('case-status')).toHaveText('已审定')
  await expect(drawer.locator('[data-kind="case.plan"]')).toHaveAttribute('data-colour', 'green')
  await drawer.getByTestId('measure-description').fill('推荐帮扶车间岗位')
  await drawer.getByTestId('plan-save').click()
  await expect(drawer.getByTestId('case-status')).toHaveText('帮扶中')
  await drawer.getByTestId('measure-done').click()
  await expect(drawer.getByTestId('case-measure')).toContainText('落实')
  await expectNoHorizontalScroll(page)
  await page.keyboard.press('Escape')

  const placement = await placedAWhileAgo(request, officer)
  await openSection(page, 'officer-due')
  await page.getByTestId('due-scope-township').click()
  await page.getByTestId('due-state-overdue').click()
  const check = page.locator(`[data-testid="due-card"][data-kind="placement.check1"]`).filter({ hasText: placement.seekerName })
  // Oldest overdue first, and the demo's past has placements whose checks nobody logged: page on until it shows.
  await expect(page.getByTestId('list-loading')).toHaveCount(0)
  for (let i = 0; i < 30 && (await check.count()) === 0 && (await page.getByTestId('load-more').count()) > 0; i++) {
    await page.getByTestId('load-more').click()
    await expect(page.getByTestId('load-more').or(page.getByTestId('list-end')).first()).toBeVisible()
    await expect(page.locator('.paged-list .is-loading')).toHaveCount(0)
  }
  await expect(check).toHaveCount(1)
  await expectNoHorizontalScroll(page)
  await check.getByTestId('due-log-check').click()
  await page.getByTestId('check-save').click()
  await expect(check).toHaveCount(0)
})
