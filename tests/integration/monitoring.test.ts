/**
 * Issue 13: households and helpers, monitoring cases with their clocks, checks after placement,
 * the due list and the daily digest — on DynamoDB Local, with the injected clock.
 */
import { describe, expect, it } from 'vitest'
import { addDays } from '../../shared/dates.js'
import { listInbox } from '../../functions/db/inbox.js'
import { findUserByPhone } from '../../functions/db/users.js'
import { runDaily } from '../../functions/jobs/daily.js'
import { call, testApp } from '../support/app.js'
import { marketWorld } from '../support/world.js'

const DAY0 = '2026-03-02' // a Monday
const at = (n: number) => new Date(`${addDays(DAY0, n)}T02:00:00Z`) // 10:00 in Beijing
const day = (n: number) => addDays(DAY0, n)
const OFFICIAL_PHONE = '13912345678'

describe('following people over time (issue 13)', async () => {
  let now = at(0)
  const t = await testApp({ now: () => now })
  t.deps.config.sessionTtlSeconds = 400 * 86_400
  const setDay = (n: number) => (now = at(n))
  const w = await marketWorld(t)
  const officer = w.officer // 灵井 lingjing
  const officerUser = (await findUserByPhone(t.db, t.deps.protector, '17700000002'))!
  const ok = async (r: Promise<{ status: number; text: string; json: any }>, status = 200) => {
    const got = await r
    if (got.status !== status) throw new Error(`expected ${status}, got ${got.status} ${got.text}`)
    return got.json
  }
  const due = async (query: string, token = officer.token) => {
    const out: any[] = []
    let cursor: string | null = null
    do {
      const j: any = await ok(call(t, 'GET', `/api/due?${query}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, undefined, token))
      out.push(...j.items)
      cursor = j.nextCursor
    } while (cursor)
    return out
  }
  const kinds = (items: { kind: string; subjectId: string }[], subjectId: string) => items.filter((i) => i.subjectId === subjectId).map((i) => i.kind).sort()

  // A household of two members (their files name its 户编号), and one stranger of another household.
  const head = await w.newSeeker('13900001301', { name: '王大山', householdId: 'HH-0001', category: 'monitored', monitoredSubtype: 'unstable' })
  const member = await w.newSeeker('13900001302', { name: '王小河', householdId: 'HH-0001', category: 'monitored', monitoredSubtype: 'unstable' })
  const stranger = await w.newSeeker('13900001303', { name: '李四', householdId: 'HH-0002' })

  describe('households and helpers', () => {
    it('an officer registers a household once, in scope; its members are the files naming it', async () => {
      await ok(call(t, 'POST', '/api/households', { id: 'HH-0001', township: 'lingjing', village: 'lingjing-02', headName: '王大山' }, officer.token), 201)
      expect((await call(t, 'POST', '/api/households', { id: 'HH-0001', township: 'lingjing', village: 'lingjing-02', headName: '王大山' }, officer.token)).status).toBe(409)
      expect((await call(t, 'POST', '/api/households', { id: 'HH-0009', township: 'lingjing', village: 'lingjing-02', headName: '某某' }, w.otherOfficer.token)).status).toBe(403)
      expect((await call(t, 'POST', '/api/households', { id: 'HH#1', township: 'lingjing', village: 'lingjing-02', headName: '某某' }, officer.token))).toMatchObject({ status: 400 })
      const h = await ok(call(t, 'GET', '/api/households/HH-0001', undefined, officer.token))
      expect(h.members.map((m: { id: string }) => m.id).sort()).toEqual([head.seeker.id, member.seeker.id].sort())
      expect(h.members.map((m: { id: string }) => m.id)).not.toContain(stranger.seeker.id)
      expect((await call(t, 'GET', '/api/households/HH-0001', undefined, w.otherOfficer.token)).status).toBe(404)
      expect((await call(t, 'GET', '/api/households/HH-0001', undefined, head.token)).status).toBe(403)
    })

    it('a named official with a phone is assigned (masked, never logged), then changed to an officer account (audited)', async () => {
      const before = t.captured.lines.length
      const official = await ok(call(t, 'PUT', '/api/households/HH-0001/helper', { kind: 'official', name: '张村干', phone: OFFICIAL_PHONE }, officer.token))
      expect(official.helper).toMatchObject({ kind: 'official', name: '张村干', phoneMasked: '139****5678' })
      expect(JSON.stringify(official)).not.toContain(OFFICIAL_PHONE)
      expect(t.captured.lines.slice(before).join('\n')).not.toContain(OFFICIAL_PHONE)
      expect((await call(t, 'PUT', '/api/households/HH-0001/helper', { kind: 'official', name: '张村干', phone: '12345' }, officer.token)).status).toBe(400)
      // An officer who does not serve the township cannot be its helper.
      const suqiao = (await findUserByPhone(t.db, t.deps.protector, '17700000004'))!
      expect(await call(t, 'PUT', '/api/households/HH-0001/helper', { kind: 'officer', userId: suqiao.id }, officer.token)).toMatchObject({ status: 400, json: { code: 'helper.notOfficer' } })
      const changed = await ok(call(t, 'PUT', '/api/households/HH-0001/helper', { kind: 'officer', userId: officerUser.id }, officer.token))
      expect(changed.helper).toMatchObject({ id: officerUser.id, kind: 'officer', name: '灵井专干' })
      const mine = await ok(call(t, 'GET', '/api/households?helper=me', undefined, officer.token))
      expect(mine.items.map((h: { id: string }) => h.id)).toEqual(['HH-0001'])
    })
  })

  describe('a monitoring case and its clocks', () => {
    let caseId = ''
    it('a risk signal opens one case; the visit and the whole process join the due list', async () => {
      expect((await call(t, 'POST', '/api/cases', { householdId: 'HH-0001', source: 'departmentData', riskType: 'illness', signalOn: day(1) }, officer.token))).toMatchObject({ status: 400, json: { issues: [{ path: 'signalOn' }] } })
      const c = await ok(call(t, 'POST', '/api/cases', { householdId: 'HH-0001', source: 'departmentData', riskType: 'illness', signalOn: day(0), note: '住院自付 2.3 万元' }, officer.token), 201)
      caseId = c.id
      expect(c).toMatchObject({ status: 'open', helperId: officerUser.id, township: 'lingjing' })
      expect((await call(t, 'POST', '/api/cases', { householdId: 'HH-0001', source: 'cadreVisit', riskType: 'other', signalOn: day(0) }, officer.token)).status).toBe(409)
      expect(kinds(await due('township=lingjing&state=due'), caseId)).toEqual(['case.approval', 'case.visit'])
      expect(kinds(await due('helper=me&state=due'), caseId)).toEqual(['case.approval', 'case.visit'])
      expect(await due('township=suqiao&state=due', w.district.token)).toEqual([])
      expect(kinds(await due('state=due', w.district.token), caseId)).toEqual(['case.approval', 'case.visit'])
      expect((await call(t, 'GET', '/api/due?township=lingjing', undefined, w.otherOfficer.token)).status).toBe(403)
      expect((await call(t, 'GET', `/api/cases/${caseId}`, undefined, w.otherOfficer.token)).status).toBe(404)
    })

    it('steps go in order; the township waits for the 5-day notice; each step says who, when and what', async () => {
      setDay(1)
      expect(await call(t, 'POST', `/api/cases/${caseId}/steps`, { step: 'crossCheck', on: day(1) }, officer.token)).toMatchObject({ status: 400, json: { code: 'case.wrongStep' } })
      const visited = await ok(call(t, 'POST', `/api/cases/${caseId}/steps`, { step: 'visit', on: day(1), note: '已签授权书' }, officer.token))
      expect(visited.steps[0]).toMatchObject({ step: 'visit', on: day(1), by: officerUser.id, note: '已签授权书' })
      expect(visited.clocks.find((c: { kind: string }) => c.kind === 'case.visit')).toMatchObject({ used: 1, allowed: 3, colour: 'green', metOn: day(1) })
      expect(kinds(await due('township=lingjing&state=due'), caseId)).toEqual(['case.approval', 'case.crossCheck'])
      setDay(3)
      await ok(call(t, 'POST', `/api/cases/${caseId}/steps`, { step: 'crossCheck', on: day(3) }, officer.token))
      await ok(call(t, 'POST', `/api/cases/${caseId}/steps`, { step: 'notice', on: day(3) }, officer.token))
      setDay(7)
      expect(await call(t, 'POST', `/api/cases/${caseId}/steps`, { step: 'townshipReview', on: day(7) }, officer.token)).toMatchObject({ status: 400, json: { code: 'case.noticeTooShort', issues: [{ path: 'on' }] } })
    })

    it('a case opened on day 0 is due on day 15 and overdue on day 16 if not approved', async () => {
      setDay(15)
      expect(kinds(await due('township=lingjing&state=due'), caseId)).toEqual(['case.approval'])
      expect(kinds(await due('township=lingjing&state=overdue'), caseId)).toEqual([])
      setDay(16)
      expect(kinds(await due('township=lingjing&state=due'), caseId)).toEqual([])
      const overdue = await due('township=lingjing&state=overdue')
      expect(overdue.find((i) => i.subjectId === caseId)).toMatchObject({ kind: 'case.approval', state: 'overdue', dueOn: day(15), helperId: officerUser.id })
      const detail = await ok(call(t, 'GET', `/api/cases/${caseId}`, undefined, officer.token))
      expect(detail.clocks.find((c: { kind: string }) => c.kind === 'case.approval')).toMatchObject({ used: 16, allowed: 15, colour: 'red' })
    })

    it('a plan not made 10 days after approval is overdue; the plan takes it off the list', async () => {
      await ok(call(t, 'POST', `/api/cases/${caseId}/steps`, { step: 'townshipReview', on: day(16) }, officer.token))
      const approved = await ok(call(t, 'POST', `/api/cases/${caseId}/steps`, { step: 'approval', on: day(16) }, officer.token))
      expect(approved.status).toBe('approved')
      expect(kinds(await due('township=lingjing&state=overdue'), caseId)).toEqual([])
      setDay(26)
      expect(kinds(await due('township=lingjing&state=due'), caseId)).toEqual(['case.plan'])
      setDay(27)
      expect(kinds(await due('helper=me&state=overdue'), caseId)).toEqual(['case.plan'])
      expect(await call(t, 'PUT', `/api/cases/${caseId}/plan`, { on: day(15), measures: [{ kind: 'publicWelfarePost', description: '乡村保洁公益岗' }] }, officer.token)).toMatchObject({ status: 400, json: { code: 'case.planBeforeApproval' } })
      const planned = await ok(call(t, 'PUT', `/api/cases/${caseId}/plan`, { on: day(27), measures: [{ kind: 'publicWelfarePost', description: '乡村保洁公益岗' }, { kind: 'training', description: '电工培训' }] }, officer.token))
      expect(planned).toMatchObject({ status: 'planned', plannedOn: day(27) })
      expect(await due('helper=me&state=overdue')).toEqual([])
    })

    it('closing before 6 months, or with no measure carried out, is refused with the reason; then it sets the members’ 风险消除', async () => {
      setDay(100)
      expect(await call(t, 'POST', `/api/cases/${caseId}/close`, { on: day(100) }, officer.token)).toMatchObject({ status: 400, json: { code: 'case.monitoredTooShort', issues: [{ path: 'on' }] } })
      setDay(200)
      const noMeasure = await call(t, 'POST', `/api/cases/${caseId}/close`, { on: day(200) }, officer.token)
      expect(noMeasure).toMatchObject({ status: 400, json: { code: 'case.noMeasureDone' } })
      expect(noMeasure.json.message).toContain('至少落实一项帮扶措施')
      expect((await ok(call(t, 'GET', `/api/seekers/${head.seeker.id}`, undefined, officer.token))).riskEliminatedOn).toBeUndefined()
      await ok(call(t, 'POST', `/api/cases/${caseId}/measures`, { index: 0, on: day(40), note: '已上岗' }, officer.token))
      expect(await call(t, 'POST', `/api/cases/${caseId}/measures`, { index: 0, on: day(41) }, officer.token)).toMatchObject({ status: 400, json: { code: 'case.measureDone' } })
      const closed = await ok(call(t, 'POST', `/api/cases/${caseId}/close`, { on: day(200), note: '收入稳定' }, officer.token))
      expect(closed).toMatchObject({ status: 'closed', closedOn: day(200) })
      for (const s of [head, member]) expect((await ok(call(t, 'GET', `/api/seekers/${s.seeker.id}`, undefined, officer.token))).riskEliminatedOn).toBe(day(200))
      expect((await ok(call(t, 'GET', `/api/seekers/${stranger.seeker.id}`, undefined, officer.token))).riskEliminatedOn).toBeUndefined()
      expect(await ok(call(t, 'GET', '/api/households/HH-0001', undefined, officer.token))).toMatchObject({ riskEliminatedOn: day(200) })
      // The household may open a new case now.
      expect((await call(t, 'POST', '/api/cases', { householdId: 'HH-0001', source: 'cadreVisit', riskType: 'incomeDrop', signalOn: day(200) }, officer.token)).status).toBe(201)
      const trail = (await t.db.doc.send(new (await import('@aws-sdk/lib-dynamodb')).QueryCommand({ TableName: t.db.table, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': `AUDIT#case#${caseId}` } }))).Items!.map((i) => i.action)
      expect(trail.sort()).toEqual(['case.approval', 'case.close', 'case.crossCheck', 'case.measureDone', 'case.notice', 'case.open', 'case.plan', 'case.townshipReview', 'case.visit'])
    })
  })

  describe('checks after placement', () => {
    it('a placement gets checks at 1, 3 and 6 months for the household’s helper; a “left” check ends it', async () => {
      setDay(200)
      const p = await ok(call(t, 'POST', '/api/placements', { seekerId: member.seeker.id, title: '电子厂普工', kind: 'enterprise', employer: '许昌某电子有限公司', township: 'lingjing', destination: 'inCounty', startDate: day(200) }, officer.token), 201)
      const mine = () => due('helper=me&state=due').then((items) => kinds(items, p.id))
      expect(await mine()).toEqual(['placement.check1', 'placement.check3', 'placement.check6'])
      expect((await call(t, 'POST', `/api/placements/${p.id}/checks`, { month: 1, outcome: 'working', on: day(230) }, w.otherOfficer.token)).status).toBe(404)
      setDay(231)
      await ok(call(t, 'POST', `/api/placements/${p.id}/checks`, { month: 1, outcome: 'working', on: day(231) }, officer.token), 201)
      expect(await mine()).toEqual(['placement.check3', 'placement.check6'])
      expect(await call(t, 'POST', `/api/placements/${p.id}/checks`, { month: 1, outcome: 'working', on: day(231) }, officer.token)).toMatchObject({ status: 409, json: { code: 'check.notDue' } })
      expect(await call(t, 'POST', `/api/placements/${p.id}/checks`, { month: 3, outcome: 'left', on: day(231) }, officer.token)).toMatchObject({ status: 400, json: { issues: expect.arrayContaining([expect.objectContaining({ path: 'leftOn' })]) } })
      setDay(292)
      const left = await ok(call(t, 'POST', `/api/placements/${p.id}/checks`, { month: 3, outcome: 'left', on: day(292), leftOn: day(280), reason: '回家照顾老人' }, officer.token), 201)
      expect(left.placement).toMatchObject({ status: 'ended', endDate: day(280), endReason: '回家照顾老人' })
      expect(await mine()).toEqual([])
      const history = await ok(call(t, 'GET', `/api/seekers/${member.seeker.id}/history?type=followUp`, undefined, officer.token))
      expect(history.items.map((e: { status: string }) => e.status).sort()).toEqual(['left', 'working'])
    })

    it('a placement ended another way takes its remaining checks off the list', async () => {
      const p = await ok(call(t, 'POST', '/api/placements', { seekerId: stranger.seeker.id, title: '物流分拣', kind: 'enterprise', employer: '许昌某物流公司', township: 'lingjing', destination: 'inCounty', startDate: day(292) }, officer.token), 201)
      expect(kinds(await due('township=lingjing&state=due'), p.id)).toEqual(['placement.check1', 'placement.check3', 'placement.check6'])
      await ok(call(t, 'POST', `/api/placements/${p.id}/end`, { endDate: day(292), reason: '合同到期' }, officer.token))
      expect(kinds(await due('township=lingjing&state=due'), p.id)).toEqual([])
    })
  })

  describe('a change of helper', () => {
    it('moves the household’s open items, its cases’ and its members’ placement checks, to the new helper', async () => {
      const p = await ok(call(t, 'POST', '/api/placements', { seekerId: head.seeker.id, title: '村级保洁员', kind: 'publicWelfare', employer: '灵井镇人民政府', township: 'lingjing', destination: 'inCounty', startDate: day(292) }, officer.token), 201)
      const mine = async () => (await due('helper=me&state=due')).filter((i) => i.subjectId === p.id).length
      expect(await mine()).toBe(3)
      const h = await ok(call(t, 'PUT', '/api/households/HH-0001/helper', { kind: 'official', name: '张村干', phone: OFFICIAL_PHONE }, officer.token))
      expect(await mine()).toBe(0)
      const moved = (await due('township=lingjing&state=due')).filter((i) => i.subjectId === p.id)
      expect(moved.map((i) => i.helperId)).toEqual([h.helper.id, h.helper.id, h.helper.id])
      await ok(call(t, 'PUT', '/api/households/HH-0001/helper', { kind: 'officer', userId: officerUser.id }, officer.token))
      expect(await mine()).toBe(3)
    })
  })

  describe('the daily job', () => {
    it('marks what became overdue and sends each helper one digest a day, however often it runs; an official gets a text', async () => {
      // A second household whose helper is a named official, with a case not visited in time.
      await ok(call(t, 'POST', '/api/households', { id: 'HH-0002', township: 'lingjing', village: 'lingjing-03', headName: '李四' }, officer.token), 201)
      await ok(call(t, 'PUT', '/api/households/HH-0002/helper', { kind: 'official', name: '张村干', phone: OFFICIAL_PHONE }, officer.token))
      const c2 = await ok(call(t, 'POST', '/api/cases', { householdId: 'HH-0002', source: 'application', riskType: 'accident', signalOn: day(292) }, officer.token), 201)
      setDay(296) // the visit (due day 295) is overdue
      const inbox = async () => (await listInbox(t.db, officerUser.id, 50)).items.filter((m) => m.code === 'due.digest')
      const texts = () => t.captured.sms.filter((s) => s.phone === OFFICIAL_PHONE)
      const before = { inbox: (await inbox()).length, texts: texts().length }
      await runDaily(t.deps)
      await runDaily(t.deps)
      await new Promise((r) => setTimeout(r, 300)) // queued texts are sent after the job, in this process
      expect((await inbox()).length - before.inbox).toBe(1)
      expect(texts().length - before.texts).toBe(1)
      expect(texts().at(-1)!.text).toContain('已逾期')
      const overdue = (await due('township=lingjing&state=overdue')).find((i) => i.subjectId === c2.id && i.kind === 'case.visit')
      expect(overdue).toMatchObject({ overdueMarkedOn: day(296), helperId: expect.stringMatching(/^official-/) })
      expect(t.captured.lines.join('\n')).not.toContain(OFFICIAL_PHONE)
      // The next day is another day: one more digest each.
      setDay(297)
      await runDaily(t.deps)
      await new Promise((r) => setTimeout(r, 300))
      expect((await inbox()).length - before.inbox).toBe(2)
      expect(texts().length - before.texts).toBe(2)
    })

    it('on Mondays each township officer gets one roll-up of the week', async () => {
      setDay(301) // a Monday (day 0 is one, 301 = 43 weeks)
      const rollups = async () => (await listInbox(t.db, officerUser.id, 50)).items.filter((m) => m.code === 'due.rollup').length
      const before = await rollups()
      await runDaily(t.deps)
      await runDaily(t.deps)
      expect((await rollups()) - before).toBe(1)
    })
  })
})
