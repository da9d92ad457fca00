/**
 * Non-urgent texts (notices, invitations): queued, then sent by the jobs function, which tries again
 * with back-off and finally marks the message failed. Never sent in the request: a slow or failing
 * provider must not slow or fail the change the text is about. Sign-in codes do not come here.
 */
import { DomainError } from '../../shared/errors.js'
import { maskPhone } from '../../shared/phone.js'
import { claimAttempt, dueOutboxSms, getOutboxSms, putOutboxSms, settleAttempt, type OutboxSms, type OutboxStatus } from '../db/outbox.js'
import { SmsUnavailable } from '../sms/provider.js'
import { checkSmsMessage, renderSms, SMS_TEMPLATES, type SmsMessage } from '../sms/templates.js'
import type { Deps } from './deps.js'

export const SMS_RETRY = {
  maxAttempts: 5,
  /** The wait after attempt 1, 2, …: about 7½ minutes in all, inside one run of the jobs function. */
  backoffSeconds: [30, 60, 120, 240] as readonly number[],
}

const backoff = (attempt: number): number => SMS_RETRY.backoffSeconds[Math.min(attempt - 1, SMS_RETRY.backoffSeconds.length - 1)]!

/** Writes the message to the outbox and starts its job. Refuses a sign-in code and a message off its template. */
export async function queueSms(deps: Deps, phone: string, message: SmsMessage): Promise<{ id: string }> {
  checkSmsMessage(message)
  if (SMS_TEMPLATES[message.template].urgent) {
    throw new DomainError('sms.urgent', 'invalid', '验证码短信须在请求中发送', 'A sign-in code is sent in the request, not queued')
  }
  const item = await putOutboxSms(
    deps.db,
    { template: message.template, vars: message.vars, phoneSealed: deps.protector.seal(phone), to: maskPhone(phone), maxAttempts: SMS_RETRY.maxAttempts },
    deps.now(),
  )
  await deps.jobs.start({ type: 'sendSms', outboxId: item.id })
  return { id: item.id }
}

/** One attempt of a due message: undefined when none was taken (not due, settled, or taken by another worker). */
export async function attemptSms(deps: Deps, m: OutboxSms): Promise<OutboxStatus | undefined> {
  const now = deps.now()
  const taken = await claimAttempt(deps.db, m, now, new Date(now.getTime() + backoff(m.attempts + 1) * 1000))
  if (!taken?.phoneSealed) return undefined
  const message: SmsMessage = { template: taken.template, vars: taken.vars }
  try {
    const receipt = await deps.sms.send(deps.protector.open(taken.phoneSealed), renderSms(message), { purpose: 'notice', template: message })
    await settleAttempt(deps.db, taken, { status: 'sent', ...(receipt ? { messageId: receipt.messageId } : {}) }, deps.now())
    return 'sent'
  } catch (e) {
    const failure = e instanceof SmsUnavailable ? e : undefined
    const final = taken.attempts >= taken.maxAttempts || (failure !== undefined && !failure.retryable)
    const status: OutboxStatus = final ? 'failed' : 'pending'
    await settleAttempt(deps.db, taken, { status, error: failure?.providerCode ?? (e as Error).name }, deps.now())
    deps.log.warn('sms outbox attempt failed', { outboxId: taken.id, template: taken.template, to: taken.to, attempt: taken.attempts, status })
    return status
  }
}

/**
 * The `sendSms` job: tries a queued message until it is sent or failed, waiting out each back-off
 * (`sleep` is injectable for tests). A run cut short leaves it pending for the `retrySms` sweep.
 */
export async function deliverQueuedSms(deps: Deps, outboxId: string, sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))): Promise<OutboxStatus | undefined> {
  for (;;) {
    const m = await getOutboxSms(deps.db, outboxId)
    if (!m || m.status !== 'pending') return m?.status
    const wait = new Date(m.nextAttemptAt).getTime() - deps.now().getTime()
    if (wait > 0) await sleep(wait)
    const status = await attemptSms(deps, m)
    if (status === undefined) {
      // Another worker holds this attempt, or the clock has not reached it: it is theirs or the sweep's.
      const again = await getOutboxSms(deps.db, outboxId)
      if (again && again.status === 'pending' && again.attempts === m.attempts && new Date(again.nextAttemptAt).getTime() <= deps.now().getTime()) continue
      return again?.status
    }
    if (status !== 'pending') return status
  }
}

/** The `retrySms` sweep: one attempt of each message due now (pending ones whose job ended early). */
export async function retryDueSms(deps: Deps, limit = 50): Promise<{ attempted: number; sent: number; failed: number }> {
  const due = await dueOutboxSms(deps.db, deps.now(), limit)
  const out = { attempted: 0, sent: 0, failed: 0 }
  for (const m of due) {
    const status = await attemptSms(deps, m)
    if (status === undefined) continue
    out.attempted++
    if (status === 'sent') out.sent++
    if (status === 'failed') out.failed++
  }
  return out
}
