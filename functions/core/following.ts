/**
 * What returnee (返乡回流) and graduate (毕业生) records share: the responsible official, the day
 * rules of a logged service, a log entry, and the year's rules their plans read.
 */
import { districtDate, recordDayRefusal } from '../../shared/dates.js'
import { DomainError, FieldRefusal, refuseDay } from '../../shared/errors.js'
import type { ServiceEntry, ServiceOutcome } from '../../shared/schemas/following.js'
import type { Seeker } from '../../shared/schemas/seekers.js'
import type { Policy } from '../../shared/schemas/subsidies.js'
import { newId } from '../db/ids.js'
import { getPost } from '../db/posts.js'
import { getUser } from '../db/users.js'
import { inScope } from './access.js'
import type { Actor, Deps } from './deps.js'
import { policyFor } from './policies.js'

export const todayOf = (deps: Deps) => districtDate(deps.now())

/** The policy in force today, or nothing when the year's has not been entered (plans then leave out what needs it). */
export async function policyToday(deps: Deps): Promise<Policy | undefined> {
  const today = todayOf(deps)
  try {
    return await policyFor(deps.db, Number(today.slice(0, 4)), today)
  } catch (e) {
    if (e instanceof DomainError && e.code === 'policy.missing') return undefined
    throw e
  }
}

/** 责任干部 named by account: an officer (or the admin) whose scope holds the person's township. */
export async function checkResponsible(deps: Deps, userId: string | undefined, township: string): Promise<void> {
  if (!userId) return
  const u = await getUser(deps.db, userId)
  const fits = u && u.status !== 'deactivated' && (u.role === 'admin' || (u.role === 'officer' && inScope({ userId: u.id, role: u.role, ...(u.scope ? { scope: u.scope } : {}) }, township)))
  if (!fits) throw new FieldRefusal('following.responsible', 'responsibleUserId', '责任干部须为本乡镇（或全区）的就业专员', 'The responsible official must be an officer of this township or the district')
}

/** A service happened on a day between `earliest` (the return, the person's 16th birthday) and today. */
export function refuseServiceDay(s: Seeker, on: string, today: string, earliest?: { day: string; message: string; messageEn: string }): void {
  refuseDay('on', recordDayRefusal('service.on', on, s.birthDate, today))
  if (earliest && on < earliest.day) throw new FieldRefusal('service.beforeStart', 'on', earliest.message, earliest.messageEn)
}

/** A job offer that names a post names one that exists. */
export async function refuseUnknownPost(deps: Deps, postId: string | undefined): Promise<void> {
  if (postId && !(await getPost(deps.db, postId))) throw new FieldRefusal('service.post', 'postId', '推荐的岗位不存在', 'The post offered does not exist')
}

export function serviceEntry(subject: ServiceEntry['subject'], seekerId: string, actor: Actor, input: { kind: string; on: string; note: string; outcome: ServiceOutcome; outcomeNote?: string | undefined; postId?: string | undefined; placementId?: string | undefined; amountFen?: number | undefined; years?: number | undefined }, now: Date): ServiceEntry {
  const { kind, on, note, outcome, outcomeNote, postId, placementId, amountFen, years } = input
  return {
    id: newId(),
    subject,
    seekerId,
    kind,
    on,
    note,
    outcome,
    ...(outcomeNote ? { outcomeNote } : {}),
    ...(postId ? { postId } : {}),
    ...(placementId ? { placementId } : {}),
    ...(amountFen !== undefined ? { amountFen } : {}),
    ...(years !== undefined ? { years } : {}),
    byUserId: actor.userId,
    byRole: actor.role,
    createdAt: now.toISOString(),
  }
}

/** Tries a read-change-write again when the record moved between the read and the write (another officer's service). */
export async function withFreshRecord<T>(work: () => Promise<T>, tries = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await work()
    } catch (e) {
      if (!(e instanceof DomainError && e.code.endsWith('.changed')) || i >= tries) throw e
    }
  }
}
