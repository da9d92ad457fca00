/**
 * 返乡回流 returnees and 毕业生 graduates on DynamoDB Local, through the API, with the injected
 * clock (subsidyWorld: 2026-11-28, the 2026 policy, lingjing's and the district's officers).
 */
import { describe, expect, it } from 'vitest'
import { DEMO_POLICY_2026 } from '../../functions/jobs/seed-data.js'
import { call } from '../support/app.js'
import { subsidyWorld } from '../support/world.js'

const returneeBody = (seekerId: string, over: Record<string, unknown> = {}) => ({ seekerId, reason: 'jobLoss', workedIn: '江苏昆山', previousTrade: '电子厂普工', responsible: '王专干', ...over })
const pageAll = async (t: Awaited<ReturnType<typeof subsidyWorld>>['t'], path: string, token: string) => {
  const out: any[] = []
  let cursor: string | null = null
  do {
    const r = await call(t, 'GET', `${path}${path.includes('?') ? '&' : '?'}limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, undefined, token)
    expect(r.status, r.text).toBe(200)
    out.push(...r.json.items)
    cursor = r.json.nextCursor
  } while (cursor)
  return out
}

describe('returnee records 返乡回流', async () => {
  const { t, w, setNow } = await subsidyWorld()
  const officer = w.officer.token

  it('opens from the file’s 返乡 section, owes its first service by intent, and lists by township, intent, status and due day', async () => {
    const a = await w.newSeeker('13900000201', { name: '钱返乡', returnee: { returnDate: '2026-10-01', reason: '工厂停产', previousWork: '广东东莞 电子厂' }, intents: ['employment'] })
    const b = await w.newSeeker('13900000202', { name: '孙创业', intents: ['entrepreneurship'] })
    const r = await call(t, 'POST', '/api/returnees', { seekerId: a.seeker.id, reason: 'jobLoss', responsible: '王专干' }, officer)
    expect(r.status, r.text).toBe(201)
    expect(r.json).toMatchObject({ returnDate: '2026-10-01', workedIn: '广东东莞 电子厂', previousTrade: '广东东莞 电子厂', reasonNote: '工厂停产', intent: 'employment', status: 'following', openedOn: '2026-11-28', nextDueOn: '2026-12-05', idNumberMasked: a.seeker.idNumberMasked })
    // A file without a 返乡 section needs the day typed in (a 400 naming it).
    const missing = await call(t, 'POST', '/api/returnees', { seekerId: b.seeker.id, reason: 'family', responsible: '王专干' }, officer)
    expect(missing.status).toBe(400)
    expect(missing.json.issues[0].path).toBe('returnDate')
    const rb = await call(t, 'POST', '/api/returnees', returneeBody(b.seeker.id, { returnDate: '2026-11-01' }), officer)
    expect(rb.json).toMatchObject({ intent: 'entrepreneurship', nextDueOn: '2026-12-13' })
    // One record per person.
    expect((await call(t, 'POST', '/api/returnees', returneeBody(a.seeker.id, { returnDate: '2026-10-01' }), officer)).status).toBe(409)

    expect((await pageAll(t, '/api/returnees?township=lingjing', officer)).map((x) => x.seekerName)).toEqual(['钱返乡', '孙创业'])
    expect((await pageAll(t, '/api/returnees?township=lingjing&intent=entrepreneurship', officer)).map((x) => x.seekerName)).toEqual(['孙创业'])
    expect((await pageAll(t, '/api/returnees?township=lingjing&dueBy=2026-12-10', officer)).map((x) => x.seekerName)).toEqual(['钱返乡'])
    expect(await pageAll(t, '/api/returnees?township=lingjing&status=closed', officer)).toEqual([])
    // The district officer reads the whole district; the suqiao officer may not name lingjing, nor see the record.
    expect((await pageAll(t, '/api/returnees', w.district.token)).length).toBe(2)
    expect((await call(t, 'GET', '/api/returnees?township=lingjing', undefined, w.otherOfficer.token)).status).toBe(403)
    expect((await call(t, 'GET', `/api/returnees/${a.seeker.id}`, undefined, w.otherOfficer.token)).status).toBe(404)
    // The seeker reads their own record, not another's; they cannot log a service.
    expect((await call(t, 'GET', `/api/returnees/${a.seeker.id}`, undefined, a.token)).json.due).toEqual([{ kind: 'jobOffer', seq: 1, dueOn: '2026-12-05', done: false, overdue: false }])
    expect((await call(t, 'GET', `/api/returnees/${a.seeker.id}`, undefined, b.token)).status).toBe(404)
    expect((await call(t, 'POST', `/api/returnees/${a.seeker.id}/services`, { kind: 'jobOffer', on: '2026-11-28', note: '推荐岗位', outcome: 'done' }, a.token)).status).toBe(403)
  })

  it('logs each service with its audit event and timeline entry; a job seeker is offered work until placed, linked to the placement that exists', async () => {
    const a = await w.newSeeker('13900000203', { name: '李求职', returnee: { returnDate: '2026-11-01', reason: '', previousWork: '浙江义乌 物流' } })
    expect((await call(t, 'POST', '/api/returnees', returneeBody(a.seeker.id, { intent: 'employment' }), officer)).status).toBe(201)
    setNow(new Date('2026-12-10T02:00:00Z'))
    const post = await w.newPost()
    const offer = await call(t, 'POST', `/api/returnees/${a.seeker.id}/services`, { kind: 'jobOffer', on: '2026-12-09', note: '推荐发制品加工工岗位', outcome: 'done', postId: post.id }, officer)
    expect(offer.status, offer.text).toBe(201)
    expect(offer.json.record).toMatchObject({ nextDueOn: '2027-01-08', version: 2 })
    expect(offer.json.record.services.jobOffer).toEqual({ count: 1, delivered: 1, lastOn: '2026-12-09', firstDeliveredOn: '2026-12-09' })
    // A post that does not exist, a day before the return or after today: 400 on the field, nothing written.
    const refusals = await Promise.all([
      call(t, 'POST', `/api/returnees/${a.seeker.id}/services`, { kind: 'jobOffer', on: '2026-12-09', note: '推荐', outcome: 'done', postId: '01J00000000000000000000000' }, officer),
      call(t, 'POST', `/api/returnees/${a.seeker.id}/services`, { kind: 'visit', on: '2026-10-01', note: '走访', outcome: 'done' }, officer),
      call(t, 'POST', `/api/returnees/${a.seeker.id}/services`, { kind: 'visit', on: '2026-12-11', note: '走访', outcome: 'done' }, officer),
      call(t, 'POST', `/api/returnees/${a.seeker.id}/services`, { kind: 'loan', on: '2026-12-09', note: '贷款', outcome: 'done', amountFen: 1 }, officer),
    ])
    expect(refusals.map((r) => [r.status, r.json.issues?.[0]?.path])).toEqual([[400, 'postId'], [400, 'on'], [400, 'on'], [400, 'kind']])
    // 'placed' must name this person's placement.
    const others = await call(t, 'POST', `/api/returnees/${a.seeker.id}/services`, { kind: 'placed', on: '2026-12-09', note: '已就业', outcome: 'done', placementId: '01J00000000000000000000000' }, officer)
    expect([others.status, others.json.issues[0].path]).toEqual([400, 'placementId'])
    const placed = await call(t, 'POST', '/api/placements', { seekerId: a.seeker.id, title: '物流分拣员', kind: 'enterprise', employer: '许昌某物流公司', township: 'lingjing', destination: 'inCounty', startDate: '2026-12-08' }, officer)
    expect(placed.status, placed.text).toBe(201)
    // The placement itself settles the job-seeking record, in its own transaction (audited returnee.placed).
    expect((await call(t, 'GET', `/api/returnees/${a.seeker.id}`, undefined, officer)).json).toMatchObject({ status: 'settled', placementId: placed.json.id, placedOn: '2026-12-08', version: 3 })
    const settled = await call(t, 'POST', `/api/returnees/${a.seeker.id}/services`, { kind: 'placed', on: '2026-12-09', note: '已在物流公司上岗', outcome: 'done', placementId: placed.json.id }, officer)
    expect(settled.json.record).toMatchObject({ status: 'settled', placementId: placed.json.id, placedOn: '2026-12-08' })
    expect(settled.json.record.nextDueOn).toBeUndefined()
    const detail = await call(t, 'GET', `/api/returnees/${a.seeker.id}`, undefined, officer)
    expect(detail.json.placements.map((p: { id: string }) => p.id)).toContain(placed.json.id)
    expect(detail.json.due).toEqual([{ kind: 'placed', dueOn: '2026-12-08', done: true, doneOn: '2026-12-08', overdue: false }])
    expect((await pageAll(t, `/api/returnees/${a.seeker.id}/services`, officer)).map((s) => s.kind)).toEqual(['placed', 'jobOffer'])
    const trail = await call(t, 'GET', `/api/audit?entity=returnee&id=${a.seeker.id}&limit=50`, undefined, officer)
    expect(trail.json.items.map((e: { action: string }) => e.action)).toEqual(['returnee.service', 'returnee.placed', 'returnee.service', 'returnee.create'])
    const timeline = await call(t, 'GET', `/api/seekers/${a.seeker.id}/history?type=service&limit=50`, undefined, officer)
    expect(timeline.json.items.map((e: { title: string }) => e.title)).toEqual(['placed', 'placed', 'jobOffer', '返乡回流'])
    setNow(new Date('2026-11-28T08:00:00Z'))
  })

  it('a business: the entrepreneurship services, the loan within the policy’s ceiling and term, and a startup claim once the first business has run a year', async () => {
    const a = await w.newSeeker('13900000204', { name: '周老板', returnee: { returnDate: '2025-06-01', reason: '', previousWork: '郑州 餐饮' }, intents: ['entrepreneurship'] })
    const body = returneeBody(a.seeker.id, { wantsLoan: true, business: { name: '周记蔬菜种植', form: 'individual', registeredOn: '2025-10-15', firstBusiness: true, employees: 3 } })
    const r = await call(t, 'POST', '/api/returnees', body, officer)
    expect(r.status, r.text).toBe(201)
    const plan = (await call(t, 'GET', `/api/returnees/${a.seeker.id}`, undefined, officer)).json.due.map((i: { kind: string; dueOn: string; done: boolean }) => `${i.kind}:${i.dueOn}:${i.done}`)
    expect(plan).toEqual(['startupSubsidy:2026-10-15:false', 'consult:2026-12-13:false', 'projectPlan:2026-12-28:false', 'registration:2027-01-27:true', 'startupTraining:2027-02-26:false', 'loan:2027-02-26:false'])
    const svc = (over: Record<string, unknown>) => call(t, 'POST', `/api/returnees/${a.seeker.id}/services`, { on: '2026-11-20', note: '服务', outcome: 'done', ...over }, officer)
    expect((await svc({ kind: 'consult', note: '创业政策咨询' })).status).toBe(201)
    const above = await svc({ kind: 'loan', amountFen: DEMO_POLICY_2026.startupLoan!.maxFen + 1, years: 3 })
    expect([above.status, above.json.issues[0].path]).toEqual([400, 'amountFen'])
    const tooLong = await svc({ kind: 'loan', amountFen: 10_000_000, years: 4 })
    expect([tooLong.status, tooLong.json.issues[0].path]).toEqual([400, 'years'])
    const loan = await svc({ kind: 'loan', note: '创业担保贷款放款', amountFen: 10_000_000, years: 3 })
    expect(loan.json.record.loan).toEqual({ amountFen: 10_000_000, years: 3, on: '2026-11-20' })

    // 一次性创业补贴: eligible for 2026 (registered 2025-10-15, running a year on 2026-10-15), once.
    const claim = await call(t, 'POST', '/api/claims', { seekerId: a.seeker.id, kind: 'startup', period: '2026' }, officer)
    expect(claim.status, claim.text).toBe(201)
    expect(claim.json.amountFen).toBe(DEMO_POLICY_2026.startup.amountFen)
    expect((await call(t, 'GET', `/api/claims/${claim.json.id}`, undefined, officer)).json.facts.business).toMatchObject({ registeredOn: '2025-10-15', firstBusiness: true })
    expect((await call(t, 'POST', '/api/claims', { seekerId: a.seeker.id, kind: 'startup', period: '2026' }, officer)).status).toBe(409)

    // Not a year yet, or not the first business: refused with the reason.
    const young = await w.newSeeker('13900000205', { name: '吴新店', returnee: { returnDate: '2026-01-01', reason: '', previousWork: '上海 建筑' } })
    await call(t, 'POST', '/api/returnees', returneeBody(young.seeker.id, { intent: 'entrepreneurship', business: { name: '吴记小吃', form: 'individual', registeredOn: '2026-03-01', firstBusiness: true, employees: 0 } }), officer)
    const notYet = await call(t, 'POST', '/api/claims', { seekerId: young.seeker.id, kind: 'startup', period: '2026' }, officer)
    expect([notYet.status, notYet.json.code]).toEqual([409, 'claim.notEligible'])
    expect(notYet.json.message).toContain('经营未满 12 个月')
    const second = await call(t, 'PATCH', `/api/returnees/${young.seeker.id}`, { business: { name: '吴记小吃', form: 'individual', registeredOn: '2025-03-01', firstBusiness: false, employees: 0 } }, officer)
    expect(second.status, second.text).toBe(200)
    expect((await call(t, 'POST', '/api/claims', { seekerId: young.seeker.id, kind: 'startup', period: '2026' }, officer)).json.message).toContain('非首次创业')
  })

  it('services logged at once: every one answered 201 is in the log, the tally and the audit trail, and no other (nothing half-written)', async () => {
    const a = await w.newSeeker('13900000207', { name: '蒋同时', returnee: { returnDate: '2026-11-01', reason: '', previousWork: '天津 物流' } })
    await call(t, 'POST', '/api/returnees', returneeBody(a.seeker.id, { intent: 'undecided' }), officer)
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => call(t, 'POST', `/api/returnees/${a.seeker.id}/services`, { kind: 'visit', on: '2026-11-20', note: `走访 ${i}`, outcome: 'done' }, i % 2 ? officer : w.district.token)))
    const ok = results.filter((r) => r.status === 201).length
    expect(ok).toBeGreaterThan(0)
    expect(results.every((r) => r.status === 201 || (r.status === 409 && r.json.code === 'returnee.changed'))).toBe(true)
    const record = (await call(t, 'GET', `/api/returnees/${a.seeker.id}`, undefined, officer)).json
    expect(record.services.visit.count).toBe(ok)
    expect(record.version).toBe(1 + ok)
    expect((await pageAll(t, `/api/returnees/${a.seeker.id}/services`, officer)).length).toBe(ok)
    const trail = await call(t, 'GET', `/api/audit?entity=returnee&id=${a.seeker.id}&limit=50`, undefined, officer)
    expect(trail.json.items.filter((e: { action: string }) => e.action === 'returnee.service').length).toBe(ok)
  })

  it('changes are audited with before and after; closing needs a reason; a service of another intent’s plan is refused', async () => {
    const a = await w.newSeeker('13900000206', { name: '郑观望', returnee: { returnDate: '2026-11-01', reason: '', previousWork: '北京 保安' } })
    await call(t, 'POST', '/api/returnees', returneeBody(a.seeker.id, { intent: 'undecided' }), officer)
    expect((await call(t, 'POST', `/api/returnees/${a.seeker.id}/services`, { kind: 'registration', on: '2026-11-20', note: '办照', outcome: 'done' }, officer)).json.issues[0].path).toBe('kind')
    const noReason = await call(t, 'PATCH', `/api/returnees/${a.seeker.id}`, { status: 'closed' }, officer)
    expect([noReason.status, noReason.json.issues[0].path]).toEqual([400, 'closeReason'])
    const industry = await call(t, 'PATCH', `/api/returnees/${a.seeker.id}`, { intent: 'industry', industryContact: '区农业农村局 技术员' }, officer)
    expect(industry.json).toMatchObject({ intent: 'industry', intentSince: '2026-11-28', nextDueOn: '2026-12-13', version: 2 })
    const closed = await call(t, 'PATCH', `/api/returnees/${a.seeker.id}`, { status: 'closed', closeReason: '再次外出务工' }, officer)
    expect(closed.json).toMatchObject({ status: 'closed', closeReason: '再次外出务工' })
    expect(closed.json.nextDueOn).toBeUndefined()
    const trail = await call(t, 'GET', `/api/audit?entity=returnee&id=${a.seeker.id}&limit=50`, undefined, officer)
    expect(trail.json.items[0]).toMatchObject({ action: 'returnee.update', before: { status: 'following' }, after: { status: 'closed', closeReason: '再次外出务工' } })
    expect(trail.json.items[1]).toMatchObject({ before: { intent: 'undecided' }, after: { intent: 'industry', industryContact: '区农业农村局 技术员' } })
    // A closed record is out of the due list.
    expect((await pageAll(t, '/api/returnees?township=lingjing&dueBy=2027-12-31', officer)).map((x) => x.seekerName)).not.toContain('郑观望')
    // An unknown field value: a 400 with field issues, never a 500.
    const bad = await call(t, 'POST', '/api/returnees', { seekerId: a.seeker.id, reason: 'bored', responsible: '王', business: { registeredOn: '2026-02-30' } }, officer)
    expect(bad.status).toBe(400)
    expect(bad.json.issues.map((i: { path: string }) => i.path)).toEqual(expect.arrayContaining(['reason', 'responsible', 'business.registeredOn']))
  })
})

describe('graduate records 毕业生 一人一档、一人一策', async () => {
  const { t, w, setNow } = await subsidyWorld()
  const officer = w.officer.token
  const body = (seekerId: string, over: Record<string, unknown> = {}) => ({ seekerId, source: 'household', degree: 'college', intent: 'employment', status: 'seeking', responsible: '王专干', ...over })

  it('opens for a graduate of an alleviated household with the default plan and the 6-month goal; a household that is neither is refused', async () => {
    const g = await w.newSeeker('13900000301', { name: '冯毕业', graduate: { school: '许昌学院', major: '计算机', graduationYear: 2026 } })
    const r = await call(t, 'POST', '/api/graduates', body(g.seeker.id, { wantsInternship: true }), officer)
    expect(r.status, r.text).toBe(201)
    expect(r.json).toMatchObject({ school: '许昌学院', major: '计算机', graduatedOn: '2026-07-01', goalBy: '2027-01-01', nextDueOn: '2026-12-28' })
    expect(r.json.plan.map((i: { kind: string }) => i.kind)).toEqual(['guidance', 'jobOffer', 'jobOffer', 'jobOffer', 'internship'])
    const other = await w.newSeeker('13900000302', { name: '陈一般', category: 'other', graduate: { school: '许昌学院', major: '会计', graduationYear: 2026 } })
    const refused = await call(t, 'POST', '/api/graduates', body(other.seeker.id), officer)
    expect([refused.status, refused.json.issues[0].path]).toEqual([400, 'source'])
    // 雨露计划+ needs a Yulu record.
    const noYulu = await call(t, 'POST', '/api/graduates', body(other.seeker.id, { source: 'yulu' }), officer)
    expect([noYulu.status, noYulu.json.issues[0].path]).toEqual([400, 'source'])
  })

  it('offers, guidance and the internship mark the plan done; a plan with fewer than 3 offers is refused; employed, the record owes nothing and the change is audited', async () => {
    const g = await w.newSeeker('13900000303', { name: '褚学生', graduate: { school: '河南大学', major: '护理', graduationYear: 2026 } })
    await call(t, 'POST', '/api/graduates', body(g.seeker.id), officer)
    const svc = (kind: string, on: string, outcome = 'done') => call(t, 'POST', `/api/graduates/${g.seeker.id}/services`, { kind, on, note: kind, outcome }, officer)
    setNow(new Date('2027-01-05T02:00:00Z'))
    const before = (await call(t, 'GET', `/api/graduates/${g.seeker.id}`, undefined, officer)).json.due
    expect(before.filter((i: { overdue: boolean }) => i.overdue).map((i: { kind: string }) => i.kind)).toEqual(['guidance', 'jobOffer', 'goal'])
    expect((await svc('guidance', '2026-12-01')).status).toBe(201)
    await svc('jobOffer', '2026-12-02')
    const two = await svc('jobOffer', '2026-12-20', 'declined')
    expect(two.json.record.nextDueOn).toBe('2027-01-01')
    // Most urgent first: 冯毕业's guidance was due 2026-12-28, 褚学生's goal 2027-01-01.
    expect((await pageAll(t, '/api/graduates?township=lingjing&dueBy=2027-01-02', officer)).map((x) => x.seekerName)).toEqual(['冯毕业', '褚学生'])
    const short = await call(t, 'PATCH', `/api/graduates/${g.seeker.id}`, { plan: [{ kind: 'guidance', dueOn: '2027-01-10' }, { kind: 'jobOffer', dueOn: '2027-01-10' }] }, officer)
    expect([short.status, short.json.code, short.json.issues[0].path]).toEqual([400, 'graduate.planOffers', 'plan'])
    const employed = await call(t, 'PATCH', `/api/graduates/${g.seeker.id}`, { status: 'employed', outcomeNote: '许昌市中心医院 护士' }, officer)
    expect(employed.json).toMatchObject({ status: 'employed', statusSince: '2027-01-05', outcomeNote: '许昌市中心医院 护士' })
    expect(employed.json.nextDueOn).toBeUndefined()
    const trail = await call(t, 'GET', `/api/audit?entity=graduate&id=${g.seeker.id}&limit=50`, undefined, officer)
    expect(trail.json.items[0]).toMatchObject({ action: 'graduate.update', before: { status: 'seeking' }, after: { status: 'employed', outcomeNote: '许昌市中心医院 护士' } })
    expect((await pageAll(t, '/api/graduates?township=lingjing&status=employed', officer)).map((x) => x.seekerName)).toEqual(['褚学生'])
    expect((await pageAll(t, '/api/graduates?township=lingjing&graduationYear=2026&dueBy=2027-12-31', officer)).map((x) => x.seekerName)).not.toContain('褚学生')
    expect((await call(t, 'GET', `/api/graduates/${g.seeker.id}`, undefined, g.token)).json.due.find((i: { kind: string }) => i.kind === 'goal')).toMatchObject({ done: true, doneOn: '2027-01-05' })
    expect((await call(t, 'GET', `/api/graduates/${g.seeker.id}/services`, undefined, w.otherOfficer.token)).status).toBe(404)
    setNow(new Date('2026-11-28T08:00:00Z'))
  })
})
