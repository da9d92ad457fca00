import { describe, expect, it } from 'vitest'
import { seedDemo } from '../../functions/jobs/seed.js'
import { DEMO_ACCOUNTS, DEMO_PASSWORD, generateSeedData } from '../../functions/jobs/seed-data.js'
import { hasPast, seedPast } from '../../functions/jobs/seed-past.js'
import { call, signIn, testApp } from '../support/app.js'

const SIZES = { seekers: 300, workshops: 12, posts: 40 }

describe('the demo district has a past (its year so far, written through the use cases)', async () => {
  const t = await testApp()
  await seedDemo(t.db, t.deps.protector, () => {}, SIZES)
  expect(await hasPast(t.deps)).toBe(false)
  const past = await seedPast(t.deps, generateSeedData(SIZES))
  const district = await signIn(t, DEMO_ACCOUNTS[1]!.phone, DEMO_PASSWORD)
  const checker = await signIn(t, DEMO_ACCOUNTS[6]!.phone, DEMO_PASSWORD)
  const get = async (path: string, token = district.token) => {
    const r = await call(t, 'GET', path, undefined, token)
    if (r.status !== 200) throw new Error(`${path}: ${r.status} ${r.text}`)
    return r.json
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
    const overdue: unknown[] = []
    let cursor: string | null = null
    do {
      const page: { items: unknown[]; nextCursor: string | null } = await get(`/api/due?state=overdue&limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
      overdue.push(...page.items)
      cursor = page.nextCursor
    } while (cursor)
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
})
