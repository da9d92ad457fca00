/** 帮扶车间 assistance workshops: registration, recognition (认定) and their difficulty reports (measure 5). */
import { daysBefore } from '../../shared/dates.js'
import { DomainError } from '../../shared/errors.js'
import type { Page } from '../../shared/schemas/common.js'
import type { WorkshopContactInput, WorkshopContactView } from '../../shared/schemas/contacts.js'
import type { Difficulty, DifficultyInput, NewWorkshop, Workshop, WorkshopDetail, WorkshopStatus } from '../../shared/schemas/workshops.js'
import { sealContact, setWorkshopContact, workshopContact } from '../db/contacts.js'
import { closeDifficulty, getDifficulty, listDifficultiesOfTownship, listDifficultiesOfWorkshop, reportDifficulty } from '../db/difficulties.js'
import { createWorkshop, decideWorkshop, getWorkshop, listWorkshopsOfOwner, listWorkshopsOfTownship } from '../db/workshops.js'
import { acrossTownships } from '../db/across.js'
import { allow, by, forbidden, inScope, listTownships, notFound } from './access.js'
import type { Actor, Deps } from './deps.js'

/** A workshop is seen by its owner and by officers in scope; to anyone else it does not exist. */
export async function fromId(deps: Deps, actor: Actor, id: string): Promise<Workshop> {
  allow(actor, 'owner', 'officer', 'admin')
  const w = await getWorkshop(deps.db, id)
  if (!w || !(w.ownerId === actor.userId || inScope(actor, w.township))) throw notFound('workshop')
  return w
}

/** A workshop's page for its owner and officers: with its contact phone, masked. */
export async function detail(deps: Deps, actor: Actor, id: string): Promise<WorkshopDetail> {
  const w = await fromId(deps, actor, id)
  return { ...w, contact: (await workshopContact(deps.db, w.id)) ?? null }
}

export async function register(deps: Deps, actor: Actor, body: NewWorkshop): Promise<Workshop> {
  allow(actor, 'owner')
  const { contact, ...input } = body
  return createWorkshop(deps.db, input, actor.userId, {
    now: deps.now(),
    ...(contact ? { contact: sealContact(deps.protector, contact) } : {}),
    audit: (w) => ({ objectType: 'workshop', objectId: w.id, action: 'workshop.register', ...by(actor), after: { status: w.status, township: w.township, contact: Boolean(contact) } }),
  })
}

/**
 * The phone people call about the workshop's posts (those without a contact person of their own):
 * set by its owner, or by an officer in scope on their behalf. Audited without the number.
 */
export async function setContact(deps: Deps, actor: Actor, id: string, input: WorkshopContactInput): Promise<WorkshopContactView> {
  const w = await fromId(deps, actor, id)
  return setWorkshopContact(deps.db, w.id, sealContact(deps.protector, input), deps.now(), {
    objectType: 'workshop',
    objectId: w.id,
    action: 'workshop.contact',
    ...by(actor),
    after: { fields: input.name ? ['phone', 'name'] : ['phone'] },
  })
}

export function ofOwner(deps: Deps, actor: Actor, page: { limit: number; cursor?: string }): Promise<Page<Workshop>> {
  allow(actor, 'owner')
  return listWorkshopsOfOwner(deps.db, actor.userId, page.limit, page.cursor)
}

export function ofTownship(deps: Deps, actor: Actor, q: { township?: string; status?: WorkshopStatus; limit: number; cursor?: string }): Promise<Page<Workshop>> {
  allow(actor, 'officer', 'admin')
  return acrossTownships(deps.db, ['workshops', q.status ?? null], listTownships(actor, q.township), q, (t, p) => listWorkshopsOfTownship(deps.db, t, q.status, p.limit, p.cursor))
}

/** 认定 an officer in scope recognizes or rejects (with a reason) a pending workshop. */
export async function decide(deps: Deps, actor: Actor, id: string, decision: 'recognized' | 'rejected', reason?: string): Promise<Workshop> {
  allow(actor, 'officer', 'admin')
  const w = await fromId(deps, actor, id)
  if (decision === 'rejected' && !reason) throw new DomainError('workshop.reasonRequired', 'invalid', '驳回时请填写原因', 'Give a reason when rejecting')
  return decideWorkshop(deps.db, w, decision, actor.userId, deps.now(), reason, {
    objectType: 'workshop',
    objectId: w.id,
    action: `workshop.${decision}`,
    ...by(actor),
    before: { status: w.status },
    after: { status: decision, ...(reason ? { reason } : {}) },
  })
}

/** Only the owner reports their workshop's difficulties. */
export async function reportTrouble(deps: Deps, actor: Actor, workshopId: string, input: DifficultyInput): Promise<Difficulty> {
  allow(actor, 'owner')
  const w = await fromId(deps, actor, workshopId)
  if (w.ownerId !== actor.userId) throw forbidden()
  return reportDifficulty(deps.db, w, input, actor.userId, deps.now(), (d) => ({ objectType: 'workshop', objectId: w.id, action: 'difficulty.report', ...by(actor), after: { difficultyId: d.id, kind: d.kind } }))
}

export async function troublesOf(deps: Deps, actor: Actor, workshopId: string, page: { limit: number; cursor?: string }): Promise<Page<Difficulty>> {
  const w = await fromId(deps, actor, workshopId)
  return listDifficultiesOfWorkshop(deps.db, w.id, page.limit, page.cursor)
}

export function troublesOfTownship(deps: Deps, actor: Actor, q: { township?: string; status?: 'open' | 'closed'; olderThanDays?: number; limit: number; cursor?: string }): Promise<Page<Difficulty>> {
  allow(actor, 'officer', 'admin')
  // 待办 "open over 7 days": reported before this instant (the same range the to-do list counts).
  const before = q.olderThanDays && q.status ? daysBefore(deps.now(), q.olderThanDays) : undefined
  return acrossTownships(deps.db, ['difficulties', q.status ?? null, q.olderThanDays ?? null], listTownships(actor, q.township), q, (t, p) => listDifficultiesOfTownship(deps.db, t, q.status, p.limit, p.cursor, before))
}

/** An officer in scope closes a report with a response. */
export async function closeTrouble(deps: Deps, actor: Actor, id: string, response: string): Promise<Difficulty> {
  allow(actor, 'officer', 'admin')
  const d = await getDifficulty(deps.db, id)
  if (!d || !inScope(actor, d.township)) throw notFound('difficulty')
  return closeDifficulty(deps.db, d, response, actor.userId, deps.now(), { objectType: 'workshop', objectId: d.workshopId, action: 'difficulty.close', ...by(actor), before: { status: 'open' }, after: { status: 'closed', difficultyId: d.id } })
}
