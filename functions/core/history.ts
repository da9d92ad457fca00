/**
 * 一人一档 a person's whole history, newest first: file and household changes, applications and
 * invitations, placements, certificates, trainings, Yulu terms, claims and payments (services and
 * follow-ups, issue 13, have their type already). Read from the audit events the changes wrote in
 * their own transactions, indexed under the person: one Query a page (functions/db/history.ts).
 */
import type { Page } from '../../shared/schemas/common.js'
import type { HistoryEntry, HistoryNote, HistoryQuery } from '../../shared/schemas/history.js'
import { TOWNSHIPS } from '../../shared/geo.js'
import type { Seeker } from '../../shared/schemas/seekers.js'
import { listApplicationsOfSeeker } from '../db/applications.js'
import { listCertificatesOfSeeker } from '../db/certificates.js'
import { listClaimsOfSubject } from '../db/claims.js'
import { allHistory, pageHistory, putBackfilledEntry, type BackfillEntry } from '../db/history.js'
import { listAllPlacementsOfSeeker } from '../db/placements.js'
import { listTrainingsOfSeeker, listYuluOfSeeker } from '../db/records.js'
import { listSeekersOfTownship } from '../db/seekers.js'
import { allow } from './access.js'
import type { Actor, Deps } from './deps.js'
import { withActorNames } from './people.js'
import * as Seekers from './seekers.js'

async function pageOf(deps: Deps, seeker: Seeker, q: HistoryQuery): Promise<Page<HistoryEntry>> {
  const page = await pageHistory(deps.db, seeker.id, q.type, q)
  // Who acted, by name (one batch read of the page's actors); the id itself stays inside.
  const named = await withActorNames(deps, page.items.map((e) => ({ ...e, actorId: e.actorId ?? '' })))
  return { ...page, items: named.map(({ actorId: _a, ...e }) => e) }
}

/** An officer in scope (or the admin) reads a person's timeline; outside scope the person does not exist (404). */
export async function ofSeeker(deps: Deps, actor: Actor, seekerId: string, q: HistoryQuery): Promise<Page<HistoryEntry>> {
  allow(actor, 'officer', 'admin')
  return pageOf(deps, await Seekers.forOfficer(deps, actor, seekerId), q)
}

/** The signed-in seeker's own timeline (empty before they have a file). */
export async function mine(deps: Deps, actor: Actor, q: HistoryQuery): Promise<Page<HistoryEntry>> {
  const own = await Seekers.ownFileIfAny(deps, actor)
  return own ? pageOf(deps, own, q) : { items: [], nextCursor: null }
}

const SYSTEM = { actorId: 'system', actorRole: 'system' }

/** The entries a person's records imply, each dated by the record (for records older than the timeline). */
export async function impliedEntries(deps: Deps, s: Seeker): Promise<BackfillEntry[]> {
  const note = (n: Omit<HistoryNote, 'seekerId'>): HistoryNote => ({ seekerId: s.id, ...n })
  const out: BackfillEntry[] = []
  const who = (id: string | undefined, role: string) => (id ? { actorId: id, actorRole: role } : SYSTEM)
  out.push({ note: note({ type: 'file', title: s.name }), at: s.createdAt, action: 'seeker.create', objectType: 'seeker', objectId: s.id, ...(s.enteredBy ? { actorId: s.enteredBy.userId, actorRole: s.enteredBy.role } : SYSTEM) })
  if (s.verifiedAt) out.push({ note: note({ type: 'file', status: 'verified' }), at: s.verifiedAt, action: 'seeker.verify', objectType: 'seeker', objectId: s.id, ...who(s.verifiedBy, 'officer') })

  const [placements, certificates, trainings, yulu, claims] = await Promise.all([
    listAllPlacementsOfSeeker(deps.db, s.id),
    listCertificatesOfSeeker(deps.db, s.id),
    listTrainingsOfSeeker(deps.db, s.id),
    listYuluOfSeeker(deps.db, s.id),
    listClaimsOfSubject(deps.db, s.id),
  ])
  for (let cursor: string | undefined, first = true; first || cursor; first = false) {
    const page = await listApplicationsOfSeeker(deps.db, s.id, 50, cursor)
    for (const a of page.items) {
      out.push({ note: note({ type: 'application', title: a.postTitle, status: 'applied' }), at: a.createdAt, action: 'application.create', objectType: 'application', objectId: a.id, ...SYSTEM })
      // The status it is in now, when it moved on (the steps between are not on record).
      if (a.status !== 'applied') out.push({ note: note({ type: 'application', title: a.postTitle, status: a.status, ...(a.reason ? { reason: a.reason } : {}) }), at: a.updatedAt, action: `application.${a.status}`, objectType: 'application', objectId: a.id, ...SYSTEM })
    }
    cursor = page.nextCursor ?? undefined
  }
  for (const p of placements) {
    out.push({ note: note({ type: 'placement', title: p.title, kind: p.kind, status: 'active', startDate: p.startDate }), at: p.createdAt, action: p.source === 'external' ? 'placement.external' : 'placement.hire', objectType: 'placement', objectId: p.id, ...who(p.createdBy, 'officer') })
    if (p.status === 'ended' && p.endDate) {
      // Ended on its end day (the record keeps no time of the change): noon in Beijing, 04:00 UTC.
      out.push({ note: note({ type: 'placement', title: p.title, kind: p.kind, status: 'ended', startDate: p.startDate, endDate: p.endDate, ...(p.endReason ? { reason: p.endReason } : {}) }), at: `${p.endDate}T04:00:00.000Z`, action: 'placement.end', objectType: 'placement', objectId: p.id, ...SYSTEM })
    }
  }
  for (const c of certificates) {
    out.push({ note: note({ type: 'certificate', title: c.occupation, kind: c.kind, status: 'pending', startDate: c.issueDate }), at: c.createdAt, action: 'certificate.create', objectType: 'certificate', objectId: c.id, ...who(c.enteredBy, 'officer') })
    if (c.verifiedAt) out.push({ note: note({ type: 'certificate', title: c.occupation, kind: c.kind, status: 'verified', startDate: c.issueDate }), at: c.verifiedAt, action: 'certificate.verify', objectType: 'certificate', objectId: c.id, ...who(c.verifiedBy, 'officer') })
  }
  for (const t of trainings) {
    out.push({ note: note({ type: 'training', title: t.course, status: t.result, startDate: t.startDate, endDate: t.endDate }), at: t.createdAt, action: 'training.create', objectType: 'seeker', objectId: s.id, ref: t.id, ...who(t.createdBy, 'officer') })
  }
  for (const y of yulu) {
    out.push({ note: note({ type: 'yulu', title: y.term, status: y.status }), at: y.updatedAt, action: 'yulu.status', objectType: 'seeker', objectId: s.id, ref: y.term, ...who(y.updatedBy, 'officer') })
  }
  for (const c of claims.filter((x) => x.subjectType === 'seeker')) {
    const claimNote = (status: string) => note({ type: 'claim', title: c.period, kind: c.kind, status, amountFen: c.amountFen })
    out.push({ note: claimNote('draft'), at: c.createdAt, action: 'claim.create', objectType: 'claim', objectId: c.id, ...who(c.makerId, 'officer') })
    if (c.paidAt) out.push({ note: claimNote('paid'), at: c.paidAt, action: 'claim.pay', objectType: 'claim', objectId: c.id, ...SYSTEM })
    else if (c.status !== 'draft') out.push({ note: claimNote(c.status), at: c.updatedAt, action: `claim.${c.status}`, objectType: 'claim', objectId: c.id, ...SYSTEM })
  }
  return out
}

/**
 * Builds the timeline of a person whose records predate it: every entry their records imply that
 * the timeline does not hold yet (same object and action), once. Run again, it writes nothing.
 */
export async function backfillPerson(deps: Deps, s: Seeker): Promise<number> {
  const have = new Set((await allHistory(deps.db, s.id)).map((h) => sameAs(h.objectId, ACTION_ALIASES[h.action] ?? h.action, h)))
  let written = 0
  for (const e of await impliedEntries(deps, s)) {
    if (have.has(sameAs(e.objectId, e.action, e.note))) continue
    if (await putBackfilledEntry(deps.db, e)) written++
  }
  return written
}

/**
 * When two entries are the same step: the object and the action; a training or a Yulu term is
 * recorded under the person's file, so its title (course, term) and start tell it apart.
 */
const sameAs = (objectId: string, action: string, n: { type: string; title?: string; startDate?: string }) =>
  n.type === 'training' || n.type === 'yulu' ? `${action}|${n.title ?? ''}|${n.startDate ?? ''}` : `${objectId}|${action}`

/** The live writers name some steps by the act (`application.shortlist`), the backfill by the status reached. */
const ACTION_ALIASES: Record<string, string> = {
  'application.shortlist': 'application.shortlisted',
  'application.reject': 'application.rejected',
  'application.withdraw': 'application.withdrawn',
  'claim.submit': 'claim.submitted',
  'claim.approve': 'claim.approved',
  'claim.reject': 'claim.rejected',
  'claim.reverse': 'claim.reversed',
}

/** Every person of every township (or one township), page by page: the backfill job. */
export async function backfillAll(deps: Deps, township?: string): Promise<{ people: number; written: number }> {
  let people = 0
  let written = 0
  for (const t of township ? [township] : TOWNSHIPS.map((x) => x.code)) {
    for (let cursor: string | undefined, first = true; first || cursor; first = false) {
      const page = await listSeekersOfTownship(deps.db, t, { limit: 50, cursor })
      for (const s of page.items) {
        people++
        written += await backfillPerson(deps, s)
      }
      cursor = page.nextCursor ?? undefined
    }
  }
  deps.log.info('history.backfill', { people, written })
  return { people, written }
}
