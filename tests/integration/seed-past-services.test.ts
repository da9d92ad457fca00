import { describe, expect, it } from 'vitest'
import { seedDemo } from '../../functions/jobs/seed.js'
import { DEMO_ACCOUNTS, DEMO_PASSWORD, generateSeedData } from '../../functions/jobs/seed-data.js'
import { hasServicesPast, seedServicesPast } from '../../functions/jobs/seed-past-services.js'
import { call, signIn, testApp } from '../support/app.js'

const SIZES = { seekers: 300, workshops: 12, posts: 40 }

// Issue 12 part 9: last year's certificates, trainings, Yulu terms, difficulties and a published match run in the demo's past.
describe('the demo past has trainings, Yulu terms, difficulties and a published match run', async () => {
  const t = await testApp()
  await seedDemo(t.db, t.deps.protector, () => {}, SIZES)
  expect(await hasServicesPast(t.deps)).toBe(false)
  const past = await seedServicesPast(t.deps, generateSeedData(SIZES))
  const district = await signIn(t, DEMO_ACCOUNTS[1]!.phone, DEMO_PASSWORD)
  const get = async (path: string) => {
    const r = await call(t, 'GET', path, undefined, district.token)
    if (r.status !== 200) throw new Error(`${path}: ${r.status} ${r.text}`)
    return r.json
  }

  it('writes each kind, marks itself done, and the officer’s lists show them', async () => {
    expect(await hasServicesPast(t.deps)).toBe(true)
    expect(past.certificates2025).toBeGreaterThan(0)
    const board = await get('/api/dashboard?year=2026')
    expect(board.targets.find((f: { metric: string }) => f.metric === 'certified').lastYear).toBe(past.certificates2025)
    expect(past.trainings).toBeGreaterThan(3)
    expect(past.yuluTerms).toBeGreaterThan(0)
    expect(past.difficulties).toBeGreaterThan(3)
    expect(past.closed).toBeGreaterThan(0)
    expect(past.closed).toBeLessThan(past.difficulties)
    expect(past.matchRun?.status).toBe('published')

    const trainings = await get('/api/trainings?limit=50')
    expect(trainings.items.length).toBeGreaterThan(0)
    expect(trainings.items.some((x: { result: string }) => x.result === 'passed')).toBe(true)
    const terms = await get('/api/yulu?term=2026-autumn&limit=50')
    expect(terms.items.length).toBeGreaterThan(0)
    const open = await get('/api/difficulties?status=open&limit=50')
    const closed = await get('/api/difficulties?status=closed&limit=50')
    expect(open.items.length).toBe(past.difficulties - past.closed)
    expect(closed.items.length).toBe(past.closed)
    const runs = await get('/api/match-runs?township=lingjing&limit=10')
    expect(runs.items.map((r: { id: string; status: string }) => [r.id, r.status])).toContainEqual([past.matchRun!.id, 'published'])
  })
})
