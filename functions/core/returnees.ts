/**
 * 返乡回流 returnee records (measure 6): one per person, beside the seeker file, kept by officers in
 * scope (the seeker reads their own); a plan of services by intent (shared/following/returnees.ts)
 * and a log of each service, every change audited in its own transaction.
 */
import { recordDayRefusal } from '../../shared/dates.js'
import { FieldRefusal, refuseDay } from '../../shared/errors.js'
import { returneeNextDue, dueItemsOf, type ReturneeRules } from '../../shared/following/returnees.js'
import { tallied } from '../../shared/following/tally.js'
import type { Page } from '../../shared/schemas/common.js'
import type { Business, DueItem, Returnee, ReturneeInput, ReturneeIntent, ReturneePatch, ReturneeQuery, ReturneeServiceInput, ServiceEntry } from '../../shared/schemas/following.js'
import type { Application, Placement } from '../../shared/schemas/applications.js'
import type { Seeker } from '../../shared/schemas/seekers.js'
import type { AuditDraft } from '../db/audit.js'
import { acrossTownships } from '../db/across.js'
import { listApplicationsOfSeeker } from '../db/applications.js'
import { createFollowed, getFollowed, listFollowed, pageServices, replaceFollowed } from '../db/following.js'
import { getPlacement, listPlacementsOfSeeker } from '../db/placements.js'
import { allow, by, listTownships, notFound } from './access.js'
import type { Actor, Deps } from './deps.js'
import { checkResponsible, policyToday, refuseServiceDay, refuseUnknownPost, serviceEntry, todayOf, withFreshRecord } from './following.js'
import { policyFor } from './policies.js'
import { planDueWrites } from './plan-due.js'
import * as Seekers from './seekers.js'

export const rulesOf = async (deps: Deps): Promise<ReturneeRules> => ({ startupMonthsOperating: (await policyToday(deps))?.startup.minMonthsOperating })

/** The record's stored `nextDueOn` follows from it (and the year's rules): set on every write. */
export const withNextDue = (r: Returnee, rules: ReturneeRules): Returnee => {
  const { nextDueOn: _old, ...rest } = r
  const next = returneeNextDue(r, rules)
  return { ...rest, ...(next ? { nextDueOn: next } : {}) }
}

/** The person's own file's intent, as a returnee's: the first one, else undecided. */
const intentOfFile = (s: Seeker): ReturneeIntent => (s.intents[0] as ReturneeIntent | undefined) ?? 'undecided'

function refuseBusiness(s: Seeker, b: Business | undefined, today: string) {
  if (b) refuseDay('business.registeredOn', recordDayRefusal('returnee.registeredOn', b.registeredOn, s.birthDate, today))
}

const history = (r: Returnee, title: string, status?: string, reason?: string): AuditDraft['history'] => ({ seekerId: r.seekerId, type: 'service', title, kind: 'returnee', ...(status ? { status } : {}), ...(reason ? { reason } : {}) })

export async function create(deps: Deps, actor: Actor, input: ReturneeInput): Promise<Returnee> {
  allow(actor, 'officer', 'admin')
  const s = await Seekers.forOfficer(deps, actor, input.seekerId)
  const today = todayOf(deps)
  // Built on the file's 返乡 section: what the file already says need not be typed again.
  const returnDate = input.returnDate ?? s.returnee?.returnDate
  if (!returnDate) throw new FieldRefusal('returnee.returnDate', 'returnDate', '请填写返乡日期', 'Enter the day they came back')
  refuseDay('returnDate', recordDayRefusal('returnee.returnDate', returnDate, s.birthDate, today))
  const workedIn = input.workedIn ?? s.returnee?.previousWork
  if (!workedIn) throw new FieldRefusal('returnee.workedIn', 'workedIn', '请填写原务工地点', 'Enter where they worked')
  const previousTrade = input.previousTrade ?? s.returnee?.previousWork
  if (!previousTrade) throw new FieldRefusal('returnee.previousTrade', 'previousTrade', '请填写原从事行业', 'Enter the trade they worked in')
  refuseBusiness(s, input.business, today)
  await checkResponsible(deps, input.responsibleUserId, s.township)
  const reasonNote = input.reasonNote ?? s.returnee?.reason
  const at = deps.now().toISOString()
  const rules = await rulesOf(deps)
  const r = withNextDue(
    {
      seekerId: s.id,
      seekerName: s.name,
      idNumberMasked: s.idNumberMasked,
      township: s.township,
      village: s.village,
      returnDate,
      workedIn,
      previousTrade,
      reason: input.reason,
      ...(reasonNote ? { reasonNote } : {}),
      intent: input.intent ?? intentOfFile(s),
      intentSince: today,
      status: 'following',
      responsible: input.responsible,
      ...(input.responsibleUserId ? { responsibleUserId: input.responsibleUserId } : {}),
      wantsLoan: input.wantsLoan ?? false,
      ...(input.industryContact ? { industryContact: input.industryContact } : {}),
      ...(input.business ? { business: input.business } : {}),
      services: {},
      openedOn: today,
      version: 1,
      createdBy: actor.userId,
      createdAt: at,
      updatedAt: at,
    },
    rules,
  )
  const dues = await planDueWrites(deps, 'returnee', r, dueItemsOf(r, today, rules), today)
  return createFollowed(deps.db, 'returnee', r, { objectType: 'returnee', objectId: s.id, action: 'returnee.create', ...by(actor), after: { intent: r.intent, status: r.status, returnDate }, history: history(r, '返乡回流', r.status) }, deps.now(), dues)
}

/** The record is seen by its own seeker and officers in scope; to anyone else it does not exist (404). */
export async function fromId(deps: Deps, actor: Actor, seekerId: string): Promise<Returnee> {
  allow(actor, 'seeker', 'officer', 'admin')
  const s = await Seekers.fromId(deps, actor, seekerId)
  const r = await getFollowed(deps.db, 'returnee', s.id)
  if (!r) throw notFound('returnee')
  return r
}

const toManage = async (deps: Deps, actor: Actor, seekerId: string) => {
  allow(actor, 'officer', 'admin')
  return fromId(deps, actor, seekerId)
}

export interface ReturneeDetail extends Returnee {
  due: DueItem[]
  /** For a job seeker: their applications and placements, newest first (the first 10 of each), to link to. */
  applications?: Application[]
  placements?: Placement[]
}

export async function detail(deps: Deps, actor: Actor, seekerId: string): Promise<ReturneeDetail> {
  const r = await fromId(deps, actor, seekerId)
  const due = dueItemsOf(r, todayOf(deps), await rulesOf(deps))
  if (r.intent !== 'employment') return { ...r, due }
  const [apps, placements] = await Promise.all([listApplicationsOfSeeker(deps.db, r.seekerId, 10), listPlacementsOfSeeker(deps.db, r.seekerId, 10)])
  return { ...r, due, applications: apps.items, placements: placements.items }
}

export function list(deps: Deps, actor: Actor, q: ReturneeQuery): Promise<Page<Returnee>> {
  allow(actor, 'officer', 'admin')
  const f = { group: q.intent, status: q.status, dueBy: q.dueBy }
  return acrossTownships(deps.db, ['returnees', f], listTownships(actor, q.township), q, (t, p) => listFollowed(deps.db, 'returnee', t, f, p))
}

const CHANGED: (keyof ReturneePatch)[] = ['returnDate', 'workedIn', 'previousTrade', 'reason', 'intent', 'responsible', 'responsibleUserId', 'wantsLoan', 'industryContact', 'business', 'status']

export async function update(deps: Deps, actor: Actor, seekerId: string, patch: ReturneePatch): Promise<Returnee> {
  return withFreshRecord(async () => {
    const r = await toManage(deps, actor, seekerId)
    const s = await Seekers.forOfficer(deps, actor, seekerId)
    const today = todayOf(deps)
    if (patch.returnDate) refuseDay('returnDate', recordDayRefusal('returnee.returnDate', patch.returnDate, s.birthDate, today))
    refuseBusiness(s, patch.business, today)
    if (patch.responsibleUserId) await checkResponsible(deps, patch.responsibleUserId, s.township)
    const { closeReason, ...fields } = patch
    const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<Returnee>
    const intentChanged = patch.intent !== undefined && patch.intent !== r.intent
    const rules = await rulesOf(deps)
    const next = withNextDue(
      {
        ...r,
        ...defined,
        // The person's township and name follow the file (a move changes the township's list).
        township: s.township,
        village: s.village,
        seekerName: s.name,
        ...(intentChanged ? { intentSince: today } : {}),
        ...(patch.status === 'closed' && closeReason ? { closeReason } : {}),
        version: r.version + 1,
        updatedAt: deps.now().toISOString(),
      },
      rules,
    )
    if (next.status !== 'closed') delete next.closeReason
    const changed = CHANGED.filter((k) => JSON.stringify(next[k as keyof Returnee]) !== JSON.stringify(r[k as keyof Returnee]))
    const pick = (x: Returnee) => Object.fromEntries(changed.map((k) => [k, x[k as keyof Returnee]]))
    const moved = intentChanged || next.status !== r.status
    return replaceFollowed(
      deps.db,
      'returnee',
      next,
      {
        objectType: 'returnee',
        objectId: r.seekerId,
        action: 'returnee.update',
        ...by(actor),
        before: pick(r),
        after: { ...pick(next), ...(next.closeReason ? { closeReason: next.closeReason } : {}) },
        ...(moved ? { history: history(next, next.intent, next.status, next.closeReason) } : {}),
      },
      deps.now(),
      undefined,
      await planDueWrites(deps, 'returnee', next, dueItemsOf(next, today, rules), today),
    )
  })
}

/** Kinds of service that only make sense for one intent's plan (the rest — a visit, other — for any). */
const INTENT_OF: Partial<Record<ReturneeServiceInput['kind'], ReturneeIntent>> = {
  placed: 'employment',
  projectPlan: 'entrepreneurship',
  registration: 'entrepreneurship',
  loan: 'entrepreneurship',
  startupSubsidy: 'entrepreneurship',
  startupTraining: 'entrepreneurship',
}

/**
 * Logs one service with its audit event, the record's tally and `nextDueOn`, in one transaction.
 * `placed` names the person's placement and settles the record; a granted `loan` stays within the
 * policy's ceiling and term (创业担保贷款, policy data).
 */
export async function logService(deps: Deps, actor: Actor, seekerId: string, input: ReturneeServiceInput): Promise<{ record: Returnee; service: ServiceEntry }> {
  return withFreshRecord(async () => {
    const r = await toManage(deps, actor, seekerId)
    const s = await Seekers.forOfficer(deps, actor, seekerId)
    const today = todayOf(deps)
    refuseServiceDay(s, input.on, today, { day: r.returnDate, message: `服务日期不能早于返乡日期（${r.returnDate}）`, messageEn: `The service cannot be before they came back (${r.returnDate})` })
    const needs = INTENT_OF[input.kind]
    if (needs && needs !== r.intent) throw new FieldRefusal('returnee.serviceIntent', 'kind', '该服务不属于此人当前意向的帮扶计划', 'This service is not in the plan of their current intent')
    await refuseUnknownPost(deps, input.postId)
    let extra: Partial<Returnee> = {}
    if (input.kind === 'placed') {
      const p = input.placementId ? await getPlacement(deps.db, input.placementId) : undefined
      if (!p || p.seekerId !== r.seekerId) throw new FieldRefusal('returnee.placement', 'placementId', '请选择此人的就业记录', 'Choose a placement of this person')
      if (input.outcome === 'done') extra = { placementId: p.id, placedOn: p.startDate, status: 'settled' }
    }
    if (input.kind === 'loan' && input.outcome === 'done') {
      if (input.amountFen === undefined || !input.years) throw new FieldRefusal('returnee.loanTerms', input.amountFen === undefined ? 'amountFen' : 'years', '贷款需填写金额和期限', 'A loan needs its amount and term')
      const ceiling = (await policyFor(deps.db, Number(input.on.slice(0, 4)), today)).startupLoan
      if (!ceiling) throw new FieldRefusal('returnee.loanPolicy', 'amountFen', '本年度创业担保贷款标准尚未录入', 'No guaranteed-loan standard has been entered for this year')
      if (input.amountFen > ceiling.maxFen) throw new FieldRefusal('returnee.loanAmount', 'amountFen', `个人创业担保贷款不超过 ¥${(ceiling.maxFen / 100).toFixed(2)}`, `An individual guaranteed loan is at most ¥${(ceiling.maxFen / 100).toFixed(2)}`)
      if (input.years > ceiling.maxYears) throw new FieldRefusal('returnee.loanYears', 'years', `贷款期限不超过 ${ceiling.maxYears} 年`, `The loan term is at most ${ceiling.maxYears} years`)
      extra = { loan: { amountFen: input.amountFen, years: input.years, on: input.on } }
    }
    const service = serviceEntry('returnee', r.seekerId, actor, input, deps.now())
    const rules = await rulesOf(deps)
    const record = withNextDue({ ...r, ...extra, services: { ...r.services, [input.kind]: tallied(r.services[input.kind], input) }, version: r.version + 1, updatedAt: deps.now().toISOString() }, rules)
    await replaceFollowed(
      deps.db,
      'returnee',
      record,
      {
        objectType: 'returnee',
        objectId: r.seekerId,
        action: 'returnee.service',
        ...by(actor),
        after: { serviceId: service.id, kind: input.kind, on: input.on, outcome: input.outcome, ...(input.amountFen !== undefined ? { amountFen: input.amountFen } : {}), ...(record.status !== r.status ? { status: record.status } : {}) },
        history: { seekerId: r.seekerId, type: 'service', title: input.kind, kind: 'returnee', status: input.outcome, startDate: input.on, ...(input.amountFen !== undefined ? { amountFen: input.amountFen } : {}) },
      },
      deps.now(),
      service,
      await planDueWrites(deps, 'returnee', record, dueItemsOf(record, today, rules), input.on),
    )
    return { record, service }
  })
}

/** The record's service log, newest day first: the seeker themself and officers in scope. */
export async function services(deps: Deps, actor: Actor, seekerId: string, page: { limit: number; cursor?: string }): Promise<Page<ServiceEntry>> {
  const r = await fromId(deps, actor, seekerId)
  return pageServices(deps.db, 'returnee', r.seekerId, page)
}
