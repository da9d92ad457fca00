import type { InboxMessage } from '../../shared/schemas/applications.js'
import type { Seeker } from '../../shared/schemas/seekers.js'
import { postMessage } from '../db/inbox.js'
import { seekerPhone } from '../db/seekers.js'
import { revealPhone } from '../db/users.js'
import type { Deps } from './deps.js'

/**
 * Tells a seeker about a change: always in the in-app inbox, and by SMS when a phone is on file.
 * A failed text never fails the change itself; it is logged (without the number).
 */
export async function notifySeeker(deps: Deps, seeker: Seeker, m: Omit<InboxMessage, 'id' | 'read' | 'createdAt'>): Promise<void> {
  await postMessage(deps.db, seeker.id, m, deps.now())
  await textSeeker(deps, seeker, m)
}

/** The SMS half of a notice, for callers that wrote the inbox message themselves. Never throws. */
export async function textSeeker(deps: Deps, seeker: Seeker, m: Pick<InboxMessage, 'title' | 'body'>): Promise<void> {
  try {
    const phone = (await seekerPhone(deps.db, deps.protector, seeker.id)) ?? (seeker.userId ? await revealPhone(deps.db, deps.protector, seeker.userId) : undefined)
    if (phone) await deps.sms.send(phone, `【稳岗通】${m.title}：${m.body}`, { purpose: 'notice' })
  } catch (e) {
    deps.log.warn('notice sms failed', { seekerId: seeker.id, error: (e as Error).name })
  }
}
