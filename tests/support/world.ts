import { idCheckChar } from '../../shared/id-number.js'
import { TOWNSHIPS, VILLAGES } from '../../shared/geo.js'
import type { SeekerInput } from '../../shared/schemas/seekers.js'
import { putGeography } from '../../functions/db/geo.js'
import { createUser } from '../../functions/db/users.js'
import { call, signIn, type TestApp } from './app.js'

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
