import { renderMessage, type MessageDraft } from '../../shared/messages.js'
import type { Seeker } from '../../shared/schemas/seekers.js'
import { postMessage } from '../db/inbox.js'
import { getPreferences } from '../db/preferences.js'
import { seekerPhone } from '../db/seekers.js'
import { revealPhone } from '../db/users.js'
import { fitVariable, type SmsMessage } from '../sms/templates.js'
import type { Deps } from './deps.js'
import { queueSms } from './sms-outbox.js'

/**
 * Tells a seeker about a change: always in the in-app inbox, and by SMS when a phone is on file and
 * they have not chosen the inbox alone. A failed text never fails the change itself; it is logged (without the number).
 */
export async function notifySeeker(deps: Deps, seeker: Seeker, m: MessageDraft): Promise<void> {
  await postMessage(deps.db, seeker.id, m, deps.now())
  await textSeeker(deps, seeker, m)
}

/** Whether non-urgent notices to this seeker go by SMS too: their account's choice (a file without an account: yes). */
async function wantsSms(deps: Deps, seeker: Seeker): Promise<boolean> {
  if (!seeker.userId) return true
  return (await getPreferences(deps.db, seeker.userId)).sms === 'inboxAndSms'
}

/**
 * The SMS half of a notice, for callers that wrote the inbox message themselves: queued in the SMS
 * outbox (sent and retried by the jobs function, never in the request). Never throws.
 */
export async function textSeeker(deps: Deps, seeker: Seeker, m: MessageDraft): Promise<void> {
  try {
    if (!(await wantsSms(deps, seeker))) return
    const phone = (await seekerPhone(deps.db, deps.protector, seeker.id)) ?? (seeker.userId ? await revealPhone(deps.db, deps.protector, seeker.userId) : undefined)
    if (phone) await queueSms(deps, phone, smsOf(m))
  } catch (e) {
    deps.log.warn('notice sms failed', { seekerId: seeker.id, error: (e as Error).name })
  }
}

/**
 * The text of a notice, on an approved SMS template: an invitation names the post, anything else
 * says its title and points to the inbox. In Chinese: the account keeps no language, and the district's phones read Chinese.
 */
export function smsOf(m: MessageDraft): SmsMessage {
  if (m.code === 'invitation.post') return { template: 'invitation', vars: { post: fitVariable(m.params.postTitle ?? '') } }
  return { template: 'notice', vars: { title: fitVariable(renderMessage(m.code, m.params, 'zh-CN').title) } }
}
