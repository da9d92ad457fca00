import os from 'node:os'
import path from 'node:path'
import { expect, test, type APIRequestContext, type Page } from '@playwright/test'
import { idCheckChar } from '../../shared/id-number'
import { apiSignIn, bearer, DEMO, expectNoHorizontalScroll, openAs, type Session } from './support/session'

/**
 * A file's trust rules as 灵井镇's officer and a seeker live them on the seeded demo district:
 * a seeker files themself (未核实); the officer verifies the file (已核实, with the date); the
 * seeker's change of household category then waits for the officer (the file keeps 脱贫户) and the
 * ID number is fixed; the officer confirms the change in 待确认变更 and the row leaves; another
 * person's attempt at the same ID number shows in 身份证号冲突 with a link to the existing file.
 *
 * Verifying is one-way and the phone and desktop projects run one after the other against one
 * server: each run files its own seekers (new phone numbers), so neither depends on what the other
 * left, and 刘建国's seeded file stays as it is for the other specs.
 */

const SHOTS = process.env.E2E_SHOTS ?? path.join(os.tmpdir(), 'wengang-e2e-shots')
const shot = (name: string, project: string) => path.join(SHOTS, `household-${name}-${project}.png`)

// A step that cannot act fails within seconds, not at the end of the whole flow's timeout.
test.use({ actionTimeout: 15_000 })

/** A valid resident ID number (GB 11643 check character), different on every run. */
function newIdNumber(): string {
  const seq = String(Math.floor(Math.random() * 1000)).padStart(3, '0')
  const body = `411023198${Math.floor(Math.random() * 10)}0612${seq}`
  return `${body}${idCheckChar(body)}`
}

const masked = (id: string) => `${id.slice(0, 4)}${'*'.repeat(10)}${id.slice(-4)}`

const fileOf = (name: string, idNumber: string) => ({
  name,
  idNumber,
  category: 'alleviated',
  township: 'lingjing',
  village: 'lingjing-03',
  laborCapacity: 'full',
  education: 'junior',
})

/** A new seeker account that files itself through the API: the file is not verified. */
async function seekerWithFile(request: APIRequestContext, phone: string, name: string, idNumber: string): Promise<{ session: Session; id: string }> {
  const session = await apiSignIn(request, phone)
  const r = await request.put('/api/me/profile', { headers: bearer(session), data: fileOf(name, idNumber) })
  expect(r.status(), await r.text()).toBe(201)
  return { session, id: ((await r.json()) as { id: string }).id }
}

/** Accepts the confirm dialog (ElMessageBox) with its button named `name`. */
async function acceptDialog(page: Page, name: string): Promise<void> {
  const box = page.locator('.el-message-box')
  await expect(box).toBeVisible()
  await box.getByRole('button', { name }).click()
  await expect(box).toBeHidden()
}

test('an officer verifies a file, confirms the seeker’s household change, and sees a clash of ID numbers', async ({ page, request }, info) => {
  test.setTimeout(240_000)
  const project = info.project.name === 'desktop' ? 'desktop' : 'phone'
  const stamp = String(Date.now()).slice(-3)
  const digit = project === 'desktop' ? 2 : 1
  const name = `核实测试${digit}${stamp}`
  const otherName = `冲突测试${digit}${stamp}`
  const idNumber = newIdNumber()

  const officer = await apiSignIn(request, DEMO.townshipOfficer)
  const seeker = await seekerWithFile(request, `1391236${digit}${stamp}`, name, idNumber)

  await test.step('the officer opens the new file: 未核实, and verifies it', async () => {
    await openAs(page, officer, `/officer/seekers/${seeker.id}`)
    const verification = page.getByTestId('seeker-verification')
    await expect(verification).toHaveAttribute('data-verified', 'false')
    await expect(verification).toContainText('未核实')
    await page.getByTestId('seeker-verify').click()
    await acceptDialog(page, '核实档案')
    await expect(verification).toHaveAttribute('data-verified', 'true')
    await expect(verification).toContainText('已核实')
    await expect(page.getByTestId('seeker-verified-on')).toContainText('由就业专员核实')
    await expect(page.getByTestId('seeker-verify')).toHaveCount(0)
    await expectNoHorizontalScroll(page)
  })

  await test.step('the seeker changes the household category: it waits, the file keeps 脱贫户, the ID number is fixed', async () => {
    await openAs(page, seeker.session, '/seeker/profile')
    await expect(page.getByTestId('seeker-verification')).toHaveAttribute('data-verified', 'true')
    await page.getByTestId('profile-edit').click()
    await expect(page.getByTestId('seeker-id-fixed')).toContainText('不能自行修改')
    await expect(page.getByTestId('seeker-category-confirm-hint')).toBeVisible()
    await page.getByTestId('seeker-id-number').fill(idNumber)
    await page.getByTestId('seeker-category-monitored').click()
    await page.getByTestId('seeker-subtype').click()
    await page.getByTestId('seeker-subtype-marginal').click()
    await page.getByTestId('seeker-submit').click()

    const notice = page.getByTestId('household-pending')
    await expect(notice).toBeVisible()
    await expect(notice).toContainText('防止返贫监测对象（边缘易致贫户）')
    await expect(notice).toContainText('脱贫户')
    await expect(page.getByTestId('seeker-view-category')).toHaveText('脱贫户')
    await expectNoHorizontalScroll(page)
    await page.screenshot({ path: shot('pending-seeker', project) })
  })

  await test.step('the officer confirms the change in 待确认变更: the row leaves and the file has the new category', async () => {
    await openAs(page, officer, '/officer/seekers?view=pending')
    await expect(page.getByTestId('pending-township').locator('.el-select__wrapper')).toHaveClass(/is-disabled/)
    const row = page.getByTestId('pending-change').filter({ hasText: name })
    await expect(row.getByTestId('pending-change-current')).toHaveText('脱贫户')
    await expect(row.getByTestId('pending-change-requested')).toHaveText('防止返贫监测对象（边缘易致贫户）')
    await expectNoHorizontalScroll(page)
    await page.screenshot({ path: shot('pending-officer', project) })

    await row.getByTestId('pending-change-confirm').click()
    await acceptDialog(page, '确认变更')
    await expect(row).toHaveCount(0)

    await page.goto(`/officer/seekers/${seeker.id}`)
    await expect(page.getByTestId('seeker-view-category')).toHaveText('防止返贫监测对象（边缘易致贫户）')
  })

  await test.step('someone else tries the same ID number: refused, and listed in 身份证号冲突 with a link to the file', async () => {
    const other = await apiSignIn(request, `1391237${digit}${stamp}`)
    const r = await request.put('/api/me/profile', { headers: bearer(other), data: fileOf(otherName, idNumber) })
    expect(r.status(), await r.text()).toBe(409)

    await page.goto('/officer/seekers')
    await page.getByRole('tab', { name: '身份证号冲突' }).click()
    await expect(page).toHaveURL(/view=collisions/)
    const clash = page.getByTestId('id-collision').filter({ hasText: otherName })
    await expect(clash.getByTestId('id-collision-number')).toHaveText(masked(idNumber))
    await expect(clash.getByTestId('id-collision-who')).toContainText('求职者')
    await expect(clash).not.toContainText(idNumber)
    await expectNoHorizontalScroll(page)
    await page.screenshot({ path: shot('collisions', project) })

    await clash.getByTestId('id-collision-existing').click()
    await expect(page).toHaveURL(new RegExp(`/officer/seekers/${seeker.id}$`))
    await expect(page.getByTestId('seeker-view-name')).toHaveText(name)
  })
})

test('an officer checks the township’s records again in 待更正记录 and sees when it ran', async ({ page, request }) => {
  const officer = await apiSignIn(request, DEMO.townshipOfficer)
  await openAs(page, officer, '/officer/seekers?view=problems')
  const summary = page.getByTestId('record-check-summary')
  // The server checks every township when it starts (the daily clock), so the summary has a time.
  await expect(summary).toContainText('上次核查')
  // The demo district's records keep the rules: the list says so rather than showing nothing.
  await expect(page.getByTestId('record-problems')).toContainText('没有不符合规则的记录')
  // The time shown is to the minute; the instant behind it says the check ran again.
  const before = await summary.getAttribute('data-checked-at')
  await page.getByTestId('record-check-again').click()
  await expect(summary).not.toHaveAttribute('data-checked-at', before ?? '', { timeout: 30_000 })
  await expect(summary).toContainText(/上次核查 .*：\d+ 人、\d+ 条记录，其中 0 条不符合规则/)
  await expectNoHorizontalScroll(page)
})
