import { describe, expect, it } from 'vitest'
import { replaceProblems } from '../../functions/db/record-problems.js'
import { createUser } from '../../functions/db/users.js'
import { call, signIn } from '../support/app.js'
import { idNumber, seekerInput, subsidyWorld } from '../support/world.js'

interface Item {
  kind: string
  count: number
  capped: boolean
  link: { route: string; query: Record<string, string> }
  list: { path: string; query: Record<string, string> }
}

const DAY = 86_400_000

describe('the officer’s to-do list (待办)', async () => {
  const T0 = new Date('2026-11-28T08:00:00Z')
  const { t, w, checker, away, setNow } = await subsidyWorld()
  const officer = w.officer // 灵井 lingjing
  const suqiao = w.otherOfficer
  const district = w.district

  const ok = async (r: Promise<{ status: number; text: string; json: any }>, status = 200) => {
    const got = await r
    if (got.status !== status) throw new Error(`${got.status} ${got.text}`)
    return got.json
  }
  const external = (seekerId: string, township: string, token: string, startDate = '2026-03-01') =>
    ok(call(t, 'POST', '/api/placements', { seekerId, title: '电子厂普工', kind: 'laborExport', employer: '昆山某电子有限公司', township, destination: 'outOfProvince', startDate }, token), 201)
  const transportClaim = async (seekerId: string, token: string) => {
    const c = await ok(call(t, 'POST', '/api/claims', { seekerId, kind: 'transport', period: '2026' }, token), 201)
    await ok(call(t, 'POST', `/api/claims/${c.id}/submit`, undefined, token))
    return c as { id: string }
  }
  const todo = async (token: string, township?: string) => (await ok(call(t, 'GET', `/api/todo${township ? `?township=${township}` : ''}`, undefined, token))) as { township: string; items: Item[] }
  /** Every record a list API answers for an item's filter, page after page. */
  const all = async (token: string, item: Item): Promise<any[]> => {
    const out: any[] = []
    let cursor: string | null = null
    do {
      const query = new URLSearchParams({ ...item.list.query, limit: '50', ...(cursor ? { cursor } : {}) })
      const r = await ok(call(t, 'GET', `${item.list.path}?${query}`, undefined, token))
      out.push(...r.items)
      cursor = r.nextCursor
    } while (cursor)
    return out
  }
  const counts = (list: { items: Item[] }) => Object.fromEntries(list.items.map((i) => [i.kind, i.capped ? '99+' : i.count]))

  // ---- At T0: people, records, claims, one batch --------------------------------------------
  const idleA = await w.newSeeker('13900000501', { name: '待业甲' })
  const notLookingInput = seekerInput({ name: '创业乙', intents: ['entrepreneurship'], category: 'other', idNumber: idNumber('1985-03-04', 901) })
  const notLooking = await w.newSeeker('13900000502', notLookingInput)
  const idleSuqiao = await w.newSeeker('13900000503', { name: '苏桥丙', township: 'suqiao', village: 'suqiao-01' })
  const appliesLater = await w.newSeeker('13900000504', { name: '后申请丁' })
  const hiredLater = await w.newSeeker('13900000505', { name: '后录用戊' })
  const endsLater = await w.newSeeker('13900000506', { name: '后离岗己' })
  const endedEarly = await w.newSeeker('13900000507', { name: '早离岗庚' })

  const cert = (token: string, number: string) => ok(call(t, 'POST', '/api/certificates', { kind: 'skillLevel', level: 5, occupation: '电工', number, issuer: '许昌市人社局', issueDate: '2026-05-01' }, token), 201)
  await cert(idleA.token, 'TD-0001')
  const verified = await cert(idleA.token, 'TD-0002')
  await ok(call(t, 'POST', `/api/certificates/${verified.id}/verify`, { method: 'nationalLookup' }, officer.token))
  await cert(idleSuqiao.token, 'TD-0003')

  const workshopReport = (text: string) => ok(call(t, 'POST', `/api/workshops/${w.workshop.id}/difficulties`, { kind: 'orders', description: text }, w.owner.token), 201)
  const oldOpen = await workshopReport('订单不足，工人停工两天')
  const oldClosed = await workshopReport('物流中断，货发不出去')

  // A verified file whose household change waits for an officer (待确认).
  await ok(call(t, 'POST', `/api/seekers/${notLooking.seeker.id}/verify`, undefined, officer.token))
  expect(await ok(call(t, 'PUT', '/api/me/profile', { ...notLookingInput, category: 'alleviated' }, notLooking.token))).toMatchObject({ householdChangePending: true })

  const post = await w.newPost({ headcount: 3 })
  await ok(call(t, 'POST', `/api/posts/${post.id}/applications`, {}, hiredLater.token), 201)
  const endingPlacement = await external(endsLater.seeker.id, 'lingjing', officer.token, '2026-06-01')
  const earlyPlacement = await external(endedEarly.seeker.id, 'lingjing', officer.token, '2026-06-01')
  await ok(call(t, 'POST', `/api/placements/${earlyPlacement.id}/end`, { endDate: '2026-11-28', reason: '合同到期' }, officer.token))

  // Claims: made by the township officer, by the district officer, and in 苏桥 by its officer.
  const away2 = await w.newSeeker('13900000511', { name: '外出二' })
  const away3 = await w.newSeeker('13900000512', { name: '外出三', township: 'suqiao', village: 'suqiao-01' })
  const away4 = await w.newSeeker('13900000513', { name: '外出四', township: 'suqiao', village: 'suqiao-01' })
  const away5 = await w.newSeeker('13900000514', { name: '外出五' })
  await external(away2.seeker.id, 'lingjing', officer.token)
  await external(away3.seeker.id, 'suqiao', suqiao.token)
  await external(away4.seeker.id, 'suqiao', suqiao.token)
  await external(away5.seeker.id, 'lingjing', officer.token)
  const byDistrict = await transportClaim(away.seeker.id, district.token) // lingjing, made by the district officer
  const byOfficer = await transportClaim(away5.seeker.id, officer.token) // lingjing, the township officer's own
  const bySuqiao = await transportClaim(away4.seeker.id, suqiao.token) // suqiao
  const toPay = await transportClaim(away2.seeker.id, district.token)
  await ok(call(t, 'POST', `/api/claims/${toPay.id}/approve`, undefined, checker.token))
  await ok(call(t, 'POST', '/api/payment-batches', { claimIds: [toPay.id] }, district.token), 201)

  // ---- 31 days on: activity, a fresh report, a batch just put on notice ----------------------
  const later = new Date(T0.getTime() + 31 * DAY)
  setNow(later)
  await ok(call(t, 'POST', `/api/posts/${post.id}/applications`, {}, appliesLater.token), 201)
  await ok(call(t, 'POST', `/api/applications/${post.id}.${hiredLater.seeker.id}/hire`, { startDate: '2026-12-29' }, w.owner.token))
  await ok(call(t, 'POST', `/api/placements/${endingPlacement.id}/end`, { endDate: '2026-12-29', reason: '返乡照顾老人' }, officer.token))
  await workshopReport('资金周转困难，需要贷款')
  await ok(call(t, 'POST', `/api/difficulties/${oldClosed.id}/close`, { response: '已协调物流公司恢复运输' }, officer.token))
  const ending = await transportClaim(away3.seeker.id, suqiao.token)
  await ok(call(t, 'POST', `/api/claims/${ending.id}/approve`, undefined, checker.token))
  await ok(call(t, 'POST', '/api/payment-batches', { claimIds: [ending.id] }, district.token), 201)
  // The last record check of 灵井 found two problems.
  await replaceProblems(t.db, { township: 'lingjing', checkedAt: later.toISOString(), people: 10, records: 12, problems: 2 }, [
    { township: 'lingjing', seekerId: idleA.seeker.id, seekerName: '待业甲', record: 'seeker', id: idleA.seeker.id, field: 'birthDate', rule: 'age.working', message: '年龄不在劳动年龄内', messageEn: 'Not of working age' },
    { township: 'lingjing', seekerId: away.seeker.id, seekerName: '赵外出', record: 'placement', id: 'p1', field: 'startDate', rule: 'placement.overlap', message: '与另一安置重叠', messageEn: 'Overlaps another placement' },
  ])

  it('counts each item for a township officer: their township only, never their own claims', async () => {
    const list = await todo(officer.token)
    expect(list.township).toBe('lingjing')
    expect(counts(list)).toMatchObject({
      certificatesToVerify: 1,
      claimsToCheck: 1, // made by the district officer; the officer's own is left out
      noticesEnding: 0, // the batch ending soon is 苏桥's
      batchesToPay: 1,
      pendingChanges: 1,
      recordProblems: 2,
      staleDifficulties: 1, // the old open one; the closed one and the fresh one do not count
      idleSeekers: 2, // 待业甲 (nothing for 31 days) and 早离岗庚 (left a job 31 days ago)
    })
    expect(list.items.map((i) => i.kind)).toEqual(['certificatesToVerify', 'claimsToCheck', 'noticesEnding', 'batchesToPay', 'pendingChanges', 'recordProblems', 'staleDifficulties', 'idleSeekers'])
  })

  it('counts the whole district for a district officer, or the township named', async () => {
    expect(counts(await todo(district.token))).toMatchObject({
      certificatesToVerify: 2,
      claimsToCheck: 2, // the township officer's and 苏桥's; the district officer's own is left out
      noticesEnding: 1,
      batchesToPay: 1,
      pendingChanges: 1,
      recordProblems: 2,
      staleDifficulties: 1,
      idleSeekers: 3,
    })
    expect(counts(await todo(checker.token))).toMatchObject({ claimsToCheck: 3 })
    expect(counts(await todo(district.token, 'lingjing'))).toMatchObject({ certificatesToVerify: 1, claimsToCheck: 1, noticesEnding: 0, batchesToPay: 1, idleSeekers: 2 })
    expect(counts(await todo(suqiao.token))).toMatchObject({ certificatesToVerify: 1, claimsToCheck: 0, noticesEnding: 1, batchesToPay: 0, pendingChanges: 0, recordProblems: 0, staleDifficulties: 0, idleSeekers: 1 })
    // A township officer cannot ask for another township; other roles have no to-do list.
    expect((await call(t, 'GET', '/api/todo?township=suqiao', undefined, officer.token)).status).toBe(403)
    expect((await call(t, 'GET', '/api/todo', undefined, w.owner.token)).status).toBe(403)
    expect((await call(t, 'GET', '/api/todo', undefined, idleA.token)).status).toBe(403)
  })

  it('each link’s filter gives exactly the counted records through the target list API', async () => {
    for (const [token, township] of [
      [officer.token, undefined],
      [district.token, undefined],
      [district.token, 'lingjing'],
      [suqiao.token, undefined],
      [checker.token, undefined],
    ] as const) {
      for (const item of (await todo(token, township)).items) {
        expect([item.kind, (await all(token, item)).length]).toEqual([item.kind, item.count])
      }
    }
    // The records themselves: the right claim, the right people, the right report.
    const officerList = await todo(officer.token)
    const at = (kind: string) => officerList.items.find((i) => i.kind === kind)!
    expect((await all(officer.token, at('claimsToCheck'))).map((c: { id: string }) => c.id)).toEqual([byDistrict.id])
    expect((await all(officer.token, at('idleSeekers'))).map((s: { name: string }) => s.name).sort()).toEqual(['待业甲', '早离岗庚'].sort())
    expect((await all(officer.token, at('staleDifficulties'))).map((d: { id: string }) => d.id)).toEqual([oldOpen.id])
    expect(at('certificatesToVerify').link).toEqual({ route: 'officer-skills', query: { tab: 'certificates', state: 'pending' } })
    expect(at('idleSeekers').link).toEqual({ route: 'officer-seekers', query: { idleDays: '30' } })
    void bySuqiao
    void byOfficer
  })

  it('a paid batch leaves "ready to pay"; an application takes a person off the idle list', async () => {
    const ready = await ok(call(t, 'GET', '/api/payment-batches?state=ready', undefined, officer.token))
    expect(ready.items).toHaveLength(1)
    await ok(call(t, 'POST', `/api/payment-batches/${ready.items[0].id}/pay`, undefined, officer.token))
    expect(counts(await todo(officer.token)).batchesToPay).toBe(0)
    // An officer edits 待业甲's file: nothing they did, so they stay idle; a new application takes them out.
    const before = counts(await todo(officer.token)).idleSeekers
    await ok(call(t, 'POST', `/api/posts/${post.id}/applications`, {}, idleA.token), 201)
    expect(counts(await todo(officer.token)).idleSeekers).toBe(Number(before) - 1)
  })

  it('shows a count past the cap as capped, never a wrong figure', async () => {
    // 100 open reports from long ago in 苏桥 (written through the API at an old clock).
    setNow(new Date(T0.getTime() - 20 * DAY))
    await createUser(t.db, t.deps.protector, { role: 'owner', name: '苏桥老板', phone: '17700000099' })
    const owner = await signIn(t, '17700000099')
    const ws = await ok(call(t, 'POST', '/api/workshops', { name: '苏桥帮扶车间', type: 'factory', township: 'suqiao', village: 'suqiao-01', address: '苏桥镇 1 号' }, owner.token), 201)
    for (let i = 0; i < 100; i++) await ok(call(t, 'POST', `/api/workshops/${ws.id}/difficulties`, { kind: 'funds', description: `资金困难第 ${i} 条` }, owner.token), 201)
    setNow(later)
    const item = (await todo(suqiao.token)).items.find((i) => i.kind === 'staleDifficulties')!
    expect(item).toMatchObject({ count: 99, capped: true })
  })
})
