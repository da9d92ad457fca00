/**
 * 毕业生 一人一档、一人一策 (measure 7): a record per college graduate of an alleviated or monitored
 * household, and per 雨露计划 graduate (雨露计划+), beside the seeker file; a plan with due days
 * (shared/following/graduates.ts), a log of services, and every status and plan change audited.
 */
import { addDays, recordDayRefusal } from '../../shared/dates.js'
import { FieldRefusal, refuseDay } from '../../shared/errors.js'
import { defaultGraduatePlan, dueItemsOf, goalOf, graduateNextDue, graduationDay, planRefusal } from '../../shared/following/graduates.js'
import { tallied } from '../../shared/following/tally.js'
import type { Page } from '../../shared/schemas/common.js'
import type { DueItem, Graduate, GraduateInput, GraduatePatch, GraduateQuery, GraduateServiceInput, PlanItem, ServiceEntry } from '../../shared/schemas/following.js'
import type { AuditDraft } from '../db/audit.js'
import { acrossTownships } from '../db/across.js'
import { createFollowed, getFollowed, listFollowed, pageServices, replaceFollowed } from '../db/following.js'
import { listYuluOfSeeker } from '../db/records.js'
import { allow, by, listTownships, notFound } from './access.js'
import type { Actor, Deps } from './deps.js'
import { checkResponsible, refuseServiceDay, refuseUnknownPost, serviceEntry, todayOf, withFreshRecord } from './following.js'
import { planDueWrites } from './plan-due.js'
import * as Seekers from './seekers.js'

export const withNextDue = (g: Graduate): Graduate => {
  const { nextDueOn: _old, ...rest } = g
  const next = graduateNextDue(g)
  return { ...rest, ...(next ? { nextDueOn: next } : {}) }
}

const history = (g: Graduate, title: string, status?: string, reason?: string): AuditDraft['history'] => ({ seekerId: g.seekerId, type: 'service', title, kind: 'graduate', ...(status ? { status } : {}), ...(reason ? { reason } : {}) })

function refusePlan(plan: readonly PlanItem[], wants: { wantsTraining: boolean; wantsInternship: boolean }) {
  const r = planRefusal(plan, wants)
  if (r) throw new FieldRefusal(r.code, 'plan', r.message, r.messageEn)
}

export async function create(deps: Deps, actor: Actor, input: GraduateInput): Promise<Graduate> {
  allow(actor, 'officer', 'admin')
  const s = await Seekers.forOfficer(deps, actor, input.seekerId)
  const today = todayOf(deps)
  // 脱贫家庭/监测户高校毕业生: the household decides; 雨露计划+: the person was a Yulu trainee.
  if (input.source === 'household' && s.category !== 'alleviated' && s.category !== 'monitored') {
    throw new FieldRefusal('graduate.household', 'source', '仅限脱贫户或监测户家庭的高校毕业生', 'Only graduates of alleviated or monitored households')
  }
  if (input.source === 'yulu' && !s.yulu && (await listYuluOfSeeker(deps.db, s.id)).length === 0) {
    throw new FieldRefusal('graduate.yulu', 'source', '此人没有雨露计划记录', 'This person has no Yulu record')
  }
  const fromFile = s.graduate ?? (s.yulu ? { school: s.yulu.school, major: s.yulu.major, graduationYear: s.yulu.expectedGraduation } : undefined)
  const school = input.school ?? fromFile?.school
  const major = input.major ?? fromFile?.major
  const graduationYear = input.graduationYear ?? fromFile?.graduationYear
  if (!school) throw new FieldRefusal('graduate.school', 'school', '请填写毕业院校', 'Enter the school')
  if (!major) throw new FieldRefusal('graduate.major', 'major', '请填写专业', 'Enter the major')
  if (!graduationYear) throw new FieldRefusal('graduate.year', 'graduationYear', '请填写毕业年份', 'Enter the year of graduating')
  const graduatedOn = graduationDay(graduationYear, input.graduatedOn)
  if (!graduatedOn.startsWith(String(graduationYear))) throw new FieldRefusal('graduate.graduatedOn', 'graduatedOn', '毕业日期应在毕业年份内', 'The day of graduating must fall in the year of graduating')
  // Graduating happens after the 16th birthday and at most a year ahead (a record may open before the summer).
  refuseDay('graduatedOn', recordDayRefusal('graduate.graduatedOn', graduatedOn, s.birthDate, addDays(today, 366)))
  await checkResponsible(deps, input.responsibleUserId, s.township)
  const wants = { wantsTraining: input.wantsTraining ?? false, wantsInternship: input.wantsInternship ?? false }
  const at = deps.now().toISOString()
  const g = withNextDue({
    seekerId: s.id,
    seekerName: s.name,
    idNumberMasked: s.idNumberMasked,
    township: s.township,
    village: s.village,
    source: input.source,
    school,
    major,
    graduationYear,
    graduatedOn,
    degree: input.degree,
    intent: input.intent,
    status: input.status,
    statusSince: today,
    ...wants,
    ...(input.needs ? { needs: input.needs } : {}),
    responsible: input.responsible,
    ...(input.responsibleUserId ? { responsibleUserId: input.responsibleUserId } : {}),
    plan: defaultGraduatePlan(today, wants),
    goalBy: goalOf(graduatedOn),
    services: {},
    openedOn: today,
    version: 1,
    createdBy: actor.userId,
    createdAt: at,
    updatedAt: at,
  })
  const dues = await planDueWrites(deps, 'graduate', g, dueItemsOf(g, today), today)
  return createFollowed(deps.db, 'graduate', g, { objectType: 'graduate', objectId: s.id, action: 'graduate.create', ...by(actor), after: { status: g.status, intent: g.intent, graduationYear, source: g.source }, history: history(g, '毕业生档案', g.status) }, deps.now(), dues)
}

export async function fromId(deps: Deps, actor: Actor, seekerId: string): Promise<Graduate> {
  allow(actor, 'seeker', 'officer', 'admin')
  const s = await Seekers.fromId(deps, actor, seekerId)
  const g = await getFollowed(deps.db, 'graduate', s.id)
  if (!g) throw notFound('graduate')
  return g
}

const toManage = async (deps: Deps, actor: Actor, seekerId: string) => {
  allow(actor, 'officer', 'admin')
  return fromId(deps, actor, seekerId)
}

export async function detail(deps: Deps, actor: Actor, seekerId: string): Promise<Graduate & { due: DueItem[] }> {
  const g = await fromId(deps, actor, seekerId)
  return { ...g, due: dueItemsOf(g, todayOf(deps)) }
}

export function list(deps: Deps, actor: Actor, q: GraduateQuery): Promise<Page<Graduate>> {
  allow(actor, 'officer', 'admin')
  const f = { group: q.graduationYear !== undefined ? String(q.graduationYear) : undefined, status: q.status, dueBy: q.dueBy }
  return acrossTownships(deps.db, ['graduates', f], listTownships(actor, q.township), q, (t, p) => listFollowed(deps.db, 'graduate', t, f, p))
}

/**
 * A change of status, intent, wishes or the plan, audited with what it was before. Wanting training
 * or an internship adds it to the plan (due in 30 days) unless the new plan holds it; a replaced
 * plan must still hold 3–5 offers and a guidance session.
 */
export async function update(deps: Deps, actor: Actor, seekerId: string, patch: GraduatePatch): Promise<Graduate> {
  return withFreshRecord(async () => {
    const g = await toManage(deps, actor, seekerId)
    const s = await Seekers.forOfficer(deps, actor, seekerId)
    const today = todayOf(deps)
    if (patch.responsibleUserId) await checkResponsible(deps, patch.responsibleUserId, s.township)
    const wants = { wantsTraining: patch.wantsTraining ?? g.wantsTraining, wantsInternship: patch.wantsInternship ?? g.wantsInternship }
    let plan = patch.plan ?? g.plan
    if (!patch.plan) {
      if (wants.wantsTraining && !plan.some((i) => i.kind === 'training')) plan = [...plan, { kind: 'training', dueOn: addDays(today, 30) }]
      if (wants.wantsInternship && !plan.some((i) => i.kind === 'internship')) plan = [...plan, { kind: 'internship', dueOn: addDays(today, 30) }]
    }
    refusePlan(plan, wants)
    const statusChanged = patch.status !== undefined && patch.status !== g.status
    const { plan: _p, outcomeNote, status: _s, ...rest } = patch
    const defined = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) as Partial<Graduate>
    const next = withNextDue({
      ...g,
      ...defined,
      ...wants,
      township: s.township,
      village: s.village,
      seekerName: s.name,
      plan,
      ...(statusChanged ? { status: patch.status!, statusSince: today } : {}),
      ...(outcomeNote ? { outcomeNote } : {}),
      version: g.version + 1,
      updatedAt: deps.now().toISOString(),
    })
    const keys = ['status', 'intent', 'wantsTraining', 'wantsInternship', 'needs', 'responsible', 'responsibleUserId', 'plan', 'outcomeNote'] as const
    const changed = keys.filter((k) => JSON.stringify(next[k]) !== JSON.stringify(g[k]))
    const pick = (x: Graduate) => Object.fromEntries(changed.map((k) => [k, x[k]]))
    return replaceFollowed(
      deps.db,
      'graduate',
      next,
      {
        objectType: 'graduate',
        objectId: g.seekerId,
        action: 'graduate.update',
        ...by(actor),
        before: pick(g),
        after: pick(next),
        ...(statusChanged || changed.includes('plan') ? { history: history(next, statusChanged ? next.status : 'plan', next.status, next.outcomeNote) } : {}),
      },
      deps.now(),
      undefined,
      await planDueWrites(deps, 'graduate', next, dueItemsOf(next, today), today),
    )
  })
}

export async function logService(deps: Deps, actor: Actor, seekerId: string, input: GraduateServiceInput): Promise<{ record: Graduate; service: ServiceEntry }> {
  return withFreshRecord(async () => {
    const g = await toManage(deps, actor, seekerId)
    const s = await Seekers.forOfficer(deps, actor, seekerId)
    const today = todayOf(deps)
    refuseServiceDay(s, input.on, today)
    await refuseUnknownPost(deps, input.postId)
    const service = serviceEntry('graduate', g.seekerId, actor, input, deps.now())
    const record = withNextDue({ ...g, services: { ...g.services, [input.kind]: tallied(g.services[input.kind], input) }, version: g.version + 1, updatedAt: deps.now().toISOString() })
    await replaceFollowed(
      deps.db,
      'graduate',
      record,
      {
        objectType: 'graduate',
        objectId: g.seekerId,
        action: 'graduate.service',
        ...by(actor),
        after: { serviceId: service.id, kind: input.kind, on: input.on, outcome: input.outcome },
        history: { seekerId: g.seekerId, type: 'service', title: input.kind, kind: 'graduate', status: input.outcome, startDate: input.on },
      },
      deps.now(),
      service,
      await planDueWrites(deps, 'graduate', record, dueItemsOf(record, today), input.on),
    )
    return { record, service }
  })
}

export async function services(deps: Deps, actor: Actor, seekerId: string, page: { limit: number; cursor?: string }): Promise<Page<ServiceEntry>> {
  const g = await fromId(deps, actor, seekerId)
  return pageServices(deps.db, 'graduate', g.seekerId, page)
}
