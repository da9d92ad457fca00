/**
 * Issue 13's leftovers on DynamoDB Local with the injected clock (subsidyWorld: 2026-11-28):
 * returnee and graduate plans on the due list, a placement settling a job-seeking record, the
 * due/overdue counters of the officer's home, and an officer reading their own digest.
 */
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb'
import { describe, expect, it } from 'vitest'
import { rebuildDueCounts } from '../../functions/db/due.js'
import { runDaily } from '../../functions/jobs/daily.js'
import { call } from '../support/app.js'
import { subsidyWorld } from '../support/world.js'

describe('returnee and graduate plans on the due list; counters; the officer’s inbox', async () => {
  const { t, w, setNow } = await subsidyWorld()
  const officer = w.officer.token
  const officerId = w.officer.user.id as string
  const ok = async (r: Promise<{ status: number; text: string; json: any }>, status = 200) => {
    const got = await r
    if (got.status !== status) throw new Error(`expected ${status}, got ${got.status} ${got.text}`)
    return got.json
  }
  const due = async (query: string, token = officer) => {
    const out: any[] = []
    let cursor: string | null = null
    do {
      const j: any = await ok(call(t, 'GET', `/api/due?${query}&limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, undefined, token))
      out.push(...j.items)
      cursor = j.nextCursor
    } while (cursor)
    return out
  }
  const of = (items: { kind: string; subjectId: string; dueOn: string }[], subjectId: string) => items.filter((i) => i.subjectId === subjectId).map((i) => `${i.kind}@${i.dueOn}`).sort()
  /** The counters say what the lists hold: per state and per kind, for lingjing. */
  const countersAgree = async () => {
    const s = await ok(call(t, 'GET', '/api/due/summary?township=lingjing', undefined, officer))
    const [d, o] = [await due('township=lingjing&state=due'), await due('township=lingjing&state=overdue')]
    const byKind = (items: { kind: string }[]) => items.reduce<Record<string, number>>((m, i) => ({ ...m, [i.kind]: (m[i.kind] ?? 0) + 1 }), {})
    const lj = s.townships.find((x: { township: string }) => x.township === 'lingjing')
    expect({ due: lj.due, overdue: lj.overdue }).toEqual({ due: d.length, overdue: o.length })
    expect(Object.fromEntries(lj.byKind.filter((k: { due: number }) => k.due).map((k: { kind: string; due: number }) => [k.kind, k.due]))).toEqual(byKind(d))
    expect(Object.fromEntries(lj.byKind.filter((k: { overdue: number }) => k.overdue).map((k: { kind: string; overdue: number }) => [k.kind, k.overdue]))).toEqual(byKind(o))
    return lj
  }

  it('a graduate’s plan item due on its day is due up to it and overdue after, for the responsible officer, and leaves the list once done', async () => {
    const g = await w.newSeeker('13900000401', { name: '冯计划', graduate: { school: '许昌学院', major: '计算机', graduationYear: 2026 } })
    await ok(call(t, 'POST', '/api/graduates', { seekerId: g.seeker.id, source: 'household', degree: 'college', intent: 'employment', status: 'seeking', responsible: '灵井专干', responsibleUserId: officerId }, officer), 201)
    // Opened 2026-11-28: guidance and the first offer in 30 days; the goal 6 months after 1 July.
    expect(of(await due('township=lingjing&state=due'), g.seeker.id)).toEqual(['graduate.goal@2027-01-01', 'graduate.guidance@2026-12-28', 'graduate.jobOffer@2026-12-28'])
    expect(of(await due('helper=me&state=due'), g.seeker.id)).toContain('graduate.guidance@2026-12-28')
    await countersAgree()

    setNow(new Date('2026-12-28T02:00:00Z')) // 10:00 in Beijing, the day itself: still due
    expect(of(await due('township=lingjing&state=due'), g.seeker.id)).toContain('graduate.guidance@2026-12-28')
    expect(of(await due('township=lingjing&state=overdue'), g.seeker.id)).toEqual([])
    setNow(new Date('2026-12-29T02:00:00Z')) // the day after: overdue
    expect(of(await due('township=lingjing&state=overdue'), g.seeker.id)).toEqual(['graduate.guidance@2026-12-28', 'graduate.jobOffer@2026-12-28'])
    expect(of(await due('helper=me&state=overdue'), g.seeker.id)).toEqual(['graduate.guidance@2026-12-28', 'graduate.jobOffer@2026-12-28'])
    const late = await countersAgree()
    expect(late.byKind.find((k: { kind: string }) => k.kind === 'graduate.guidance').overdue).toBeGreaterThanOrEqual(1)

    // Guidance given: it leaves the list; one offer made: the next one (due 2027-01-27) takes its place.
    await ok(call(t, 'POST', `/api/graduates/${g.seeker.id}/services`, { kind: 'guidance', on: '2026-12-29', note: '就业指导', outcome: 'done' }, officer), 201)
    await ok(call(t, 'POST', `/api/graduates/${g.seeker.id}/services`, { kind: 'jobOffer', on: '2026-12-29', note: '推荐岗位', outcome: 'done' }, officer), 201)
    expect(of(await due('township=lingjing&state=overdue'), g.seeker.id)).toEqual([])
    expect(of(await due('township=lingjing&state=due'), g.seeker.id)).toEqual(['graduate.goal@2027-01-01', 'graduate.jobOffer@2027-01-27'])
    await countersAgree()
    // The daily job sweeps past day counters that reached 0: the overdue range holds only days still owed.
    await runDaily(t.deps)
    const zeros = await t.db.doc.send(new QueryCommand({ TableName: t.db.table, KeyConditionExpression: 'PK = :pk AND SK BETWEEN :a AND :b', FilterExpression: 'nOpen = :z', ExpressionAttributeValues: { ':pk': 'DUECOUNT#lingjing', ':a': 'DAY#', ':b': 'DAY#2026-12-29', ':z': 0 } }))
    expect(zeros.Items).toEqual([])
    await countersAgree()
    // Employed: nothing more is owed, the rest is met with the status.
    await ok(call(t, 'PATCH', `/api/graduates/${g.seeker.id}`, { status: 'employed' }, officer))
    expect(of([...(await due('township=lingjing&state=due')), ...(await due('township=lingjing&state=overdue'))], g.seeker.id)).toEqual([])
    await countersAgree()
    setNow(new Date('2026-11-28T08:00:00Z'))
  })

  it('a returnee’s plan follows the intent: the first offer is due, a changed intent replaces it, closing meets it', async () => {
    const r = await w.newSeeker('13900000402', { name: '钱计划', returnee: { returnDate: '2026-11-01', reason: '工厂停产', previousWork: '广东东莞 电子厂' } })
    await ok(call(t, 'POST', '/api/returnees', { seekerId: r.seeker.id, reason: 'jobLoss', intent: 'employment', responsible: '灵井专干', responsibleUserId: officerId }, officer), 201)
    expect(of(await due('helper=me&state=due'), r.seeker.id)).toEqual(['returnee.jobOffer@2026-12-05'])
    await ok(call(t, 'PATCH', `/api/returnees/${r.seeker.id}`, { intent: 'entrepreneurship' }, officer))
    expect(of(await due('township=lingjing&state=due'), r.seeker.id)).toEqual(['returnee.consult@2026-12-13', 'returnee.projectPlan@2026-12-28', 'returnee.registration@2027-01-27', 'returnee.startupTraining@2027-02-26'])
    await countersAgree()
    await ok(call(t, 'PATCH', `/api/returnees/${r.seeker.id}`, { status: 'closed', closeReason: '再次外出务工' }, officer))
    expect(of(await due('township=lingjing&state=due'), r.seeker.id)).toEqual([])
    await countersAgree()
  })

  it('a hire settles a job-seeking returnee (placed, with the placement) and an external placement employs a seeking graduate, each audited in the placement’s transaction', async () => {
    const r = await w.newSeeker('13900000403', { name: '李上岗', returnee: { returnDate: '2026-11-01', reason: '', previousWork: '浙江义乌 物流' } })
    await ok(call(t, 'POST', '/api/returnees', { seekerId: r.seeker.id, reason: 'jobLoss', intent: 'employment', responsible: '王专干' }, officer), 201)
    const biz = await w.newSeeker('13900000404', { name: '周创业', returnee: { returnDate: '2026-11-01', reason: '', previousWork: '郑州 餐饮' } })
    await ok(call(t, 'POST', '/api/returnees', { seekerId: biz.seeker.id, reason: 'jobLoss', intent: 'entrepreneurship', responsible: '王专干' }, officer), 201)
    const post = await w.newPost()
    const apply = async (token: string) => (await ok(call(t, 'POST', `/api/posts/${post.id}/applications`, {}, token), 201)).id as string
    const [appR, appBiz] = [await apply(r.token), await apply(biz.token)]

    const hired = await ok(call(t, 'POST', `/api/applications/${appR}/hire`, { startDate: '2026-11-28' }, w.owner.token))
    const rec = await ok(call(t, 'GET', `/api/returnees/${r.seeker.id}`, undefined, officer))
    expect(rec).toMatchObject({ status: 'settled', placementId: hired.placement.id, placedOn: '2026-11-28', version: 2 })
    expect(rec.nextDueOn).toBeUndefined()
    expect(of(await due('township=lingjing&state=due'), r.seeker.id)).toEqual([])
    const trail = await ok(call(t, 'GET', `/api/audit?entity=returnee&id=${r.seeker.id}&limit=50`, undefined, officer))
    expect(trail.items.map((e: { action: string }) => e.action)).toEqual(['returnee.placed', 'returnee.create'])
    expect(trail.items[0]).toMatchObject({ actorId: w.owner.user.id, before: { status: 'following' }, after: { status: 'settled', placementId: hired.placement.id } })
    // The placement's own checks are on the list as before.
    expect(of(await due('township=lingjing&state=due'), hired.placement.id).map((k) => k.split('@')[0])).toEqual(['placement.check1', 'placement.check3', 'placement.check6'])

    // Someone who wants a business keeps their plan when hired.
    await ok(call(t, 'POST', `/api/applications/${appBiz}/hire`, { startDate: '2026-11-28' }, w.owner.token))
    expect(await ok(call(t, 'GET', `/api/returnees/${biz.seeker.id}`, undefined, officer))).toMatchObject({ status: 'following', version: 1 })

    const g = await w.newSeeker('13900000405', { name: '冯就业', graduate: { school: '许昌学院', major: '会计', graduationYear: 2026 } })
    await ok(call(t, 'POST', '/api/graduates', { seekerId: g.seeker.id, source: 'household', degree: 'college', intent: 'employment', status: 'seeking', responsible: '王专干' }, officer), 201)
    expect(of(await due('township=lingjing&state=due'), g.seeker.id).length).toBe(3)
    const ext = await ok(call(t, 'POST', '/api/placements', { seekerId: g.seeker.id, title: '会计助理', kind: 'enterprise', employer: '许昌某公司', township: 'lingjing', destination: 'inCounty', startDate: '2026-11-20' }, officer), 201)
    expect(await ok(call(t, 'GET', `/api/graduates/${g.seeker.id}`, undefined, officer))).toMatchObject({ status: 'employed', statusSince: '2026-11-28', version: 2 })
    expect(of(await due('township=lingjing&state=due'), g.seeker.id)).toEqual([])
    const gTrail = await ok(call(t, 'GET', `/api/audit?entity=graduate&id=${g.seeker.id}&limit=50`, undefined, officer))
    expect(gTrail.items[0]).toMatchObject({ action: 'graduate.placed', after: { status: 'employed', placementId: ext.id } })
    await countersAgree()
  })

  it('the summary covers the townships in scope: a township officer their own, the district every township; naming another is refused', async () => {
    const district = await ok(call(t, 'GET', '/api/due/summary', undefined, w.district.token))
    expect(district.townships.length).toBeGreaterThan(1)
    expect(district.total).toEqual(district.townships.reduce((s: { due: number; overdue: number }, x: { due: number; overdue: number }) => ({ due: s.due + x.due, overdue: s.overdue + x.overdue }), { due: 0, overdue: 0 }))
    const own = await ok(call(t, 'GET', '/api/due/summary', undefined, officer))
    expect(own.townships.map((x: { township: string }) => x.township)).toEqual(['lingjing'])
    expect((await call(t, 'GET', '/api/due/summary?township=lingjing', undefined, w.otherOfficer.token)).status).toBe(403)
    expect((await call(t, 'GET', '/api/due/summary?township=nowhere', undefined, officer)).status).toBe(400)
  })

  it('an officer reads their own digest in their inbox, marks it read; a seeker’s messages are not theirs', async () => {
    setNow(new Date('2026-12-04T02:00:00Z')) // the returnees' first offers are due within 3 days
    const g = await w.newSeeker('13900000406', { name: '韩摘要', returnee: { returnDate: '2026-11-01', reason: '', previousWork: '上海 建筑' } })
    await ok(call(t, 'POST', '/api/returnees', { seekerId: g.seeker.id, reason: 'jobLoss', intent: 'undecided', responsible: '灵井专干', responsibleUserId: officerId }, officer), 201)
    setNow(new Date('2026-12-20T02:00:00Z')) // its visit (due 2026-12-19) is overdue
    await runDaily(t.deps)
    const inbox = await ok(call(t, 'GET', '/api/me/inbox?limit=50&lang=en', undefined, officer))
    const digest = inbox.items.find((m: { code: string }) => m.code === 'due.digest')
    expect(digest).toBeDefined()
    const unread = (await ok(call(t, 'GET', '/api/me/inbox/unread', undefined, officer))).unread
    expect(unread).toBeGreaterThanOrEqual(1)
    expect(await ok(call(t, 'POST', `/api/me/inbox/${digest.id}/read`, undefined, officer))).toEqual({ read: true, unread: unread - 1 })
    // Another officer's inbox is their own: the digest is not in it, nor can they mark it.
    expect((await ok(call(t, 'GET', '/api/me/inbox?limit=50', undefined, w.otherOfficer.token))).items.map((m: { id: string }) => m.id)).not.toContain(digest.id)
    expect((await call(t, 'POST', `/api/me/inbox/${digest.id}/read`, undefined, w.otherOfficer.token)).status).toBe(404)
    setNow(new Date('2026-11-28T08:00:00Z'))
  })

  it('counters that went wrong (or never existed: items from before them) are rebuilt from the open items', async () => {
    const put = (SK: string, nOpen: number) => t.db.doc.send(new PutCommand({ TableName: t.db.table, Item: { PK: 'DUECOUNT#lingjing', SK, entity: 'dueCount', nOpen } }))
    await put('OPEN#placement.check1', 99)
    await put('DAY#2026-01-05#case.visit', 7)
    const wrong = await ok(call(t, 'GET', '/api/due/summary?township=lingjing', undefined, officer))
    expect(wrong.townships[0].overdue).toBeGreaterThanOrEqual(7)
    await rebuildDueCounts(t.db, 'lingjing')
    await countersAgree()
  })
})
