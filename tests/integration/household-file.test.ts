/**
 * 一户一档 `GET /api/households/:id/file`: the household page's one read — members with ID numbers
 * masked, the household's own cases with their clocks (newest first), nobody else's; officers in scope only.
 */
import { describe, expect, it } from 'vitest'
import { addDays } from '../../shared/dates.js'
import { call, testApp } from '../support/app.js'
import { marketWorld } from '../support/world.js'

const DAY0 = '2026-03-02'
const at = (n: number) => new Date(`${addDays(DAY0, n)}T02:00:00Z`) // 10:00 in Beijing

describe('the household file (一户一档)', async () => {
  let now = at(0)
  const t = await testApp({ now: () => now })
  t.deps.config.sessionTtlSeconds = 400 * 86_400
  const w = await marketWorld(t)
  const ok = async (r: Promise<{ status: number; text: string; json: any }>, status = 200) => {
    const got = await r
    if (got.status !== status) throw new Error(`expected ${status}, got ${got.status} ${got.text}`)
    return got.json
  }
  const head = await w.newSeeker('13900001401', { name: '陈大树', householdId: 'HF-0001', category: 'monitored', monitoredSubtype: 'unstable' })
  const member = await w.newSeeker('13900001402', { name: '陈小苗', householdId: 'HF-0001', category: 'monitored', monitoredSubtype: 'unstable' })
  const neighbour = await w.newSeeker('13900001403', { name: '周邻居', householdId: 'HF-0002' })
  await ok(call(t, 'POST', '/api/households', { id: 'HF-0001', township: 'lingjing', village: 'lingjing-02', headName: '陈大树' }, w.officer.token), 201)
  await ok(call(t, 'POST', '/api/households', { id: 'HF-0002', township: 'lingjing', village: 'lingjing-02', headName: '周邻居' }, w.officer.token), 201)

  it('lists the members masked and no one of another household', async () => {
    const f = await ok(call(t, 'GET', '/api/households/HF-0001/file', undefined, w.officer.token))
    expect(f.members.map((m: { id: string }) => m.id).sort()).toEqual([head.seeker.id, member.seeker.id].sort())
    expect(f.members.find((m: { id: string }) => m.id === head.seeker.id)).toMatchObject({ name: '陈大树', idNumberMasked: head.seeker.idNumberMasked, category: 'monitored', monitoredSubtype: 'unstable' })
    // Masked means the middle of the number is hidden: the answer holds no full ID number.
    expect(head.seeker.idNumberMasked).toContain('*')
    expect(JSON.stringify(f)).not.toMatch(/\d{17}[\dX]/)
    expect(JSON.stringify(f)).not.toContain(neighbour.seeker.id)
    expect(f.cases).toEqual([])
  })

  it("gives the household's cases, newest signal first, each with its clocks on today's day", async () => {
    const first = await ok(call(t, 'POST', '/api/cases', { householdId: 'HF-0001', source: 'cadreVisit', riskType: 'illness', signalOn: DAY0 }, w.officer.token), 201)
    for (const [step, day] of [['visit', 1], ['crossCheck', 2], ['notice', 3], ['townshipReview', 8], ['approval', 9]] as const) {
      now = at(day)
      await ok(call(t, 'POST', `/api/cases/${first.id}/steps`, { step, on: addDays(DAY0, day) }, w.officer.token))
    }
    now = at(10)
    await ok(call(t, 'PUT', `/api/cases/${first.id}/plan`, { on: addDays(DAY0, 10), measures: [{ kind: 'post', description: '推荐帮扶车间岗位' }] }, w.officer.token))
    await ok(call(t, 'POST', `/api/cases/${first.id}/measures`, { index: 0, on: addDays(DAY0, 10) }, w.officer.token))
    now = at(200)
    await ok(call(t, 'POST', `/api/cases/${first.id}/close`, { on: addDays(DAY0, 200) }, w.officer.token))
    const second = await ok(call(t, 'POST', '/api/cases', { householdId: 'HF-0001', source: 'application', riskType: 'incomeDrop', signalOn: addDays(DAY0, 200) }, w.officer.token), 201)
    await ok(call(t, 'POST', '/api/cases', { householdId: 'HF-0002', source: 'application', riskType: 'disaster', signalOn: addDays(DAY0, 200) }, w.officer.token), 201)

    now = at(205)
    const f = await ok(call(t, 'GET', '/api/households/HF-0001/file', undefined, w.officer.token))
    expect(f.cases.map((c: { id: string }) => c.id)).toEqual([second.id, first.id])
    expect(f.cases[1]).toMatchObject({ status: 'closed' })
    expect(f.riskEliminatedOn).toBe(addDays(DAY0, 200))
    // The open case's visit was due 3 days after its signal: on day 205 it is 5 of 3 days, red.
    expect(f.cases[0].clocks.find((k: { kind: string }) => k.kind === 'case.visit')).toMatchObject({ used: 5, allowed: 3, colour: 'red' })
  })

  it('is for officers of its township: 404 to another township, 403 to a seeker, 400 on a bad number', async () => {
    expect((await call(t, 'GET', '/api/households/HF-0001/file', undefined, w.otherOfficer.token)).status).toBe(404)
    expect((await call(t, 'GET', '/api/households/HF-0001/file', undefined, head.token)).status).toBe(403)
    expect((await call(t, 'GET', '/api/households/HF-9999/file', undefined, w.officer.token)).status).toBe(404)
    expect((await call(t, 'GET', '/api/households/HF%231/file', undefined, w.officer.token)).status).toBe(400)
  })
})
