import { stat } from 'node:fs/promises'
import { expect, test, type APIRequestContext, type Page } from '@playwright/test'
import { apiSignIn, bearer, DEMO, expectNoHorizontalScroll, openAs, openSection, type Session } from './support/session'

/**
 * 政策与审计: an admin edits the year's policy (a new version), a stale save is refused, and the
 * auditor reads that edit in the audit trail and the ledger, read-only. Both projects run against
 * one server one after the other: each reads the current version and amount before changing them.
 */

// The year the server's date is in (it uses UTC).
const YEAR = new Date().getUTCFullYear()
const FIELD = 'transport.amountFenByDestination.outOfProvince'
const INPUT = `policy-input-${FIELD.replaceAll('.', '-')}`
// A township no other spec works in: the ledger row made here is this spec's own.
const TOWNSHIP = 'aizhuang'

interface PolicyVersion {
  version: number
  effectiveFrom: string
  transport: { amountFenByDestination: { outOfProvince: number } }
  [k: string]: unknown
}
interface PolicyAnswer {
  inForce: PolicyVersion | null
  history: PolicyVersion[]
}

const yuan = (fen: number) => `¥${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`
// Playwright empties .artifacts when any run starts: E2E_SHOTS keeps screenshots elsewhere to look at.
const SHOTS = process.env.E2E_SHOTS ?? 'tests/e2e/.artifacts'
const shot = (page: Page, name: string, project: string) => page.screenshot({ path: `${SHOTS}/oversight-${name}-${project}.png`, fullPage: true })

async function readPolicy(request: APIRequestContext, s: Session): Promise<{ newest: PolicyVersion; inForce: PolicyVersion }> {
  const res = await request.get(`/api/policies/${YEAR}`, { headers: bearer(s) })
  expect(res.ok(), await res.text()).toBe(true)
  const body = (await res.json()) as PolicyAnswer
  const newest = [...body.history].sort((a, b) => b.version - a.version)[0]
  expect(newest, `a ${YEAR} policy in the seed`).toBeDefined()
  expect(body.inForce).not.toBeNull()
  return { newest: newest!, inForce: body.inForce! }
}

/** The figures of a version as a PUT body: without the server's bookkeeping. */
function asInput(v: PolicyVersion, expectedVersion: number, note: string): Record<string, unknown> {
  const { district: _d, year: _y, version: _v, editedBy: _b, editedAt: _a, ...input } = v
  return { ...input, note, expectedVersion }
}

test('an admin raises one amount as a new version; a stale save is refused; the auditor sees the change', async ({ page, request }, info) => {
  test.setTimeout(240_000)
  const admin = await apiSignIn(request, DEMO.admin)
  const { newest: start, inForce } = await readPolicy(request, admin)
  expect(inForce.version, 'the newest version is in force').toBe(start.version)
  const fen0 = start.transport.amountFenByDestination.outOfProvince
  const fen1 = fen0 + 100 // + ¥1.00
  const note = `e2e ${info.project.name}: 省外交通补贴 +1 元`

  // 政策: the version in force, readable.
  await openAs(page, admin, '/admin')
  await openSection(page, 'admin-policies')
  await expect(page.getByTestId('policy-meta')).toHaveAttribute('data-version', String(start.version))
  await expect(page.getByTestId(`policy-value-${FIELD}`)).toHaveText(yuan(fen0))
  await expect(page.getByTestId('policy-value-targets.employed')).toHaveText('5,665')
  await expect(page.getByTestId('policy-value-targets.certified')).toHaveText('800')
  await expect(page.getByTestId('policy-group-transport')).toContainText('省外')
  await expect(page.getByTestId('policy-group-matching')).toBeVisible()
  await expectNoHorizontalScroll(page)
  await shot(page, 'policy', info.project.name)
  // The same in English, still within the phone's width.
  await page.getByTestId('lang-switch').click()
  await expect(page.getByTestId('policy-group-transport')).toContainText('Outside Henan')
  await expectNoHorizontalScroll(page)
  await shot(page, 'policy-en', info.project.name)
  await page.getByTestId('lang-switch').click()
  await expect(page.getByTestId('policy-group-transport')).toContainText('省外')

  // Edit: amounts in yuan; a bad amount is caught beside its field before anything is sent.
  await page.getByTestId('policy-edit').click()
  const input = page.getByTestId(INPUT)
  await expect(input).toHaveValue((fen0 / 100).toFixed(2))
  await input.fill('12.345')
  await page.getByTestId('policy-save').click()
  await expect(page.getByTestId(`policy-form-transport`)).toContainText('最多两位小数')
  await input.fill((fen1 / 100).toFixed(2).replace(/0$/, '')) // e.g. "801.0": still exactly 80100 fen
  await page.getByTestId('policy-note').fill(note)
  await expectNoHorizontalScroll(page)
  await shot(page, 'policy-edit', info.project.name)
  await page.getByTestId('policy-save').click()

  // Saved as the next version, in force, and listed in the history.
  const v1 = start.version + 1
  await expect(page.getByTestId('policy-meta')).toHaveAttribute('data-version', String(v1))
  await expect(page.getByTestId(`policy-value-${FIELD}`)).toHaveText(yuan(fen1))
  const row = page.locator(`[data-testid="policy-version-row"][data-version="${v1}"]`)
  await expect(row).toContainText('现行')
  await expect(row.getByTestId('policy-version-note')).toHaveText(note)
  await expect(row).toContainText('本人')

  // An old version opens read-only with its own figures.
  await page.locator(`[data-testid="policy-version-row"][data-version="${start.version}"]`).getByTestId('policy-version-view').click()
  await expect(page.getByTestId('policy-viewing')).toBeVisible()
  await expect(page.getByTestId(`policy-value-${FIELD}`)).toHaveText(yuan(fen0))
  await expect(page.getByTestId('policy-meta')).toHaveAttribute('data-version', String(start.version))
  await page.getByTestId('policy-back').click()
  await expect(page.getByTestId(`policy-value-${FIELD}`)).toHaveText(yuan(fen1))

  // A save that aims at an old version is refused: someone saved meanwhile.
  const stale = await request.put(`/api/policies/${YEAR}`, { headers: bearer(admin), data: asInput(start, start.version, 'stale') })
  expect(stale.status(), await stale.text()).toBe(409)

  // The same in the portal: another admin saves while this one edits; saving asks to reload.
  await page.getByTestId('policy-edit').click()
  const { newest: latest } = await readPolicy(request, admin)
  const meanwhile = await request.put(`/api/policies/${YEAR}`, { headers: bearer(admin), data: asInput(latest, latest.version, `e2e ${info.project.name}: 另一位管理员同时保存`) })
  expect(meanwhile.status(), await meanwhile.text()).toBe(201)
  await page.getByTestId('policy-save').click()
  await expect(page.getByTestId('policy-conflict')).toContainText('有人已保存了更新的版本')
  await shot(page, 'policy-conflict', info.project.name)
  await page.getByTestId('policy-reload').click()
  await expect(page.getByTestId('policy-form')).toContainText(`将保存为第 ${latest.version + 2} 版`)
  await page.getByTestId('policy-cancel').click()
  await expect(page.getByTestId('policy-meta')).toHaveAttribute('data-version', String(latest.version + 1))

  // 审计: the auditor opens the policy's trail and sees the edit, before → after.
  const auditor = await apiSignIn(request, DEMO.auditor)
  await page.evaluate(() => localStorage.clear())
  await openAs(page, auditor, '/auditor')
  await openSection(page, 'auditor-audit')
  await expect(page.getByTestId('audit-prompt')).toBeVisible()
  await page.getByTestId(`audit-quick-policy-${YEAR}`).click()
  await expect(page).toHaveURL(/entity=policy/)
  const change = page.locator(`[data-testid="audit-diff-line"][data-path="${FIELD}"]`).filter({ hasText: `${yuan(fen0)} → ${yuan(fen1)}` })
  await expect(change).toHaveCount(1)
  await expect(change).toContainText('交通补贴 · 省外')
  const event = page.getByTestId('audit-event').filter({ has: change })
  await expect(event).toHaveAttribute('data-action', 'policy.save')
  await expect(event.getByTestId('audit-actor')).toContainText(`${String(admin.user.name)}（管理员）`)
  await expectNoHorizontalScroll(page)
  await shot(page, 'audit-policy', info.project.name)

  // The form validates the id; an unknown object has an empty trail.
  await page.getByTestId('audit-entity').click()
  await page.getByTestId('audit-entity-claim').click()
  await page.getByTestId('audit-id').fill('01NOSUCHCLAIM0000000000000')
  await page.getByTestId('audit-search').click()
  await expect(page.getByTestId('audit-empty')).toBeVisible()
})

test("the auditor reads the ledger, exports it, and opens a claim's audit trail", async ({ page, request }, info) => {
  test.setTimeout(180_000)
  // A claim of this spec's own: a district officer records work out of the province for someone
  // who was not eligible yet, then files the transport subsidy.
  const officer = await apiSignIn(request, DEMO.districtOfficer)
  const list = await request.get(`/api/eligibility?kind=transport&period=${YEAR}&township=${TOWNSHIP}&limit=50&all=true`, { headers: bearer(officer) })
  expect(list.ok(), await list.text()).toBe(true)
  const items = ((await list.json()) as { items: { subject: { id: string; name: string }; decision: { eligible: boolean; rules: { code: string; pass: boolean }[] } }[] }).items
  const person = items.find((i) => !i.decision.eligible && i.decision.rules.some((r) => r.code === 'household.category' && r.pass))
  expect(person, `an alleviated person in ${TOWNSHIP}`).toBeDefined()
  const placement = await request.post('/api/placements', {
    headers: bearer(officer),
    data: { seekerId: person!.subject.id, title: '电子厂普工', kind: 'laborExport', employer: '昆山某电子有限公司', township: TOWNSHIP, destination: 'outOfProvince', startDate: `${YEAR}-03-01` },
  })
  expect(placement.status(), await placement.text()).toBe(201)
  const filed = await request.post('/api/claims', { headers: bearer(officer), data: { seekerId: person!.subject.id, kind: 'transport', period: String(YEAR) } })
  expect(filed.status(), await filed.text()).toBe(201)
  const claim = (await filed.json()) as { id: string; amountFen: number }

  const auditor = await apiSignIn(request, DEMO.auditor)
  await openAs(page, auditor, '/auditor')
  await openSection(page, 'auditor-ledgers')
  await expect(page.getByTestId('auditor-ledger-totals')).toContainText(/共 \d+ 条，合计 ¥[\d,]+\.\d{2}/)
  await page.getByTestId('auditor-ledger-township').click()
  await page.getByTestId(`auditor-ledger-township-${TOWNSHIP}`).click()
  const row = page.locator(`[data-testid="auditor-ledger-row"][data-claim-id="${claim.id}"]`)
  await expect(row).toContainText(person!.subject.name)
  await expect(row.getByTestId('auditor-ledger-amount')).toHaveText(yuan(claim.amountFen))
  await expect(row).toContainText('草稿')
  // Read-only: nothing on the page changes a claim.
  await expect(page.getByTestId('claim-submit')).toHaveCount(0)
  await expect(page.getByTestId('claim-approve')).toHaveCount(0)
  await expectNoHorizontalScroll(page)
  await shot(page, 'ledger', info.project.name)

  const downloading = page.waitForEvent('download')
  await page.getByTestId('auditor-ledger-export').click()
  const file = await downloading
  expect(file.suggestedFilename()).toBe(`ledger-${YEAR}.xlsx`)
  expect((await stat(await file.path())).size).toBeGreaterThan(0)

  // Each row opens its own trail.
  await row.getByTestId('auditor-ledger-audit').click()
  await expect(page).toHaveURL(new RegExp(`entity=claim&id=${claim.id}`))
  const created = page.locator('[data-testid="audit-event"][data-action="claim.create"]')
  await expect(created).toHaveCount(1)
  await expect(created.getByTestId('audit-actor')).toContainText(`${String(officer.user.name)}（就业专员）`)
  await expect(created).toContainText('草稿')
  await expectNoHorizontalScroll(page)
  await shot(page, 'audit-claim', info.project.name)
})
