import { describe, expect, it } from 'vitest'
import { listInbox } from '../../functions/db/inbox.js'
import { getMatchRun, saveProposal, updateMatchRun } from '../../functions/db/match-runs.js'
import type { Proposal } from '../../shared/schemas/match-runs.js'
import { runPublishJob } from '../../functions/jobs/publish-run.js'
import { seedDemo } from '../../functions/jobs/seed.js'
import { DEMO_PASSWORD } from '../../functions/jobs/seed-data.js'
import { call, signIn, testApp } from '../support/app.js'

describe('matching in the product: runs, proposals, invitations, recommendations, candidates', async () => {
  const t = await testApp({ now: () => new Date('2026-11-28T08:00:00Z') })
  await seedDemo(t.db, t.deps.protector, () => {}, { seekers: 300, workshops: 15, posts: 60 })
  const officer = await signIn(t, '13800000002', DEMO_PASSWORD)
  const district = await signIn(t, '13800000001', DEMO_PASSWORD)

  const finished = async (id: string, token: string, until = ['done', 'failed']) => {
    for (let i = 0; i < 200; i++) {
      const r = await call(t, 'GET', `/api/match-runs/${id}`, undefined, token)
      if (until.includes(r.json.status)) return r.json
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
    // A filtered page is filled (the filter runs after DynamoDB's Limit), and paging finds each match once.
    const unplaced = all.filter((p) => !p.postId).map((p) => p.seekerId)
    const seen: string[] = []
    cursor = null
    do {
      const page: Awaited<ReturnType<typeof call>> = await call(t, 'GET', `/api/match-runs/${run.id}/proposals?placed=false&limit=7${cursor ? `&cursor=${cursor}` : ''}`, undefined, district.token)
      if (page.json.nextCursor) expect(page.json.items).toHaveLength(7)
      seen.push(...page.json.items.map((p: { seekerId: string }) => p.seekerId))
      cursor = page.json.nextCursor
    } while (cursor)
    expect(seen).toEqual(unplaced)
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

    // Published in the background; a double click (two requests at once) invites nobody twice.
    const [pub, again] = await Promise.all([0, 1].map(() => call(t, 'POST', `/api/match-runs/${run.id}/publish`, undefined, district.token)))
    expect([pub!.status, again!.status]).toEqual([202, 202])
    expect(pub!.json.status).toBe('publishing')
    // While it publishes, the plan can no longer change.
    expect((await call(t, 'PATCH', `/api/match-runs/${run.id}/proposals/${placed.seekerId}`, { postId: null }, district.token)).status).toBe(409)
    const published = await finished(run.id, district.token, ['published'])
    const expected = [...perPost.values()].reduce((a, b) => a + b, 0) - 1
    expect(published.invitations).toBe(expected)
    expect((await call(t, 'POST', `/api/match-runs/${run.id}/publish`, undefined, district.token)).status).toBe(409)
    expect((await call(t, 'PATCH', `/api/match-runs/${run.id}/proposals/${placed.seekerId}`, { postId: null }, district.token)).status).toBe(409)

    // Exactly one invitation per proposed person, none for the one cleared.
    const invitedOf = async (seekerId: string) => (await listInbox(t.db, seekerId, 50)).items.filter((m) => m.kind === 'invitation' && m.link?.includes('/posts/')).length
    const proposed = all.filter((p) => p.postId && p.seekerId !== placed.seekerId)
    const counts = await Promise.all(proposed.slice(0, 40).map((p) => invitedOf(p.seekerId)))
    expect(counts.every((n) => n === 1)).toBe(true)
    expect(await invitedOf(placed.seekerId)).toBe(0)
    // One audit entry for the publish, however many requests arrived.
    const audit = await call(t, 'GET', `/api/audit?entity=matchRun&id=${run.id}`, undefined, district.token)
    expect(audit.json.items.filter((e: { action: string }) => e.action === 'matchRun.publish')).toHaveLength(1)
  }, 120_000)

  it('a publish job that runs again (a retry) sends no invitation twice', async () => {
    const start = await call(t, 'POST', '/api/match-runs', { mode: 'stable' }, officer.token)
    const run = await finished(start.json.id, officer.token)
    expect(run.status).toBe('done')
    expect((await call(t, 'POST', `/api/match-runs/${run.id}/publish`, undefined, officer.token)).status).toBe(202)
    const published = await finished(run.id, officer.token, ['published'])
    const props = (await call(t, 'GET', `/api/match-runs/${run.id}/proposals?placed=true&limit=20`, undefined, officer.token)).json.items as { seekerId: string }[]
    expect(props.length).toBeGreaterThan(0)
    const inboxSizes = () => Promise.all(props.map(async (p) => (await listInbox(t.db, p.seekerId, 100)).items.length))
    const before = await inboxSizes()
    // The jobs Lambda may deliver an event twice: force the run back to publishing and run the job again.
    await updateMatchRun(t.db, run.id, { status: 'publishing' })
    await runPublishJob(t.deps, run.id)
    expect(await getMatchRun(t.db, run.id)).toMatchObject({ status: 'published', invitations: published.invitations })
    expect(await inboxSizes()).toEqual(before)
  })

  it('edits never propose more people for a post than it has room for, even at the same moment; totals follow', async () => {
    const start = await call(t, 'POST', '/api/match-runs', { mode: 'optimal' }, district.token)
    const run = await finished(start.json.id, district.token)
    const props: Proposal[] = []
    let cursor: string | null = null
    do {
      const page: Awaited<ReturnType<typeof call>> = await call(t, 'GET', `/api/match-runs/${run.id}/proposals?limit=50${cursor ? `&cursor=${cursor}` : ''}`, undefined, district.token)
      props.push(...page.json.items)
      cursor = page.json.nextCursor
    } while (cursor)
    const placed = props.filter((p) => p.postId)
    const target = placed[0]!
    const onTarget = placed.filter((p) => p.postId === target.postId).length
    const movers = props.filter((p) => !p.postId).slice(0, 10)
    expect(movers.length).toBeGreaterThan(1)
    // Ten officers' edits at once onto a post with room for exactly one more.
    const results = await Promise.allSettled(
      movers.map((p) => saveProposal(t.db, p, { ...p, postId: target.postId, postTitle: target.postTitle!, score: 50, edited: true }, onTarget + 1, { breakdown: true })),
    )
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    expect(results.filter((r) => r.status === 'rejected').every((r) => (r as PromiseRejectedResult).reason.code === 'proposal.postFull')).toBe(true)
    const after = await getMatchRun(t.db, run.id)
    expect(after!.totals!.placed).toBe((run.totals.placed as number) + 1)
    expect(after!.totals!.edited).toBe(1)
    // Clearing through the API leaves no trace of the old post, and gives the place back.
    const cleared = await call(t, 'PATCH', `/api/match-runs/${run.id}/proposals/${target.seekerId}`, { postId: null }, district.token)
    expect(cleared.status).toBe(200)
    expect(cleared.json.postTitle).toBeUndefined()
    expect((await getMatchRun(t.db, run.id))!.totals!.placed).toBe(run.totals.placed as number)
    const mover = movers.find((m) => results[movers.indexOf(m)]!.status === 'rejected')!
    expect(await saveProposal(t.db, mover, { ...mover, postId: target.postId, postTitle: target.postTitle!, score: 50, edited: true }, onTarget + 1, { breakdown: true })).toBeUndefined()
  }, 120_000)

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
