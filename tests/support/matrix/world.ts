/**
 * The authorization matrix's world, built through the real API: ten callers and one object of every
 * kind in 灵井镇 (lingjing), plus factories for fresh objects that a row's request consumes.
 *
 * Time is injected: the world is built at T0, every row runs at T1 = T0 + 8 days, so batches made at
 * T0 are past their 7-day public notice (payable) and those made at T1 are still on notice.
 */
import { TOWNSHIPS, VILLAGES } from '../../../shared/geo.js'
import { putGeography } from '../../../functions/db/geo.js'
import { createUser } from '../../../functions/db/users.js'
import { putReview } from '../../../functions/db/imports.js'
import { newId } from '../../../functions/db/ids.js'
import { DEMO_POLICY_2026 } from '../../../functions/jobs/seed-data.js'
import { call, signIn, type TestApp } from '../app.js'
import { idNumber, seekerInput } from '../world.js'

/**
 * The callers, relative to the object (always in lingjing): its own seeker and another seeker, its
 * workshop's owner and another owner, the officer of its township and of another (苏桥镇 suqiao),
 * the district officer, the admin, the auditor, and nobody.
 */
export const ACTORS = ['anonymous', 'seeker', 'otherSeeker', 'owner', 'otherOwner', 'officer', 'otherOfficer', 'district', 'admin', 'auditor'] as const
export type Actor = (typeof ACTORS)[number]
export type Signed = Exclude<Actor, 'anonymous'>
const SIGNED = ACTORS.filter((a): a is Signed => a !== 'anonymous')

export const PHONES: Record<Signed, string> = {
  seeker: '13910000001',
  otherSeeker: '13910000002',
  owner: '17710000001',
  otherOwner: '17710000002',
  officer: '17710000003',
  otherOfficer: '17710000004',
  district: '17710000005',
  admin: '17710000006',
  auditor: '17710000007',
}

/** The workshops' contact phone: the post-contact rows reveal it. */
export const WORKSHOP_PHONE = '13510000001'

export const T0 = new Date('2026-11-02T08:00:00Z')
export const T1 = new Date('2026-11-10T08:00:00Z')
export interface Clock {
  now: () => Date
  set: (d: Date) => void
}
export function clock(): Clock {
  let at = T0
  return { now: () => at, set: (d) => (at = d) }
}

/** Years with a policy: claims need one, and each fresh claim of seeker A needs a period of its own. */
const YEARS = Array.from({ length: 27 }, (_, i) => 2000 + i)
/** Transport and labor claims take the years A worked away (2000–2011); 公益岗位补助 is monthly: the 168 months of 2012–2025 A held the post; 2026 is for the shared claims. */
const FRESH_YEARS = YEARS.filter((y) => y <= 2011)
const FRESH_MONTHS = YEARS.filter((y) => y >= 2012 && y < 2026).flatMap((y) => Array.from({ length: 12 }, (_, m) => `${y}-${String(m + 1).padStart(2, '0')}`))

export const ID_A = idNumber('1980-01-01', 123)
export const ID_B = idNumber('1992-02-02', 456)
/** Seeker A, the subject, in lingjing; seeker B in suqiao. */
export const inputA = seekerInput({ name: '赵小满', idNumber: ID_A, township: 'lingjing', village: 'lingjing-02' })
export const inputB = seekerInput({ name: '钱二妹', idNumber: ID_B, township: 'suqiao', village: 'suqiao-03' })

type Res = Awaited<ReturnType<typeof call>>
type Json = any

export async function buildWorld(t: TestApp, clk: Clock) {
  // Sessions must outlive the moved clock (and the real one: token expiry is checked against it).
  t.deps.config.sessionTtlSeconds = 10 * 365 * 86_400
  await putGeography(t.db, TOWNSHIPS, VILLAGES)
  const p = t.deps.protector
  await Promise.all([
    createUser(t.db, p, { role: 'owner', name: '张老板', phone: PHONES.owner }),
    createUser(t.db, p, { role: 'owner', name: '李老板', phone: PHONES.otherOwner }),
    createUser(t.db, p, { role: 'officer', name: '灵井专干', phone: PHONES.officer, scope: 'lingjing' }),
    createUser(t.db, p, { role: 'officer', name: '苏桥专干', phone: PHONES.otherOfficer, scope: 'suqiao' }),
    createUser(t.db, p, { role: 'officer', name: '区专干', phone: PHONES.district, scope: 'district' }),
    createUser(t.db, p, { role: 'admin', name: '管理员', phone: PHONES.admin }),
    createUser(t.db, p, { role: 'auditor', name: '审计员', phone: PHONES.auditor }),
  ])
  // One code per phone a minute: every caller signs in once here (the logout row signs in again at T1).
  const signed = await Promise.all(SIGNED.map((a) => signIn(t, PHONES[a])))
  const tokens = { anonymous: undefined } as Record<Actor, string | undefined>
  const userIds = {} as Record<Signed, string>
  SIGNED.forEach((a, i) => {
    tokens[a] = signed[i]!.token
    userIds[a] = signed[i]!.user.id
  })

  let phoneSeq = 0
  const freshPhone = () => `136${String(20_000_000 + phoneSeq++).padStart(8, '0')}`
  const api = (a: Actor, method: string, path: string, body?: unknown): Promise<Res> => call(t, method, path, body, tokens[a])
  const must = async (status: number, a: Actor, method: string, path: string, body?: unknown): Promise<Json> => {
    const r = await api(a, method, path, body)
    if (r.status !== status) throw new Error(`fixture: ${a} ${method} ${path} → ${r.status} ${r.text.slice(0, 300)}`)
    return r.json
  }
  /** What the district officer (in scope of everything here) reads: the state a row must (not) change. */
  const read = (path: string) => must(200, 'district', 'GET', path)

  await Promise.all(YEARS.map((y) => must(201, 'admin', 'PUT', `/api/policies/${y}`, { ...DEMO_POLICY_2026, effectiveFrom: `${y}-01-01`, expectedVersion: 0 })))

  // Each with the phone its posts show (the workshop's contact, never a caller's own number).
  const workshopBody = (township: string, village: string, name: string) => ({ name, type: 'factory', township, village, address: `${name}，8 号`, contact: { name: '车间电话', phone: WORKSHOP_PHONE } })
  const wA = await must(201, 'owner', 'POST', '/api/workshops', workshopBody('lingjing', 'lingjing-01', '灵井发制品帮扶车间'))
  const wB = await must(201, 'otherOwner', 'POST', '/api/workshops', workshopBody('suqiao', 'suqiao-01', '苏桥服装帮扶车间'))
  await Promise.all([
    must(200, 'officer', 'POST', `/api/workshops/${wA.id}/recognize`, { decision: 'recognized' }),
    must(200, 'otherOfficer', 'POST', `/api/workshops/${wB.id}/recognize`, { decision: 'recognized' }),
  ])
  const postBody = (workshopId: string, township: string, over: Record<string, unknown> = {}) => ({
    kind: 'workshop', workshopId, title: '发制品加工工', township, headcount: 20, wage: { amountFen: 320_000, unit: 'month' }, publish: true, ...over,
  })
  const [postA, draftA, postH, postB] = await Promise.all([
    must(201, 'owner', 'POST', '/api/posts', postBody(wA.id, 'lingjing')),
    must(201, 'owner', 'POST', '/api/posts', postBody(wA.id, 'lingjing', { title: '草稿岗位', publish: false })),
    must(201, 'owner', 'POST', '/api/posts', postBody(wA.id, 'lingjing', { title: '质检员' })),
    must(201, 'otherOwner', 'POST', '/api/posts', postBody(wB.id, 'suqiao', { title: '缝纫工' })),
  ])

  const fileA = await must(201, 'seeker', 'PUT', '/api/me/profile', inputA)
  const fileB = await must(201, 'otherSeeker', 'PUT', '/api/me/profile', inputB)
  const apply = (postId: string, a: 'seeker' | 'otherSeeker') => must(201, a, 'POST', `/api/posts/${postId}/applications`, {})
  const [appA, appB, , appH] = await Promise.all([apply(postA.id, 'seeker'), apply(postA.id, 'otherSeeker'), apply(postB.id, 'otherSeeker'), apply(postH.id, 'seeker')])
  // A seeker's own file, which only an officer verifies; once verified, a change of household facts waits for an officer.
  let idSeq = 500
  const ownFile = async () => {
    const s = await signIn(t, freshPhone())
    const input = seekerInput({ name: '孙自建', idNumber: idNumber('1988-08-08', idSeq++), township: 'lingjing', village: 'lingjing-04' })
    const r = await call(t, 'PUT', '/api/me/profile', input, s.token)
    if (r.status !== 201) throw new Error(`fixture: own file ${r.status} ${r.text.slice(0, 300)}`)
    return { token: s.token, input, file: r.json as { id: string } }
  }
  /**
   * Another lingjing person's application: hires and placements go to people of their own, since a
   * person holds one active full-time placement at a time and seeker A has theirs (below).
   */
  const hireable = async (postId: string) => {
    const { token, file } = await ownFile()
    const r = await call(t, 'POST', `/api/posts/${postId}/applications`, {}, token)
    if (r.status !== 201) throw new Error(`fixture: apply ${r.status} ${r.text.slice(0, 300)}`)
    return { ...(r.json as { id: string; postId: string }), seekerId: file.id }
  }
  const placement = (await must(200, 'owner', 'POST', `/api/applications/${(await hireable(postH.id)).id}/hire`, { startDate: '2026-12-01' })).placement
  const difficulty = await must(201, 'owner', 'POST', `/api/workshops/${wA.id}/difficulties`, { kind: 'orders', description: '外贸订单减少三成，需要对接新订单' })

  // What makes seeker A (and B) eligible: work out of the province, then a public-welfare post.
  const external = (a: Signed, seekerId: string, township: string, kind: string, destination: string, startDate: string) =>
    must(201, a, 'POST', '/api/placements', { seekerId, title: kind === 'publicWelfare' ? '村级保洁员' : '电子厂普工', kind, employer: kind === 'publicWelfare' ? '乡镇人民政府' : '昆山某电子有限公司', township, destination, startDate })
  // Work away 2000–2011, then a public-welfare post from 2012: never both at once (DOMAIN.md), so
  // transport claims take the years away (FRESH_YEARS) and public-welfare claims the months after.
  const workAway = async () => {
    const away = await external('officer', fileA.id, 'lingjing', 'laborExport', 'outOfProvince', '2000-01-05')
    await must(200, 'officer', 'POST', `/api/placements/${away.id}/end`, { endDate: '2011-12-31', reason: '返乡，转公益性岗位' })
    return external('officer', fileA.id, 'lingjing', 'publicWelfare', 'inCounty', '2012-01-05')
  }
  await Promise.all([
    workAway(),
    external('otherOfficer', fileB.id, 'suqiao', 'publicWelfare', 'inCounty', '2026-01-05'),
  ])

  let certSeq = 1000
  const certBody = () => ({ kind: 'skillLevel', level: 4, occupation: '电工', number: `S2026-${certSeq++}`, issuer: '许昌市人社局', issueDate: '2026-05-01' })
  const certificate = await must(201, 'seeker', 'POST', '/api/certificates', certBody())
  await must(201, 'officer', 'POST', '/api/trainings', { seekerId: fileA.id, course: '电工培训', provider: '许昌职业技术学院', startDate: '2026-06-01', endDate: '2026-06-20', hours: 80, result: 'passed' })
  await must(200, 'officer', 'PUT', '/api/yulu', { seekerId: fileA.id, term: '2026-autumn', school: '许昌职业技术学院', major: '电气自动化', grade: 1, status: 'enrolled' })

  // Claims. Each fresh one takes a period of its own (one claim per person, kind and period).
  let month = 0
  let year = 0
  const freshMonth = () => FRESH_MONTHS[month++] ?? fail('out of fresh months')
  const freshYear = () => String(FRESH_YEARS[year++] ?? fail('out of fresh years'))
  const claim = (maker: Signed, over: { kind?: string; period?: string; seekerId?: string } = {}) => {
    const kind = over.kind ?? 'publicWelfare'
    return must(201, maker, 'POST', '/api/claims', { seekerId: over.seekerId ?? fileA.id, kind, period: over.period ?? (kind === 'transport' ? freshYear() : freshMonth()) })
  }
  const submitted = async (maker: Signed, over: Parameters<typeof claim>[1] = {}) => {
    const c = await claim(maker, over)
    await must(200, maker, 'POST', `/api/claims/${c.id}/submit`)
    return c
  }
  const approved = async (maker: Signed = 'officer', checker: Signed = 'district', over: Parameters<typeof claim>[1] = {}) => {
    const c = await submitted(maker, over)
    await must(200, checker, 'POST', `/api/claims/${c.id}/approve`)
    return c
  }
  const batch = (claimIds: string[]) => must(201, 'district', 'POST', '/api/payment-batches', { claimIds })

  // At T0: batches that will be past their notice at T1: one for each caller's pay row, ten more to
  // be paid at T1 for the reverse rows, and suqiao's, for the hole reported in issue 9.
  const payable = await Promise.all(ACTORS.map(async () => batch([(await approved()).id])))
  const toReverse = await Promise.all(ACTORS.map(() => approved()))
  // A batch holds claims of one year, and fresh claims' periods run through the years: one batch each.
  const reverseBatches = await Promise.all(toReverse.map((c) => batch([c.id])))
  const suqiaoClaim = await submitted('otherOfficer', { seekerId: fileB.id, period: '2026-03' })
  await must(200, 'district', 'POST', `/api/claims/${suqiaoClaim.id}/approve`)
  const suqiaoBatch = await batch([suqiaoClaim.id])

  clk.set(T1)
  await Promise.all(reverseBatches.map((b) => must(200, 'district', 'POST', `/api/payment-batches/${b.id}/pay`)))
  const draftClaim = await claim('officer', { period: '2026-01' })
  const noticeBatch = await batch([(await approved('officer', 'district', { period: '2026-02' })).id])

  const finished = async (id: string) => {
    for (let i = 0; i < 300; i++) {
      const r = await read(`/api/match-runs/${id}`)
      if (r.status === 'done') return r
      if (r.status === 'failed') throw new Error(`fixture: match run failed ${r.error}`)
      await new Promise((res) => setTimeout(res, 50))
    }
    throw new Error('fixture: match run did not finish')
  }
  const freshRun = async () => finished((await must(202, 'officer', 'POST', '/api/match-runs', { township: 'lingjing', mode: 'stable' })).id)
  const run = await freshRun()

  const asMonitored = { category: 'monitored', monitoredSubtype: 'unstable' }
  /** A verified file whose seeker then asked to be a monitored household: the change waits for an officer. */
  const pendingChange = async () => {
    const { token, input, file } = await ownFile()
    await must(200, 'officer', 'POST', `/api/seekers/${file.id}/verify`)
    const r = await call(t, 'PUT', '/api/me/profile', { ...input, ...asMonitored }, token)
    if (r.status !== 200) throw new Error(`fixture: household change ${r.status} ${r.text.slice(0, 300)}`)
    return file
  }
  const pending = await pendingChange()
  // Seeker A's own file too: the seeker's row of household-change is about their own change.
  await must(200, 'officer', 'POST', `/api/seekers/${fileA.id}/verify`)
  await must(200, 'seeker', 'PUT', '/api/me/profile', { ...inputA, ...asMonitored })
  // Someone else enters A's ID number: refused, and listed for lingjing's officers.
  const taker = await signIn(t, freshPhone())
  const took = await call(t, 'PUT', '/api/me/profile', seekerInput({ name: '冒名者', idNumber: ID_A, township: 'suqiao', village: 'suqiao-02' }), taker.token)
  if (took.status !== 409) throw new Error(`fixture: a taken ID number gave ${took.status}`)

  // 返乡回流 and 毕业生 records of seeker A (the file's own seeker reads them; officers in scope keep them).
  const returneeBody = (seekerId: string) => ({ seekerId, returnDate: '2026-10-01', workedIn: '江苏昆山', previousTrade: '电子厂普工', reason: 'jobLoss', intent: 'employment', responsible: '灵井专干' })
  const graduateBody = (seekerId: string) => ({ seekerId, source: 'household', school: '许昌学院', major: '计算机', graduationYear: 2026, degree: 'college', intent: 'employment', status: 'seeking', responsible: '灵井专干' })
  await must(201, 'officer', 'POST', '/api/returnees', returneeBody(fileA.id))
  await must(201, 'officer', 'POST', '/api/graduates', graduateBody(fileA.id))
  // 导入: a finished dry run of lingjing's officer (one row, refused: nothing is ever written), and held rows to decide.
  const rosterCsv = `姓名,身份证号,村,劳动技能,文化程度\n赵损坏,4.11003E+17,灵井马庄村,普通劳动力,初中\n`
  const dryRun = await must(202, 'officer', 'POST', '/api/imports?kind=people&dryRun=true', rosterCsv)
  for (let i = 0; i < 300 && (await must(200, 'officer', 'GET', `/api/imports/${dryRun.id}`)).status !== 'done'; i++) await new Promise((res) => setTimeout(res, 50))
  /** The township officer's roster, posted with an upload form of their own into the file store: its key. */
  const uploadedKey = async () => {
    const form = await must(201, 'officer', 'POST', '/api/imports/uploads', { size: Buffer.byteLength(rosterCsv) })
    const body = new FormData()
    for (const [k, v] of Object.entries(form.fields as Record<string, string>)) body.set(k, v)
    body.set('file', new Blob([rosterCsv]), 'roster.csv')
    await must(204, 'anonymous', 'POST', form.url, body)
    return form.key as string
  }
  // 导出: lingjing's officer's export of their seekers (an export is its maker's alone).
  const listExport = await must(202, 'officer', 'POST', '/api/exports', { list: 'seekers', filters: { township: 'lingjing' } })
  const heldRow = async () => {
    const review = { id: newId(), importId: dryRun.id, township: 'lingjing', kind: 'editedSince' as const, seekerId: fileA.id, name: inputA.name, village: inputA.village, birthDate: '1980-01-01', idNumberMasked: '4110**********0000', fields: [{ field: 'education', current: 'junior', imported: 'junior' }], createdAt: clk.now().toISOString(), at: clk.now().toISOString() }
    await putReview(t.db, t.deps.protector, review, { idNumber: ID_A, values: { name: inputA.name, township: 'lingjing', village: inputA.village, education: 'junior' } }, review.id)
    return review
  }
  const review = await heldRow()

  const inboxA = await must(200, 'seeker', 'GET', '/api/me/inbox?limit=50')
  if (!inboxA.items.length) throw new Error('fixture: seeker A has no messages')

  // 监测 households and monitoring cases (issue 13): each case on a household of its own (one open case per household).
  let householdSeq = 0
  const household = () => must(201, 'officer', 'POST', '/api/households', { id: `MX-${householdSeq++}`, township: 'lingjing', village: 'lingjing-02', headName: '周家户' })
  const CASE_STEPS = [['visit', '2026-01-06'], ['crossCheck', '2026-01-07'], ['notice', '2026-01-08'], ['townshipReview', '2026-01-13'], ['approval', '2026-01-14']] as const
  /** A case signalled on 2026-01-05, taken as far as `stage` (closing is allowed from 2026-07-14). */
  const monitoringCase = async (stage: 'open' | 'approved' | 'planned' | 'measured') => {
    const h = await household()
    const c = await must(201, 'officer', 'POST', '/api/cases', { householdId: h.id, source: 'cadreVisit', riskType: 'illness', signalOn: '2026-01-05' })
    if (stage === 'open') return c
    for (const [step, on] of CASE_STEPS) await must(200, 'officer', 'POST', `/api/cases/${c.id}/steps`, { step, on })
    if (stage === 'approved') return c
    await must(200, 'officer', 'PUT', `/api/cases/${c.id}/plan`, { on: '2026-01-20', measures: [{ kind: 'post', description: '推荐帮扶车间岗位' }] })
    if (stage === 'planned') return c
    await must(200, 'officer', 'POST', `/api/cases/${c.id}/measures`, { index: 0, on: '2026-02-01' })
    return c
  }
  const householdA = await household()
  await must(200, 'officer', 'PUT', `/api/households/${householdA.id}/helper`, { kind: 'officer', userId: userIds.officer })
  const caseA = await monitoringCase('open')

  const takeFrom = <T>(pool: T[], what: string) => () => pool.pop() ?? fail(`the ${what} pool is empty`)
  const freshPost = () => must(201, 'owner', 'POST', '/api/posts', postBody(wA.id, 'lingjing', { title: '新岗位' }))
  const freshApplication = async () => apply((await freshPost()).id, 'seeker')
  const fresh = {
    post: freshPost,
    application: freshApplication,
    // Started before the matrix's clock (T0), so that it can be ended today: an end date is never in the future.
    placement: async () => (await must(200, 'owner', 'POST', `/api/applications/${(await hireable((await freshPost()).id)).id}/hire`, { startDate: '2026-11-01' })).placement,
    /** An application of another lingjing person (seeker A holds a full-time placement already). */
    hireable: async () => hireable((await freshPost()).id),
    workshop: () => must(201, 'owner', 'POST', '/api/workshops', workshopBody('lingjing', 'lingjing-05', '灵井新车间')),
    difficulty: () => must(201, 'owner', 'POST', `/api/workshops/${wA.id}/difficulties`, { kind: 'funds', description: '流动资金紧张，申请贴息贷款' }),
    certificate: () => must(201, 'seeker', 'POST', '/api/certificates', certBody()),
    /** A workshop owner's account, made by the admin, for account changes. */
    account: () => must(201, 'admin', 'POST', '/api/users', { role: 'owner', name: '测试车间负责人', phone: freshPhone() }),
    certBody,
    returneeBody,
    graduateBody,
    run: freshRun,
    heldRow,
    uploadedKey,
    ownFile,
    pendingChange,
    month: freshMonth,
    year: freshYear,
    /** A draft of seeker A's, made by the caller when the caller may make it (so they may submit it). */
    draft: (a: Actor) => (a === 'seeker' ? claim('seeker', { kind: 'transport' }) : claim(a === 'district' || a === 'admin' ? a : 'officer')),
    /** A submitted claim, made by someone other than the caller (the maker may not check it). */
    submitted: (a: Actor) => submitted(a === 'officer' ? 'district' : 'officer'),
    approved: () => approved(),
    household,
    monitoringCase,
    payable: takeFrom(payable, 'payable batch'),
    paid: takeFrom(toReverse, 'paid claim'),
  }
  return {
    t, tokens, userIds, api, must, read, fresh, freshPhone,
    wA, wB, postA, draftA, postH, postB, fileA, fileB, appA, appB, appH, placement, difficulty, certificate,
    draftClaim, noticeBatch, suqiaoBatch, suqiaoClaim, run, pending, householdA, caseA, dryRun: dryRun as { id: string }, listExport: listExport as { id: string }, review, rosterCsv,
    inboxIdsA: new Set<string>(inboxA.items.map((m: { id: string }) => m.id)),
  }
}

export type World = Awaited<ReturnType<typeof buildWorld>>

function fail(message: string): never {
  throw new Error(`fixture: ${message}`)
}
