import { describe, expect, it } from 'vitest'
import { seedDemo } from '../../functions/jobs/seed.js'
import { DEMO_ACCOUNTS, DEMO_PASSWORD, generateSeedData } from '../../functions/jobs/seed-data.js'
import { hasPast, seedPast } from '../../functions/jobs/seed-past.js'
import { hasFollowingPast, seedFollowingPast } from '../../functions/jobs/seed-following.js'
import { call, signIn, testApp } from '../support/app.js'

const SIZES = { seekers: 300, workshops: 12, posts: 40 }

describe('the demo district has a past (its year so far, written through the use cases)', async () => {
  const t = await testApp()
  await seedDemo(t.db, t.deps.protector, () => {}, SIZES)
  expect(await hasPast(t.deps)).toBe(false)
  const past = await seedPast(t.deps, generateSeedData(SIZES))
  expect(await hasFollowingPast(t.deps)).toBe(false)
  const followStarted = Date.now()
  const following = await seedFollowingPast(t.deps, generateSeedData(SIZES))
  // A figure, not an assertion (tests never assert on time): the added seed time, on this machine.
  console.log(`following past: ${((Date.now() - followStarted) / 1000).toFixed(1)} s ${JSON.stringify(following)}`)
  const officer = await signIn(t, DEMO_ACCOUNTS[2]!.phone, DEMO_PASSWORD) // 灵井镇专干 李敏
  const district = await signIn(t, DEMO_ACCOUNTS[1]!.phone, DEMO_PASSWORD)
  const checker = await signIn(t, DEMO_ACCOUNTS[6]!.phone, DEMO_PASSWORD)
  const get = async (path: string, token = district.token) => {
    const r = await call(t, 'GET', path, undefined, token)
    if (r.status !== 200) throw new Error(`${path}: ${r.status} ${r.text}`)
    return r.json
  }
  const all = async (path: string, token = district.token) => {
    const out: any[] = []
    let cursor: string | null = null
    do {
      const page: { items: unknown[]; nextCursor: string | null } = await get(`${path}${path.includes('?') ? '&' : '?'}limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, token)
      out.push(...page.items)
      cursor = page.nextCursor
    } while (cursor)
    return out
  }

  it('writes placements (some ended), certificates (most verified) and claims in every state, and marks itself done', async () => {
    expect(await hasPast(t.deps)).toBe(true)
    expect(past.placements).toBeGreaterThan(60)
    expect(past.ended).toBeGreaterThan(5)
    expect(past.ended).toBeLessThan(past.placements)
    expect(past.checked).toBeGreaterThan(past.placements) // most placements had their 1- and 3-month calls
    expect(past.skipped['check.notDue'] ?? 0).toBe(0)
    expect(past.verified).toBeGreaterThan(0)
    expect(past.verified).toBeLessThan(past.certificates)
    expect(past.approved).toBeGreaterThan(0)
    expect(past.approved).toBeLessThan(past.claims)
    expect(past.batches).toBeGreaterThanOrEqual(2)
    expect(past.paid).toBeGreaterThan(0)
  })

  it('the board counts it: 务工就业 and 新增取证 above zero, by month, and the names behind the figure', async () => {
    const board = await get('/api/dashboard?year=2026')
    const employed = board.targets.find((f: { metric: string }) => f.metric === 'employed')
    const certified = board.targets.find((f: { metric: string }) => f.metric === 'certified')
    expect(employed.actual).toBeGreaterThan(0)
    expect(certified.actual).toBeGreaterThan(0)
    expect(employed.byMonth.filter((m: { actual: number }) => m.actual > 0).length).toBeGreaterThan(3)
    expect(board.outcomes.total.placed).toBeGreaterThan(0)
    const names = await get('/api/dashboard/people?year=2026&metric=employed&limit=5')
    expect(names.items.length).toBe(5)
  })

  it('回访 logged: the overdue list holds the calls still owed, not every call of the year', async () => {
    const overdue = (await all('/api/due?state=overdue')).filter((i: { kind: string }) => i.kind.startsWith('placement.'))
    expect(overdue.length).toBeGreaterThan(0)
    expect(overdue.length).toBeLessThan(past.checked / 3)
  })

  it('the to-do list has work in it: certificates to verify and claims waiting for 孙静, who checks them', async () => {
    const counts = Object.fromEntries((await get('/api/todo', checker.token)).items.map((i: { kind: string; count: number }) => [i.kind, i.count]))
    expect(counts.certificatesToVerify).toBeGreaterThan(0)
    expect(counts.claimsToCheck).toBeGreaterThan(0)
  })

  it('the ledger holds paid transport subsidies in integer fen, the maker and the checker two people', async () => {
    const rows = await get('/api/ledger?year=2026&status=paid&limit=50')
    const paid = rows.items.filter((r: { status: string }) => r.status === 'paid')
    expect(paid.length).toBeGreaterThan(0)
    for (const r of paid) {
      expect(Number.isInteger(r.amountFen)).toBe(true)
      expect(r.makerId).toBe(DEMO_ACCOUNTS[1]!.id)
      expect(r.checkerId).toBe(DEMO_ACCOUNTS[6]!.id)
    }
  })

  it('a placed person’s history shows the placement, dated in the past', async () => {
    const list = await get('/api/placements?limit=1')
    const p = list.items[0]
    const history = await get(`/api/seekers/${p.seekerId}/history?limit=20`)
    const entry = history.items.find((h: { type: string }) => h.type === 'placement')
    expect(entry).toBeTruthy()
    expect(entry.at < '2026-11-20').toBe(true)
  })

  it('following: households with helpers, cases at every step (some overdue, some closed as risk eliminated), returnees (some placed) and graduates with plans, and marks itself done', async () => {
    expect(await hasFollowingPast(t.deps)).toBe(true)
    expect(following.households).toBeGreaterThanOrEqual(15)
    expect(following.cases).toBeGreaterThanOrEqual(15)
    expect(following.closed).toBeGreaterThanOrEqual(1)
    expect(following.returnees).toBeGreaterThanOrEqual(15)
    expect(following.returneeServices).toBeGreaterThan(following.returnees / 2)
    expect(following.placedReturnees).toBeGreaterThan(0)
    expect(following.graduates).toBeGreaterThanOrEqual(5)
    expect(following.graduateServices).toBeGreaterThan(0)
    const cases = await all('/api/cases')
    const statuses = new Set(cases.map((c: { status: string }) => c.status))
    for (const s of ['open', 'approved', 'planned', 'closed']) expect(statuses).toContain(s)
    // A placement settled some job-seeking returnees by itself.
    expect((await all('/api/returnees?status=settled')).length).toBe(following.placedReturnees)
  })

  it('the households are its people’s: each lists its head and members with their category, none is empty', async () => {
    const households = await all('/api/households')
    expect(households.length).toBe(following.households)
    for (const h of households) {
      expect(h.memberCount, h.id).toBeGreaterThanOrEqual(1)
      expect(h.category, h.id).toMatch(/^(alleviated|monitored)$/)
    }
    expect(households.some((h: { memberCount: number }) => h.memberCount > 1)).toBe(true)
    const one = await get(`/api/households/${households[0].id}`)
    expect(one.members.map((m: { name: string }) => m.name)).toContain(one.headName)
  })

  it('the demo township officer’s due list opens on something real: overdue case steps and plan items of their own (the past ended on 2026-11-19: what it left owed is overdue from then on)', async () => {
    const mine = await all('/api/due?helper=me&state=overdue', officer.token)
    const kinds = new Set(mine.map((i: { kind: string }) => i.kind.split('.')[0]))
    expect(kinds).toContain('case')
    expect([...kinds].some((k) => k === 'returnee' || k === 'graduate')).toBe(true)
  })

  it('the counters of the officer’s home agree with the lists, township by township, after the whole past', async () => {
    const summary = await get('/api/due/summary')
    const [due, overdue] = [await all('/api/due?state=due'), await all('/api/due?state=overdue')]
    expect(summary.total).toEqual({ due: due.length, overdue: overdue.length })
    const lingjing = summary.townships.find((x: { township: string }) => x.township === 'lingjing')
    expect(lingjing.overdue).toBe(overdue.filter((i: { township: string }) => i.township === 'lingjing').length)
    expect(lingjing.byKind.some((k: { kind: string; overdue: number }) => k.kind.startsWith('case.') && k.overdue > 0)).toBe(true)
  })
})
