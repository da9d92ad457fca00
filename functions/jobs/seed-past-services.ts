import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb'
import { eachLimit } from '../../shared/each-limit.js'
import { addDays } from '../../shared/dates.js'
import { intBetween, pick, seededRandom } from '../../shared/random.js'
import type { DifficultyInput } from '../../shared/schemas/workshops.js'
import type { Actor, Deps } from '../core/deps.js'
import * as Certificates from '../core/certificates.js'
import * as MatchRuns from '../core/match-runs.js'
import * as Trainings from '../core/trainings.js'
import * as Workshops from '../core/workshops.js'
import * as Yulu from '../core/yulu.js'
import { seedMarkerKey } from '../db/keys.js'
import { runJob } from './runner.js'
import { DEMO_ACCOUNTS, type SeedData } from './seed-data.js'
// The same days, clock and refusal counting as the rest of the past.
import { at, dayOf, tryStep } from './seed-past.js'

/**
 * The rest of the demo district's past, beside seed-past.ts (placements, certificates, claims):
 * last year's certificates (so 新增持证 has a 2025 beside 2026), trainings (培训台账), 雨露计划
 * terms of the students, workshop owners' difficulties (困难诉求) — most answered, a few open for
 * weeks — and one match run in 灵井镇, solved and published. Through
 * the use cases, each on its own day; deterministic; once (its own marker, so a district that has
 * the first past gets this part at its next start).
 */
export const SERVICES_VERSION = 'past-services-v1'

/** Courses the district's training providers run (hours as their plans give them). */
const COURSES = [
  { course: '电工（初级）培训', provider: '建安区职业技能培训中心', hours: 120 },
  { course: '中式面点师培训', provider: '许昌市技师学院', hours: 80 },
  { course: '家政服务员培训', provider: '建安区巾帼家政培训学校', hours: 60 },
  { course: '电商直播营销培训', provider: '许昌电子商务公共服务中心', hours: 40 },
  { course: '发制品加工技能培训', provider: '灵井镇发制品行业协会', hours: 48 },
  { course: '食用菌种植技术培训', provider: '建安区农业技术推广中心', hours: 32 },
]
const DIFFICULTIES: DifficultyInput[] = [
  { kind: 'orders', description: '外贸订单减少，二季度订单比去年同期少三成，担心留不住工人。' },
  { kind: 'funds', description: '新增两台设备需要周转资金约 8 万元，想了解帮扶车间贷款贴息政策。' },
  { kind: 'logistics', description: '雨季村道积水，货车进不来，成品发货要绕行十公里。' },
  { kind: 'other', description: '车间用电负荷不够，夏天开空调经常跳闸，需要电力部门帮助增容。' },
  { kind: 'orders', description: '希望区里帮助对接电商平台，拓宽假发成品销路。' },
  { kind: 'funds', description: '去年的帮扶车间奖补还没有到账，请帮助查询进度。' },
]
const ANSWERS = ['已对接区商务局，推荐参加线上展会。', '已转区金融办，推荐申请创业担保贷款。', '已协调交通部门修缮村道。', '已联系供电所现场查看，下周增容。']

export async function hasServicesPast(deps: Deps): Promise<boolean> {
  return Boolean((await deps.db.doc.send(new GetCommand({ TableName: deps.db.table, Key: seedMarkerKey(SERVICES_VERSION) }))).Item)
}

export interface ServicesPastCounts {
  certificates2025: number
  trainings: number
  yuluTerms: number
  difficulties: number
  closed: number
  matchRun?: { id: string; status: string }
  skipped: Record<string, number>
}

export async function seedServicesPast(deps: Deps, data: SeedData, onProgress: (msg: string) => void = () => {}): Promise<ServicesPastCounts> {
  const rand = seededRandom(20260301)
  const skipped = new Map<string, number>()
  const officer: Actor = { userId: DEMO_ACCOUNTS[1]!.id, role: 'officer', scope: 'district', sessionId: 'seed-past' }
  // Jobs (a match run's solving and publishing) run to their end before the next step, on the step's clock.
  const on = (when: Date): Deps => {
    const d: Deps = { ...deps, now: () => when, jobs: { start: (job) => runJob(d, job) } }
    return d
  }
  const people = data.seekers.filter((p) => p.id !== data.seekers[0]!.id)

  // 2025's certificates, written down when the file was made, checked on the national lookup by the second officer 孙静 within a fortnight.
  const checker: Actor = { userId: DEMO_ACCOUNTS[6]!.id, role: 'officer', scope: 'district', sessionId: 'seed-past' }
  const holders = people.filter((p) => p.skills.length > 0 && Number(p.idNumber.slice(6, 10)) <= 2006 && rand() < 0.12)
  let certificates2025 = 0
  await eachLimit(holders.map((p, i) => ({ p, i, issueDate: dayOf(2025, rand, 3, 11), level: pick(rand, [3, 4, 4, 5, 5]) })), 8, async ({ p, i, issueDate, level }) => {
    // Counted in the year of issue, whenever it is written down (most files were made this year).
    const made = addDays(p.createdAt.slice(0, 10), 1)
    const written = made > addDays(issueDate, 3) ? made : addDays(issueDate, 3)
    const c = await tryStep(skipped, () => Certificates.add(on(at(written)), officer, { seekerId: p.id, kind: 'skillLevel', level, occupation: p.skills[0]!, number: `S2025411003${String(i + 1).padStart(6, '0')}`, issuer: '许昌市职业技能鉴定指导中心', issueDate }))
    if (c && (await tryStep(skipped, () => Certificates.verify(on(at(addDays(written, intBetween(rand, 2, 14)))), checker, c.id, { method: 'nationalLookup' })))) certificates2025++
  })
  onProgress(`past certificates of 2025: ${certificates2025} verified`)

  // 培训: people who can work took a course in 2025 or 2026; most passed, this autumn's still run.
  const trainees = people.filter((p) => (p.laborCapacity === 'full' || p.laborCapacity === 'half') && rand() < 0.06)
  let trainings = 0
  await eachLimit(trainees.map((p) => ({ p, c: pick(rand, COURSES), startDate: rand() < 0.4 ? dayOf(2025, rand, 3, 10) : dayOf(2026, rand, 2, 10) })), 8, async ({ p, c, startDate }) => {
    const endDate = addDays(startDate, Math.ceil(c.hours / 8) + 7)
    const result = endDate > '2026-11-15' ? 'ongoing' : rand() < 0.85 ? 'passed' : 'failed'
    const done = result === 'ongoing' ? addDays(startDate, 1) : addDays(endDate, 2)
    const made = addDays(p.createdAt.slice(0, 10), 1)
    const written = made > done ? made : done
    if (await tryStep(skipped, () => Trainings.add(on(at(written)), officer, { seekerId: p.id, ...c, startDate, endDate, result }))) trainings++
  })
  onProgress(`past trainings: ${trainings}`)

  // 雨露计划: each student's terms since autumn 2025, enrolled (this autumn a grade up).
  const students = people.filter((p) => p.groups.includes('yulu'))
  let yuluTerms = 0
  await eachLimit(students, 8, async (p) => {
    const grade = intBetween(rand, 1, 2)
    const base = { seekerId: p.id, school: p.school ?? '许昌职业技术学院', major: p.major ?? '机电一体化技术', status: 'enrolled' as const }
    for (const [term, day, g] of [['2025-autumn', '2025-09-20', grade], ['2026-spring', '2026-03-10', grade], ['2026-autumn', '2026-09-15', grade + 1]] as const) {
      const made = addDays(p.createdAt.slice(0, 10), 1)
      if (await tryStep(skipped, () => Yulu.put(on(at(made > day ? made : day)), officer, { ...base, term, grade: g }))) yuluTerms++
    }
  })
  onProgress(`past Yulu terms: ${yuluTerms}`)

  // 困难诉求: owners of active workshops report; officers answer most within two weeks.
  const reporting = data.workshops.filter((w) => w.status === 'recognized').slice(0, 12)
  let difficulties = 0
  let closed = 0
  for (const [i, w] of reporting.entries()) {
    const day = dayOf(i % 3 === 0 ? 2025 : 2026, rand, 3, 11)
    const reported = day > '2026-11-10' ? '2026-11-10' : day
    const owner: Actor = { userId: w.ownerId, role: 'owner', sessionId: 'seed-past' }
    const d = await tryStep(skipped, () => Workshops.reportTrouble(on(at(reported)), owner, w.id, DIFFICULTIES[i % DIFFICULTIES.length]!))
    if (!d) continue
    difficulties++
    // The last three stay open (past 7 days: on the to-do list).
    if (i < reporting.length - 3 && (await tryStep(skipped, () => Workshops.closeTrouble(on(at(addDays(reported, intBetween(rand, 3, 14)))), officer, d.id, pick(rand, ANSWERS))))) closed++
  }
  onProgress(`past difficulties: ${difficulties} (${closed} answered)`)

  // One match run of 灵井镇, solved and published a fortnight ago (its invitations went out then).
  const ran = on(at('2026-11-18'))
  const run = await tryStep(skipped, () => MatchRuns.create(ran, officer, { township: 'lingjing', kinds: ['workshop', 'publicWelfare', 'enterprise', 'laborExport'], mode: 'optimal' }))
  let matchRun: ServicesPastCounts['matchRun']
  if (run) {
    const solved = await MatchRuns.fromId(ran, officer, run.id)
    if (solved.status === 'done') await tryStep(skipped, () => MatchRuns.publish(on(at('2026-11-18', 6)), officer, run.id))
    const last = await MatchRuns.fromId(ran, officer, run.id)
    matchRun = { id: last.id, status: last.status }
  }
  onProgress(`past match run: ${matchRun ? `${matchRun.status}` : 'none'}`)

  await deps.db.doc.send(new PutCommand({ TableName: deps.db.table, Item: { ...seedMarkerKey(SERVICES_VERSION), entity: 'seed', at: new Date().toISOString() } }))
  return { certificates2025, trainings, yuluTerms, difficulties, closed, ...(matchRun ? { matchRun } : {}), skipped: Object.fromEntries(skipped) }
}
