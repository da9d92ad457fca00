import os from 'node:os'
import path from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { apiSignIn, DEMO, expectNoHorizontalScroll, openAs } from './support/session'

/**
 * 用户: the admin creates a 五女店镇 officer, who can sign in; moves them to 苏桥镇; deactivates them
 * (confirming that their sessions end) and sees 已停用. The phone and desktop projects run one after the other against one server:
 * each run makes its own officer (a phone number from the clock and the project), so neither
 * depends on what the other left.
 */

const SHOTS = process.env.E2E_SHOTS ?? path.join(os.tmpdir(), 'wengang-e2e-shots')
const shot = (name: string, project: string) => path.join(SHOTS, `users-${name}-${project}.png`)

// A step that cannot act fails within seconds, not at the end of the whole flow's timeout.
test.use({ actionTimeout: 15_000 })

/** Opens an Element Plus select and picks an option, both by test id. */
async function choose(page: Page, select: string, option: string): Promise<void> {
  await page.getByTestId(select).click()
  await page.getByTestId(option).click()
}

test('the admin creates an officer, who can sign in, moves them to another township (their session ends) and deactivates them', async ({ page, request, browser, baseURL }, info) => {
  test.setTimeout(240_000)
  const project = info.project.name === 'desktop' ? 'desktop' : 'phone'
  const digit = project === 'desktop' ? 2 : 1
  const clock = String(Date.now())
  const phone = `1397${digit}${clock.slice(-6)}`
  const name = `五女店测试${digit}${clock.slice(-4)}`
  const masked = `${phone.slice(0, 3)}****${phone.slice(7)}`

  const admin = await apiSignIn(request, DEMO.admin)
  await openAs(page, admin, '/admin/users')
  await expect(page.getByTestId('page-title')).toHaveText('用户')
  await expect(page.getByTestId('account-card').first()).toBeVisible()
  await expectNoHorizontalScroll(page)

  const card = page.getByTestId('account-card').filter({ hasText: name })

  await test.step('creates a 五女店镇 officer: a server refusal shows beside the field, then the account is listed', async () => {
    await page.getByTestId('account-create').click()
    const dialog = page.getByTestId('account-dialog')
    await expect(dialog).toBeVisible()
    await choose(page, 'account-role-select', 'account-role-officer')
    await dialog.getByTestId('account-name-input').fill(name)
    // A taken phone is the server's to refuse (409 user.exists), shown in the dialog.
    await dialog.getByTestId('account-phone-input').fill(DEMO.auditor)
    await choose(page, 'account-scope-select', 'account-scope-select-wunvdian')
    await dialog.getByTestId('account-save').click()
    await expect(dialog.getByTestId('form-error')).toContainText('该手机号已注册')
    await dialog.getByTestId('account-phone-input').fill(phone)
    await dialog.getByTestId('account-save').click()
    await expect(dialog).toBeHidden()
    await expect(card).toHaveCount(1)
    await expect(card.getByTestId('account-role')).toHaveText('就业专员')
    await expect(card.getByTestId('account-phone')).toHaveText(masked)
    await expect(card.getByTestId('account-scope')).toContainText('五女店镇')
    await expect(card.getByTestId('account-status')).toHaveText('正常')
    await expectNoHorizontalScroll(page)
    await page.screenshot({ path: shot('created', project), fullPage: true })
  })

  let token = ''
  await test.step('the new officer signs in by code, is asked to set a password before anything else, sets it and works for 五女店镇', async () => {
    // Their own browser: a new account has no password yet, so its first session may only set one.
    const context = await browser.newContext({ viewport: page.viewportSize()!, baseURL: baseURL! })
    const own = await context.newPage()
    await own.goto('/sign-in')
    await own.getByTestId('phone-input').fill(phone)
    await own.getByTestId('send-code').click()
    await expect(own.getByTestId('dev-code')).toContainText(/\d{6}/)
    await own.getByTestId('sign-in').click()
    await expect(own).toHaveURL(/\/account\/password/)
    await expect(own.getByTestId('password-page')).toContainText('设置登录密码')
    // The limited session cannot leave the page: any other address comes back to it.
    await own.goto('/officer/seekers')
    await expect(own).toHaveURL((u) => u.pathname === '/account/password')
    await own.getByTestId('password-new').fill('12345678901')
    await own.getByTestId('password-confirm').fill('12345678901')
    await own.getByTestId('password-submit').click()
    await expect(own.getByText('至少 10 个字符，不能全是数字').first()).toBeVisible()
    await own.getByTestId('password-new').fill('wunvdian-officer-1')
    await own.getByTestId('password-confirm').fill('wunvdian-officer-1')
    await expectNoHorizontalScroll(own)
    await own.screenshot({ path: shot('password', project), fullPage: true })
    await own.getByTestId('password-submit').click()
    // Back where they were going (the redirect query names it too: compare the path alone).
    await expect(own).toHaveURL((u) => u.pathname === '/officer/seekers')
    await expect(own.getByTestId('password-page')).toHaveCount(0)
    token = await own.evaluate(() => localStorage.getItem('wengang.token')!)
    const me = await request.get('/api/me', { headers: { Authorization: `Bearer ${token}` } })
    expect(await me.json()).toMatchObject({ role: 'officer', scope: 'wunvdian', name })
    expect((await request.get('/api/seekers?township=wunvdian', { headers: { Authorization: `Bearer ${token}` } })).status()).toBe(200)
    await context.close()
    // The admin's card now says the password is set, and offers a reset.
    await page.reload()
    await page.getByTestId('users-q').fill(name)
    await page.getByTestId('users-search').click()
    await expect(card.getByTestId('account-password')).toContainText('已设置')
    await expect(card.getByTestId('account-reset-password')).toBeVisible()
  })

  await test.step('finds them by name and moves them to 苏桥镇; their session ends', async () => {
    await page.getByTestId('users-q').fill(name)
    await page.getByTestId('users-search').click()
    await expect(page.getByTestId('account-card')).toHaveCount(1)
    await card.getByTestId('account-edit').click()
    const dialog = page.getByTestId('account-dialog')
    await expect(dialog).toBeVisible()
    await expect(dialog.getByTestId('account-name-input')).toHaveValue(name)
    await expect(dialog.getByTestId('account-phone-input')).toHaveCount(0)
    await choose(page, 'account-scope-select', 'account-scope-select-suqiao')
    await dialog.getByTestId('account-save').click()
    await expect(dialog).toBeHidden()
    await expect(card.getByTestId('account-scope')).toContainText('苏桥镇')
    expect((await request.get('/api/me', { headers: { Authorization: `Bearer ${token}` } })).status()).toBe(401)
  })

  await test.step('resets their password after a confirm: the card says it is not set', async () => {
    await card.getByTestId('account-reset-password').click()
    const box = page.locator('.el-message-box')
    await expect(box).toContainText(name)
    await box.getByRole('button', { name: '重置密码' }).click()
    await expect(box).toBeHidden()
    await expect(card.getByTestId('account-password')).toContainText('未设置')
    await expect(card.getByTestId('account-reset-password')).toHaveCount(0)
  })

  await test.step('deactivates them after a confirm that names them and says their sessions end; sees 已停用', async () => {
    await card.getByTestId('account-deactivate').click()
    const box = page.locator('.el-message-box')
    await expect(box).toBeVisible()
    await expect(box).toContainText(name)
    await expect(box).toContainText('登录会立即失效')
    await box.getByRole('button', { name: '停用' }).click()
    await expect(box).toBeHidden()
    await expect(card.getByTestId('account-status')).toHaveText('已停用')
    await expect(card).toHaveAttribute('data-status', 'deactivated')
    await expect(card.getByTestId('account-activate')).toBeVisible()
    await expectNoHorizontalScroll(page)
    await page.screenshot({ path: shot('deactivated', project), fullPage: true })
    // Still so after a reload: the list says what the server holds.
    await page.reload()
    await page.getByTestId('users-q').fill(name)
    await page.getByTestId('users-search').click()
    await expect(card.getByTestId('account-status')).toHaveText('已停用')
  })

  // That a deactivated account's next sign-in is refused (403 auth.deactivated) is proven on the API
  // (tests/integration/users.test.ts): here it would cost a minute's wait for a second code.
})
