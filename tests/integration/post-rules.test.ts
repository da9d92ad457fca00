import { describe, expect, it } from 'vitest'
import { call } from '../support/app.js'
import { subsidyWorld } from '../support/world.js'
import { closeExpiredPosts } from '../../functions/jobs/close-expired-posts.js'
import { getPost } from '../../functions/db/posts.js'

// Issue 10 part 3 and the deadline of part 1: what a post may say about pay, headcount and its deadline.
describe('posts: pay at the year’s floor, counts in bounds, no past deadline', async () => {
  const { t, w, setNow } = await subsidyWorld() // the 2026 policy: minimum wage grade 1 = 2,100 yuan, public-welfare standard 500 yuan
  const body = (over: Record<string, unknown> = {}) => ({ kind: 'workshop', workshopId: w.workshop.id, title: '发制品加工工', township: 'lingjing', headcount: 2, wage: { amountFen: 320_000, unit: 'month' }, publish: true, ...over })
  const post = (over: Record<string, unknown> = {}, token = w.owner.token) => call(t, 'POST', '/api/posts', body(over), token)
  const issue = (r: { json: { issues?: { path: string; message: string; messageEn: string }[] } }, path: string) => r.json.issues?.find((i) => i.path === path)

  it('a deadline already past (2020-01-01) is refused on publish, with the field named', async () => {
    const r = await post({ deadline: '2020-01-01' })
    expect(r.status).toBe(400)
    expect(issue(r, 'deadline')).toMatchObject({ message: expect.stringContaining('截止日期已过'), messageEn: expect.stringContaining('deadline has passed') })
    // A draft may carry it, but cannot be opened with it.
    const draft = await post({ deadline: '2020-01-01', publish: false })
    expect(draft.status).toBe(201)
    const open = await call(t, 'PATCH', `/api/posts/${draft.json.id}`, { status: 'open' }, w.owner.token)
    expect(open.status).toBe(400)
    expect(issue(open, 'deadline')).toBeTruthy()
    expect((await call(t, 'PATCH', `/api/posts/${draft.json.id}`, { status: 'open', deadline: '2026-12-31' }, w.owner.token)).status).toBe(200)
    expect((await post({ deadline: '2026-11-28' })).status).toBe(201) // today still counts
  })

  it('¥0.01 a month is refused naming the floor; a day wage counts as 22 days; a piece rate by its expected monthly pay', async () => {
    const low = await post({ wage: { amountFen: 1, unit: 'month' } })
    expect(low.status).toBe(400)
    expect(issue(low, 'wage.amountFen')).toMatchObject({ message: expect.stringContaining('2,100'), messageEn: expect.stringContaining('2,100 yuan a month') })
    expect((await post({ wage: { amountFen: 210_000, unit: 'month' } })).status).toBe(201)
    const day = await post({ wage: { amountFen: 9_000, unit: 'day' } }) // 90 yuan × 22 = 1,980
    expect(day.status).toBe(400)
    expect(issue(day, 'wage.amountFen')!.message).toContain('22')
    expect((await post({ wage: { amountFen: 10_000, unit: 'day' } })).status).toBe(201)
    const piece = await post({ wage: { amountFen: 50, unit: 'piece' } })
    expect(piece.status).toBe(400)
    expect(issue(piece, 'wage.expectedMonthlyFen')).toBeTruthy()
    expect(issue(await post({ wage: { amountFen: 50, unit: 'piece', expectedMonthlyFen: 150_000 } }), 'wage.expectedMonthlyFen')!.messageEn).toContain('minimum wage')
    expect((await post({ wage: { amountFen: 50, unit: 'piece', expectedMonthlyFen: 260_000 } })).status).toBe(201)
    // Edits are held to the same floor.
    const ok = await post()
    expect(issue(await call(t, 'PATCH', `/api/posts/${ok.json.id}`, { wage: { amountFen: 100_000, unit: 'month' } }, w.owner.token), 'wage.amountFen')).toBeTruthy()
  })

  it('headcount 0 and −5 and a wage of −3000 are refused with their own field messages, never coerced', async () => {
    for (const headcount of [0, -5, 501, 1.5]) {
      const r = await post({ headcount })
      expect(r.status).toBe(400)
      expect(issue(r, 'headcount')!.message).toMatch(/招聘人数/)
      expect(issue(r, 'headcount')!.messageEn).toMatch(/people|person/)
    }
    const negative = await post({ wage: { amountFen: -3000, unit: 'month' } })
    expect(negative.status).toBe(400)
    expect(issue(negative, 'wage.amountFen')).toMatchObject({ message: '金额必须大于 0', messageEn: 'An amount must be more than 0' })
    expect(issue(await post({ wage: { amountFen: 1.5, unit: 'month' } }), 'wage.amountFen')!.message).toBe('金额最多精确到分')
    expect(issue(await call(t, 'PATCH', `/api/posts/${(await post()).json.id}`, { headcount: 0 }, w.owner.token), 'headcount')).toBeTruthy()
  })

  it('a public-welfare post is paid the year’s standard, nothing else', async () => {
    const pw = (amountFen: number) => post({ kind: 'publicWelfare', workshopId: undefined, title: '村级保洁员', village: 'lingjing-03', wage: { amountFen, unit: 'month' } }, w.officer.token)
    const other = await pw(100_000)
    expect(other.status).toBe(400)
    expect(issue(other, 'wage.amountFen')).toMatchObject({ message: expect.stringContaining('500'), messageEn: expect.stringContaining('500 yuan a month') })
    expect((await pw(50_000)).status).toBe(201)
  })

  it('the day after its deadline a post leaves browse and public reads at once, and the daily job closes it', async () => {
    const p = await post({ title: '限期招聘质检员', deadline: '2026-11-30' })
    expect(p.status).toBe(201)
    const listed = async () => (await call(t, 'GET', `/api/posts?limit=50&q=${encodeURIComponent('限期招聘')}`)).json.items.map((x: { id: string }) => x.id)
    setNow(new Date('2026-11-30T15:59:00Z')) // 23:59 Beijing on the deadline: still open
    expect(await listed()).toEqual([p.json.id])
    setNow(new Date('2026-11-30T16:01:00Z')) // 00:01 Beijing the next day
    expect(await listed()).toEqual([])
    expect((await call(t, 'GET', `/api/posts/${p.json.id}`)).status).toBe(404)
    expect((await call(t, 'GET', `/api/posts/${p.json.id}`, undefined, w.owner.token)).status).toBe(200) // its owner still sees it
    // Nor does it take applications, even before the job has closed it.
    const late = await w.newSeeker('13900000701')
    const refused = await call(t, 'POST', `/api/posts/${p.json.id}/applications`, {}, late.token)
    expect(refused.status).toBe(409)
    expect(refused.json).toMatchObject({ code: 'post.pastDeadline', message: expect.stringContaining('2026-11-30') })
    const { closed } = await closeExpiredPosts(t.deps)
    expect(closed).toContain(p.json.id)
    expect(await getPost(t.db, p.json.id)).toMatchObject({ status: 'closed' })
    expect((await closeExpiredPosts(t.deps)).closed).not.toContain(p.json.id)
    setNow(new Date('2026-11-28T08:00:00Z'))
  })
})
