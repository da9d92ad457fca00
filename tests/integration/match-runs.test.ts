import { describe, expect, it } from 'vitest'
import { seedDemo } from '../../functions/jobs/seed.js'
import { call, signIn, testApp } from '../support/app.js'

describe('matching in the product: runs, proposals, invitations, recommendations, candidates', async () => {
  const t = await testApp({ now: () => new Date('2026-11-28T08:00:00Z') })
  await seedDemo(t.db, t.deps.protector, () => {}, { seekers: 300, workshops: 15, posts: 60 })
  const officer = await signIn(t, '13800000002')
  const district = await signIn(t, '13800000001')

  const finished = async (id: string, token: string) => {
    for (let i = 0; i < 200; i++) {
      const r = await call(t, 'GET', `/api/match-runs/${id}`, undefined, token)
      if (r.json.status === 'done' || r.json.status === 'failed') return r.json
      await new Promise((res) => setTimeout(res, 100))
    }
    throw new Error('match run did not finish')
  }

  it('a district run finishes, never over-fills a post, explains every line, and publishes invitations once', async () => {
    const start = await call(t, 'POST', '/api/match-runs', { mode: 'optimal' }, district.token)
    expect(start.status).toBe(202)
    expect(start.json).toMatchObject({ status: 'queued', scope: 'district' })
    const run = await finished(start.json.id, district.token)
    expect(run.status).toBe('done')
    expect(run.inputSummary.seekers).toBe(300)
    expect(run.totals.placed).toBeGreaterThan(0)
    expect(run.totals.placed).toBeLessThanOrEqual(run.inputSummary.slots)
    const all: { postId: string | null; score: number | null; reasons: { text: string; textEn: string }[]; seekerId: string }[] = []
    let cursor: string | null = null
    do {
      const page: Awaited<ReturnType<typeof call>> = await call(t, 'GET', `/api/match-runs/${run.id}/proposals?limit=50${cursor ? `&cursor=${cursor}` : ''}`, undefined, district.token)
      all.push(...page.json.items)
      cursor = page.json.nextCursor
    } while (cursor)
    expect(all).toHaveLength(300)
    const perPost = new Map<string, number>()
    for (const p of all) if (p.postId) perPost.set(p.postId, (perPost.get(p.postId) ?? 0) + 1)
    for (const [postId, n] of perPost) {
      const post = (await call(t, 'GET', `/api/posts/${postId}`)).json
      expect(n).toBeLessThanOrEqual(post.headcount - post.filled)
    }
    expect(all.filter((p) => p.postId).every((p) => p.reasons.length > 0 && p.reasons.every((r) => r.text && r.textEn))).toBe(true)
    expect(all.filter((p) => !p.postId).every((p) => p.reasons.length > 0)).toBe(true)

    // The township officer does not see the district's run.
    expect((await call(t, 'GET', `/api/match-runs/${run.id}`, undefined, officer.token)).status).toBe(404)

    const placed = all.find((p) => p.postId)!
    const cleared = await call(t, 'PATCH', `/api/match-runs/${run.id}/proposals/${placed.seekerId}`, { postId: null }, district.token)
    expect(cleared.json).toMatchObject({ postId: null, edited: true })

    const pub = await call(t, 'POST', `/api/match-runs/${run.id}/publish`, undefined, district.token)
    expect(pub.json.invitations).toBe(perPost.size ? [...perPost.values()].reduce((a, b) => a + b, 0) - 1 : 0)
    expect((await call(t, 'POST', `/api/match-runs/${run.id}/publish`, undefined, district.token)).status).toBe(409)
    expect((await call(t, 'PATCH', `/api/match-runs/${run.id}/proposals/${placed.seekerId}`, { postId: null }, district.token)).status).toBe(409)
  })

  it('a seeker sees recommended posts with reasons; an owner sees masked candidates for a post', async () => {
    const seeker = await signIn(t, '13800000004')
    const rec = await call(t, 'GET', '/api/me/recommendations', undefined, seeker.token)
    expect(rec.status).toBe(200)
    expect(rec.json.items.length).toBeGreaterThan(0)
    const scores = rec.json.items.map((i: { score: number }) => i.score)
    expect([...scores].sort((a: number, b: number) => b - a)).toEqual(scores)
    expect(rec.json.items[0].reasons[0]).toMatchObject({ code: expect.any(String), text: expect.any(String), textEn: expect.any(String) })

    const owner = await signIn(t, '13800000003')
    const mine = await call(t, 'GET', '/api/me/posts', undefined, owner.token)
    const open = mine.json.items.find((p: { status: string }) => p.status === 'open')
    const cand = await call(t, 'GET', `/api/posts/${open.id}/candidates`, undefined, owner.token)
    expect(cand.status).toBe(200)
    for (const c of cand.json.items) expect(c.candidate.nameMasked).toMatch(/\*/)
    expect(cand.text).not.toMatch(/idNumber|phone/)
    expect((await call(t, 'GET', `/api/posts/${open.id}/candidates`, undefined, seeker.token)).status).toBe(403)
  })
})
