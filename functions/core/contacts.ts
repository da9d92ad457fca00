/**
 * 联系方式 people who can reach each other: a seeker calls the person a post names (or its
 * workshop), and after a hire the employer calls the worker. Every full number handed out is a
 * reveal: allowed where the object is loaded, counted against a daily limit per user, and recorded
 * in the audit trail in the same write, before it is shown (PIPL art. 28). Phones are never logged.
 */
import { districtDate } from '../../shared/district-date.js'
import { DomainError, RetryLater } from '../../shared/errors.js'
import type { RevealedContact } from '../../shared/schemas/contacts.js'
import type { Post } from '../../shared/schemas/posts.js'
import { getApplication } from '../db/applications.js'
import type { AuditDraft } from '../db/audit.js'
import { openPostContact, recordReveal as recordRevealWithCount } from '../db/contacts.js'
import { getPost } from '../db/posts.js'
import { getSeeker, getSeekerOfUser, seekerPhone } from '../db/seekers.js'
import { revealPhone } from '../db/users.js'
import { allow, by, notFound } from './access.js'
import type { Actor, Deps } from './deps.js'
import { isPublicOn, toManage } from './posts.js'

/**
 * Full phone numbers one user may see in a day (a fixed 24-hour window): enough for a seeker
 * calling about every post worth a call, or an owner calling the people they hired, and far too
 * few to copy the district's contacts out of the platform.
 */
export const PHONE_REVEALS_PER_DAY = 30

const tooMany = (retryAfterSeconds: number) =>
  new RetryLater(
    'contact.tooMany',
    `今天查看完整电话号码已达 ${PHONE_REVEALS_PER_DAY} 次，请稍后再试`,
    `You have seen ${PHONE_REVEALS_PER_DAY} full phone numbers today, the most allowed; try again later`,
    retryAfterSeconds,
  )

export const noContact = () => new DomainError('contact.none', 'notFound', '没有登记联系电话', 'No contact phone is on file')

/** Records a reveal (its audit event and one from the actor's daily count, one write) before the number is handed out; 429 past the limit. */
export async function recordReveal(deps: Deps, actor: Actor, audit: AuditDraft): Promise<void> {
  const r = await recordRevealWithCount(deps.db, audit, { limit: 'phone-reveal', subject: actor.userId, max: PHONE_REVEALS_PER_DAY, windowSeconds: 86_400 }, deps.now())
  if (!r.ok) throw tooMany(r.retryAfterSeconds)
}

/**
 * Whom a seeker may call: the contact of any post open to all, and of a post they were hired on,
 * whatever its state now (a filled or closed post still has the employer they work for).
 */
async function postForSeeker(deps: Deps, actor: Actor, id: string): Promise<Post> {
  const post = await getPost(deps.db, id)
  if (!post) throw notFound('post')
  if (isPublicOn(post, districtDate(deps.now()))) return post
  const seeker = await getSeekerOfUser(deps.db, actor.userId)
  const application = seeker ? await getApplication(deps.db, post.id, seeker.id) : undefined
  if (application?.status !== 'hired') throw notFound('post')
  return post
}

/**
 * A post's contact in full (its own contact person, else its workshop's phone): for a signed-in
 * seeker who may see the post (or was hired on it), and for those who manage it. Audited.
 */
export async function revealPostContact(deps: Deps, actor: Actor, postId: string): Promise<RevealedContact> {
  allow(actor, 'seeker', 'owner', 'officer', 'admin')
  const post = actor.role === 'seeker' ? await postForSeeker(deps, actor, postId) : await toManage(deps, actor, postId)
  const contact = await openPostContact(deps.db, deps.protector, post)
  if (!contact) throw noContact()
  await recordReveal(deps, actor, { objectType: 'post', objectId: post.id, action: 'contact.reveal', ...by(actor), after: { source: contact.source } })
  return contact
}

/** The phone on a person's file, else their account's (a file made from a sign-in keeps the account's). */
export async function phoneOnFile(deps: Deps, seekerId: string): Promise<string | undefined> {
  const onFile = await seekerPhone(deps.db, deps.protector, seekerId)
  if (onFile) return onFile
  const seeker = await getSeeker(deps.db, seekerId)
  return seeker?.userId ? revealPhone(deps.db, deps.protector, seeker.userId) : undefined
}
