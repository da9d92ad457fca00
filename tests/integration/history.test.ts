import { describe, expect, it } from 'vitest'
import { backfillAll } from '../../functions/core/history.js'
import { addCertificate } from '../../functions/db/certificates.js'
import { recordExternalPlacement } from '../../functions/db/applications.js'
import { getSeeker } from '../../functions/db/seekers.js'
import { createUser } from '../../functions/db/users.js'
import { DEMO_POLICY_2026 } from '../../functions/jobs/seed-data.js'
import { call, signIn, testApp } from '../support/app.js'
import { marketWorld } from '../support/world.js'

type Entry = { id: string; at: string; type: string; action: string; objectId: string; title?: string; status?: string; amountFen?: number; reason?: string; actorName?: string; backfilled?: boolean }

/**
 * 一人一档: a clock that moves one second at each reading, so that the changes of a test happen one
 * after another (the timeline's order is the changes' order; no assertion names a time).
 */
async function historyWorld() {
  let tick = Date.parse('2026-11-20T00:00:00Z')
  const t = await testApp({ now: () => new Date((tick += 1000)) })
  t.deps.config.sessionTtlSeconds = 60 * 86_400
  const w = await marketWorld(t)
  await createUser(t.db, t.deps.protector, { role: 'admin', name: '管理员', phone: '17700000020' })
  const admin = await signIn(t, '17700000020')
  const saved = await call(t, 'PUT', '/api/policies/2026', { ...DEMO_POLICY_2026, expectedVersion: 0 }, admin.token)
  if (saved.status !== 201) throw new Error(`policy ${saved.status} ${saved.text}`)
  const timeline = async (seekerId: string, token: string, q = '') => call(t, 'GET', `/api/seekers/${seekerId}/history${q}`, undefined, token)
  /** Every entry, page by page (each page one request with the cursor the last one gave). */
  const all = async (seekerId: string, token: string, q = '') => {
    const out: Entry[] = []
    let cursor: string | null = null
    let pages = 0
    do {
      const r = await timeline(seekerId, token, `?limit=3${q}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
      expect(r.status).toBe(200)
      out.push(...(r.json.items as Entry[]))
      cursor = r.json.nextCursor
      pages++
    } while (cursor && pages < 100)
    return out
  }
  return { t, w, admin, timeline, all }
}

describe('a person’s whole history (一人一档)', async () => {
  const { t, w, timeline, all } = await historyWorld()
  const person = await w.newSeeker('13900000301', { name: '孙历史' })
  const sid = person.seeker.id

  it('each change puts one entry on the timeline, newest first, and a refused change puts none', async () => {
    const steps: [string, number][] = []
    const ok = async (label: string, p: Promise<{ status: number; json: any; text: string }>, status = 200) => {
      const r = await p
      expect(r.status, `${label}: ${r.text}`).toBe(status)
      steps.push([label, r.status])
      return r.json
    }
    const post = await w.newPost({ title: '假发包装工' })
    const app = await ok('application.create', call(t, 'POST', `/api/posts/${post.id}/applications`, {}, person.token), 201)
    await ok('application.withdraw', call(t, 'POST', `/api/applications/${app.id}/withdraw`, undefined, person.token))
    const placement = await ok(
      'placement.external',
      call(t, 'POST', '/api/placements', { seekerId: sid, title: '电子厂普工', kind: 'laborExport', employer: '昆山某电子有限公司', township: 'lingjing', destination: 'outOfProvince', startDate: '2026-03-01' }, w.officer.token),
      201,
    )
    await ok('placement.end', call(t, 'POST', `/api/placements/${placement.id}/end`, { endDate: '2026-10-31', reason: '合同到期' }, w.officer.token))
    const cert = await ok('certificate.create', call(t, 'POST', '/api/certificates', { seekerId: sid, kind: 'skillLevel', level: 1, occupation: '电工', number: 'H2026-0301', issuer: '许昌市人社局', issueDate: '2026-05-01' }, w.officer.token), 201)
    await ok('certificate.verify', call(t, 'POST', `/api/certificates/${cert.id}/verify`, { method: 'nationalLookup' }, w.officer.token))
    await ok('training.create', call(t, 'POST', '/api/trainings', { seekerId: sid, course: '低压电工实操', provider: '建安职业技能培训学校', startDate: '2026-04-01', endDate: '2026-04-20', hours: 80, result: 'passed' }, w.officer.token), 201)
    await ok('yulu.status', call(t, 'PUT', '/api/yulu', { seekerId: sid, term: '2026-autumn', school: '许昌职业技术学院', major: '电气自动化', grade: 1, status: 'enrolled' }, w.officer.token))
    const claim = await ok('claim.create', call(t, 'POST', '/api/claims', { seekerId: sid, kind: 'transport', period: '2026' }, w.officer.token), 201)
    await ok('claim.submit', call(t, 'POST', `/api/claims/${claim.id}/submit`, undefined, w.officer.token))

    const before = await all(sid, w.officer.token)
    // Refused changes: the same certificate number again (409), a placement overlapping the ended one (400), a second verification (409).
    expect((await call(t, 'POST', '/api/certificates', { seekerId: sid, kind: 'skillLevel', level: 1, occupation: '电工', number: 'H2026-0301', issuer: '许昌市人社局', issueDate: '2026-05-01' }, w.officer.token)).status).toBe(409)
    expect((await call(t, 'POST', '/api/placements', { seekerId: sid, title: '重叠', kind: 'laborExport', employer: '某厂', township: 'lingjing', destination: 'outOfProvince', startDate: '2026-05-01' }, w.officer.token)).status).toBe(400)
    expect((await call(t, 'POST', `/api/certificates/${cert.id}/verify`, { method: 'nationalLookup' }, w.officer.token)).status).toBe(409)
    const after = await all(sid, w.officer.token)
    expect(after.map((e) => e.id)).toEqual(before.map((e) => e.id))

    // Newest first: the file's creation last, then the changes in the order they were made.
    expect(after.map((e) => e.action).reverse()).toEqual(['seeker.create', ...steps.map(([a]) => a)])
    const ats = after.map((e) => e.at)
    expect([...ats].sort().reverse()).toEqual(ats)
    expect(after.map((e) => e.type).reverse()).toEqual(['file', 'application', 'application', 'placement', 'placement', 'certificate', 'certificate', 'training', 'yulu', 'claim', 'claim'])
    const ended = after.find((e) => e.action === 'placement.end')!
    expect(ended).toMatchObject({ status: 'ended', reason: '合同到期', objectId: placement.id, title: '电子厂普工', actorName: '灵井专干' })
    expect(after.find((e) => e.action === 'certificate.verify')).toMatchObject({ status: 'verified', title: '电工', objectId: cert.id })
    expect(after.find((e) => e.action === 'claim.submit')).toMatchObject({ status: 'submitted', amountFen: claim.amountFen })
    // A summary, never the record: no ID number, no phone, no audit before/after.
    const text = JSON.stringify(after)
    expect(text).not.toContain('13900000301')
    expect(text).not.toContain('"before"')
    expect(text).not.toContain('"after"')

    // Each entry is the change's own audit event (written in its transaction): the same id is on the object's trail.
    const trail = await call(t, 'GET', `/api/audit?entity=placement&id=${placement.id}`, undefined, w.district.token)
    expect(trail.json.items.map((e: { id: string }) => e.id).sort()).toEqual(after.filter((e) => e.objectId === placement.id).map((e) => e.id).sort())
  })

  it('pages across the whole timeline without gaps or repeats, and filters by type with one index', async () => {
    const one = await timeline(sid, w.officer.token, '?limit=50')
    expect(one.json.nextCursor).toBeNull()
    const paged = await all(sid, w.officer.token)
    expect(paged.length).toBeGreaterThan(6)
    expect(paged.map((e) => e.id)).toEqual(one.json.items.map((e: Entry) => e.id))
    expect(new Set(paged.map((e) => e.id)).size).toBe(paged.length)

    const placements = await all(sid, w.officer.token, '&type=placement')
    expect(placements.map((e) => e.action)).toEqual(['placement.end', 'placement.external'])
    expect(await all(sid, w.officer.token, '&type=service')).toEqual([])
    // A cursor belongs to its own list: one from the full timeline is refused by the filtered one.
    const first = await timeline(sid, w.officer.token, '?limit=2')
    expect((await timeline(sid, w.officer.token, `?limit=2&type=placement&cursor=${encodeURIComponent(first.json.nextCursor)}`)).status).toBe(400)
    expect((await timeline(sid, w.officer.token, '?type=gossip')).status).toBe(400)
  })

  it('is read by officers in scope and by the person (through /api/me); another township’s officer finds no such person, an owner is refused', async () => {
    expect((await timeline(sid, w.district.token)).status).toBe(200)
    const other = await timeline(sid, w.otherOfficer.token)
    expect(other.status).toBe(404)
    expect(other.json.code).toBe('seeker.notFound')
    expect((await timeline(sid, w.owner.token)).status).toBe(403)
    expect((await timeline(sid, person.token)).status).toBe(403)
    const mine = await call(t, 'GET', '/api/me/history?limit=50', undefined, person.token)
    expect(mine.status).toBe(200)
    expect(mine.json.items.map((e: Entry) => e.id)).toEqual((await timeline(sid, w.officer.token, '?limit=50')).json.items.map((e: Entry) => e.id))
  })

  it('the backfill builds entries for records older than the timeline, once; a second run writes nothing', async () => {
    const old = await w.newSeeker('13900000302', { name: '周旧档' })
    const s = (await getSeeker(t.db, old.seeker.id))!
    // Records written as they were before the timeline: their audit events carry no history note.
    const noNote = (objectType: string) => (x: { id: string }) => ({ objectType, objectId: x.id, action: `${objectType}.legacy`, actorId: w.officer.user.id, actorRole: 'officer' })
    const p = await recordExternalPlacement(
      t.db,
      { seekerId: s.id, seekerName: s.name, title: '纺织厂挡车工', kind: 'laborExport', employer: '某纺织厂', township: 'lingjing', seekerTownship: s.township, destination: 'outOfProvince', startDate: '2026-02-01', createdBy: w.officer.user.id },
      t.deps.now(),
      { countTarget: false },
      noNote('placement'),
    )
    const c = await addCertificate(t.db, s, { kind: 'skillLevel', level: 1, occupation: '电工', number: 'OLD-0001', issuer: '许昌市人社局', issueDate: '2025-06-01' }, w.officer.user.id, t.deps.now(), noNote('certificate'))
    const beforeRun = await all(s.id, w.officer.token)
    expect(beforeRun.map((e) => e.action)).toEqual(['seeker.create'])

    const first = await backfillAll(t.deps, 'lingjing')
    expect(first.written).toBeGreaterThanOrEqual(2)
    const built = await all(s.id, w.officer.token)
    // The file's creation was on the timeline already: not written twice.
    expect(built.filter((e) => e.action === 'seeker.create')).toHaveLength(1)
    expect(built.find((e) => e.objectId === p.id)).toMatchObject({ type: 'placement', title: '纺织厂挡车工', backfilled: true, actorName: '灵井专干' })
    expect(built.find((e) => e.objectId === c.id)).toMatchObject({ type: 'certificate', action: 'certificate.create', backfilled: true })

    // The first person's timeline, all written live, gains nothing.
    const live = await all(sid, w.officer.token)
    const second = await backfillAll(t.deps, 'lingjing')
    expect(second).toEqual({ people: first.people, written: 0 })
    expect((await all(s.id, w.officer.token)).map((e) => e.id)).toEqual(built.map((e) => e.id))
    expect((await all(sid, w.officer.token)).map((e) => e.id)).toEqual(live.map((e) => e.id))
  })
})
