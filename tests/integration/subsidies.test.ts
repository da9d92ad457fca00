import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { DEMO_POLICY_2026 } from '../../functions/jobs/seed-data.js'
import { call, fetchExport } from '../support/app.js'
import { idNumber, subsidyWorld } from '../support/world.js'

describe('policy as data', async () => {
  const { t, w, admin } = await subsidyWorld()

  it('is versioned: each save is a new version, racing saves give one winner, history is kept and audited', async () => {
    const p = await call(t, 'GET', '/api/policies/2026', undefined, w.officer.token)
    expect(p.json.inForce).toMatchObject({ version: 1, noticeDays: 7 })
    const edit = { ...DEMO_POLICY_2026, effectiveFrom: '2026-07-01', labor: { amountFen: 120_000, minMonthsWorked: 6 }, expectedVersion: 1 }
    const [a, b] = await Promise.all([call(t, 'PUT', '/api/policies/2026', edit, admin.token), call(t, 'PUT', '/api/policies/2026', edit, admin.token)])
    expect([a.status, b.status].sort()).toEqual([201, 409])
    const after = await call(t, 'GET', '/api/policies/2026', undefined, w.officer.token)
    expect(after.json.history.map((h: { version: number }) => h.version)).toEqual([2, 1])
    expect(after.json.inForce.labor.amountFen).toBe(120_000)
    expect((await call(t, 'PUT', '/api/policies/2026', { ...edit, expectedVersion: 2 }, w.officer.token)).status).toBe(403)
    expect((await call(t, 'PUT', '/api/policies/2026', { ...edit, effectiveFrom: '2027-01-01', expectedVersion: 2 }, admin.token)).status).toBe(400)
    const audit = await call(t, 'GET', '/api/audit?entity=policy&id=jianan-2026', undefined, admin.token)
    expect(audit.json.items.map((e: { action: string }) => e.action)).toEqual(['policy.save', 'policy.save'])
    expect(audit.json.items[0].before.labor.amountFen).toBe(100_000)
    // The trail pages by cursor, newest first, each event once.
    const first = await call(t, 'GET', '/api/audit?entity=policy&id=jianan-2026&limit=1', undefined, admin.token)
    const second = await call(t, 'GET', `/api/audit?entity=policy&id=jianan-2026&limit=1&cursor=${first.json.nextCursor}`, undefined, admin.token)
    expect([...first.json.items, ...second.json.items].map((e: { id: string }) => e.id)).toEqual(audit.json.items.map((e: { id: string }) => e.id))
  })
})

describe('certificates and the certification target', async () => {
  const { t, w } = await subsidyWorld()

  it('a person’s first verified certificate of the year counts once toward 800, however often it is verified', async () => {
    const s = await w.newSeeker('13900000102')
    const cert = (number: string, issueDate = '2026-05-01') => call(t, 'POST', '/api/certificates', { kind: 'skillLevel', level: 4, occupation: '电工', number, issuer: '许昌市人社局', issueDate }, s.token)
    const c1 = await cert('S2026-0001')
    expect(c1.status).toBe(201)
    expect((await cert('S2026-0001')).status).toBe(409)
    const c2 = await cert('S2026-0002', '2026-08-01')
    const verifies = await Promise.all(Array.from({ length: 20 }, () => call(t, 'POST', `/api/certificates/${c1.json.id}/verify`, { method: 'nationalLookup' }, w.officer.token)))
    expect(verifies.filter((r) => r.status === 200)).toHaveLength(1)
    expect(verifies.find((r) => r.status === 200)!.json.countedForYear).toBe(2026)
    const v2 = await call(t, 'POST', `/api/certificates/${c2.json.id}/verify`, { method: 'paperOriginal' }, w.officer.token)
    expect(v2.json.countedForYear).toBeUndefined()
    const targets = await call(t, 'GET', '/api/targets/2026', undefined, w.officer.token)
    expect(targets.json.targets).toMatchObject({ certified: 800, employed: 5665 })
    expect(targets.json.progress.certified).toEqual({ total: 1, byTownship: { lingjing: 1 } })
    // The out-of-province placement made in the world counts toward employment.
    expect(targets.json.progress.employed.total).toBeGreaterThanOrEqual(1)
    const pending = await call(t, 'GET', '/api/certificates?state=verified', undefined, w.officer.token)
    expect(pending.json.items).toHaveLength(2)
    expect((await call(t, 'POST', `/api/certificates/${c1.json.id}/verify`, { method: 'nationalLookup' }, w.otherOfficer.token)).status).toBe(404)
  })

  it('many people verified at the same moment in one township all count (the shared counter is retried, not skipped); the note is kept', async () => {
    const people = await Promise.all(Array.from({ length: 8 }, (_, i) => w.newSeeker(`139000002${String(i).padStart(2, '0')}`, { name: `同时${'甲乙丙丁戊己庚辛'[i]}` })))
    const certs = await Promise.all(
      people.map((p, i) => call(t, 'POST', '/api/certificates', { kind: 'skillLevel', level: 5, occupation: '缝纫工', number: `C2026-9${i}`, issuer: '许昌市人社局', issueDate: '2026-06-01' }, p.token)),
    )
    const before = (await call(t, 'GET', '/api/targets/2026', undefined, w.officer.token)).json.progress.certified.total
    const done = await Promise.all(certs.map((c) => call(t, 'POST', `/api/certificates/${c.json.id}/verify`, { method: 'nationalLookup', note: '全国联网查询 编号核对一致' }, w.officer.token)))
    expect(done.map((r) => r.status)).toEqual(certs.map(() => 200))
    expect(done.every((r) => r.json.countedForYear === 2026 && r.json.verifyNote === '全国联网查询 编号核对一致')).toBe(true)
    expect((await call(t, 'GET', '/api/targets/2026', undefined, w.officer.token)).json.progress.certified.total).toBe(before + 8)
    const trail = await call(t, 'GET', `/api/audit?entity=certificate&id=${certs[0]!.json.id}`, undefined, w.officer.token)
    expect(trail.json.items.map((e: { action: string }) => e.action).sort()).toEqual(['certificate.create', 'certificate.verify'])
    expect(trail.json.items.find((e: { action: string }) => e.action === 'certificate.verify').after.note).toBe('全国联网查询 编号核对一致')
  })

  it('a training may name only a certificate of the same person', async () => {
    const [a, b] = await Promise.all([w.newSeeker('13900000301', { name: '培训甲' }), w.newSeeker('13900000302', { name: '培训乙' })])
    const certOfB = await call(t, 'POST', '/api/certificates', { kind: 'skillLevel', level: 5, occupation: '电工', number: 'T2026-01', issuer: '许昌市人社局', issueDate: '2026-07-01' }, b.token)
    const training = { seekerId: a.seeker.id, course: '电工培训', provider: '许昌职业技术学院', startDate: '2026-06-01', endDate: '2026-06-20', hours: 80, result: 'passed', certificateId: certOfB.json.id }
    const refused = await call(t, 'POST', '/api/trainings', training, w.officer.token)
    expect(refused.status).toBe(400)
    expect(refused.json.message).toContain('不属于')
    expect((await call(t, 'POST', '/api/trainings', { ...training, seekerId: b.seeker.id }, w.officer.token)).status).toBe(201)
  })
})

describe('claims, maker-checker and payments that are never doubled', async () => {
  const { t, w, checker, auditor, away, setNow } = await subsidyWorld()

  it('lists who is eligible, with a reason per rule', async () => {
    await w.newSeeker('13900000109', { name: '孙在家' })
    // Everyone (all=true), each with the rules they fail; by default only those who qualify.
    const r = await call(t, 'GET', '/api/eligibility?kind=transport&period=2026&township=lingjing&limit=50&all=true', undefined, w.district.token)
    const mine = r.json.items.find((i: { subject: { id: string } }) => i.subject.id === away.seeker.id)
    expect(mine.decision).toMatchObject({ eligible: true, amountFen: 80_000 })
    expect(mine.decision.rules.map((x: { code: string }) => x.code)).toEqual(['period.format', 'household.category', 'transport.awayWork', 'transport.months', 'amount.positive'])
    expect(r.json.items.filter((i: { decision: { eligible: boolean } }) => !i.decision.eligible).length).toBeGreaterThan(0)
    const eligibleOnly = await call(t, 'GET', '/api/eligibility?kind=transport&period=2026&township=lingjing&limit=50', undefined, w.district.token)
    expect(eligibleOnly.json.items.map((i: { subject: { id: string } }) => i.subject.id)).toEqual([away.seeker.id])
  })

  it('fifty simultaneous claims for one person, kind and period make one claim', async () => {
    const body = { seekerId: away.seeker.id, kind: 'transport', period: '2026' }
    const results = await Promise.all(Array.from({ length: 50 }, () => call(t, 'POST', '/api/claims', body, w.officer.token)))
    expect(results.filter((r) => r.status === 201)).toHaveLength(1)
    expect(results.filter((r) => r.status === 409).every((r) => r.json.code === 'claim.duplicate')).toBe(true)
  })

  it('maker submits, the maker cannot approve, fifty racing approvals approve once, notice, pay once, reverse', async () => {
    const ledger0 = await call(t, 'GET', '/api/ledger?year=2026&kind=transport&limit=50', undefined, w.officer.token)
    const claim = ledger0.json.items.find((c: { subjectId: string }) => c.subjectId === away.seeker.id)
    expect(claim).toMatchObject({ status: 'draft', amountFen: 80_000, idNumberMasked: expect.stringContaining('**********') })
    expect((await call(t, 'POST', `/api/claims/${claim.id}/submit`, undefined, checker.token)).status).toBe(403)
    expect((await call(t, 'POST', `/api/claims/${claim.id}/submit`, undefined, w.officer.token)).json.status).toBe('submitted')
    const own = await call(t, 'POST', `/api/claims/${claim.id}/approve`, undefined, w.officer.token)
    expect(own.status).toBe(403)
    expect(own.json.code).toBe('claim.makerIsChecker')
    const approvals = await Promise.all(Array.from({ length: 50 }, () => call(t, 'POST', `/api/claims/${claim.id}/approve`, undefined, checker.token)))
    expect(approvals.filter((r) => r.status === 200)).toHaveLength(1)

    const batch = await call(t, 'POST', '/api/payment-batches', { claimIds: [claim.id] }, w.district.token)
    expect(batch.status).toBe(201)
    expect(batch.json).toMatchObject({ count: 1, totalFen: 80_000, status: 'notice' })
    expect((await call(t, 'POST', '/api/payment-batches', { claimIds: [claim.id] }, w.district.token)).status).toBe(409)
    const early = await call(t, 'POST', `/api/payment-batches/${batch.json.id}/pay`, undefined, w.district.token)
    expect(early.status).toBe(409)
    expect(early.json.code).toBe('batch.onNotice')

    setNow(new Date('2026-12-06T08:00:00Z'))
    const pays = await Promise.all(Array.from({ length: 50 }, () => call(t, 'POST', `/api/payment-batches/${batch.json.id}/pay`, undefined, w.district.token)))
    expect(pays.map((r) => r.status)).toEqual(pays.map(() => 200))
    expect(pays.reduce((s, r) => s + r.json.paidNow, 0)).toBe(1)
    const paid = await call(t, 'GET', `/api/claims/${claim.id}`, undefined, w.officer.token)
    expect(paid.json.status).toBe('paid')

    // The notice list opens as a spreadsheet with Chinese headers and masked ID numbers.
    const notice = await fetchExport(t, `/api/notices/${batch.json.id}.xlsx`, auditor.token)
    expect(notice.headers.get('content-type')).toContain('spreadsheetml')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.from(await notice.arrayBuffer()) as unknown as ArrayBuffer)
    const ws = wb.worksheets[0]!
    expect(ws.getRow(2).values).toEqual([undefined, '序号', '乡镇', '姓名/单位', '身份证号', '补贴类别', '期间', '金额（元）'])
    expect(ws.getRow(3).getCell(4).value).toMatch(/^\d{4}\*{10}[\dX]{4}$/)
    expect(ws.getRow(3).getCell(7).value).toBe(800)
    expect(ws.getRow(3).getCell(6).value).toBe('2026 年度')

    const reversal = await call(t, 'POST', `/api/claims/${claim.id}/reverse`, { reason: '重复发放核减' }, w.district.token)
    expect(reversal.json).toMatchObject({ amountFen: -80_000, status: 'reversed', reversalOf: claim.id })
    expect((await call(t, 'POST', `/api/claims/${claim.id}/reverse`, { reason: '再次' }, w.district.token)).status).toBe(409)
    const ledger = await call(t, 'GET', '/api/ledger?year=2026&kind=transport&limit=50', undefined, auditor.token)
    const totals = await call(t, 'GET', '/api/ledger/totals?year=2026&kind=transport', undefined, auditor.token)
    expect(ledger.json.nextCursor).toBeNull()
    const mineRows = ledger.json.items.filter((c: { subjectId: string }) => c.subjectId === away.seeker.id)
    expect(mineRows.reduce((s: number, c: { amountFen: number }) => s + c.amountFen, 0)).toBe(0)
    expect(totals.json.totalFen).toBe(ledger.json.items.reduce((s: number, c: { amountFen: number }) => s + c.amountFen, 0))
    // After the reversal a corrected claim can be made again.
    expect((await call(t, 'POST', '/api/claims', { seekerId: away.seeker.id, kind: 'transport', period: '2026' }, w.officer.token)).status).toBe(201)
    const trail = await call(t, 'GET', `/api/audit?entity=claim&id=${claim.id}`, undefined, auditor.token)
    expect(trail.json.items.map((e: { action: string }) => e.action).reverse()).toEqual(['claim.create', 'claim.submit', 'claim.approve', 'claim.pay'])
  })

  it('a retried request with the same Idempotency-Key gets the first answer', async () => {
    const s = await w.newSeeker('13900000103', { name: '钱培训' })
    await call(t, 'POST', '/api/placements', { seekerId: s.seeker.id, title: '普工', kind: 'enterprise', employer: '许昌某厂', township: 'lingjing', destination: 'outOfCountyInCity', startDate: '2026-01-05' }, w.officer.token)
    const send = (key: string, body: unknown) =>
      t.app.request('/api/claims', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${w.officer.token}`, 'idempotency-key': key }, body: JSON.stringify(body) })
    const body = { seekerId: s.seeker.id, kind: 'labor', period: '2026' }
    const first = await send('claim-labor-0001', body)
    const again = await Promise.all([send('claim-labor-0001', body), send('claim-labor-0001', body)])
    const firstJson = await first.json()
    expect(first.status).toBe(201)
    for (const r of again) {
      expect(r.status).toBe(201)
      expect(r.headers.get('idempotent-replayed')).toBe('true')
      expect(((await r.json()) as { id: string }).id).toBe((firstJson as { id: string }).id)
    }
    expect((await send('claim-labor-0001', { ...body, period: '2025' })).status).toBe(400)
  })

  it('a seeker sees their own subsidies and nobody else’s', async () => {
    const other = await w.newSeeker('13900000104')
    expect((await call(t, 'GET', `/api/seekers/${away.seeker.id}/subsidies`, undefined, away.token)).json.items.length).toBeGreaterThan(0)
    expect((await call(t, 'GET', `/api/seekers/${away.seeker.id}/subsidies`, undefined, other.token)).status).toBe(404)
    expect((await call(t, 'GET', '/api/ledger?year=2026', undefined, other.token)).status).toBe(403)
    const ledger = await fetchExport(t, '/api/ledger.xlsx?year=2026', w.district.token)
    expect(ledger.status).toBe(200)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.from(await ledger.arrayBuffer()) as unknown as ArrayBuffer)
    expect(wb.worksheets[0]!.getRow(2).getCell(5).value).toBe('身份证号')
    const text = JSON.stringify(wb.worksheets[0]!.getSheetValues())
    expect(text).not.toMatch(/411003\d{11}[\dX]/)
    void idNumber
  })
})
