/**
 * The reproductions of issue 9 that live in the core layer: batches out of scope, audit events in
 * the change's own transaction, household facts that wait for an officer, ID numbers taken by
 * someone else. Each goes through the real app on DynamoDB Local.
 */
import { describe, expect, it } from 'vitest'
import { call, signIn } from '../support/app.js'
import { idNumber, seekerInput, subsidyWorld } from '../support/world.js'

const world = subsidyWorld

describe('a payment batch belongs to its townships', async () => {
  const { t, w, checker, setNow } = await world()

  it('the 灵井镇 officer can neither read, download nor pay a 苏桥镇 batch; the 苏桥镇 officer can', async () => {
    const s = await w.newSeeker('13900000201', { name: '苏外出', township: 'suqiao', village: 'suqiao-01' })
    const placed = await call(t, 'POST', '/api/placements', { seekerId: s.seeker.id, title: '电子厂普工', kind: 'laborExport', employer: '昆山某厂', township: 'suqiao', destination: 'outOfProvince', startDate: '2026-03-01' }, w.otherOfficer.token)
    expect(placed.status).toBe(201)
    const claim = await call(t, 'POST', '/api/claims', { seekerId: s.seeker.id, kind: 'transport', period: '2026' }, w.otherOfficer.token)
    expect(claim.status).toBe(201)
    expect((await call(t, 'POST', `/api/claims/${claim.json.id}/submit`, undefined, w.otherOfficer.token)).status).toBe(200)
    expect((await call(t, 'POST', `/api/claims/${claim.json.id}/approve`, undefined, checker.token)).status).toBe(200)
    // Nor can the 灵井镇 officer put another township's claim into a batch.
    expect((await call(t, 'POST', '/api/payment-batches', { claimIds: [claim.json.id] }, w.officer.token)).status).toBe(404)
    const batch = await call(t, 'POST', '/api/payment-batches', { claimIds: [claim.json.id] }, w.otherOfficer.token)
    expect(batch.status).toBe(201)
    expect(batch.json.townships).toEqual(['suqiao'])

    setNow(new Date('2026-12-10T08:00:00Z'))
    expect((await call(t, 'GET', `/api/payment-batches/${batch.json.id}`, undefined, w.officer.token)).status).toBe(404)
    expect((await call(t, 'GET', `/api/notices/${batch.json.id}.xlsx`, undefined, w.officer.token)).status).toBe(404)
    const refused = await call(t, 'POST', `/api/payment-batches/${batch.json.id}/pay`, undefined, w.officer.token)
    expect(refused.status).toBe(404)
    expect((await call(t, 'GET', `/api/claims/${claim.json.id}`, undefined, w.otherOfficer.token)).json.status).toBe('noticed')

    expect((await call(t, 'GET', `/api/payment-batches/${batch.json.id}`, undefined, w.otherOfficer.token)).status).toBe(200)
    const paid = await call(t, 'POST', `/api/payment-batches/${batch.json.id}/pay`, undefined, w.otherOfficer.token)
    expect(paid.status).toBe(200)
    expect(paid.json.paidNow).toBe(1)
    // The trail names who paid, once per step, and the batch's own trail records the payment.
    const trail = await call(t, 'GET', `/api/audit?entity=claim&id=${claim.json.id}`, undefined, w.district.token)
    expect(trail.json.items.map((e: { action: string }) => e.action)).toEqual(['claim.pay', 'claim.approve', 'claim.submit', 'claim.create'])
    expect(trail.json.items[0].actorId).toBe(w.otherOfficer.user.id)
    const batchTrail = await call(t, 'GET', `/api/audit?entity=batch&id=${batch.json.id}`, undefined, w.district.token)
    expect(batchTrail.json.items.map((e: { action: string }) => e.action)).toEqual(['batch.pay', 'batch.notice'])
  })
})

describe('audit events are written in the change’s own transaction', async () => {
  const { t, w } = await world()

  it('a change refused by its condition leaves no event; fifty racing decisions leave exactly one', async () => {
    const r = await call(t, 'POST', '/api/workshops', { name: '第二帮扶车间', type: 'factory', township: 'lingjing', village: 'lingjing-01', address: '灵井镇 9 号' }, w.owner.token)
    expect(r.status).toBe(201)
    const decisions = await Promise.all(Array.from({ length: 50 }, (_, i) => call(t, 'POST', `/api/workshops/${r.json.id}/recognize`, i % 2 ? { decision: 'recognized' } : { decision: 'rejected', reason: '材料不全' }, w.officer.token)))
    expect(decisions.filter((d) => d.status === 200)).toHaveLength(1)
    expect(decisions.filter((d) => d.status === 409)).toHaveLength(49)
    const trail = await call(t, 'GET', `/api/audit?entity=workshop&id=${r.json.id}`, undefined, w.district.token)
    const actions = trail.json.items.map((e: { action: string }) => e.action)
    expect(actions.filter((a: string) => a === 'workshop.recognized' || a === 'workshop.rejected')).toHaveLength(1)
    expect(actions).toContain('workshop.register')
  })
})

describe('household facts that decide money wait for an officer', async () => {
  const { t, w } = await world()

  it('once verified, a seeker cannot change their ID number; a category change is pending until confirmed', async () => {
    const mine = seekerInput({ idNumber: idNumber('1985-03-04', 900), category: 'other' })
    const s = await w.newSeeker('13900000301', { category: 'other', idNumber: mine.idNumber })
    // Unverified: the seeker still corrects their own file.
    expect((await call(t, 'PUT', '/api/me/profile', { ...mine, name: '刘建民' }, s.token)).status).toBe(200)
    // A seeker cannot verify; an officer of another township does not see the file.
    expect((await call(t, 'POST', `/api/seekers/${s.seeker.id}/verify`, undefined, s.token)).status).toBe(403)
    expect((await call(t, 'POST', `/api/seekers/${s.seeker.id}/verify`, undefined, w.otherOfficer.token)).status).toBe(404)
    expect((await call(t, 'POST', `/api/seekers/${s.seeker.id}/verify`, undefined, w.officer.token)).status).toBe(200)

    const idChange = await call(t, 'PUT', '/api/me/profile', { ...mine, idNumber: idNumber('1985-03-04', 777) }, s.token)
    expect(idChange.status).toBe(409)
    expect(idChange.json.code).toBe('seeker.idNumberFixed')

    const claimed = await call(t, 'PUT', '/api/me/profile', { ...mine, category: 'alleviated', skills: ['焊工'] }, s.token)
    expect(claimed.status).toBe(200)
    expect(claimed.json).toMatchObject({ category: 'other', skills: ['焊工'], householdChangePending: true })
    const file = await call(t, 'GET', `/api/seekers/${s.seeker.id}`, undefined, w.officer.token)
    expect(file.json.category).toBe('other')

    const pending = await call(t, 'GET', '/api/seekers/pending-changes', undefined, w.officer.token)
    expect(pending.json.items).toEqual([expect.objectContaining({ seekerId: s.seeker.id, current: { category: 'other' }, requested: { category: 'alleviated' } })])
    expect((await call(t, 'GET', '/api/seekers/pending-changes?township=lingjing', undefined, w.otherOfficer.token)).status).toBe(403)
    expect((await call(t, 'POST', `/api/seekers/${s.seeker.id}/household-change`, { decision: 'confirm' }, w.otherOfficer.token)).status).toBe(404)
    const confirmed = await call(t, 'POST', `/api/seekers/${s.seeker.id}/household-change`, { decision: 'confirm' }, w.officer.token)
    expect(confirmed.status).toBe(200)
    expect(confirmed.json.category).toBe('alleviated')
    // Decided once: a second decision finds nothing pending.
    expect((await call(t, 'POST', `/api/seekers/${s.seeker.id}/household-change`, { decision: 'reject' }, w.officer.token)).status).toBe(404)
    const trail = await call(t, 'GET', `/api/audit?entity=seeker&id=${s.seeker.id}`, undefined, w.officer.token)
    const decided = trail.json.items.find((e: { action: string }) => e.action === 'household.confirm')
    expect(decided).toMatchObject({ before: { category: 'other' }, after: { category: 'alleviated' }, actorId: w.officer.user.id })
    expect(trail.json.items.map((e: { action: string }) => e.action)).toEqual(['household.confirm', 'seeker.update', 'seeker.verify', 'seeker.update', 'seeker.create'])
  })

  it('a rejected change leaves the confirmed facts in place', async () => {
    const s = await w.newSeeker('13900000302', { category: 'alleviated', idNumber: idNumber('1985-03-04', 901) })
    const officerFile = await call(t, 'POST', `/api/seekers/${s.seeker.id}/verify`, undefined, w.officer.token)
    expect(officerFile.status).toBe(200)
    const body = seekerInput({ idNumber: idNumber('1985-03-04', 901), category: 'monitored', monitoredSubtype: 'marginal' })
    expect((await call(t, 'PUT', '/api/me/profile', body, s.token)).json.householdChangePending).toBe(true)
    const rejected = await call(t, 'POST', `/api/seekers/${s.seeker.id}/household-change`, { decision: 'reject' }, w.officer.token)
    expect(rejected.json).toMatchObject({ category: 'alleviated' })
    expect(rejected.json.monitoredSubtype).toBeUndefined()
  })
})

describe('an ID number already held', async () => {
  const { t, w } = await world()

  it('is a 409 for the seeker who enters it, and the collision is listed for the township’s officers', async () => {
    const held = idNumber('1979-01-02', 555)
    const filed = await call(t, 'POST', '/api/seekers', seekerInput({ name: '王真', idNumber: held }), w.officer.token)
    expect(filed.status).toBe(201)
    const other = await signIn(t, '13900000401')
    const taken = await call(t, 'PUT', '/api/me/profile', seekerInput({ name: '李冒', idNumber: held }), other.token)
    expect(taken.status).toBe(409)
    const list = await call(t, 'GET', '/api/seekers/id-collisions', undefined, w.officer.token)
    expect(list.status).toBe(200)
    expect(list.json.items).toEqual([expect.objectContaining({ existingSeekerId: filed.json.id, attemptedBy: other.user.id, attemptedRole: 'seeker', attemptedName: '李冒' })])
    expect(list.json.items[0].idNumberMasked).toMatch(/^\d{4}\*{10}[\dX]{4}$/)
    // Another township's officer does not see 灵井镇's collisions.
    expect((await call(t, 'GET', '/api/seekers/id-collisions?township=lingjing', undefined, w.otherOfficer.token)).status).toBe(403)
  })
})

describe('the trails of posts and applications', async () => {
  const { t, w } = await subsidyWorld()

  it('are read like the other trails: in scope for a township officer, 404 outside it', async () => {
    const post = await w.newPost({ title: '审计测试岗' })
    const s = await w.newSeeker('13900000501')
    const applied = await call(t, 'POST', `/api/posts/${post.id}/applications`, {}, s.token)
    expect(applied.status).toBe(201)
    expect((await call(t, 'POST', `/api/applications/${applied.json.id}/shortlist`, undefined, w.owner.token)).status).toBe(200)
    const postTrail = await call(t, 'GET', `/api/audit?entity=post&id=${post.id}`, undefined, w.officer.token)
    expect(postTrail.json.items.map((e: { action: string }) => e.action)).toEqual(['post.create'])
    const appTrail = await call(t, 'GET', `/api/audit?entity=application&id=${applied.json.id}`, undefined, w.officer.token)
    expect(appTrail.json.items.map((e: { action: string }) => e.action)).toEqual(['application.shortlist', 'application.create'])
    expect((await call(t, 'GET', `/api/audit?entity=post&id=${post.id}`, undefined, w.otherOfficer.token)).status).toBe(404)
    expect((await call(t, 'GET', `/api/audit?entity=application&id=${applied.json.id}`, undefined, w.otherOfficer.token)).status).toBe(404)
  })
})
