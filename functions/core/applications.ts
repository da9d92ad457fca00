/** 申请 applications: a seeker applies; the post's side shortlists, rejects or hires; the seeker may withdraw. */
import type { Application, ApplicationStatus, Placement } from '../../shared/schemas/applications.js'
import { splitApplicationId } from '../../shared/schemas/applications.js'
import type { Page } from '../../shared/schemas/common.js'
import { DomainError, refuseDay } from '../../shared/errors.js'
import { districtDate, placementStartRefusal } from '../../shared/dates.js'
import { draft, type MessageDraft } from '../../shared/messages.js'
import { isPastDeadline } from '../../shared/post-deadline.js'
import type { AuditDraft } from '../db/audit.js'
import { apply as applyTo, getApplication, hire as hireFor, listApplicationsOfPost, listApplicationsOfSeeker, setApplicationStatus } from '../db/applications.js'
import { getPost } from '../db/posts.js'
import { getSeeker, getSeekerOfUser } from '../db/seekers.js'
import type { WorkerPhone } from '../../shared/schemas/contacts.js'
import { getPlacement } from '../db/placements.js'
import { getWorkshop } from '../db/workshops.js'
import { allow, by, employs, notFound } from './access.js'
import { noContact, phoneOnFile, recordReveal } from './contacts.js'
import type { Actor, Deps } from './deps.js'
import { notifySeeker } from './notify.js'
import { canManage, toManage } from './posts.js'
import { followUps, refuseOverlap } from './placements.js'

/** Loads an application for the post's side (author or officer in scope) or for its own seeker; to anyone else 404. */
async function fromId(deps: Deps, actor: Actor, id: string, as: 'post' | 'seeker') {
  const { postId, seekerId } = splitApplicationId(id)
  const [app, post] = await Promise.all([getApplication(deps.db, postId, seekerId), getPost(deps.db, postId)])
  if (!app || !post) throw notFound('application')
  if (as === 'post') {
    allow(actor, 'owner', 'officer', 'admin')
    if (!canManage(actor, post)) throw notFound('application')
  } else {
    allow(actor, 'seeker')
    const seeker = await getSeeker(deps.db, seekerId)
    if (!seeker || seeker.userId !== actor.userId) throw notFound('application')
  }
  return { app, post }
}

const audit = (actor: Actor, app: Application, action: string, to: string, extra: Record<string, unknown> = {}): AuditDraft => ({
  objectType: 'application',
  objectId: app.id,
  action,
  ...by(actor),
  before: { status: app.status },
  after: { status: to, ...extra },
  history: { seekerId: app.seekerId, type: 'application', title: app.postTitle, status: to, ...(typeof extra.reason === 'string' ? { reason: extra.reason } : {}) },
})

async function tell(deps: Deps, app: Application, message: MessageDraft) {
  const seeker = await getSeeker(deps.db, app.seekerId)
  if (seeker) await notifySeeker(deps, seeker, message)
}

const MY_APPLICATIONS = '/seeker/applications'

/** A seeker applies to an open post with their file; a repeat answers the same application. */
export async function apply(deps: Deps, actor: Actor, postId: string, note: string | undefined): Promise<{ application: Application; created: boolean }> {
  allow(actor, 'seeker')
  // Independent reads, side by side: an application is the seeker's most frequent write.
  const [post, seeker] = await Promise.all([getPost(deps.db, postId), getSeekerOfUser(deps.db, actor.userId)])
  if (!post || !(post.status === 'open' || post.status === 'filled' || post.status === 'paused')) throw notFound('post')
  // Past its deadline (the district's day) a post takes no applications, as it is gone from browse.
  if (isPastDeadline(post, districtDate(deps.now()))) throw new DomainError('post.pastDeadline', 'conflict', `该岗位已于 ${post.deadline} 截止报名`, `Applications for this post closed on ${post.deadline}`)
  if (!seeker) throw new DomainError('seeker.fileRequired', 'conflict', '请先完善求职档案再申请', 'Fill in your seeker file before applying')
  const id = `${post.id}.${seeker.id}`
  const result = await applyTo(deps.db, post, seeker, note, deps.now(), { objectType: 'application', objectId: id, action: 'application.create', ...by(actor), after: { status: 'applied', postId: post.id }, history: { seekerId: seeker.id, type: 'application', title: post.title, status: 'applied' } })
  if (result.created) await notifySeeker(deps, seeker, draft('application.submitted', { postTitle: post.title }, MY_APPLICATIONS))
  return result
}

export async function ofPost(deps: Deps, actor: Actor, postId: string, q: { status?: ApplicationStatus; limit: number; cursor?: string }): Promise<Page<Application>> {
  const post = await toManage(deps, actor, postId)
  return listApplicationsOfPost(deps.db, post.id, q.status, q.limit, q.cursor)
}

export async function mine(deps: Deps, actor: Actor, q: { limit: number; cursor?: string }): Promise<Page<Application>> {
  allow(actor, 'seeker')
  const s = await getSeekerOfUser(deps.db, actor.userId)
  return s ? listApplicationsOfSeeker(deps.db, s.id, q.limit, q.cursor) : { items: [], nextCursor: null }
}

export async function shortlist(deps: Deps, actor: Actor, id: string): Promise<Application> {
  const { app } = await fromId(deps, actor, id, 'post')
  const updated = await setApplicationStatus(deps.db, app.postId, app.seekerId, ['applied'], 'shortlisted', {}, deps.now(), audit(actor, app, 'application.shortlist', 'shortlisted'))
  await tell(deps, updated, draft('application.shortlisted', { postTitle: app.postTitle }, MY_APPLICATIONS))
  return updated
}

export async function reject(deps: Deps, actor: Actor, id: string, reason: string): Promise<Application> {
  const { app } = await fromId(deps, actor, id, 'post')
  const updated = await setApplicationStatus(deps.db, app.postId, app.seekerId, ['applied', 'shortlisted'], 'rejected', { reason }, deps.now(), audit(actor, app, 'application.reject', 'rejected', { reason }))
  await tell(deps, updated, draft('application.rejected', { postTitle: app.postTitle, reason }, MY_APPLICATIONS))
  return updated
}

export async function withdraw(deps: Deps, actor: Actor, id: string): Promise<Application> {
  const { app } = await fromId(deps, actor, id, 'seeker')
  const updated = await setApplicationStatus(deps.db, app.postId, app.seekerId, ['applied', 'shortlisted'], 'withdrawn', {}, deps.now(), audit(actor, app, 'application.withdraw', 'withdrawn'))
  await tell(deps, updated, draft('application.withdrawn', { postTitle: app.postTitle }, MY_APPLICATIONS))
  return updated
}

/** Hires in one transaction (place, application, placement, counters, audit); then tells the seeker. */
export async function hire(deps: Deps, actor: Actor, id: string, startDate: string): Promise<{ application: Application; placement: Placement }> {
  const { app, post } = await fromId(deps, actor, id, 'post')
  const person = await getSeeker(deps.db, app.seekerId)
  if (person) refuseDay('startDate', placementStartRefusal(startDate, person.birthDate, districtDate(deps.now())))
  await refuseOverlap(deps, app.seekerId, { kind: post.kind, title: post.title, startDate, ...(post.workshopName ? { employer: post.workshopName } : {}) })
  const result = await hireFor(deps.db, app, post, startDate, actor.userId, deps.now(), (p) => ({
    objectType: 'placement',
    objectId: p.id,
    action: 'placement.hire',
    ...by(actor),
    after: { postId: post.id, seekerId: app.seekerId, applicationId: app.id, startDate },
    history: { seekerId: app.seekerId, type: 'placement', title: post.title, kind: post.kind, status: 'active', startDate },
  }), person ? { category: person.category, createdAt: person.createdAt } : undefined, person ? await followUps(deps, actor, person) : undefined)
  await tell(deps, result.application, draft('application.hired', { postTitle: app.postTitle, startDate: result.placement.startDate }, MY_APPLICATIONS))
  return result
}

/**
 * After a hire the employer may call the worker: the full phone, for the owner of the workshop the
 * placement is in and officers in scope (core/access.ts `employs`, decided on the placement loaded
 * here). Before the hire, while there is only an application, it is refused. Audited on the
 * person's trail (as an ID-number reveal is), before the number is handed out.
 */
export async function workerPhone(deps: Deps, actor: Actor, id: string): Promise<WorkerPhone> {
  const { app } = await fromId(deps, actor, id, 'post')
  if (app.status !== 'hired' || !app.placementId) {
    throw new DomainError('contact.notHired', 'forbidden', '录用后才能查看求职者的完整电话', 'You can see a person’s full phone once you have hired them')
  }
  const placement = await getPlacement(deps.db, app.placementId)
  const workshop = placement?.workshopId ? await getWorkshop(deps.db, placement.workshopId) : undefined
  if (!placement || placement.seekerId !== app.seekerId || !employs(actor, placement, workshop)) throw notFound('placement')
  const phone = await phoneOnFile(deps, app.seekerId)
  if (!phone) throw noContact()
  await recordReveal(deps, actor, { objectType: 'seeker', objectId: app.seekerId, action: 'phone.reveal', ...by(actor), after: { placementId: placement.id, applicationId: app.id } })
  return { name: app.applicant.name, phone }
}
