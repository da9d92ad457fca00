import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test'
import { apiSignIn, bearer, DEMO, expectNoHorizontalScroll, openAs, openSection } from './support/session'

/**
 * 人岗匹配: a township officer (灵井镇) runs a match, reviews and edits the proposals, and publishes
 * them as invitations to apply; the demo seeker 刘建国 (灵井镇) finds the invitation in the inbox.
 * Both projects run against one server: each starts and publishes its own run, so neither depends on the other's.
 */

const DEMO_SEEKER_ID = '01KB00000000000000SEEKERF1' // 刘建国, seed-data.ts

interface Proposal {
  seekerId: string
  seekerName: string
  postId: string | null
  reasons: { code: string; text: string }[]
}

/** Every proposal of a run, through the API (pages of 50). */
async function allProposals(request: APIRequestContext, headers: Record<string, string>, runId: string): Promise<Proposal[]> {
  const out: Proposal[] = []
  let cursor: string | null = null
  do {
    const r = await request.get(`/api/match-runs/${runId}/proposals?limit=50${cursor ? `&cursor=${cursor}` : ''}`, { headers })
    expect(r.ok(), await r.text()).toBe(true)
    const page = (await r.json()) as { items: Proposal[]; nextCursor: string | null }
    out.push(...page.items)
    cursor = page.nextCursor
  } while (cursor)
  return out
}

/** Picks a filter's option and waits for the list it asks for. */
async function choose(page: Page, select: string, option: string): Promise<void> {
  await page.getByTestId(select).click()
  await page.getByTestId(option).click()
  await expect(page.getByTestId('proposals')).toHaveAttribute('data-loading', 'false')
}

/** The rows shown now (a table on desktop, cards on a phone), whatever the layout. */
const rows = (page: Page): Locator => page.getByTestId('proposal-row')

test('an officer runs a match, edits the proposals, and publishes invitations to apply', async ({ page, request }) => {
  test.setTimeout(150_000)
  const officer = await apiSignIn(request, DEMO.townshipOfficer)
  const seeker = await apiSignIn(request, DEMO.seeker)
  const startedAt = new Date().toISOString()

  await openAs(page, officer, '/')
  await openSection(page, 'officer-matching')
  await expect(page.getByTestId('page-title')).toHaveText('人岗匹配')
  // A township officer matches their own township only.
  await expect(page.getByTestId('match-scope-fixed')).toHaveText('灵井镇')

  // 1. Start a run over every post kind, optimal mode.
  await page.getByTestId('match-mode-optimal').click()
  await page.getByTestId('match-start').click()
  const run = page.getByTestId('match-run')
  await expect(page).toHaveURL(/[?&]run=[0-9A-Z]{26}/)
  const runId = new URL(page.url()).searchParams.get('run')!
  await expect(run).toHaveAttribute('data-run-id', runId)

  // 2. Progress until done, then the totals and the charts (ECharts, loaded on demand).
  await expect(run).toHaveAttribute('data-status', 'done', { timeout: 30_000 })
  await expect(page.getByTestId('match-progress')).toHaveCount(0)
  const placed = Number(await page.getByTestId('match-total-placed').locator('dd').textContent())
  expect(placed).toBeGreaterThan(0)
  await expect(page.getByTestId('match-total-seekers').locator('dd')).toHaveText(/^\d+$/)
  await expect(page.getByTestId('match-summary').getByTestId('bar-chart').first().locator('canvas')).toBeVisible()
  await expect(page.getByTestId('match-run-item').and(page.locator(`[data-run-id="${runId}"]`))).toHaveAttribute('data-status', 'done')
  await expectNoHorizontalScroll(page)

  // 3. The proposals: each placed person with a post, a score and reasons in Chinese.
  await expect(rows(page).first()).toBeVisible()
  const demoRow = rows(page).and(page.locator(`[data-seeker-id="${DEMO_SEEKER_ID}"]`))
  await expect(demoRow).toHaveAttribute('data-placed', 'true')
  await expect(page.getByTestId('proposal-reason').first()).toContainText(/[\u4e00-\u9fa5]/)

  // Filters: 防止返贫监测对象 only, then only the people left without a post.
  await choose(page, 'proposal-category', 'proposal-category-monitored')
  await expect(rows(page).first()).toBeVisible()
  const tags = await page.getByTestId('proposal-category-tag').allTextContents()
  expect(tags.length).toBeGreaterThan(0)
  expect(new Set(tags)).toEqual(new Set(['防止返贫监测对象']))
  await choose(page, 'proposal-category', 'proposal-category-all')
  await choose(page, 'proposal-placed', 'proposal-placed-false')
  await expect(rows(page).first()).toBeVisible()
  await expect(rows(page).and(page.locator('[data-placed="true"]'))).toHaveCount(0)

  // 4. Edits. Someone with no eligible post cannot be given one: the server's reasons are shown.
  const api = bearer(officer)
  const shown = new Set(await rows(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-seeker-id'))))
  const proposals = await allProposals(request, api, runId)
  const shutOut = proposals.find((p) => shown.has(p.seekerId) && p.reasons.some((r) => r.code === 'unplaced.noEligiblePost'))
  expect(shutOut, 'someone in 灵井镇 with no eligible post, on the list').toBeDefined()
  await page.locator(`[data-testid="proposal-edit"][data-seeker-id="${shutOut!.seekerId}"]`).click()
  const dialog = page.getByTestId('proposal-dialog')
  await expect(dialog).toBeVisible()
  await page.getByTestId('proposal-post-select').click()
  // A post with a place the run has not proposed yet: the refusal must be about the person, not about a full post.
  const proposedOn = new Map<string, number>()
  for (const p of proposals) if (p.postId) proposedOn.set(p.postId, (proposedOn.get(p.postId) ?? 0) + 1)
  const options = await page.getByTestId('proposal-post-option').evaluateAll((els) => els.map((e) => ({ id: e.getAttribute('data-post-id')!, left: Number(e.getAttribute('data-left')) })))
  const roomy = options.find((o) => o.left > (proposedOn.get(o.id) ?? 0))
  expect(roomy, 'a post with a place nobody is proposed for').toBeDefined()
  await page.locator(`[data-testid="proposal-post-option"][data-post-id="${roomy!.id}"]`).click()
  await dialog.getByTestId('proposal-save').click()
  await expect(dialog.getByTestId('proposal-edit-error')).toContainText('不符合条件')
  await dialog.getByTestId('proposal-cancel').click()
  await expect(dialog).toBeHidden()

  // Clearing a placed person's proposal (not 刘建国's) takes them out of the "matched" list.
  await choose(page, 'proposal-placed', 'proposal-placed-true')
  const other = rows(page).and(page.locator(`[data-placed="true"]:not([data-seeker-id="${DEMO_SEEKER_ID}"])`)).first()
  await expect(other).toBeVisible()
  const clearedId = (await other.getAttribute('data-seeker-id'))!
  await page.locator(`[data-testid="proposal-edit"][data-seeker-id="${clearedId}"]`).click()
  await dialog.getByTestId('proposal-clear').click()
  await expect(dialog).toBeHidden()
  await expect(page.locator('.el-message--success')).toContainText('已清除推荐')
  await expect(rows(page).and(page.locator(`[data-seeker-id="${clearedId}"]`))).toHaveCount(0)
  const cleared = (await allProposals(request, api, runId)).find((p) => p.seekerId === clearedId)
  expect(cleared?.postId).toBeNull()
  await expectNoHorizontalScroll(page)

  // 5. Publish, after a confirmation that these are invitations to apply, never hires.
  await page.getByTestId('match-publish').click()
  const confirm = page.locator('.match-publish-confirm')
  await expect(confirm).toContainText('不是录用')
  await confirm.getByRole('button', { name: '确认发布' }).click()
  await expect(run).toHaveAttribute('data-status', 'published', { timeout: 30_000 })
  const invitations = Number(await page.getByTestId('match-published').getAttribute('data-invitations'))
  // Everyone placed but the person whose proposal was cleared.
  expect(invitations).toBe(placed - 1)
  await expect(page.getByTestId('match-published')).toContainText(`共发出 ${invitations} 份申请邀请`)
  // Published: no more edits, and a reload keeps the run (its id is in the URL).
  await expect(page.getByTestId('proposal-edit')).toHaveCount(0)
  await expect(page.getByTestId('match-publish')).toHaveCount(0)
  await page.reload()
  await expect(page.getByTestId('match-run')).toHaveAttribute('data-status', 'published')
  await expect(page.getByTestId('proposals-readonly')).toBeVisible()
  await expectNoHorizontalScroll(page)

  // 6. The seeker's side: 刘建国 has an invitation to apply for the post this run proposed.
  const proposed = (await allProposals(request, api, runId)).find((p) => p.seekerId === DEMO_SEEKER_ID)
  expect(proposed?.postId).toBeTruthy()
  const inbox = await request.get('/api/me/inbox?limit=50', { headers: bearer(seeker) })
  expect(inbox.ok()).toBe(true)
  const messages = ((await inbox.json()) as { items: { kind: string; link?: string; createdAt: string }[] }).items
  expect(messages.some((m) => m.kind === 'invitation' && m.link === `/posts/${proposed!.postId}` && m.createdAt >= startedAt)).toBe(true)

  // 7. 刘建国 reads it with the portal in English: the invitation is in English, and the unread
  // badge counts down as it is opened (one message, once).
  await openAs(page, seeker, '/seeker/messages')
  await page.evaluate(() => localStorage.setItem('wengang.locale', 'en'))
  await page.reload()
  const inboxItems = page.getByTestId('message')
  await expect(inboxItems.first()).toBeVisible()
  const badge = page.getByTestId('nav-unread-badge').locator('visible=true').first()
  const before = Number(await badge.getAttribute('data-count'))
  expect(before).toBeGreaterThan(0)
  const titles = await inboxItems.evaluateAll((els) => els.map((e) => ({ text: e.textContent ?? '', unread: e.getAttribute('data-read') === 'false' })))
  const at = titles.findIndex((m) => m.unread && m.text.includes('A job for you'))
  expect(at, 'an unread invitation, in English').toBeGreaterThanOrEqual(0)
  const invitation = inboxItems.nth(at)
  await invitation.getByTestId('message-open').click()
  await expect(invitation.getByTestId('message-body')).toContainText('Your employment officer recommends the post')
  await expect(invitation).toHaveAttribute('data-read', 'true')
  if (before > 1) await expect(badge).toHaveAttribute('data-count', String(before - 1))
  else await expect(page.getByTestId('nav-unread-badge')).toHaveCount(0)
  await expectNoHorizontalScroll(page)
  await page.evaluate(() => localStorage.setItem('wengang.locale', 'zh-CN'))

  // And the publish is on the run's audit trail.
  const audit = await request.get(`/api/audit?entity=matchRun&id=${runId}`, { headers: api })
  expect(audit.ok(), await audit.text()).toBe(true)
  expect(JSON.stringify(await audit.json())).toContain('matchRun.publish')
})
