import ExcelJS from 'exceljs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addDays, dayTurning } from '../../shared/dates.js'
import { call, fetchExport } from '../support/app.js'
import { idNumber, seekerInput, subsidyWorld } from '../support/world.js'

// The world's clock: 2026-11-28 16:00 in Beijing (08:00 UTC).
const TODAY = '2026-11-28'

/** A 400 that names the field, in both languages. */
const refusedOn = (r: { status: number; json: any }, field: string) => {
  expect(r.status, JSON.stringify(r.json)).toBe(400)
  const issue = r.json.issues?.find((i: { path: string }) => i.path === field)
  expect(issue, JSON.stringify(r.json)).toBeDefined()
  expect(issue.message).toMatch(/[\u4e00-\u9fff]/)
  expect(issue.messageEn).toMatch(/[a-z]/)
  return issue as { code: string; message: string; messageEn: string }
}

describe('dates that make sense, on the district’s day (issue 10)', async () => {
  const { t, w, checker, auditor, away, setNow } = await subsidyWorld()
  // 21 years old on the world's day.
  const young = await w.newSeeker('13900001001', { name: '钱青年', idNumber: idNumber('2005-06-01', 11) })
  const external = (startDate: string, seekerId = young.seeker.id) =>
    call(t, 'POST', '/api/placements', { seekerId, title: '电子厂普工', kind: 'laborExport', employer: '昆山某电子有限公司', township: 'lingjing', destination: 'outOfProvince', startDate }, w.officer.token)

  it('a file’s own dates: risk eliminated and return in the past and after birth, availability within a year', async () => {
    const file = (over: Record<string, unknown>) => call(t, 'POST', '/api/seekers', seekerInput({ name: '孙日期', idNumber: idNumber('1990-04-04', 77), ...over }), w.officer.token)
    expect(refusedOn(await file({ category: 'monitored', monitoredSubtype: 'unstable', riskEliminatedOn: '2026-12-25' }), 'riskEliminatedOn').code).toBe('seeker.riskEliminatedOn.future')
    expect(refusedOn(await file({ category: 'monitored', monitoredSubtype: 'unstable', riskEliminatedOn: '1980-01-01' }), 'riskEliminatedOn').code).toBe('seeker.riskEliminatedOn.beforeBirth')
    expect(refusedOn(await file({ returnee: { returnDate: '2027-01-01', reason: '', previousWork: '' } }), 'returnee.returnDate').code).toBe('seeker.returnee.returnDate.future')
    expect(refusedOn(await file({ availableFrom: '2028-01-01' }), 'availableFrom').code).toBe('seeker.availableFrom.tooFar')
    // Nothing was written: the same person files fine once the dates hold.
    expect((await file({ returnee: { returnDate: TODAY, reason: '', previousWork: '' }, availableFrom: addDays(TODAY, 30) })).status).toBe(201)
  })

  it('an external placement starting 1990-01-01 for a 21-year-old is refused, naming the start date', async () => {
    const issue = refusedOn(await external('1990-01-01'), 'startDate')
    expect(issue.code).toBe('placement.startBeforeWorkingAge')
    expect(issue.message).toContain('2021-06-01')
    // The day before the 16th birthday is refused, the birthday itself is accepted.
    refusedOn(await external('2021-05-31'), 'startDate')
  })

  it('a start a year ahead (2027-05-01) is refused; up to 30 days ahead is 待上岗 and counts no months', async () => {
    expect(refusedOn(await external('2027-05-01'), 'startDate').code).toBe('placement.startTooFar')
    refusedOn(await external(addDays(TODAY, 31)), 'startDate')
    const soon = await external(addDays(TODAY, 30))
    expect(soon.status).toBe(201)
    const r = await call(t, 'GET', '/api/eligibility?kind=labor&period=2026&township=lingjing&limit=50&all=true', undefined, w.district.token)
    const mine = r.json.items.find((i: { subject: { id: string } }) => i.subject.id === young.seeker.id)
    expect(mine.decision.rules.find((x: { code: string }) => x.code === 'labor.months').message).toContain('务工 0 个月')
  })

  it('an end date before the start or after today is refused', async () => {
    const p = await external('2026-03-01', (await w.newSeeker('13900001002', { name: '孙结束', idNumber: idNumber('1990-02-02', 12) })).seeker.id)
    expect(p.status).toBe(201)
    expect(refusedOn(await call(t, 'POST', `/api/placements/${p.json.id}/end`, { endDate: '2026-02-28', reason: '合同到期' }, w.officer.token), 'endDate').code).toBe('placement.endBeforeStart')
    expect(refusedOn(await call(t, 'POST', `/api/placements/${p.json.id}/end`, { endDate: '2026-11-29', reason: '合同到期' }, w.officer.token), 'endDate').code).toBe('placement.endInFuture')
    expect((await call(t, 'POST', `/api/placements/${p.json.id}/end`, { endDate: TODAY, reason: '合同到期' }, w.officer.token)).status).toBe(200)
  })

  it('a seeker born in 2030 (check digit valid) or under 16 is refused, naming the ID number', async () => {
    const officerFile = (birth: string, seq: number) => call(t, 'POST', '/api/seekers', seekerInput({ name: '未来人', idNumber: idNumber(birth, seq) }), w.officer.token)
    expect(refusedOn(await officerFile('2030-01-01', 21), 'idNumber').code).toBe('seeker.bornInFuture')
    expect(refusedOn(await officerFile('2011-01-01', 22), 'idNumber').code).toBe('seeker.underWorkingAge')
    // 16 today in Beijing (the UTC day is the same here; see the unit test for the 00:00–08:00 window).
    expect((await officerFile('2010-11-28', 23)).status).toBe(201)
    const s = await call(t, 'PUT', '/api/me/profile', seekerInput({ idNumber: idNumber('2030-01-01', 24) }), (await w.newSeeker('13900001003')).token)
    refusedOn(s, 'idNumber')
  })

  it('0020-02-29 and other unreal or pre-1900 dates are refused wherever a date is typed', async () => {
    refusedOn(await external('0020-02-29'), 'startDate')
    refusedOn(await external('1899-12-31'), 'startDate')
    refusedOn(await external('2026-02-30'), 'startDate')
    const cert = (issueDate: string) => call(t, 'POST', '/api/certificates', { kind: 'skillLevel', level: 4, occupation: '电工', number: `D-${issueDate}`, issuer: '许昌市人社局', issueDate }, young.token)
    refusedOn(await cert('0020-02-29'), 'issueDate')
    expect(refusedOn(await cert('2021-05-31'), 'issueDate').code).toBe('certificate.issueDate.beforeAge')
    expect(refusedOn(await cert('2026-11-29'), 'issueDate').code).toBe('certificate.issueDate.future')
    expect((await cert(TODAY)).status).toBe(201)
    const training = { seekerId: young.seeker.id, course: '电工培训', provider: '许昌职业技术学院', startDate: '0020-02-29', endDate: '2026-06-20', hours: 80, result: 'passed' }
    refusedOn(await call(t, 'POST', '/api/trainings', training, w.officer.token), 'startDate')
    refusedOn(await call(t, 'POST', '/api/trainings', { ...training, startDate: '2026-06-01', endDate: '2026-12-20' }, w.officer.token), 'endDate')
    expect((await call(t, 'POST', '/api/trainings', { ...training, startDate: '2026-11-01', endDate: '2026-12-20', result: 'ongoing' }, w.officer.token)).status).toBe(201)
    const yulu = { seekerId: young.seeker.id, school: '许昌职业技术学院', major: '电气', grade: 1, status: 'enrolled' }
    expect(refusedOn(await call(t, 'PUT', '/api/yulu', { ...yulu, term: '2008-autumn' }, w.officer.token), 'term').code).toBe('yulu.term.beforeAge')
    expect(refusedOn(await call(t, 'PUT', '/api/yulu', { ...yulu, term: '2027-autumn' }, w.officer.token), 'term').code).toBe('yulu.term.future')
  })

  it('no placement, certificate or training date outside its bounds is stored through the routes (property)', async () => {
    const birth = '2005-06-01'
    const sixteen = dayTurning(birth, 16)
    const day = fc.integer({ min: -3000, max: 400 }).map((n) => addDays(TODAY, n))
    let seq = 0
    await fc.assert(
      fc.asyncProperty(day, fc.constantFrom('placement', 'certificate', 'training'), async (d, what) => {
        seq++
        const r =
          what === 'placement'
            ? await external(d)
            : what === 'certificate'
              ? await call(t, 'POST', '/api/certificates', { kind: 'specialAbility', occupation: '电工', number: `PROP-${seq}`, issuer: '许昌市人社局', issueDate: d }, young.token)
              : await call(t, 'POST', '/api/trainings', { seekerId: young.seeker.id, course: '电工培训', provider: '许昌职业技术学院', startDate: d, endDate: d, hours: 8, result: 'passed' }, w.officer.token)
        const latest = what === 'placement' ? addDays(TODAY, 30) : TODAY
        const inBounds = d >= sixteen && d <= latest
        // A placement may also be refused for another rule (one active placement per person): never stored out of bounds.
        if (!inBounds) expect(r.status, `${what} ${d}`).toBe(400)
        else if (what !== 'placement') expect(r.status, `${what} ${d} ${r.text}`).toBe(201)
      }),
      { numRuns: 50 },
    )
  })

  it('one notice period: the batch, the refusal to pay and the .xlsx show the same two days; pay opens when the last day ends in Beijing', async () => {
    const made = await call(t, 'POST', '/api/claims', { seekerId: away.seeker.id, kind: 'transport', period: '2026' }, w.officer.token)
    expect(made.status, made.text).toBe(201)
    const claim = made.json
    expect((await call(t, 'POST', `/api/claims/${claim.id}/submit`, undefined, w.officer.token)).status).toBe(200)
    expect((await call(t, 'POST', `/api/claims/${claim.id}/approve`, undefined, checker.token)).status).toBe(200)
    // 2026-12-01 23:30 in Beijing is still 2026-12-01 15:30 UTC: the batch's day is 12-01 in the district.
    setNow(new Date('2026-12-01T15:30:00Z'))
    const batch = await call(t, 'POST', '/api/payment-batches', { claimIds: [claim.id] }, w.district.token)
    expect(batch.status).toBe(201)
    expect(batch.json).toMatchObject({ noticeFromDay: '2026-12-01', noticeLastDay: '2026-12-07', noticeUntil: '2026-12-07T16:00:00.000Z' })

    const notice = await fetchExport(t, `/api/notices/${batch.json.id}.xlsx`, auditor.token)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.from(await notice.arrayBuffer()) as unknown as ArrayBuffer)
    expect(wb.worksheets[0]!.getCell(1, 1).value).toBe('补贴发放公示名单（公示期 2026-12-01 至 2026-12-07）')

    setNow(new Date('2026-12-07T15:59:59Z')) // 23:59:59 on the last day in Beijing
    const early = await call(t, 'POST', `/api/payment-batches/${batch.json.id}/pay`, undefined, w.district.token)
    expect(early.status).toBe(409)
    expect(early.json.message).toBe('公示期 2026-12-01 至 2026-12-07，期满后方可支付')
    expect(early.json.messageEn).toBe('On public notice 2026-12-01 to 2026-12-07; pay after that')
    const mine = await call(t, 'GET', `/api/claims/${claim.id}`, undefined, w.officer.token)
    expect(mine.json.noticeLastDay).toBe('2026-12-07')

    setNow(new Date('2026-12-07T16:00:00Z')) // 00:00 on 12-08 in Beijing
    expect((await call(t, 'POST', `/api/payment-batches/${batch.json.id}/pay`, undefined, w.district.token)).status).toBe(200)
  })
})
