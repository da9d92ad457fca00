import { expect, test, type APIRequestContext, type Page } from '@playwright/test'
import { apiSignIn, bearer, DEMO, expectNoHorizontalScroll, openAs, type Session } from './support/session'

/**
 * 待办 (issue 12 part 3): the township officer's home shows the to-do list; its links land on the
 * pages filtered to exactly the records counted. The spec makes its own records through the API —
 * a certificate to verify, and a claim made by the district officer (so it waits for the township
 * officer, never for its maker) — then compares what each page shows with what the link's list API
 * answers. Both projects (375 px and 1280 px) run against one server, one after the other.
 */

const YEAR = new Date().getFullYear()

interface Item {
  kind: string
  count: number
  capped: boolean
  link: { route: string; query: Record<string, string> }
  list: { path: string; query: Record<string, string> }
}
interface Row {
  id: string
  name?: string
}

const shot = (page: Page, name: string, project: string) =>
  page.screenshot({ path: `${process.env.E2E_SHOTS_DIR ?? 'tests/e2e/.artifacts'}/todo-${name}-${project}.png`, fullPage: true })

async function json<T>(r: Awaited<ReturnType<APIRequestContext['get']>>): Promise<T> {
  expect(r.ok(), await r.text()).toBe(true)
  return (await r.json()) as T
}

async function todoItems(request: APIRequestContext, officer: Session): Promise<Item[]> {
  return (await json<{ items: Item[] }>(await request.get('/api/todo', { headers: bearer(officer) }))).items
}

/** The records a link's list API answers for its filter: every page when the count is exact, the first page when capped. */
async function listed(request: APIRequestContext, officer: Session, item: Item): Promise<Row[]> {
  const out: Row[] = []
  let cursor: string | null = null
  do {
    const q: URLSearchParams = new URLSearchParams({ ...item.list.query, limit: '20', ...(cursor ? { cursor } : {}) })
    const page: { items: Row[]; nextCursor: string | null } = await json<{ items: Row[]; nextCursor: string | null }>(await request.get(`${item.list.path}?${q}`, { headers: bearer(officer) }))
    out.push(...page.items)
    cursor = item.capped ? null : page.nextCursor
  } while (cursor)
  return out
}

/** A certificate waiting for verification, for a person of 灵井镇. */
async function pendingCertificate(request: APIRequestContext, officer: Session, project: string): Promise<string> {
  const people = (await json<{ items: Row[] }>(await request.get('/api/seekers?township=lingjing&limit=5', { headers: bearer(officer) }))).items
  const r = await request.post('/api/certificates', {
    headers: bearer(officer),
    data: { seekerId: people[0]!.id, kind: 'skillLevel', level: 5, occupation: '电工', number: `TODO-${project}-${Date.now()}`, issuer: '许昌市人社局', issueDate: `${YEAR}-05-01` },
  })
  return (await json<{ id: string }>(r)).id
}

/**
 * A transport claim (交通补贴) the district officer makes and submits for a person of 灵井镇 working
 * out of the province since March: it waits for a checker other than its maker.
 */
async function claimByDistrict(request: APIRequestContext, officer: Session, district: Session): Promise<string> {
  let cursor: string | null = null
  for (let pages = 0; pages < 6; pages++) {
    const q: URLSearchParams = new URLSearchParams({ township: 'lingjing', limit: '20', ...(cursor ? { cursor } : {}) })
    const page: { items: (Row & { category: string })[]; nextCursor: string | null } = await json<{ items: (Row & { category: string })[]; nextCursor: string | null }>(await request.get(`/api/seekers?${q}`, { headers: bearer(officer) }))
    for (const s of page.items.filter((x) => x.category !== 'other')) {
      const placed = await request.post('/api/placements', {
        headers: bearer(officer),
        data: { seekerId: s.id, title: '电子厂普工', kind: 'laborExport', employer: '昆山某电子有限公司', township: 'lingjing', destination: 'outOfProvince', startDate: `${YEAR}-03-01` },
      })
      if (placed.status() !== 201) continue
      const claim = await request.post('/api/claims', { headers: bearer(district), data: { seekerId: s.id, kind: 'transport', period: String(YEAR) } })
      if (claim.status() !== 201) continue
      const { id } = (await claim.json()) as { id: string }
      await json(await request.post(`/api/claims/${id}/submit`, { headers: bearer(district) }))
      return id
    }
    cursor = page.nextCursor
    if (!cursor) break
  }
  throw new Error('no person in 灵井镇 to make a transport claim for')
}

const shown = (i: Item) => (i.capped ? `${i.count}+` : String(i.count))

/** Opens the home page, checks the item's count, follows its link and waits for the page it names. */
async function follow(page: Page, item: Item, urlPart: RegExp): Promise<void> {
  await page.goto('/officer/home')
  const link = page.getByTestId(`todo-${item.kind}`)
  await expect(link).toHaveAttribute('data-count', shown(item))
  await link.click()
  await expect(page).toHaveURL(urlPart)
}

test('the home shows the to-do list; its links open the pages filtered to the counted records', async ({ page, request }, info) => {
  test.setTimeout(240_000)
  const project = info.project.name
  const officer = await apiSignIn(request, DEMO.townshipOfficer)
  const district = await apiSignIn(request, DEMO.districtOfficer)
  const certId = await pendingCertificate(request, officer, project)
  const claimId = await claimByDistrict(request, officer, district)

  const items = await todoItems(request, officer)
  const item = (kind: string) => items.find((i) => i.kind === kind)!
  expect(items.map((i) => i.kind)).toEqual(['certificatesToVerify', 'claimsToCheck', 'noticesEnding', 'batchesToPay', 'pendingChanges', 'recordProblems', 'staleDifficulties', 'idleSeekers'])
  // The district officer made the claim: it waits for the township officer, not for its maker.
  expect(item('claimsToCheck').count).toBeGreaterThanOrEqual(1)
  const forMaker = (await todoItems(request, district)).find((i) => i.kind === 'claimsToCheck')!
  expect((await listed(request, district, forMaker)).map((c) => c.id)).not.toContain(claimId)

  // The home page: the to-do card, every item listed (zero ones muted), no sideways scrolling.
  await openAs(page, officer, '/officer/home')
  await expect(page.getByTestId('todo-card')).toBeVisible()
  for (const i of items) await expect(page.getByTestId(`todo-${i.kind}`)).toHaveAttribute('data-count', shown(i))
  const zero = items.find((i) => i.count === 0)
  if (zero) await expect(page.getByTestId(`todo-${zero.kind}`)).toHaveClass(/todo-card__item--zero/)
  await expectNoHorizontalScroll(page)
  await shot(page, 'home', project)

  // 待核验证书 → 证书培训, certificates waiting for verification: exactly the listed ones.
  const certs = await listed(request, officer, item('certificatesToVerify'))
  expect(certs.map((c) => c.id)).toContain(certId)
  await follow(page, item('certificatesToVerify'), /\/officer\/skills\?.*state=pending/)
  await expect(page.getByTestId('cert-state-pending')).toHaveClass(/is-active/)
  const certIds = page.locator('[data-testid="cert-state"][data-state]').locator('visible=true')
  await expect(certIds).toHaveCount(Math.min(certs.length, 20))
  expect((await certIds.evaluateAll((els) => els.map((e) => e.getAttribute('data-cert-id')))).sort()).toEqual(certs.slice(0, 20).map((c) => c.id).sort())
  await expectNoHorizontalScroll(page)

  // 待复核补贴申请 → 补贴 ledger, submitted claims others made: exactly the listed ones, the new one among them.
  const claims = await listed(request, officer, item('claimsToCheck'))
  expect(claims.map((c) => c.id)).toContain(claimId)
  await follow(page, item('claimsToCheck'), /\/officer\/subsidies\?.*notMine=true/)
  await expect(page.getByTestId('ledger-not-mine')).toBeVisible()
  const rows = page.getByTestId('claim-row')
  await expect(rows).toHaveCount(Math.min(claims.length, 50))
  expect((await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-claim-id')))).sort()).toEqual(claims.slice(0, 50).map((c) => c.id).sort())
  await expect(page.locator(`[data-testid="claim-row"][data-claim-id="${claimId}"]`)).toHaveAttribute('data-status', 'submitted')
  await expectNoHorizontalScroll(page)
  await shot(page, 'claims', project)

  // 30 天无申请、无安置 → 求职者, the idle list: the first page is the list API's first page, in order.
  const idle = await listed(request, officer, item('idleSeekers'))
  await follow(page, item('idleSeekers'), /\/officer\/seekers\?.*idleDays=30/)
  await expect(page.getByTestId('seekers-idle')).toBeVisible()
  const names = page.getByTestId('seeker-row-name')
  await expect(names).toHaveCount(Math.min(idle.length, 20))
  expect(await names.allTextContents()).toEqual(idle.slice(0, 20).map((s) => s.name))
  await expectNoHorizontalScroll(page)

  // 超过 7 天未办结的困难诉求 → 困难诉求 filtered by age (open ones reported over 7 days ago).
  const stale = await listed(request, officer, item('staleDifficulties'))
  await follow(page, item('staleDifficulties'), /\/officer\/difficulties\?.*olderThanDays=7/)
  await expect(page.getByTestId('difficulties-older-than')).toBeVisible()
  await expect(page.getByTestId('difficulty-card')).toHaveCount(Math.min(stale.length, 20))
})
