/**
 * 防止返贫动态监测 monitoring cases: a risk signal for a household opens a case that moves through
 * the steps to county approval, then the helper's plan of measures, then 风险消除 closing. The rules
 * are shared/following/case-rules.ts; each change is one transaction with its audit and due items.
 */
import { districtDate } from '../../shared/dates.js'
import { DomainError, FieldRefusal } from '../../shared/errors.js'
import { caseClocks, closeRefusal, dueOnOf, planRefusal, statusOf, stepRefusal, type Refusal } from '../../shared/following/case-rules.js'
import type { Page } from '../../shared/schemas/common.js'
import type { MonitoringCase, NewCase } from '../../shared/schemas/monitoring.js'
import type * as z from 'zod'
import type { CloseInput, MeasureDoneInput, PlanInput, StepInput } from '../../shared/schemas/monitoring.js'
import { acrossTownships } from '../db/across.js'
import { createCase, getCase, listCasesOfTownship, saveCase } from '../db/cases.js'
import { membersOf, riskEliminatedWrite } from '../db/households.js'
import { newId } from '../db/ids.js'
import type { TxItem } from '../db/tx.js'
import { allow, by, inScope, listTownships } from './access.js'
import type { Actor, Deps } from './deps.js'
import { dueWrites, newSubjectDueWrites, openDueOf, type DuePut } from './due.js'
import * as Households from './households.js'
import * as Seekers from './seekers.js'

const refuse = (r: Refusal | undefined) => {
  if (r) throw new FieldRefusal(r.code, r.field, r.message, r.messageEn)
}
const noCase = () => new DomainError('case.notFound', 'notFound', '监测记录不存在', 'Monitoring case not found')
/**
 * A closing writes each member's file in its transaction: a household larger than this is refused, never half-written.
 * 56 files + their seeker-index rows (at most 16 chunks and 16 heads) + case, open-case, household, audit and dues stay within DynamoDB's 100 items.
 */
const MAX_MEMBERS = 56

/** A case is seen and moved by officers of its township (or the district); to anyone else it does not exist. */
export async function fromId(deps: Deps, actor: Actor, id: string): Promise<MonitoringCase> {
  allow(actor, 'officer', 'admin')
  const c = await getCase(deps.db, id)
  if (!c || !inScope(actor, c.township)) throw noCase()
  return c
}

export const withClocks = (c: MonitoringCase, today: string) => ({ ...c, clocks: caseClocks(c, today) })

export async function detail(deps: Deps, actor: Actor, id: string) {
  return withClocks(await fromId(deps, actor, id), districtDate(deps.now()))
}

export function list(deps: Deps, actor: Actor, q: { township?: string | undefined; status?: string | undefined; limit: number; cursor?: string | undefined }): Promise<Page<MonitoringCase>> {
  allow(actor, 'officer', 'admin')
  const page = { limit: q.limit, ...(q.cursor ? { cursor: q.cursor } : {}) }
  return acrossTownships(deps.db, ['cases', q.status ?? null], listTownships(actor, q.township), page, (t, p) => listCasesOfTownship(deps.db, t, q.status, p))
}

const due = (c: MonitoringCase, kind: 'case.visit' | 'case.crossCheck' | 'case.approval' | 'case.plan', from: string): DuePut => ({
  kind,
  subjectType: 'case',
  subjectId: c.id,
  township: c.township,
  helperId: c.helperId,
  title: c.headName,
  dueOn: dueOnOf(kind, from),
})
const met = (c: MonitoringCase, kind: string, on: string, outcome = 'done') => ({ kind, subjectType: 'case', subjectId: c.id, on, outcome })

/** A risk signal opens a case for a household in scope (one open case per household). */
export async function open(deps: Deps, actor: Actor, input: NewCase): Promise<MonitoringCase> {
  const h = await Households.fromId(deps, actor, input.householdId)
  const today = districtDate(deps.now())
  if (input.signalOn > today) throw new FieldRefusal('case.stepInFuture', 'signalOn', '日期不能晚于今天', 'The date cannot be after today')
  const at = deps.now().toISOString()
  const c: MonitoringCase = {
    id: newId(),
    householdId: h.id,
    headName: h.headName,
    township: h.township,
    village: h.village,
    ...(h.helper ? { helperId: h.helper.id } : {}),
    source: input.source,
    riskType: input.riskType,
    signalOn: input.signalOn,
    note: input.note,
    status: 'open',
    steps: [],
    measures: [],
    openedBy: actor.userId,
    createdAt: at,
    updatedAt: at,
  }
  const dues = newSubjectDueWrites(deps, [due(c, 'case.visit', c.signalOn), due(c, 'case.approval', c.signalOn)])
  return createCase(deps.db, c, dues, deps.now(), { objectType: 'case', objectId: c.id, action: 'case.open', ...by(actor), after: { householdId: h.id, source: c.source, riskType: c.riskType, signalOn: c.signalOn } })
}

async function save(deps: Deps, actor: Actor, before: MonitoringCase, after: MonitoringCase, action: string, extra: TxItem[], note: Record<string, unknown>) {
  const next = { ...after, status: statusOf(after), updatedAt: deps.now().toISOString() }
  const saved = await saveCase(deps.db, before, next, extra, deps.now(), { objectType: 'case', objectId: before.id, action, ...by(actor), before: { status: before.status }, after: { status: next.status, ...note } })
  return withClocks(saved, districtDate(deps.now()))
}

/** Records the next step (who, when, note); the clocks it meets leave the due list, the next ones join it. */
export async function recordStep(deps: Deps, actor: Actor, id: string, input: z.infer<typeof StepInput>) {
  const c = await fromId(deps, actor, id)
  refuse(stepRefusal(c, input.step, input.on, districtDate(deps.now())))
  const after: MonitoringCase = { ...c, steps: [...c.steps, { step: input.step, on: input.on, by: actor.userId, at: deps.now().toISOString(), note: input.note }] }
  const changes =
    input.step === 'visit'
      ? { complete: [met(c, 'case.visit', input.on)], put: [due(c, 'case.crossCheck', input.on)] }
      : input.step === 'crossCheck'
        ? { complete: [met(c, 'case.crossCheck', input.on)] }
        : input.step === 'approval'
          ? { complete: [met(c, 'case.approval', input.on)], put: [due(c, 'case.plan', input.on)] }
          : {}
  return save(deps, actor, c, after, `case.${input.step}`, await dueWrites(deps, changes), { step: input.step, on: input.on, note: input.note })
}

/** The helper's plan of measures, after approval (due within 10 days of it). */
export async function plan(deps: Deps, actor: Actor, id: string, input: z.infer<typeof PlanInput>) {
  const c = await fromId(deps, actor, id)
  refuse(planRefusal(c, input.on, districtDate(deps.now())))
  const after: MonitoringCase = { ...c, plannedOn: input.on, measures: input.measures.map((m) => ({ ...m, status: 'planned' as const })) }
  return save(deps, actor, c, after, 'case.plan', await dueWrites(deps, { complete: [met(c, 'case.plan', input.on)] }), { plannedOn: input.on, measures: input.measures.length })
}

/** A measure of the plan carried out (落实), on a day from the plan to today. */
export async function measureDone(deps: Deps, actor: Actor, id: string, input: z.infer<typeof MeasureDoneInput>) {
  const c = await fromId(deps, actor, id)
  const today = districtDate(deps.now())
  const m = c.measures[input.index]
  if (c.closedOn) refuse({ code: 'case.closed', field: 'index', message: '该监测已结案', messageEn: 'This case is closed' })
  if (!c.plannedOn || !m) refuse({ code: 'case.noSuchMeasure', field: 'index', message: '帮扶计划中没有这项措施', messageEn: 'The plan has no such measure' })
  if (m!.status === 'done') refuse({ code: 'case.measureDone', field: 'index', message: '该措施已落实', messageEn: 'This measure is already carried out' })
  if (input.on > today) refuse({ code: 'case.stepInFuture', field: 'on', message: '日期不能晚于今天', messageEn: 'The date cannot be after today' })
  if (input.on < c.plannedOn!) refuse({ code: 'case.measureBeforePlan', field: 'on', message: `日期不能早于计划制定日（${c.plannedOn}）`, messageEn: `The date cannot be before the plan (${c.plannedOn})` })
  const measures = c.measures.map((x, i) => (i === input.index ? { ...x, status: 'done' as const, doneOn: input.on, ...(input.note ? { note: input.note } : {}) } : x))
  return save(deps, actor, c, { ...c, measures }, 'case.measureDone', [], { index: input.index, kind: m!.kind, on: input.on })
}

/**
 * 风险消除: closes the case once monitored ≥ 6 months with ≥ 1 measure carried out (else 400 with
 * the reason); the household and each member's file take the day, through the seekers' core, and
 * what the case still had due is met, all in one transaction.
 */
export async function close(deps: Deps, actor: Actor, id: string, input: z.infer<typeof CloseInput>) {
  const c = await fromId(deps, actor, id)
  refuse(closeRefusal(c, input.on, districtDate(deps.now())))
  const members = await membersOf(deps.db, { id: c.householdId, township: c.township })
  if (members.length > MAX_MEMBERS) throw new DomainError('case.householdTooLarge', 'conflict', `该户成员超过 ${MAX_MEMBERS} 人，请核对户编号`, `The household has more than ${MAX_MEMBERS} members; check its number`)
  const stillDue = await openDueOf(deps, 'case', c.id)
  const extra = [
    riskEliminatedWrite(deps.db, c.householdId, input.on, deps.now()),
    ...Seekers.riskEliminatedWrites(deps, members, input.on),
    ...(await dueWrites(deps, { complete: stillDue.map((d) => met(c, d.kind, input.on, 'closed')) })),
  ]
  return save(deps, actor, c, { ...c, closedOn: input.on }, 'case.close', extra, { closedOn: input.on, note: input.note, members: members.map((m) => m.id) })
}
