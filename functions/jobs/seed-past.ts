import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb'
import { eachLimit } from '../../shared/each-limit.js'
import { DomainError } from '../../shared/errors.js'
import { checksOf } from '../../shared/following/placement-checks.js'
import { intBetween, pick, seededRandom } from '../../shared/random.js'
import type { PostKind } from '../../shared/schemas/posts.js'
import * as Certificates from '../core/certificates.js'
import * as Claims from '../core/claims.js'
import type { Actor, Deps } from '../core/deps.js'
import * as Placements from '../core/placements.js'
import { seedMarkerKey } from '../db/keys.js'
import { DEMO_ACCOUNTS, type SeedData } from './seed-data.js'

/**
 * The demo district's past (its 2025 and its 2026 so far): placements, some ended; certificates,
 * most verified; transport-subsidy claims from draft to paid, in three batches. Written through the
 * same use cases an officer's clicks run, each at its own moment (a clock set to that day), so the
 * counters, the audit trail, the history and the to-do list are what they would be had the district
 * used Wengang all year. Deterministic: every choice comes from one seeded generator; a marker says
 * it is done, and a half-written past is not rewritten (start over with `npm start -- --fresh`).
 */
export const PAST_VERSION = 'past-v1'

const DAY = 86_400_000
/** Days as the district counts them (Beijing); 10:00 there is 02:00 UTC. */
export const at = (day: string, hour = 2) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00Z`)
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10)
export const dayOf = (year: number, rand: () => number, fromMonth: number, toMonth: number) => {
  const month = intBetween(rand, fromMonth, toMonth)
  return `${year}-${String(month).padStart(2, '0')}-${String(intBetween(rand, 1, 28)).padStart(2, '0')}`
}

/** What each kind of job looks like in and around Jian'an. */
const JOBS: Record<PostKind, { title: string; employer: string; destination: 'inCounty' | 'outOfCountyInCity' | 'outOfCityInProvince' | 'outOfProvince' }[]> = {
  laborExport: [
    { title: '电子厂普工', employer: '昆山立讯精密工业有限公司', destination: 'outOfProvince' },
    { title: '汽车零部件装配工', employer: '宁波拓普集团股份有限公司', destination: 'outOfProvince' },
    { title: '物流分拣员', employer: '郑州京东物流园', destination: 'outOfCityInProvince' },
  ],
  enterprise: [
    { title: '发制品加工工', employer: '许昌瑞贝卡发制品股份有限公司', destination: 'outOfCountyInCity' },
    { title: '机电装配工', employer: '许继电气股份有限公司', destination: 'outOfCountyInCity' },
    { title: '超市理货员', employer: '胖东来商贸集团', destination: 'outOfCountyInCity' },
  ],
  workshop: [
    { title: '假发钩织工', employer: '灵井发制品帮扶车间', destination: 'inCounty' },
    { title: '食用菌采收工', employer: '苏桥食用菌帮扶车间', destination: 'inCounty' },
    { title: '服装缝纫工', employer: '五女店服装加工帮扶车间', destination: 'inCounty' },
  ],
  publicWelfare: [
    { title: '村级保洁员', employer: '村民委员会（乡村公益性岗位）', destination: 'inCounty' },
    { title: '护林员', employer: '乡镇林业站（乡村公益性岗位）', destination: 'inCounty' },
  ],
}
const END_REASONS = ['合同到期', '返乡照顾老人', '工厂订单减少', '家中农忙', '另找到工作']

type Person = SeedData['seekers'][number]
const birthOf = (p: Person) => `${p.idNumber.slice(6, 10)}-${p.idNumber.slice(10, 12)}-${p.idNumber.slice(12, 14)}`
/** Adults able to work; a job may predate the file (the ledger is entered after the fact). */
const canWork = (p: Person, day: string) => (p.laborCapacity === 'full' || p.laborCapacity === 'half') && birthOf(p) <= `${Number(day.slice(0, 4)) - 18}${day.slice(4)}`
/** An officer writes a record down a day after it happened, or the day after the file was made if later. */
const writtenOn = (p: Person, day: string) => {
  const made = addDays(p.createdAt.slice(0, 10), 1)
  return made > day ? made : day
}

/** Refusals the past may meet (a rule it did not foresee) are counted, never fatal: the rest goes on. */
export async function tryStep<T>(skipped: Map<string, number>, work: () => Promise<T>): Promise<T | undefined> {
  try {
    return await work()
  } catch (e) {
    if (!(e instanceof DomainError)) throw e
    skipped.set(e.code, (skipped.get(e.code) ?? 0) + 1)
    return undefined
  }
}

export async function hasPast(deps: Deps): Promise<boolean> {
  return Boolean((await deps.db.doc.send(new GetCommand({ TableName: deps.db.table, Key: seedMarkerKey(PAST_VERSION) }))).Item)
}

export interface PastCounts {
  placements: number
  /** 回访 logged after placements. */
  checked: number
  ended: number
  certificates: number
  verified: number
  claims: number
  approved: number
  batches: number
  paid: number
  skipped: Record<string, number>
}

export async function seedPast(deps: Deps, data: SeedData, onProgress: (msg: string) => void = () => {}): Promise<PastCounts> {
  const started = Date.now()
  const say = (m: string) => onProgress(`${m} (${((Date.now() - started) / 1000).toFixed(1)} s)`)
  const rand = seededRandom(20260101)
  const skipped = new Map<string, number>()
  const staff = (i: number): Actor => ({ userId: DEMO_ACCOUNTS[i]!.id, role: 'officer', scope: 'district', sessionId: 'seed-past' })
  const maker = staff(1) // 区就业专干 王主任
  const checker = staff(6) // 区就业专干 孙静, the second pair of eyes
  const on = (when: Date): Deps => ({ ...deps, now: () => when })

  // Who worked when: a third of the people who can work, each in one job (a few in one each year).
  const people = data.seekers.filter((p) => p.id !== data.seekers[0]!.id && (p.laborCapacity === 'full' || p.laborCapacity === 'half'))
  type Job = { person: Person; kind: PostKind; title: string; employer: string; destination: (typeof JOBS)[PostKind][number]['destination']; startDate: string; endDate?: string; reason?: string }
  const jobs: Job[] = []
  for (const person of people) {
    const r = rand()
    if (r > 0.45) continue
    const year = r < 0.12 ? 2025 : 2026
    const kind = pick(rand, [['laborExport', 4], ['enterprise', 3], ['workshop', 3], ['publicWelfare', 1]].flatMap(([k, n]) => Array<PostKind>(n as number).fill(k as PostKind)))
    const job = pick(rand, JOBS[kind])
    const startDate = year === 2025 ? dayOf(2025, rand, 2, 9) : dayOf(2026, rand, 1, 10)
    if (!canWork(person, startDate)) continue
    const ends = year === 2025 ? rand() < 0.7 : rand() < 0.2
    const endDate = ends ? addDays(startDate, intBetween(rand, 60, 200)) : undefined
    const last = year === 2025 ? '2025-12-31' : '2026-11-19'
    jobs.push({ person, kind, ...job, startDate, ...(endDate && endDate <= last ? { endDate, reason: pick(rand, END_REASONS) } : {}) })
  }
  jobs.sort((a, b) => a.startDate.localeCompare(b.startDate))
  const placed = new Map<Job, string>()
  await eachLimit(jobs, 8, async (j) => {
    const p = await tryStep(skipped, () =>
      Placements.recordExternal(on(at(writtenOn(j.person, addDays(j.startDate, 1)))), maker, { seekerId: j.person.id, title: j.title, kind: j.kind, employer: j.employer, township: j.person.township, destination: j.destination, startDate: j.startDate }),
    )
    if (p) placed.set(j, p.id)
  })
  say(`past placements: ${placed.size}`)
  // 回访: the calls 1, 3 and 6 months after each start, logged on their day (still working) while
  // the job lasted; one in ten is still owed, so the due list has something overdue, not a wall of it.
  const calls = [...placed].map(([j, id]) => ({
    id,
    recorded: writtenOn(j.person, addDays(j.startDate, 1)),
    checks: checksOf(j.startDate).filter((c) => c.dueOn <= '2026-11-19' && (!j.endDate || c.dueOn < j.endDate) && rand() < 0.9).map((c) => ({ ...c, late: intBetween(rand, 0, 4) })),
  }))
  let checked = 0
  await eachLimit(calls, 8, async ({ id, recorded, checks }) => {
    // One placement's calls one after another: each meets its own due item beside the same placement.
    for (const c of checks) {
      const due = addDays(c.dueOn, c.late)
      const day = due > recorded ? due : recorded
      if (await tryStep(skipped, () => Placements.logCheck(on(at(day)), maker, id, { month: c.month, outcome: 'working', on: day, note: '' }))) checked++
    }
  })
  say(`past checks after placement: ${checked}`)
  let ended = 0
  await eachLimit([...placed].filter(([j]) => j.endDate), 8, async ([j, id]) => {
    const recorded = writtenOn(j.person, addDays(j.startDate, 1))
    const endWritten = addDays(recorded > j.endDate! ? recorded : j.endDate!, 1)
    if (await tryStep(skipped, () => Placements.end(on(at(endWritten)), maker, id, j.endDate!, j.reason!))) ended++
  })
  say(`past placements ended: ${ended}`)

  // Certificates: people with a skill got one this year; most are verified on the national lookup.
  const certified = people.filter((p) => p.skills.length > 0 && rand() < 0.2)
  let certificates = 0
  let verified = 0
  await eachLimit(certified.map((p, i) => ({ p, i, issueDate: dayOf(2026, rand, 1, 11), verify: rand() < 0.75, level: pick(rand, [3, 4, 4, 5, 5]) })), 8, async ({ p, i, issueDate, verify, level }) => {
    if (issueDate > '2026-11-18' || !canWork(p, issueDate)) return
    const c = await tryStep(skipped, () =>
      Certificates.add(on(at(writtenOn(p, addDays(issueDate, 3)))), maker, { seekerId: p.id, kind: 'skillLevel', level, occupation: p.skills[0]!, number: `S2026411003${String(i + 1).padStart(6, '0')}`, issuer: '许昌市职业技能鉴定指导中心', issueDate }),
    )
    if (!c) return
    certificates++
    if (verify && (await tryStep(skipped, () => Certificates.verify(on(at(addDays(writtenOn(p, addDays(issueDate, 3)), 7))), checker, c.id, { method: 'nationalLookup' })))) verified++
  })
  say(`past certificates: ${certificates} (${verified} verified)`)

  // Transport subsidy 交通补贴 for 2026's work away from the county, three months in: 王主任 makes
  // the claim, 孙静 checks it; approved ones go on notice in batches and are paid when it ends.
  const away = [...placed.keys()].filter((j) => j.startDate >= '2026-01-01' && j.destination !== 'inCounty' && j.person.category !== 'other' && (!j.endDate || j.endDate >= addDays(j.startDate, 95)))
  const claimed: { id: string; day: string; seekerId: string }[] = []
  await eachLimit(away.map((j) => ({ j, day: addDays(j.startDate, intBetween(rand, 95, 120)) })), 8, async ({ j, day }) => {
    if (day > '2026-11-18') return
    const made = await tryStep(skipped, async () => {
      const c = await Claims.create(on(at(day)), maker, { kind: 'transport', period: '2026', seekerId: j.person.id })
      return Claims.submit(on(at(day, 3)), maker, c.id)
    })
    if (made) claimed.push({ id: made.id, day, seekerId: j.person.id })
  })
  claimed.sort((a, b) => a.day.localeCompare(b.day) || a.seekerId.localeCompare(b.seekerId))
  let approved = 0
  const approvedIds: { id: string; day: string }[] = []
  // The last fortnight's claims, and a few older ones, still wait for the checker (待复核 on the to-do list).
  const toApprove = claimed.filter((c) => c.day <= '2026-11-05' && rand() >= 0.1)
  await eachLimit(toApprove, 8, async (c) => {
    const day = addDays(c.day, 2)
    if (await tryStep(skipped, () => Claims.approve(on(at(day)), checker, c.id))) {
      approved++
      approvedIds.push({ id: c.id, day })
    }
  })
  // Batches: notice on the day after the last claim it holds was approved; the first two are paid
  // after their notice ends, the third is still on notice or ready to pay.
  const rounds = [
    { through: '2026-07-31', pay: true },
    { through: '2026-09-30', pay: true },
    { through: '2026-11-10', pay: false },
  ]
  let batches = 0
  let paid = 0
  let from = ''
  for (const round of rounds) {
    const ids = approvedIds.filter((c) => c.day > from && c.day <= round.through)
    from = round.through
    if (ids.length === 0) continue
    const noticeDay = addDays(ids.reduce((m, c) => (c.day > m ? c.day : m), ''), 1)
    const batch = await tryStep(skipped, () => Claims.createNoticeBatch(on(at(noticeDay)), maker, ids.map((c) => c.id)))
    if (!batch) continue
    batches++
    if (round.pay) {
      const payAt = new Date(Date.parse(batch.noticeUntil) + DAY)
      const r = await tryStep(skipped, () => Claims.payBatch(on(payAt), maker, batch.id))
      paid += r?.paidNow ?? 0
    }
  }
  say(`past claims: ${claimed.length} (${approved} approved, ${batches} batches, ${paid} paid)`)
  await deps.db.doc.send(new PutCommand({ TableName: deps.db.table, Item: { ...seedMarkerKey(PAST_VERSION), entity: 'seed', at: new Date().toISOString() } }))
  const counts = { placements: placed.size, checked, ended, certificates, verified, claims: claimed.length, approved, batches, paid, skipped: Object.fromEntries(skipped) }
  if (skipped.size) say(`past: refused by the rules and left out: ${JSON.stringify(counts.skipped)}`)
  return counts
}
