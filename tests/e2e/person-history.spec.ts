import os from 'node:os'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { idCheckChar } from '../../shared/id-number'
import { apiSignIn, bearer, DEMO, expectNoHorizontalScroll, openAs } from './support/session'

/**
 * 一人一档 a person's whole history: 灵井镇's officer records a placement (work away, then ended
 * with a reason) and a certificate (then verified) for a person through the API, opens the
 * person's file and sees them on the timeline, newest first, and filters it by type. The file's
 * 已有证书 shows the verified certificate (it used to read 未填写 when the file's own list was empty).
 * Each project files its own person, so the phone and desktop runs do not depend on each other.
 */

const SHOTS = process.env.E2E_SHOTS ?? path.join(os.tmpdir(), 'wengang-e2e-shots')

test.use({ actionTimeout: 15_000 })

function newIdNumber(): string {
  const seq = String(Math.floor(Math.random() * 1000)).padStart(3, '0')
  const body = `411023198${Math.floor(Math.random() * 10)}0315${seq}`
  return `${body}${idCheckChar(body)}`
}

test('an officer sees a person’s placements and certificates on their timeline', async ({ page, request }, info) => {
  test.setTimeout(180_000)
  const project = info.project.name === 'desktop' ? 'desktop' : 'phone'
  const stamp = `${project === 'desktop' ? 2 : 1}${String(Date.now()).slice(-5)}`
  const officer = await apiSignIn(request, DEMO.townshipOfficer)
  const must = async (r: Awaited<ReturnType<typeof request.post>>, status: number) => {
    expect(r.status(), await r.text()).toBe(status)
    return (await r.json()) as { id: string }
  }

  const person = await must(
    await request.post('/api/seekers', {
      headers: bearer(officer),
      data: { name: `经历测试${stamp.slice(-2)}`, idNumber: newIdNumber(), category: 'alleviated', township: 'lingjing', village: 'lingjing-03', laborCapacity: 'full', education: 'junior', certificates: [] },
    }),
    201,
  )
  const placement = await must(
    await request.post('/api/placements', {
      headers: bearer(officer),
      data: { seekerId: person.id, title: `电子厂普工${stamp}`, kind: 'laborExport', employer: '昆山某电子有限公司', township: 'lingjing', destination: 'outOfProvince', startDate: '2026-03-01' },
    }),
    201,
  )
  await must(await request.post(`/api/placements/${placement.id}/end`, { headers: bearer(officer), data: { endDate: '2026-09-30', reason: '合同到期回乡' } }), 200)
  const cert = await must(
    await request.post('/api/certificates', {
      headers: bearer(officer),
      data: { seekerId: person.id, kind: 'skillLevel', level: 1, occupation: '电工', number: `E2E-HIS-${stamp}`, issuer: '许昌市人社局', issueDate: '2025-06-01' },
    }),
    201,
  )
  await must(await request.post(`/api/certificates/${cert.id}/verify`, { headers: bearer(officer), data: { method: 'nationalLookup' } }), 200)

  await test.step('the file shows the timeline, newest first, with the placement and the certificate', async () => {
    await openAs(page, officer, `/officer/seekers/${person.id}`)
    const timeline = page.getByTestId('person-timeline')
    await expect(timeline).toBeVisible()
    const entries = timeline.getByTestId('timeline-entry')
    await expect(entries).toHaveCount(5)
    // Newest first: verified, entered, ended, started, then the file's creation.
    const actions = await entries.evaluateAll((els) => els.map((e) => e.getAttribute('data-action')))
    expect(actions).toEqual(['certificate.verify', 'certificate.create', 'placement.end', 'placement.external', 'seeker.create'])
    const ended = entries.and(page.locator('[data-action="placement.end"]'))
    await expect(ended).toHaveAttribute('data-object-id', placement.id)
    await expect(ended).toContainText('安置结束')
    await expect(ended).toContainText(`电子厂普工${stamp}`)
    await expect(ended).toContainText('合同到期回乡')
    await expect(ended).toContainText('2026-03-01 至 2026-09-30')
    const verified = entries.and(page.locator('[data-action="certificate.verify"]'))
    await expect(verified).toContainText('证书核验通过')
    await expect(verified).toContainText('职业技能等级证书 · 电工')
    await expect(verified).toContainText('李敏')
    await expectNoHorizontalScroll(page)
    await timeline.screenshot({ path: path.join(SHOTS, `person-history-${project}.png`) })
  })

  await test.step('已有证书 shows the verified certificate on record', async () => {
    const certs = page.getByTestId('seeker-view-certificates')
    await expect(certs.getByTestId('file-certificate')).toHaveAttribute('data-verified', 'true')
    await expect(certs).toContainText('电工')
    await expect(certs).toContainText('已核验')
    await expect(certs).not.toContainText('未填写')
  })

  await test.step('a type chip narrows the timeline to placements', async () => {
    const timeline = page.getByTestId('person-timeline')
    await timeline.locator('[data-testid="timeline-chip"][data-type="placement"]').click()
    const entries = timeline.getByTestId('timeline-entry')
    await expect(entries).toHaveCount(2)
    await expect(entries.first()).toHaveAttribute('data-action', 'placement.end')
    await timeline.locator('[data-testid="timeline-chip"][data-type="yulu"]').click()
    await expect(timeline.getByTestId('empty-state')).toBeVisible()
    await expect(timeline.getByTestId('empty-state')).toContainText('没有这一类的记录')
    await expectNoHorizontalScroll(page)
  })
})
