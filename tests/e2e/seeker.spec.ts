import os from 'node:os'
import path from 'node:path'
import { expect, test, type APIRequestContext } from '@playwright/test'
import { apiSignIn, bearer, DEMO, expectNoHorizontalScroll, openAs, openSection, type Session } from './support/session'

/**
 * The seeker's side of matching and benefits, and the owner's candidates, on the seeded demo district:
 * 刘建国 sees recommended posts with reasons; records a certificate, which an officer verifies; sees a
 * training-subsidy claim move from 待审核 to 已驳回 with its reason; the demo owner sees masked candidates.
 *
 * The phone and desktop projects run one after the other against one server: each run records its own
 * certificate and files its own claim, and the rejection frees the person-kind-period again (the rule is
 * one open claim per person, kind and period), so neither run depends on what the other left.
 */

// Screenshots to look at, kept outside Playwright's output folder (which every run empties).
const SHOTS = process.env.E2E_SHOTS ?? path.join(os.tmpdir(), 'wengang-e2e-shots')
const shot = (name: string, project: string) => path.join(SHOTS, `seeker-${name}-${project}.png`)

interface Claim {
  id: string
  kind: string
  period: string
  status: string
  amountFen: number
}

async function seekerId(request: APIRequestContext, seeker: Session): Promise<string> {
  const r = await request.get('/api/me/profile', { headers: bearer(seeker) })
  expect(r.ok(), await r.text()).toBe(true)
  return ((await r.json()) as { id: string }).id
}

test('the demo seeker sees recommended posts with reasons on the home page and opens one', async ({ page, request }, info) => {
  const seeker = await apiSignIn(request, DEMO.seeker)
  await openAs(page, seeker, '/')

  const strip = page.getByTestId('recommendations')
  await expect(strip.getByRole('heading', { name: '为您推荐' })).toBeVisible()
  const cards = strip.getByTestId('recommended-post')
  await expect(cards.first()).toBeVisible()
  const n = await cards.count()
  expect(n).toBeGreaterThan(0)
  expect(n).toBeLessThanOrEqual(10)

  // Each card: title, wage, one to three reasons in Chinese, a score out of 100.
  const first = cards.first()
  await expect(first.getByTestId('recommended-title')).not.toBeEmpty()
  await expect(first.getByTestId('recommended-score')).toHaveText(/^匹配度 \d{1,3}$/)
  const reasons = first.getByTestId('recommended-reason')
  expect(await reasons.count()).toBeGreaterThanOrEqual(1)
  expect(await reasons.count()).toBeLessThanOrEqual(3)
  await expect(reasons.first()).toHaveText(/[\u4e00-\u9fa5]/)

  // The same reasons the API gives, in the reader's language.
  const api = await request.get('/api/me/recommendations', { headers: bearer(seeker) })
  const items = ((await api.json()) as { items: { post: { id: string }; reasons: { text: string }[] }[] }).items
  const firstId = await first.getAttribute('data-post-id')
  expect(items[0]!.post.id).toBe(firstId)
  expect(items[0]!.reasons.map((r) => r.text)).toContain(await reasons.first().innerText())

  // The list below still shows, and the strip scrolls inside itself, not the page.
  await expect(page.getByTestId('post-list')).toBeVisible()
  await expectNoHorizontalScroll(page)
  await page.screenshot({ path: shot('recommendations', info.project.name) })

  // English shows the English reasons.
  const lang = page.getByTestId('lang-switch').first()
  if (await lang.isVisible()) {
    await lang.click()
    await expect(strip.getByRole('heading', { name: 'Recommended for you' })).toBeVisible()
    await expect(cards.first().getByTestId('recommended-reason').first()).toHaveText(/[A-Za-z]/)
    await expect(cards.first().getByTestId('recommended-score')).toHaveText(/^Match \d{1,3}$/)
    await page.screenshot({ path: shot('recommendations-en', info.project.name) })
    await lang.click()
    await expect(strip.getByRole('heading', { name: '为您推荐' })).toBeVisible()
  }

  await cards.first().click()
  await expect(page).toHaveURL(new RegExp(`/posts/${firstId}$`))
})

test('a seeker without a file is asked to fill it in, on the home page and on 我的证书与补贴', async ({ page, request }, info) => {
  // A new number signs in as a seeker with no file yet; each project has its own.
  const fresh = await apiSignIn(request, info.project.name === 'phone' ? '13900000411' : '13900000412')
  await openAs(page, fresh, '/')
  const prompt = page.getByTestId('recommendations-no-file')
  await expect(prompt).toBeVisible()
  await expect(page.getByTestId('post-list')).toBeVisible()
  await expectNoHorizontalScroll(page)
  await page.screenshot({ path: shot('no-file-home', info.project.name) })

  await openSection(page, 'seeker-benefits')
  await expect(page.getByTestId('benefits-no-file')).toBeVisible()
  await expectNoHorizontalScroll(page)
  await page.screenshot({ path: shot('no-file-benefits', info.project.name) })
  await page.getByTestId('benefits-fill-file').click()
  await expect(page).toHaveURL(/\/seeker\/profile/)
})

test('the seeker records a certificate, sees it pending, then verified, and follows a subsidy claim', async ({ page, request }, info) => {
  test.setTimeout(180_000)
  const project = info.project.name
  const seeker = await apiSignIn(request, DEMO.seeker)
  const id = await seekerId(request, seeker)
  const number = `E2E${project.toUpperCase()}${Date.now()}`

  await openAs(page, seeker, '/')
  await openSection(page, 'seeker-benefits')
  await expect(page.getByTestId('page-title')).toHaveText('证书补贴')
  await expect(page.getByTestId('certificates-section')).toBeVisible()

  // 登记证书: a level-4 (中级工) electrician's certificate.
  await page.getByTestId('add-certificate').click()
  const dialog = page.getByTestId('certificate-dialog')
  await expect(dialog).toBeVisible()
  // Empty form: the fields say what they need, nothing is sent.
  await dialog.getByTestId('certificate-save').click()
  await expect(dialog.locator('.el-form-item__error').first()).toBeVisible()
  await dialog.getByTestId('certificate-level').click()
  await page.getByTestId('certificate-level-4').click()
  await dialog.getByTestId('certificate-occupation').fill('电工')
  await dialog.getByTestId('certificate-number').fill(number)
  await dialog.getByTestId('certificate-issuer').fill('许昌市人力资源和社会保障局')
  await dialog.getByTestId('certificate-issue-date').fill('2026-06-15')
  await dialog.getByTestId('certificate-occupation').focus()
  await expect(dialog.locator('.el-form-item__error')).toHaveCount(0)
  await expectNoHorizontalScroll(page)
  await page.screenshot({ path: shot('certificate-dialog', project) })
  await dialog.getByTestId('certificate-save').click()
  await expect(dialog).toBeHidden()

  const card = page.getByTestId('certificate').filter({ hasText: number })
  await expect(card).toHaveAttribute('data-state', 'pending')
  await expect(card.getByTestId('certificate-state')).toHaveText('待核验')
  await expect(card).toContainText('职业技能等级证书')
  await expect(card).toContainText('四级/中级工')
  await expectNoHorizontalScroll(page)
  const certificateId = (await card.getAttribute('data-certificate-id'))!

  // The township officer verifies it and records the training it came from, then files a training subsidy.
  const officer = await apiSignIn(request, DEMO.townshipOfficer)
  const verify = await request.post(`/api/certificates/${certificateId}/verify`, { headers: bearer(officer), data: { method: 'nationalLookup' } })
  expect(verify.ok(), await verify.text()).toBe(true)
  const training = await request.post('/api/trainings', {
    headers: bearer(officer),
    data: { seekerId: id, course: '低压电工技能培训', provider: '建安区职业技能培训中心', startDate: '2026-05-06', endDate: '2026-06-10', hours: 80, result: 'passed', certificateId },
  })
  expect(training.status(), await training.text()).toBe(201)
  const created = await request.post('/api/claims', { headers: bearer(officer), data: { seekerId: id, kind: 'training', period: '2026' } })
  expect(created.status(), await created.text()).toBe(201)
  const claim = (await created.json()) as Claim
  const submitted = await request.post(`/api/claims/${claim.id}/submit`, { headers: bearer(officer) })
  expect(submitted.ok(), await submitted.text()).toBe(true)

  await page.reload()
  const verified = page.getByTestId('certificate').filter({ hasText: number })
  await expect(verified).toHaveAttribute('data-state', 'verified')
  await expect(verified.getByTestId('certificate-state')).toHaveText('已核验')
  await expect(verified.getByTestId('certificate-verified')).toContainText('全国证书查询')

  const row = page.locator(`[data-testid="subsidy"][data-claim-id="${claim.id}"]`)
  await expect(row).toHaveAttribute('data-status', 'submitted')
  await expect(row.getByTestId('subsidy-status')).toHaveText('待审核')
  await expect(row).toContainText('技能培训补贴')
  // 中级工 is ¥1,500.00 in the demo policy: shown from integer fen, two places.
  await expect(row.getByTestId('subsidy-amount')).toHaveText('¥1,500.00')
  await expect(row.getByTestId('claim-progress')).toContainText('待审核')
  await expect(page.getByTestId('training').filter({ hasText: '低压电工技能培训' }).first()).toBeVisible()
  await expectNoHorizontalScroll(page)
  await page.screenshot({ path: shot('benefits-submitted', project), fullPage: true })

  // The district officer (the checker) rejects it with a reason: the seeker reads the reason.
  const checker = await apiSignIn(request, DEMO.districtOfficer)
  const reason = `培训证明材料不全（${project}）`
  const rejected = await request.post(`/api/claims/${claim.id}/reject`, { headers: bearer(checker), data: { reason } })
  expect(rejected.ok(), await rejected.text()).toBe(true)

  await page.reload()
  await expect(row).toHaveAttribute('data-status', 'rejected')
  await expect(row.getByTestId('subsidy-status')).toHaveText('已驳回')
  await expect(row.getByTestId('subsidy-reason')).toHaveText(`驳回原因：${reason}`)
  await expectNoHorizontalScroll(page)
  await page.screenshot({ path: shot('benefits-rejected', project), fullPage: true })
})

test('the owner opens 合适人选 for one of their posts and sees masked people only', async ({ page, request }, info) => {
  const owner = await apiSignIn(request, DEMO.owner)
  await openAs(page, owner, '/')
  await openSection(page, 'owner-posts')

  const post = page.locator('[data-testid="managed-post"][data-status="open"]').first()
  await expect(post).toBeVisible()
  const postId = (await post.getAttribute('data-post-id'))!
  await post.getByTestId('post-candidates').click()

  const drawer = page.getByTestId('candidates-drawer')
  await expect(drawer).toBeVisible()
  await expect(drawer.getByTestId('candidates-note')).toContainText('姓名显示为打码')
  await expect(drawer.getByTestId('candidates-note')).toContainText('人岗匹配')
  const people = drawer.getByTestId('candidate')
  await expect(people.first()).toBeVisible()

  // Every name masked (刘建国 → 刘*国), no ID number, no phone number, no full name of anyone the API knows.
  const names = await drawer.getByTestId('candidate-name').allInnerTexts()
  expect(names.length).toBeGreaterThan(0)
  // First and last character kept, the rest starred (刘建国 → 刘*国; e2e-made people may end in a digit).
  for (const name of names) expect(name).toMatch(/^\S\*+\S?$/u)
  const text = await drawer.innerText()
  expect(text).not.toMatch(/\d{17}[\dXx]/)
  expect(text).not.toMatch(/\d{4}\*{6,}/)
  expect(text).not.toMatch(/1[3-9]\d{9}/)
  expect(text).not.toContain('刘建国')
  await expect(people.first().getByTestId('candidate-reason').first()).toBeVisible()

  // As many as the API returns for this post (up to 20).
  const api = await request.get(`/api/posts/${postId}/candidates`, { headers: bearer(owner) })
  expect(api.ok()).toBe(true)
  expect(await people.count()).toBe(((await api.json()) as { items: unknown[] }).items.length)

  await expectNoHorizontalScroll(page)
  await page.screenshot({ path: shot('candidates', info.project.name) })
  await page.keyboard.press('Escape')
  await expect(drawer).toBeHidden()
  await page.screenshot({ path: shot('manage-posts', info.project.name), fullPage: true })
})
