import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb'
import { addDays, addMonths } from '../../shared/dates.js'
import { eachLimit } from '../../shared/each-limit.js'
import { DomainError } from '../../shared/errors.js'
import { intBetween, pick, seededRandom } from '../../shared/random.js'
import type { ReturneeIntent } from '../../shared/schemas/following.js'
import type { CaseStep } from '../../shared/following/case-rules.js'
import type { NewCase } from '../../shared/schemas/monitoring.js'
import * as Cases from '../core/cases.js'
import type { Actor, Deps } from '../core/deps.js'
import * as Graduates from '../core/graduates.js'
import * as Households from '../core/households.js'
import * as Placements from '../core/placements.js'
import * as Returnees from '../core/returnees.js'
import { seedMarkerKey } from '../db/keys.js'
import { DEMO_ACCOUNTS, DEMO_TOWNSHIP, demoHouseholdHeads, demoHouseholdId, type SeedData } from './seed-data.js'

/**
 * The demo district's following (issue 13) in its past: households with their helpers (帮扶责任人),
 * monitoring cases (防止返贫动态监测) at every step — a few overdue, some approved with a plan, a few
 * closed as risk eliminated after six months —, returnees (返乡回流) with their services, some placed,
 * and graduates (毕业生) with their plans. Written through the use cases on their own days, as the
 * rest of the past (seed-past.ts); its own marker, so a database that already has the past gets it
 * once on top.
 */
export const FOLLOWING_PAST_VERSION = 'past-following-v1'
/** The past ends here (seed-past.ts writes up to the same day). */
const LAST = '2026-11-19'
const at = (day: string) => new Date(`${day}T02:00:00Z`)

export async function hasFollowingPast(deps: Deps): Promise<boolean> {
  return Boolean((await deps.db.doc.send(new GetCommand({ TableName: deps.db.table, Key: seedMarkerKey(FOLLOWING_PAST_VERSION) }))).Item)
}

export interface FollowingCounts {
  households: number
  cases: number
  closed: number
  returnees: number
  returneeServices: number
  placedReturnees: number
  graduates: number
  graduateServices: number
  skipped: Record<string, number>
}

type Person = SeedData['seekers'][number]
const birthOf = (p: Person) => `${p.idNumber.slice(6, 10)}-${p.idNumber.slice(10, 12)}-${p.idNumber.slice(12, 14)}`
/** A record is written no earlier than the day after the person's file was made. */
const notBeforeFile = (p: Person, day: string) => {
  const made = addDays(p.createdAt.slice(0, 10), 1)
  return made > day ? made : day
}

/** A case's plan, by where it stands on the past's last day. */
type CaseShape = { reach: CaseStep | 'none'; plan?: boolean; measure?: boolean; close?: boolean }
/** 20 cases: 3 closed after six months, 6 planned (4 with a measure done), 4 approved (one plan overdue), 7 on the way (some overdue). */
const SHAPES: { signalOn: string; shape: CaseShape }[] = [
  { signalOn: '2026-02-03', shape: { reach: 'approval', plan: true, measure: true, close: true } },
  { signalOn: '2026-03-09', shape: { reach: 'approval', plan: true, measure: true, close: true } },
  { signalOn: '2026-04-13', shape: { reach: 'approval', plan: true, measure: true, close: true } },
  { signalOn: '2026-05-11', shape: { reach: 'approval', plan: true, measure: true } },
  { signalOn: '2026-06-15', shape: { reach: 'approval', plan: true, measure: true } },
  { signalOn: '2026-07-06', shape: { reach: 'approval', plan: true, measure: true } },
  { signalOn: '2026-08-10', shape: { reach: 'approval', plan: true, measure: true } },
  { signalOn: '2026-09-07', shape: { reach: 'approval', plan: true } },
  { signalOn: '2026-09-28', shape: { reach: 'approval', plan: true } },
  { signalOn: '2026-10-12', shape: { reach: 'approval' } }, // its plan (due ten days after approval) is overdue
  { signalOn: '2026-10-26', shape: { reach: 'approval' } },
  { signalOn: '2026-11-02', shape: { reach: 'approval' } },
  { signalOn: '2026-11-03', shape: { reach: 'townshipReview' } },
  { signalOn: '2026-11-01', shape: { reach: 'crossCheck' } }, // approval overdue on the 16th day
  { signalOn: '2026-11-09', shape: { reach: 'notice' } },
  { signalOn: '2026-11-10', shape: { reach: 'visit' } }, // cross-check overdue
  { signalOn: '2026-11-12', shape: { reach: 'none' } }, // visit overdue
  { signalOn: '2026-11-15', shape: { reach: 'visit' } },
  { signalOn: '2026-11-17', shape: { reach: 'none' } },
  { signalOn: '2026-11-18', shape: { reach: 'none' } },
]
const RISKS: NewCase['riskType'][] = ['illness', 'illness', 'incomeDrop', 'incomeDrop', 'accident', 'disaster', 'schooling', 'other']
const SOURCES = ['application', 'cadreVisit', 'departmentData'] as const
const MEASURES = [
  { kind: 'post', description: '推荐就近帮扶车间岗位' },
  { kind: 'training', description: '参加电商直播技能培训' },
  { kind: 'publicWelfarePost', description: '安置乡村公益性岗位（保洁员）' },
  { kind: 'subsidy', description: '申请一次性交通补贴' },
  { kind: 'laborExport', description: '组织劳务输出至昆山电子厂' },
] as const
const STEP_NOTES: Record<CaseStep, string> = { visit: '入户核实，签署授权书', crossCheck: '与医保、民政、残联数据比对', notice: '村民代表评议，村内公示', townshipReview: '乡镇审核通过', approval: '县级审定纳入监测对象' }
/** Days after the previous step (the notice runs its five days before the township review). */
const STEP_GAP: Record<CaseStep, [number, number]> = { visit: [1, 2], crossCheck: [2, 4], notice: [1, 1], townshipReview: [5, 6], approval: [1, 2] }
const STEPS: CaseStep[] = ['visit', 'crossCheck', 'notice', 'townshipReview', 'approval']

/** Officials without an account, helpers of households outside the demo township (phones are illustrative). */
const OFFICIALS = [
  { name: '村支书 王建设', phone: '13937400101' },
  { name: '驻村第一书记 赵红', phone: '13937400102' },
  { name: '村会计 孙志强', phone: '13937400103' },
]

export async function seedFollowingPast(deps: Deps, data: SeedData, onProgress: (msg: string) => void = () => {}): Promise<FollowingCounts> {
  const started = Date.now()
  const say = (m: string) => onProgress(`${m} (${((Date.now() - started) / 1000).toFixed(1)} s)`)
  const rand = seededRandom(20260213)
  const skipped = new Map<string, number>()
  const step = async <T>(work: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await work()
    } catch (e) {
      if (!(e instanceof DomainError)) throw e
      skipped.set(e.code, (skipped.get(e.code) ?? 0) + 1)
      return undefined
    }
  }
  const staff = (i: number): Actor => {
    const a = DEMO_ACCOUNTS[i]!
    return { userId: a.id, role: 'officer', scope: a.scope!, sessionId: 'seed-past' }
  }
  const district = staff(1) // 区就业专干 王主任
  const township = staff(2) // 灵井镇专干 李敏, lingjing
  const on = (day: string): Deps => ({ ...deps, now: () => at(day) })
  const actorFor = (t: string) => (t === DEMO_TOWNSHIP ? township : district)
  const responsibleFor = (t: string) => (t === DEMO_TOWNSHIP ? DEMO_ACCOUNTS[2]! : DEMO_ACCOUNTS[1]!)
  const others = data.seekers.slice(1)

  // Households: half in the demo township (helper 李敏), the rest with 王主任 or a village official.
  // Their heads' and members' files name them already (seed-data.ts joinDemoHouseholds).
  const heads = demoHouseholdHeads(data.seekers)
  const households: { id: string; township: string; registeredOn: string }[] = []
  await eachLimit(
    heads.map((p, i) => ({ p, i })),
    6,
    async ({ p, i }) => {
      const id = demoHouseholdId(p, i)
      // The household's register is not the head's file: it may be older than the file.
      const registeredOn = `2026-01-${String(5 + (i % 20)).padStart(2, '0')}`
      const who = actorFor(p.township)
      const h = await step(() => Households.create(on(registeredOn), who, { id, township: p.township, village: p.village, headName: p.name }))
      if (!h) return
      const helper = p.township === DEMO_TOWNSHIP ? { kind: 'officer' as const, userId: township.userId } : i % 2 ? { kind: 'officer' as const, userId: district.userId } : { kind: 'official' as const, ...OFFICIALS[i % OFFICIALS.length]! }
      if (await step(() => Households.assignHelper(on(registeredOn), who, id, helper))) households.push({ id, township: p.township, registeredOn })
    },
  )
  households.sort((a, b) => a.id.localeCompare(b.id))
  say(`past households with helpers: ${households.length}`)

  // Cases: one per household, each step on its own day.
  let cases = 0
  let closed = 0
  await eachLimit(
    SHAPES.slice(0, households.length).map((s, i) => ({ ...s, h: households[i]!, risk: pick(rand, RISKS), source: pick(rand, SOURCES), gaps: STEPS.map((st) => intBetween(rand, ...STEP_GAP[st])) })),
    6,
    async ({ signalOn, shape, h, risk, source, gaps }) => {
      const who = actorFor(h.township)
      const signal = signalOn < h.registeredOn ? h.registeredOn : signalOn
      const c = await step(() => Cases.open(on(signal), who, { householdId: h.id, source, riskType: risk, signalOn: signal, note: '' }))
      if (!c) return
      cases++
      let day = signal
      for (const [i, st] of STEPS.entries()) {
        if (shape.reach === 'none') break
        day = addDays(day, gaps[i]!)
        if (day > LAST) return
        if (!(await step(() => Cases.recordStep(on(day), who, c.id, { step: st, on: day, note: STEP_NOTES[st] })))) return
        if (st === shape.reach) break
      }
      if (!shape.plan) return
      const planOn = addDays(day, 3)
      if (planOn > LAST) return
      const measures = [MEASURES[cases % MEASURES.length]!, MEASURES[(cases + 2) % MEASURES.length]!]
      if (!(await step(() => Cases.plan(on(planOn), who, c.id, { on: planOn, measures: measures.map((m) => ({ ...m })) })))) return
      if (!shape.measure) return
      const doneOn = addDays(planOn, 20)
      if (doneOn > LAST || !(await step(() => Cases.measureDone(on(doneOn), who, c.id, { index: 0, on: doneOn, note: '已落实' })))) return
      if (!shape.close) return
      // 风险消除: six months after the approval, and a few days more.
      const closeOn = addDays(addMonths(day, 6), 3)
      if (closeOn <= LAST && (await step(() => Cases.close(on(closeOn), who, c.id, { on: closeOn, note: '家庭收入恢复稳定，风险消除' })))) closed++
    },
  )
  say(`past monitoring cases: ${cases} (${closed} closed)`)

  // Returnees: people who came back this year, with a plan by what they want.
  const INTENTS: ReturneeIntent[] = ['employment', 'employment', 'employment', 'employment', 'entrepreneurship', 'entrepreneurship', 'entrepreneurship', 'industry', 'undecided', 'undecided']
  const back = others.filter((p) => p.groups.includes('returnee') && (p.laborCapacity === 'full' || p.laborCapacity === 'half')).slice(0, 30)
  let returnees = 0
  let returneeServices = 0
  let placedReturnees = 0
  await eachLimit(
    back.map((p, i) => ({ p, i, intent: INTENTS[i % INTENTS.length]!, opened: notBeforeFile(p, `2026-${String(intBetween(rand, 4, 10)).padStart(2, '0')}-${String(intBetween(rand, 1, 28)).padStart(2, '0')}`), gap: intBetween(rand, 2, 6), place: rand() < 0.45 })),
    6,
    async ({ p, i, intent, opened, gap, place }) => {
      if (opened > addDays(LAST, -3) || birthOf(p) > '2008-01-01') return
      const who = actorFor(p.township)
      const resp = responsibleFor(p.township)
      const r = await step(() =>
        Returnees.create(on(opened), who, { seekerId: p.id, returnDate: addDays(opened, -intBetween(rand, 5, 40)), workedIn: pick(rand, ['江苏昆山', '广东东莞', '浙江义乌', '郑州航空港']), previousTrade: pick(rand, ['电子厂普工', '建筑工', '物流分拣', '餐饮服务']), reason: pick(rand, ['jobLoss', 'family', 'lowWages', 'health'] as const), intent, responsible: resp.name.slice(-8), responsibleUserId: resp.id, wantsLoan: intent === 'entrepreneurship' && i % 2 === 0 }),
      )
      if (!r) return
      returnees++
      const svc = async (kind: Parameters<typeof Returnees.logService>[3]['kind'], day: string, note: string) => {
        if (day > LAST) return false
        const ok = await step(() => Returnees.logService(on(day), who, p.id, { kind, on: day, note, outcome: 'done' }))
        if (ok) returneeServices++
        return Boolean(ok)
      }
      const first = addDays(opened, gap)
      if (intent === 'employment') {
        await svc('jobOffer', first, '推荐帮扶车间及企业岗位')
        // Some found work: the placement settles the record by itself (placed-records.ts).
        const start = addDays(first, intBetween(rand, 5, 20))
        if (place && start <= LAST) {
          const pl = await step(() => Placements.recordExternal(on(start), who, { seekerId: p.id, title: '发制品加工工', kind: 'enterprise', employer: '许昌瑞贝卡发制品股份有限公司', township: p.township, destination: 'outOfCountyInCity', startDate: start }))
          if (pl) placedReturnees++
        }
      } else if (intent === 'entrepreneurship') {
        await svc('consult', first, '创业政策咨询')
        if (i % 3 !== 0) await svc('projectPlan', addDays(first, 14), '协助编制项目计划书')
      } else if (intent === 'industry') {
        await svc('industrySupport', first, '对接区农业农村局技术员')
      } else if (i % 2) await svc('visit', first, '入户走访，了解就业意向')
    },
  )
  say(`past returnees: ${returnees} (${returneeServices} services, ${placedReturnees} placed)`)

  // Graduates of alleviated and monitored households (2026), each with the default plan.
  const grads = others.filter((p) => p.groups.includes('graduate') && p.category !== 'other' && p.school && p.major).slice(0, 20)
  let graduates = 0
  let graduateServices = 0
  await eachLimit(
    grads.map((p, i) => ({ p, i, opened: notBeforeFile(p, `2026-0${intBetween(rand, 7, 9)}-${String(intBetween(rand, 1, 28)).padStart(2, '0')}`), wantsTraining: rand() < 0.3 })),
    6,
    async ({ p, i, opened, wantsTraining }) => {
      if (opened > addDays(LAST, -3)) return
      const who = actorFor(p.township)
      const resp = responsibleFor(p.township)
      const g = await step(() =>
        Graduates.create(on(opened), who, { seekerId: p.id, source: 'household', school: p.school!, major: p.major!, graduationYear: 2026, degree: p.education === 'bachelor' ? 'bachelor' : 'college', intent: 'employment', status: 'seeking', wantsTraining, responsible: resp.name.slice(-8), responsibleUserId: resp.id }),
      )
      if (!g) return
      graduates++
      const svc = async (kind: 'guidance' | 'jobOffer' | 'training', day: string, note: string) => {
        if (day <= LAST && (await step(() => Graduates.logService(on(day), who, p.id, { kind, on: day, note, outcome: 'done' })))) graduateServices++
      }
      // Most had their guidance; some one or two offers; one in four found work (status employed).
      if (i % 5 !== 4) await svc('guidance', addDays(opened, 10), '一对一就业指导')
      if (i % 2 === 0) await svc('jobOffer', addDays(opened, 20), '推荐许继电气岗位')
      if (i % 4 === 0) await svc('jobOffer', addDays(opened, 45), '推荐胖东来岗位')
      if (wantsTraining) await svc('training', addDays(opened, 30), '参加电商直播培训')
      const employedOn = addDays(opened, 60)
      if (i % 4 === 1 && employedOn <= LAST) await step(() => Graduates.update(on(employedOn), who, p.id, { status: 'employed', outcomeNote: '已在本地企业就业' }))
    },
  )
  say(`past graduates: ${graduates} (${graduateServices} services)`)

  await deps.db.doc.send(new PutCommand({ TableName: deps.db.table, Item: { ...seedMarkerKey(FOLLOWING_PAST_VERSION), entity: 'seed', at: new Date().toISOString() } }))
  const counts = { households: households.length, cases, closed, returnees, returneeServices, placedReturnees, graduates, graduateServices, skipped: Object.fromEntries(skipped) }
  if (skipped.size) say(`following past: refused by the rules and left out: ${JSON.stringify(counts.skipped)}`)
  return counts
}
