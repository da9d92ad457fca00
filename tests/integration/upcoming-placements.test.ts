import { describe, expect, it } from 'vitest'
import { countStarted } from '../../functions/core/placements.js'
import { targetProgress } from '../../functions/db/targets.js'
import { call, testApp } from '../support/app.js'
import { marketWorld } from '../support/world.js'

// Issue 10 part 1: a placement that has not started yet (待上岗) counts no target until its start;
// the daily clock counts it on that day, once.
describe('placements recorded ahead of their start', async () => {
  let now = new Date('2026-12-01T04:00:00Z') // noon in Beijing
  const t = await testApp({ now: () => now })
  t.deps.config.sessionTtlSeconds = 60 * 86_400
  const w = await marketWorld(t)
  const employed = async () => (await targetProgress(t.db, 'employed', 2026)).total
  const external = (seekerId: string, startDate: string) =>
    call(t, 'POST', '/api/placements', { seekerId, title: '电子厂普工', kind: 'enterprise', employer: '许昌某电子有限公司', township: 'lingjing', destination: 'inCounty', startDate }, w.officer.token)

  it('count on their start day, by the daily clock, once; a hire the same way; someone counted already is not counted again', async () => {
    const a = await w.newSeeker('13900003001')
    const b = await w.newSeeker('13900003002')
    const c = await w.newSeeker('13900003003')
    const before = await employed()
    expect((await external(a.seeker.id, '2026-12-11')).status).toBe(201)
    const post = await w.newPost()
    const app = (await call(t, 'POST', `/api/posts/${post.id}/applications`, {}, b.token)).json
    expect((await call(t, 'POST', `/api/applications/${app.id}/hire`, { startDate: '2026-12-05' }, w.owner.token)).status).toBe(200)
    // c works already this year (counted), then is placed again from later.
    const first = await external(c.seeker.id, '2026-03-01')
    expect(await employed()).toBe(before + 1)
    expect((await call(t, 'POST', `/api/placements/${first.json.id}/end`, { endDate: '2026-11-30', reason: '合同到期' }, w.officer.token)).status).toBe(200)
    expect((await external(c.seeker.id, '2026-12-20')).status).toBe(201)
    expect(await employed()).toBe(before + 1)

    expect(await countStarted(t.deps)).toEqual({ counted: 0, started: 0 })
    now = new Date('2026-12-04T17:00:00Z') // 01:00 on 12-05 in Beijing: the hire has started
    expect(await countStarted(t.deps)).toEqual({ counted: 1, started: 1 })
    expect(await employed()).toBe(before + 2)
    now = new Date('2026-12-21T01:00:00Z')
    expect(await countStarted(t.deps)).toEqual({ counted: 1, started: 2 })
    expect(await employed()).toBe(before + 3)
    // Once counted, never again.
    expect(await countStarted(t.deps)).toEqual({ counted: 0, started: 0 })
    expect(await employed()).toBe(before + 3)
  })
})
