/** 就业安置 placements: lists in scope, external placements recorded by officers, ending one. */
import { districtDate, endDateRefusal, placementStartRefusal } from '../../shared/dates.js'
import { FieldRefusal, refuseDay } from '../../shared/errors.js'
import { jobClash, type HeldJob } from '../../shared/placement-rules.js'
import type { ExternalPlacementInput, Placement, PlacementQuery } from '../../shared/schemas/applications.js'
import type { Page } from '../../shared/schemas/common.js'
import type * as z from 'zod'
import { recordEndedPlacement, recordExternalPlacement } from '../db/applications.js'
import { checkAuditPut as auditItem, countStartedPlacement, endPlacement, logPlacementCheck, getPlacement, listAllPlacementsOfSeeker, listPlacementsOfPost, listPlacementsOfTownship, placementsDueToCount } from '../db/placements.js'
import { TOWNSHIPS } from '../../shared/geo.js'
import { getPost } from '../db/posts.js'
import { getSeeker } from '../db/seekers.js'
import { acrossTownships } from '../db/across.js'
import { allow, by, forbidden, fromImport, inScope, listTownships, notFound, type ImportSource } from './access.js'
import type { Actor, Deps } from './deps.js'
import { toManage } from './posts.js'
import { checkKind, checksOf } from '../../shared/following/placement-checks.js'
import type { CheckInput } from '../../shared/schemas/monitoring.js'
import type { Seeker } from '../../shared/schemas/seekers.js'
import { getHousehold } from '../db/households.js'
import type { TxItem } from '../db/tx.js'
import { DomainError } from '../../shared/errors.js'
import { dueItemsOfSubject, dueWritesOn, newSubjectDueWrites } from './due.js'
import { settleOnPlacement } from './placed-records.js'

export async function list(deps: Deps, actor: Actor, q: z.infer<typeof PlacementQuery>): Promise<Page<Placement>> {
  allow(actor, 'owner', 'officer', 'admin')
  if (q.postId) {
    const post = await toManage(deps, actor, q.postId)
    return listPlacementsOfPost(deps.db, post.id, q.status, q.limit, q.cursor)
  }
  if (actor.role === 'owner') throw forbidden('车间负责人按岗位查看安置记录', 'Owners see placements post by post')
  // Without a township: the district's, township after township (全区).
  return acrossTownships(deps.db, ['placements', q.status ?? null], listTownships(actor, q.township), q, (t, p) => listPlacementsOfTownship(deps.db, t, q.status, p.limit, p.cursor))
}

/**
 * A new job must not overlap an ended one on file (jobClash). Jobs still active are left to the
 * database: the 在岗 items of functions/db/active-jobs.ts refuse them with a 409 in the transaction.
 */
export async function refuseOverlap(deps: Deps, seekerId: string, job: Omit<HeldJob, 'id'>): Promise<void> {
  const ended = (await listAllPlacementsOfSeeker(deps.db, seekerId)).filter((p) => p.status === 'ended')
  const clash = jobClash({ ...job, id: '' }, ended)
  if (clash) throw new FieldRefusal(clash.code, 'startDate', clash.message, clash.messageEn)
}

/** An officer records a placement made outside the platform (organised labor export and the like). */
export async function recordExternal(deps: Deps, actor: Actor, input: z.infer<typeof ExternalPlacementInput>, src?: ImportSource): Promise<Placement> {
  allow(actor, 'officer', 'admin')
  const seeker = await getSeeker(deps.db, input.seekerId)
  if (!seeker || !inScope(actor, seeker.township)) throw notFound('seeker')
  const today = districtDate(deps.now())
  refuseDay('startDate', placementStartRefusal(input.startDate, seeker.birthDate, today))
  const { endDate, endReason, ...job } = input
  if (endReason !== undefined && endDate === undefined) throw new FieldRefusal('placement.reasonWithoutEnd', 'endDate', '填写了结束原因，请同时填写结束日期', 'An end reason was given: give the end date too')
  const placed = { seekerId: seeker.id, seekerName: seeker.name, title: job.title, kind: job.kind, employer: job.employer, township: job.township, seekerTownship: seeker.township, destination: job.destination, startDate: job.startDate, createdBy: actor.userId }
  if (endDate !== undefined) return recordEnded(deps, actor, seeker, placed, { endDate, endReason: endReason ?? ENDED_BEFORE_RECORDED }, today, src)
  await refuseOverlap(deps, seeker.id, input)
  return recordExternalPlacement(
    deps.db,
    placed,
    deps.now(),
    // 务工就业 target: an alleviated or monitored person counts once a year, in the placement's transaction.
    { countTarget: seeker.category !== 'other', person: { category: seeker.category, createdAt: seeker.createdAt }, follow: await followUps(deps, actor, seeker, src) },
    (p) => ({ objectType: 'placement', objectId: p.id, action: 'placement.external', ...by(actor), after: { seekerId: seeker.id, destination: input.destination, startDate: input.startDate, ...fromImport(src) }, history: { seekerId: seeker.id, type: 'placement', title: input.title, kind: input.kind, status: 'active', startDate: input.startDate } }),
  )
}

/** The reason an already-ended job is recorded with when none is given. */
export const ENDED_BEFORE_RECORDED = '登记时已结束'

/**
 * A job already over when it is recorded (past work on a ledger): it must not overlap any job on
 * file, ended or still held (jobClash over their whole periods: a job still held runs on), and is
 * written ended in one transaction (functions/db/applications.ts recordEndedPlacement) — never
 * recorded active first, which a job held today would refuse.
 */
async function recordEnded(deps: Deps, actor: Actor, seeker: Seeker, placed: Omit<Placement, 'id' | 'status' | 'source' | 'createdAt' | 'endDate' | 'endReason'>, end: { endDate: string; endReason: string }, today: string, src?: ImportSource): Promise<Placement> {
  refuseDay('endDate', endDateRefusal(end.endDate, placed.startDate, today))
  const clash = jobClash({ id: '', ...placed, endDate: end.endDate }, await listAllPlacementsOfSeeker(deps.db, seeker.id))
  if (clash) throw new FieldRefusal(clash.code, 'startDate', clash.message, clash.messageEn)
  return recordEndedPlacement(
    deps.db,
    { ...placed, ...end },
    deps.now(),
    { countTarget: seeker.category !== 'other', person: { category: seeker.category, createdAt: seeker.createdAt } },
    (p) => ({ objectType: 'placement', objectId: p.id, action: 'placement.external', ...by(actor), after: { seekerId: seeker.id, destination: p.destination, startDate: p.startDate, endDate: end.endDate, reason: end.endReason, ...fromImport(src) }, history: { seekerId: seeker.id, type: 'placement', title: p.title, kind: p.kind, status: 'ended', startDate: p.startDate, endDate: end.endDate, reason: end.endReason } }),
  )
}

/** Ended by an officer in scope (of the person or of the post) or by the post's author. */
export async function end(deps: Deps, actor: Actor, id: string, endDate: string, reason: string, src?: ImportSource): Promise<Placement> {
  allow(actor, 'owner', 'officer', 'admin')
  const p = await getPlacement(deps.db, id)
  const post = p?.postId ? await getPost(deps.db, p.postId) : undefined
  const allowed = p && (inScope(actor, p.seekerTownship) || inScope(actor, p.township) || (post && post.createdBy === actor.userId))
  if (!p || !allowed) throw notFound('placement')
  refuseDay('endDate', endDateRefusal(endDate, p.startDate, districtDate(deps.now())))
  return endWith(deps, actor, p, endDate, reason, [], undefined, src)
}

/** The end itself, with the checks still due met (no one calls about a job that ended) and what the caller adds. */
async function endWith(deps: Deps, actor: Actor, p: Placement, endDate: string, reason: string, extra: TxItem[], except?: string, src?: ImportSource): Promise<Placement> {
  const current = await dueItemsOfSubject(deps, 'placement', p.id)
  const open = current.filter((d) => d.state === 'open' && d.kind !== except)
  const settle = dueWritesOn(deps, current, { complete: open.map((d) => ({ kind: d.kind, subjectType: 'placement', subjectId: p.id, on: endDate, outcome: 'ended' })) })
  return endPlacement(deps.db, p, endDate, reason, deps.now(), { objectType: 'placement', objectId: p.id, action: 'placement.end', ...by(actor), before: { status: 'active' }, after: { status: 'ended', endDate, reason, ...fromImport(src) }, history: { seekerId: p.seekerId, type: 'placement', title: p.title, kind: p.kind, status: 'ended', startDate: p.startDate, endDate, reason } }, [...settle, ...extra])
}

/**
 * 回访 the checks after a placement: due at 1, 3 and 6 months after its start, for the person's
 * household helper when there is one (else the township's list), put in the placement's own
 * transaction (functions/db/applications.ts `follow`), with the records the placement settles.
 */
export async function followUps(deps: Deps, actor: Actor, seeker: Pick<Seeker, 'id' | 'township' | 'householdId'>, src?: ImportSource): Promise<(p: Placement) => TxItem[]> {
  const h = seeker.householdId ? await getHousehold(deps.db, seeker.householdId) : undefined
  const helperId = h && h.township === seeker.township ? h.helper?.id : undefined
  // The placement also settles a job-seeking returnee's or graduate's record (placed-records.ts).
  const settle = await settleOnPlacement(deps, actor, seeker.id, src)
  return (p) => [...newSubjectDueWrites(deps, checksOf(p.startDate).map((c) => ({ kind: c.kind, subjectType: 'placement', subjectId: p.id, township: p.seekerTownship, helperId, title: `${p.seekerName} · ${p.title}`, dueOn: c.dueOn }))), ...settle(p)]
}

/**
 * Logs a check (by the helper or an officer in scope of the person): it meets the check's due item
 * and goes on the person's timeline (回访); "left" ends the placement through `end`'s own
 * transaction, so retention on the targets board follows the answer.
 */
export async function logCheck(deps: Deps, actor: Actor, id: string, input: CheckInput): Promise<{ placement: Placement; outcome: string }> {
  allow(actor, 'officer', 'admin')
  const p = await getPlacement(deps.db, id)
  if (!p || !(inScope(actor, p.seekerTownship) || inScope(actor, p.township))) throw notFound('placement')
  const today = districtDate(deps.now())
  const kind = checkKind(input.month)
  if (input.on > today) throw new FieldRefusal('check.inFuture', 'on', '日期不能晚于今天', 'The date cannot be after today')
  // One read of the placement's items: the check must be open, and the write is conditioned on it.
  const current = await dueItemsOfSubject(deps, 'placement', p.id)
  const item = current.find((d) => d.state === 'open' && d.kind === kind)
  if (!item) throw new DomainError('check.notDue', 'conflict', `${input.month} 个月回访不在待办中（已记录或安置已结束）`, `The ${input.month}-month check is not due (already logged, or the placement ended)`)
  const history = { seekerId: p.seekerId, type: 'followUp' as const, title: p.title, kind, status: input.outcome, ...(input.leftOn ? { endDate: input.leftOn } : {}), ...(input.reason ? { reason: input.reason } : {}) }
  const meet = dueWritesOn(deps, current, { complete: [{ kind, subjectType: 'placement', subjectId: p.id, on: input.on, outcome: input.outcome }] })
  const checkAudit = { objectType: 'placement', objectId: p.id, action: 'placement.check', ...by(actor), after: { month: input.month, outcome: input.outcome, on: input.on, note: input.note }, history }
  if (input.outcome === 'left') {
    if (p.status !== 'active') throw new DomainError('placement.ended', 'conflict', '该安置已结束', 'This placement has already ended')
    refuseDay('leftOn', endDateRefusal(input.leftOn!, p.startDate, today))
    const ended = await endWith(deps, actor, p, input.leftOn!, input.reason!, [...meet, auditItem(deps.db, checkAudit, deps.now())], kind)
    return { placement: ended, outcome: input.outcome }
  }
  await logPlacementCheck(deps.db, meet, deps.now(), checkAudit)
  return { placement: p, outcome: input.outcome }
}

/**
 * The daily clock's count: placements recorded ahead of their start (待上岗) count toward the
 * 务工就业 target from their start day, not from the day they were recorded.
 */
export async function countStarted(deps: Deps): Promise<{ counted: number; started: number }> {
  const today = districtDate(deps.now())
  let counted = 0
  let started = 0
  for (const t of TOWNSHIPS) {
    for (const p of await placementsDueToCount(deps.db, t.code, today)) {
      started++
      if (await countStartedPlacement(deps.db, p, deps.now())) counted++
    }
  }
  deps.log.info('placements.countStarted', { today, started, counted })
  return { counted, started }
}
