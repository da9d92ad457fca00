import { idCheckChar } from '../../shared/id-number.js'
import { TOWNSHIPS, VILLAGES } from '../../shared/geo.js'
import type { SeekerInput } from '../../shared/schemas/seekers.js'
import { putGeography } from '../../functions/db/geo.js'
import { createUser } from '../../functions/db/users.js'
import { DEMO_POLICY_2026 } from '../../functions/jobs/seed-data.js'
import { call, signIn, testApp, type TestApp } from './app.js'

/** A valid resident ID number for a test person (GB 11643 check character computed). */
export const idNumber = (birth: string, seq: number) => {
  const body = `411003${birth.replace(/-/g, '')}${String(seq).padStart(3, '0')}`
  return `${body}${idCheckChar(body)}`
}

export const seekerInput = (over: Partial<SeekerInput> = {}): SeekerInput => ({
  name: '刘建国',
  idNumber: idNumber('1980-05-06', 123),
  category: 'alleviated',
  township: 'lingjing',
  village: 'lingjing-02',
  laborCapacity: 'full',
  education: 'junior',
  skills: ['电工'],
  certificates: [],
  intents: ['employment'],
  preferredTownships: [],
  maxCommuteKm: 20,
  ...over,
})

/** Geography, an owner with a recognized workshop, and the officers, all signed in. */
export async function marketWorld(t: TestApp) {
  await putGeography(t.db, TOWNSHIPS, VILLAGES)
  const p = t.deps.protector
  await createUser(t.db, p, { role: 'owner', name: '张老板', phone: '17700000001' })
  await createUser(t.db, p, { role: 'officer', name: '灵井专干', phone: '17700000002', scope: 'lingjing' })
  await createUser(t.db, p, { role: 'officer', name: '区专干', phone: '17700000003', scope: 'district' })
  await createUser(t.db, p, { role: 'officer', name: '苏桥专干', phone: '17700000004', scope: 'suqiao' })
  const owner = await signIn(t, '17700000001')
  const officer = await signIn(t, '17700000002')
  const district = await signIn(t, '17700000003')
  const otherOfficer = await signIn(t, '17700000004')
  const w = await call(t, 'POST', '/api/workshops', { name: '灵井发制品帮扶车间', type: 'factory', township: 'lingjing', village: 'lingjing-01', address: '灵井镇王庄村 8 号' }, owner.token)
  if (w.status !== 201) throw new Error(`workshop ${w.status} ${w.text}`)
  const rec = await call(t, 'POST', `/api/workshops/${w.json.id}/recognize`, { decision: 'recognized' }, officer.token)
  if (rec.status !== 200) throw new Error(`recognize ${rec.status} ${rec.text}`)
  const newPost = async (over: Record<string, unknown> = {}) => {
    const r = await call(t, 'POST', '/api/posts', { kind: 'workshop', workshopId: w.json.id, title: '发制品加工工', township: 'lingjing', headcount: 2, wage: { amountFen: 320000, unit: 'month' }, publish: true, ...over }, owner.token)
    if (r.status !== 201) throw new Error(`post ${r.status} ${r.text}`)
    return r.json as { id: string; headcount: number; status: string }
  }
  let seq = 100
  /** A new seeker account with a filled file. */
  const newSeeker = async (phone: string, over: Partial<SeekerInput> = {}) => {
    const s = await signIn(t, phone)
    const r = await call(t, 'PUT', '/api/me/profile', seekerInput({ idNumber: idNumber('1985-03-04', seq++), ...over }), s.token)
    if (r.status !== 201) throw new Error(`profile ${r.status} ${r.text}`)
    return { token: s.token, userId: s.user.id, seeker: r.json as { id: string; idNumberMasked: string } }
  }
  return { owner, officer, district, otherOfficer, workshop: w.json as { id: string }, newPost, newSeeker }
}

/** A district with a 2026 policy, an admin, two district officers (maker and checker) and one seeker in work out of province. */
export async function subsidyWorld() {
  let now = new Date('2026-11-28T08:00:00Z')
  const t = await testApp({ now: () => now })
  // The test moves the clock past the notice period; sessions must outlive it.
  t.deps.config.sessionTtlSeconds = 60 * 86_400
  const w = await marketWorld(t)
  await createUser(t.db, t.deps.protector, { role: 'admin', name: '管理员', phone: '17700000020' })
  await createUser(t.db, t.deps.protector, { role: 'officer', name: '复核专员', phone: '17700000021', scope: 'district' })
  await createUser(t.db, t.deps.protector, { role: 'auditor', name: '审计', phone: '17700000022' })
  const admin = await signIn(t, '17700000020')
  const checker = await signIn(t, '17700000021')
  const auditor = await signIn(t, '17700000022')
  const saved = await call(t, 'PUT', '/api/policies/2026', { ...DEMO_POLICY_2026, expectedVersion: 0 }, admin.token)
  if (saved.status !== 201) throw new Error(`policy ${saved.status} ${saved.text}`)
  const away = await w.newSeeker('13900000101', { name: '赵外出' })
  const ext = await call(t, 'POST', '/api/placements', { seekerId: away.seeker.id, title: '电子厂普工', kind: 'laborExport', employer: '昆山某电子有限公司', township: 'lingjing', destination: 'outOfProvince', startDate: '2026-03-01' }, w.officer.token)
  if (ext.status !== 201) throw new Error(`placement ${ext.status} ${ext.text}`)
  return { t, w, admin, checker, auditor, away, setNow: (d: Date) => (now = d) }
}

