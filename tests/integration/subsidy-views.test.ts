/**
 * Issue 12 parts 7–8: the subsidy views read well. Eligibility lists who qualifies by default
 * (all=true: everyone, with the rules they fail) and the township's totals, not a page's; a claim's
 * detail names its maker and the facts it rests on; audit trails, ledgers and verifications carry
 * names and roles beside ids.
 */
import { describe, expect, it } from 'vitest'
import { call, type TestApp } from '../support/app.js'
import { bulkPlacements, bulkSeekers } from '../support/bulk.js'
import { subsidyWorld } from '../support/world.js'

/** Every item of a list, page by page; fails on a repeated id. */
async function everyPage(t: TestApp, path: string, token: string): Promise<any[]> {
  const all: any[] = []
  let cursor: string | null = null
  for (let pages = 0; pages < 50; pages++) {
    const r = await call(t, 'GET', `${path}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, undefined, token)
    expect(r.status, r.text).toBe(200)
    all.push(...r.json.items)
    cursor = r.json.nextCursor
    if (!cursor) break
  }
  expect(new Set(all.map((x) => x.subject.id)).size, 'each once').toBe(all.length)
  return all
}

describe('eligibility: who qualifies, and the township’s totals', async () => {
  const { t, w } = await subsidyWorld()
  // Suqiao: 130 people (more than two pages of 50), 57 of them working out of province since March.
  const people = await bulkSeekers(t, 130, { township: 'suqiao', village: 'suqiao-01', from: 2000 })
  const away = people.filter((_, i) => i % 7 !== 0 && i % 2 === 0)
  await bulkPlacements(t, away.map((s) => ({ id: s.id, name: s.name, township: 'suqiao' })), { kind: 'laborExport', destination: 'outOfProvince', startDate: '2026-03-01', createdAt: '2026-03-01T02:00:00.000Z', employer: '昆山某电子有限公司' })
  const base = '/api/eligibility?kind=transport&period=2026&township=suqiao&limit=20'

  it('lists only those who qualify by default, each once, page by page to the township’s end', async () => {
    const eligible = await everyPage(t, base, w.otherOfficer.token)
    expect(eligible.every((p) => p.decision.eligible)).toBe(true)
    expect(eligible.map((p) => p.subject.id).sort()).toEqual(away.map((s) => s.id).sort())
    const first = await call(t, 'GET', base, undefined, w.otherOfficer.token)
    expect(first.json.items).toHaveLength(20)
  })

  it('all=true shows everyone, the ineligible with the rule they fail', async () => {
    const everyone = await everyPage(t, `${base}&all=true`, w.otherOfficer.token)
    expect(everyone).toHaveLength(130)
    const failing = everyone.filter((p) => !p.decision.eligible)
    expect(failing).toHaveLength(130 - away.length)
    expect(failing.every((p) => p.decision.rules.some((r: { code: string; pass: boolean }) => r.code === 'transport.awayWork' && !r.pass))).toBe(true)
  })

  it('totals are the township’s, not the page’s', async () => {
    const totals = await call(t, 'GET', '/api/eligibility/totals?kind=transport&period=2026&township=suqiao', undefined, w.otherOfficer.token)
    expect(totals.status).toBe(200)
    expect(totals.json).toEqual({ eligible: away.length, everyone: 130, eligibleFen: away.length * 80_000 })
    // A township officer's totals are their own township's; another township is refused.
    expect((await call(t, 'GET', '/api/eligibility/totals?kind=transport&period=2026&township=suqiao', undefined, w.officer.token)).status).toBe(403)
  })
})

describe('claims name their maker and the facts they rest on', async () => {
  const { t, w, checker, auditor, away } = await subsidyWorld()

  it('the checker reads the maker’s name and the placement; the maker still cannot approve their own', async () => {
    const made = await call(t, 'POST', '/api/claims', { seekerId: away.seeker.id, kind: 'transport', period: '2026' }, w.officer.token)
    expect(made.status, made.text).toBe(201)
    expect((await call(t, 'POST', `/api/claims/${made.json.id}/submit`, undefined, w.officer.token)).status).toBe(200)
    const seen = await call(t, 'GET', `/api/claims/${made.json.id}`, undefined, checker.token)
    expect(seen.status).toBe(200)
    expect(seen.json.maker).toEqual({ id: made.json.makerId, name: '灵井专干', role: 'officer' })
    expect(seen.json.facts.placements).toEqual([expect.objectContaining({ employer: '昆山某电子有限公司', startDate: '2026-03-01', destination: 'outOfProvince' })])
    expect((await call(t, 'POST', `/api/claims/${made.json.id}/approve`, undefined, w.officer.token)).status).toBeGreaterThanOrEqual(400)
    expect((await call(t, 'POST', `/api/claims/${made.json.id}/approve`, undefined, checker.token)).status).toBe(200)
    // The ledger row names both.
    const ledger = await call(t, 'GET', '/api/ledger?year=2026&township=lingjing&limit=50', undefined, checker.token)
    const row = ledger.json.items.find((c: { id: string }) => c.id === made.json.id)
    expect(row.maker).toMatchObject({ name: '灵井专干', role: 'officer' })
    expect(row.checker).toMatchObject({ name: '复核专员', role: 'officer' })
    // The audit trail names who acted, with the role the event recorded.
    const trail = await call(t, 'GET', `/api/audit?entity=claim&id=${made.json.id}`, undefined, auditor.token)
    expect(trail.json.items.map((e: { action: string; actorName: string; actorRole: string }) => [e.action, e.actorName, e.actorRole])).toEqual([
      ['claim.approve', '复核专员', 'officer'],
      ['claim.submit', '灵井专干', 'officer'],
      ['claim.create', '灵井专干', 'officer'],
    ])
  })

  it('a training claim shows the certificate with who verified it; a Yulu claim the term in words with its start', async () => {
    const s = await w.newSeeker('13900000501', { name: '钱学徒' })
    const cert = await call(t, 'POST', '/api/certificates', { kind: 'skillLevel', level: 4, occupation: '电工', number: 'V2026-01', issuer: '许昌市人社局', issueDate: '2026-06-20' }, s.token)
    expect((await call(t, 'POST', `/api/certificates/${cert.json.id}/verify`, { method: 'nationalLookup' }, w.officer.token)).status).toBe(200)
    const tr = await call(t, 'POST', '/api/trainings', { seekerId: s.seeker.id, course: '电工培训', provider: '许昌职业技术学院', startDate: '2026-06-01', endDate: '2026-06-20', hours: 80, result: 'passed', certificateId: cert.json.id }, w.officer.token)
    expect(tr.status, tr.text).toBe(201)
    const claim = await call(t, 'POST', '/api/claims', { seekerId: s.seeker.id, kind: 'training', period: '2026' }, w.officer.token)
    expect(claim.status, claim.text).toBe(201)
    const seen = await call(t, 'GET', `/api/claims/${claim.json.id}`, undefined, checker.token)
    expect(seen.json.facts.certificates).toEqual([expect.objectContaining({ occupation: '电工', level: 4, issueDate: '2026-06-20', verifier: expect.objectContaining({ name: '灵井专干', role: 'officer' }) })])
    expect(seen.json.facts.trainings).toHaveLength(1)
    // The certificate list names the verifier too.
    const list = await call(t, 'GET', `/api/seekers/${s.seeker.id}/certificates`, undefined, w.officer.token)
    expect(list.json.items[0].verifier).toMatchObject({ name: '灵井专干', role: 'officer' })

    const student = await w.newSeeker('13900000502', { name: '孙在读' })
    const yulu = await call(t, 'PUT', '/api/yulu', { seekerId: student.seeker.id, term: '2026-autumn', school: '许昌职业技术学院', major: '护理', grade: 1, status: 'enrolled' }, w.officer.token)
    expect(yulu.status, yulu.text).toBe(200)
    const yc = await call(t, 'POST', '/api/claims', { seekerId: student.seeker.id, kind: 'yulu', period: '2026-autumn' }, w.officer.token)
    expect(yc.status, yc.text).toBe(201)
    const ys = await call(t, 'GET', `/api/claims/${yc.json.id}`, undefined, checker.token)
    expect(ys.json.facts.yulu).toEqual([expect.objectContaining({ term: '2026-autumn', termWords: '2026 年秋季学期', termWordsEn: 'Autumn term 2026', termStart: '2026-09-01', school: '许昌职业技术学院' })])
  })
})

describe('workshop rewards are proposed for workshops', async () => {
  const { t, w, checker } = await subsidyWorld()

  it('propose drafts the reward for a recognized workshop that kept alleviated workers; the view lists it', async () => {
    const post = await w.newPost()
    const [worker] = await bulkSeekers(t, 1, { township: 'lingjing', from: 3000 })
    await bulkPlacements(t, [{ id: worker!.id, name: worker!.name, township: 'lingjing' }], {
      postId: post.id,
      workshopId: w.workshop.id,
      kind: 'workshop',
      source: 'platform',
      startDate: '2026-01-05',
      createdAt: '2026-01-05T02:00:00.000Z',
      destination: 'inCounty',
      countedForWorkshop: true,
    } as never)
    const listed = await call(t, 'GET', '/api/eligibility?kind=workshopReward&period=2026&township=lingjing&limit=20', undefined, w.officer.token)
    expect(listed.json.items.map((i: { subject: { id: string; type: string } }) => [i.subject.type, i.subject.id])).toEqual([['workshop', w.workshop.id]])
    const proposed = await call(t, 'POST', '/api/claims/propose', { kind: 'workshopReward', period: '2026', township: 'lingjing' }, w.officer.token)
    expect(proposed.json).toEqual({ created: 1, duplicates: 0, notEligible: 0 })
    const ledger = await call(t, 'GET', '/api/ledger?year=2026&kind=workshopReward&limit=50', undefined, checker.token)
    const claim = ledger.json.items[0]
    expect(claim).toMatchObject({ subjectType: 'workshop', subjectId: w.workshop.id, amountFen: 100_000 })
    const seen = await call(t, 'GET', `/api/claims/${claim.id}`, undefined, checker.token)
    expect(seen.json.facts.workshopWorkers).toBe(1)
  })
})
