import { readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect, test, type APIRequestContext, type Page } from '@playwright/test'
import { idCheckChar } from '../../shared/id-number'
import { DEMO_PASSWORD, openSection } from './support/session'

/**
 * The marketplace as its three kinds of users live it, against the seeded demo district:
 * a new seeker fills their file and applies; the demo owner sees the applicant (masked ID) and
 * hires; the officer finds the placement and the post shows full.
 *
 * The phone and desktop projects run one after the other against the same server, so each run
 * makes its own post and its own seeker and depends on nothing the other changed.
 */

const OWNER = '13800000003' // 灵井发制品车间 张老板: a recognised workshop in 灵井镇
// The phone run uses the district officer, the desktop run 灵井镇's own (fixed to its township).
const OFFICER = { phone: '13800000001', desktop: '13800000002' } as const

// A number may get one code a minute and five an hour: sessions are kept for the run (and reused
// by the next project) in a file keyed by server, and a refused code is waited out once.
const SESSIONS = path.join(os.tmpdir(), 'wengang-e2e-sessions.json')
type Session = { token: string; user: string }

const readSessions = (): Record<string, Session> => {
  try {
    return JSON.parse(readFileSync(SESSIONS, 'utf8')) as Record<string, Session>
  } catch {
    return {}
  }
}

async function stillValid(request: APIRequestContext, token: string): Promise<boolean> {
  const r = await request.get('/api/me', { headers: { Authorization: `Bearer ${token}` } })
  return r.ok()
}

async function signInAs(page: Page, request: APIRequestContext, baseURL: string, phone: string): Promise<void> {
  const key = `${baseURL}|${phone}`
  const kept = readSessions()[key]
  await page.goto('/')
  if (kept && (await stillValid(request, kept.token))) {
    await page.evaluate(({ token, user }) => {
      localStorage.setItem('wengang.token', token)
      localStorage.setItem('wengang.user', user)
    }, kept)
    await page.goto('/')
    await expect(page.getByTestId('user-menu')).toBeVisible()
    return
  }
  await page.evaluate(() => {
    localStorage.removeItem('wengang.token')
    localStorage.removeItem('wengang.user')
  })
  await page.goto('/sign-in')
  await page.getByTestId('phone-input').fill(phone)
  const hint = page.getByTestId('dev-code')
  for (let attempt = 0; ; attempt++) {
    await page.getByTestId('send-code').click()
    await expect(hint.or(page.getByTestId('sign-in-error'))).toBeVisible()
    if (await hint.isVisible()) break
    // "Too many codes": another test had this number less than a minute ago.
    expect(attempt).toBe(0)
    await expect(page.getByTestId('send-code')).toBeEnabled({ timeout: 70_000 })
  }
  const code = (await hint.textContent())!.match(/\d{6}/)![0]
  await page.getByTestId('code-input').fill(code)
  await page.getByTestId('sign-in').click()
  // Staff (the officer) are asked for their password after the code.
  await expect(page.getByTestId('user-menu').or(page.getByTestId('password-needed'))).toBeVisible()
  if (await page.getByTestId('password-needed').isVisible()) {
    await page.getByTestId('password-input').fill(DEMO_PASSWORD)
    await page.getByTestId('sign-in').click()
  }
  await expect(page.getByTestId('user-menu')).toBeVisible()
  const session = await page.evaluate(() => ({ token: localStorage.getItem('wengang.token')!, user: localStorage.getItem('wengang.user')! }))
  writeFileSync(SESSIONS, JSON.stringify({ ...readSessions(), [key]: session }))
}

/** A valid resident ID number (GB 11643 check character), different on every run. */
function newIdNumber(): string {
  const seq = String(Math.floor(Math.random() * 1000)).padStart(3, '0')
  const body = `411023199${Math.floor(Math.random() * 10)}0315${seq}`
  return `${body}${idCheckChar(body)}`
}

/** Opens an Element Plus select and picks an option, both by test id. */
async function choose(page: Page, select: string, option: string): Promise<void> {
  await page.getByTestId(select).click()
  await page.getByTestId(option).click()
}

// A step that cannot act fails within seconds, not at the end of the whole flow's timeout.
test.use({ actionTimeout: 15_000 })

const noHorizontalScroll = async (page: Page) =>
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true)

test('a seeker applies, the owner hires, and the officer sees the placement', async ({ page, request, baseURL }, info) => {
  test.setTimeout(300_000)
  const project = info.project.name === 'desktop' ? 'desktop' : 'phone'
  const stamp = String(Date.now()).slice(-6)
  const seekerPhone = `1391234${project === 'desktop' ? 2 : 1}${stamp.slice(-3)}`
  const seekerName = `测试${project === 'desktop' ? '甲' : '乙'}${stamp.slice(-2)}`
  const idNumber = newIdNumber()
  const title = `包装工（测试${stamp}）`
  let postId = ''

  await test.step('the owner publishes a one-place post for the recognised workshop', async () => {
    await signInAs(page, request, baseURL!, OWNER)
    await page.getByTestId('nav-owner-posts').click()
    await expect(page.getByTestId('managed-post').first()).toBeVisible()
    await noHorizontalScroll(page)
    await page.getByTestId('create-post').click()
    // The seeded workshop (not one a workshop test registered and had recognised); the place follows it.
    await page.getByTestId('post-workshop').click()
    await page.locator('[data-testid^="post-workshop-"]').filter({ hasNotText: '测试' }).first().click()
    await expect(page.getByTestId('post-place')).toContainText('灵井镇')
    await page.getByTestId('post-title-input').fill(title)
    await page.getByTestId('post-wage').fill('3200')
    await page.getByTestId('post-skills').fill('包装')
    await page.getByTestId('post-skills').press('Enter')
    await page.getByTestId('post-meals').click()
    await page.getByTestId('post-publish').click()
    const card = page.getByTestId('managed-post').filter({ hasText: title })
    await expect(card).toBeVisible()
    await expect(card).toHaveAttribute('data-status', 'open')
    await expect(card.getByTestId('managed-post-filled')).toContainText('0/1')
    postId = (await card.getAttribute('data-post-id'))!
    expect(postId).toMatch(/^[0-9A-Z]{26}$/)
  })

  await test.step('a new seeker finds the post, is sent to fill their file first, then applies', async () => {
    await signInAs(page, request, baseURL!, seekerPhone)
    await page.goto('/')
    await page.getByTestId('search-input').fill(title)
    await page.getByTestId('search-submit').click()
    await expect(page).toHaveURL(/q=/)
    await expect(page.getByTestId('post-card')).toHaveCount(1)
    await page.getByTestId('post-card').click()
    await expect(page).toHaveURL(new RegExp(`/posts/${postId}`))
    // The post names whom to call, masked; a signed-in seeker's tap reveals it (audited) as a tel: link.
    await expect(page.getByTestId('post-contact')).toContainText('****')
    await page.getByTestId('post-contact-phone-show').click()
    await expect(page.getByTestId('post-contact-phone-tel')).toHaveAttribute('href', /^tel:1\d{10}$/)

    // No file yet: the apply panel sends the seeker to 我的档案 and brings them back afterwards.
    await expect(page.getByTestId('apply-need-profile')).toBeVisible()
    await page.getByTestId('apply-go-profile').click()
    await expect(page.getByTestId('profile-needed')).toBeVisible()
    await noHorizontalScroll(page)

    await page.getByTestId('seeker-name').fill(seekerName)
    await page.getByTestId('seeker-id-number').fill(idNumber)
    await page.getByTestId('seeker-name').click()
    // Gender and birth date are read from the ID number.
    await expect(page.getByTestId('seeker-derived')).toContainText('199')
    await choose(page, 'seeker-township', 'seeker-township-lingjing')
    await choose(page, 'seeker-village', 'seeker-village-lingjing-03')
    await choose(page, 'seeker-education', 'seeker-education-junior')
    await page.getByTestId('seeker-skills').fill('包装')
    await page.getByTestId('seeker-skills').press('Enter')
    await page.getByTestId('seeker-wage').fill('3000.5')
    await page.getByTestId('seeker-submit').click()

    await expect(page).toHaveURL(new RegExp(`/posts/${postId}`))
    await page.getByTestId('apply-note').fill('下周一可以到岗')
    await page.getByTestId('apply-button').click()
    await expect(page.getByTestId('application-state').getByTestId('status-tag')).toHaveText('已投递')

    // The file keeps the ID number masked and the expected pay as typed (sent as integer fen).
    await page.getByTestId('nav-seeker-profile').click()
    await expect(page.getByTestId('seeker-id-masked')).toHaveText(`${idNumber.slice(0, 4)}${'*'.repeat(10)}${idNumber.slice(-4)}`)
    await expect(page.getByTestId('seeker-view-wage')).toContainText('3,000.50')

    await page.getByTestId('nav-seeker-applications').click()
    const mine = page.getByTestId('application-card').filter({ hasText: title })
    await expect(mine.getByTestId('status-tag')).toHaveText('已投递')
    await expect(mine.getByTestId('withdraw')).toBeVisible()
  })

  await test.step('the owner sees the applicant with a masked ID number and hires them', async () => {
    await signInAs(page, request, baseURL!, OWNER)
    await page.getByTestId('nav-owner-applicants').click()
    await choose(page, 'applicants-post', `applicants-post-${postId}`)
    const applicant = page.getByTestId('applicant-card').filter({ hasText: seekerName })
    await expect(applicant.getByTestId('applicant-id')).toHaveText(`${idNumber.slice(0, 4)}${'*'.repeat(10)}${idNumber.slice(-4)}`)
    await expect(applicant).not.toContainText(idNumber)
    await noHorizontalScroll(page)
    await applicant.getByTestId('applicant-hire').click()
    await expect(page.getByTestId('dialog-date')).not.toHaveValue('')
    await page.getByTestId('dialog-confirm').click()
    await expect(applicant.getByTestId('status-tag')).toHaveText('已录用')
    // The only place is taken: the post is full and nobody else can be hired.
    await expect(page.getByTestId('post-full-hint')).toBeVisible()
    await expect(page.getByTestId('applicants-post-summary')).toContainText('1/1')
    // Hired: the owner may now call the worker (an audited reveal), by a tel: link.
    await applicant.getByTestId('applicant-phone-show').click()
    await expect(applicant.getByTestId('applicant-phone-tel')).toHaveAttribute('href', `tel:${seekerPhone}`)
  })

  await test.step('the seeker reads the news: hired, and an unread message that opening marks read', async () => {
    await signInAs(page, request, baseURL!, seekerPhone)
    await page.getByTestId('nav-seeker-applications').click()
    const mine = page.getByTestId('application-card').filter({ hasText: title })
    await expect(mine.getByTestId('status-tag')).toHaveText('已录用')
    // And the worker may call whoever hired them.
    await mine.getByTestId('employer-phone-show').click()
    await expect(mine.getByTestId('employer-phone-tel')).toHaveAttribute('href', /^tel:1\d{10}$/)
    await page.getByTestId('nav-seeker-messages').click()
    const hired = page.getByTestId('message').filter({ hasText: '录用' }).first()
    await expect(hired).toHaveAttribute('data-read', 'false')
    await hired.getByTestId('message-open').click()
    await expect(hired.getByTestId('message-body')).toContainText(title)
    await expect(hired).toHaveAttribute('data-read', 'true')
    await page.reload()
    await expect(page.getByTestId('message').filter({ hasText: '录用' }).first()).toHaveAttribute('data-read', 'true')
  })

  await test.step('the officer finds the placement in 就业安置 and can reveal the ID number (audited)', async () => {
    await signInAs(page, request, baseURL!, OFFICER[project])
    await page.getByTestId('nav-officer-placements').click()
    if (project === 'phone') {
      // The district officer picks the township; a township officer's is fixed.
      await choose(page, 'placements-township', 'placements-township-lingjing')
    } else {
      await expect(page.getByTestId('placements-township').locator('.el-select__wrapper')).toHaveClass(/is-disabled/)
    }
    const placement = page.getByTestId('placement-card').filter({ hasText: seekerName })
    await expect(placement.getByTestId('placement-title')).toHaveText(title)
    await expect(placement.getByTestId('status-tag')).toHaveText('在岗')
    await noHorizontalScroll(page)

    await page.getByTestId('nav-officer-seekers').click()
    if (project === 'phone') await expect(page.getByTestId('seekers-township')).toContainText('灵井镇')
    await page.getByTestId('seekers-q').fill(idNumber.slice(-4))
    await page.getByTestId('seekers-search').click()
    await page.getByTestId('seeker-row').filter({ hasText: seekerName }).click()
    await expect(page.getByTestId('seeker-id-masked')).toHaveText(`${idNumber.slice(0, 4)}${'*'.repeat(10)}${idNumber.slice(-4)}`)
    await page.getByTestId('reveal-id').click()
    await expect(page.getByTestId('revealed-id-number')).toHaveText(idNumber)
    await expect(page.getByTestId('revealed-id')).toContainText('审计')
  })

  await test.step('the post shows it is full', async () => {
    await page.goto(`/posts/${postId}`)
    await expect(page.getByTestId('post-detail')).toContainText('已招满')
    await expect(page.getByTestId('post-detail')).toContainText('已录用 1 人')
  })
})

test('an owner registers a workshop and reports a difficulty; the officer recognises it and answers', async ({ page, request, baseURL }, info) => {
  test.setTimeout(240_000)
  const project = info.project.name === 'desktop' ? 'desktop' : 'phone'
  const stamp = String(Date.now()).slice(-6)
  const name = `测试帮扶车间${stamp}`
  const problem = `订单减少，请帮助对接电商平台（${stamp}）`
  const card = () => page.getByTestId('workshop-card').filter({ hasText: name })

  await test.step('the owner registers the workshop: it waits for recognition', async () => {
    await signInAs(page, request, baseURL!, OWNER)
    await page.getByTestId('nav-owner-workshop').click()
    await page.getByTestId('register-workshop').click()
    await page.getByTestId('workshop-name').fill(name)
    await choose(page, 'workshop-type', 'workshop-type-homeBased')
    await choose(page, 'workshop-township', 'workshop-township-lingjing')
    await choose(page, 'workshop-village', 'workshop-village-lingjing-02')
    await page.getByTestId('workshop-address').fill('灵井镇 18 号')
    await page.getByTestId('workshop-submit').click()
    await expect(card().getByTestId('status-tag')).toHaveText('待认定')
    await noHorizontalScroll(page)

    await card().getByTestId('toggle-difficulties').click()
    await choose(page, 'difficulty-kind', 'difficulty-kind-orders')
    await page.getByTestId('difficulty-description').fill(problem)
    await page.getByTestId('difficulty-submit').click()
    const item = card().getByTestId('difficulty-item').filter({ hasText: problem })
    await expect(item.getByTestId('status-tag')).toHaveText('待处理')
  })

  await test.step('the officer recognises the workshop and answers the difficulty', async () => {
    await signInAs(page, request, baseURL!, OFFICER[project])
    await openSection(page, 'officer-workshops')
    if (project === 'phone') await choose(page, 'review-township', 'review-township-lingjing')
    const review = page.getByTestId('review-card').filter({ hasText: name })
    await review.getByTestId('workshop-recognize').click()
    await expect(review.getByTestId('status-tag')).toHaveText('已认定')

    await openSection(page, 'officer-difficulties')
    const reported = page.getByTestId('difficulty-card').filter({ hasText: problem })
    await reported.getByTestId('difficulty-close').click()
    await page.getByTestId('dialog-reason').fill('已联系区电商中心，下周上门对接。')
    await page.getByTestId('dialog-confirm').click()
    await expect(reported.getByTestId('status-tag')).toHaveText('已办结')
  })

  await test.step('the owner sees the recognition and the answer', async () => {
    await signInAs(page, request, baseURL!, OWNER)
    await page.getByTestId('nav-owner-workshop').click()
    await expect(card().getByTestId('status-tag')).toHaveText('已认定')
    await card().getByTestId('toggle-difficulties').click()
    const item = card().getByTestId('difficulty-item').filter({ hasText: problem })
    await expect(item.getByTestId('difficulty-response')).toContainText('已联系区电商中心')
  })
})

test('an officer publishes a public-welfare post; seekers see it while it is open', async ({ page, request, baseURL }, info) => {
  test.setTimeout(240_000)
  const project = info.project.name === 'desktop' ? 'desktop' : 'phone'
  const title = `村级保洁员（测试${String(Date.now()).slice(-6)}）`

  await signInAs(page, request, baseURL!, OFFICER[project])
  await openSection(page, 'officer-posts')
  await page.getByTestId('create-post').click()
  await choose(page, 'post-kind-select', 'post-kind-publicWelfare')
  if (project === 'phone') await choose(page, 'post-township', 'post-township-lingjing')
  await choose(page, 'post-village', 'post-village-lingjing-02')
  await page.getByTestId('post-title-input').fill(title)
  await page.getByTestId('post-headcount').locator('input').fill('2')
  // Another figure than the year's public-welfare standard is refused beside the wage field, naming it.
  await page.getByTestId('post-wage').fill('300')
  await page.getByTestId('post-publish').click()
  const wageItem = page.locator('.el-form-item').filter({ has: page.getByTestId('post-wage') })
  await expect(wageItem.locator('.el-form-item__error')).toContainText('公益性岗位按本年度标准发放：每月 500 元')
  await expect(page.getByTestId('managed-post').filter({ hasText: title })).toHaveCount(0)
  await noHorizontalScroll(page)
  await page.getByTestId('post-wage').fill('500') // the year's public-welfare standard (DEMO_POLICY_2026)
  await page.getByTestId('post-publish').click()
  const mine = page.getByTestId('managed-post').filter({ hasText: title })
  await expect(mine).toHaveAttribute('data-status', 'open')
  await expect(mine).toContainText('¥500/月')

  // Anyone browsing finds it by its words and its kind.
  await page.goto(`/?kind=publicWelfare&q=${encodeURIComponent(title)}`)
  await expect(page.getByTestId('post-card')).toHaveCount(1)
  await expect(page.getByTestId('post-card').getByTestId('post-kind')).toHaveText('公益性岗位')

  // Paused, it leaves the public list.
  await openSection(page, 'officer-posts')
  await mine.getByTestId('post-pause').click()
  await expect(mine).toHaveAttribute('data-status', 'paused')
  await page.goto(`/?q=${encodeURIComponent(title)}`)
  await expect(page.getByTestId('empty-state')).toBeVisible()
})
