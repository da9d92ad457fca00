/**
 * Notices and invitations go through the outbox: queued in the request, sent by the jobs function,
 * tried again with back-off and finally marked failed. The phone is sealed and dropped once settled.
 */
import { describe, expect, it } from 'vitest'
import type { SmsSender } from '../../functions/auth/sms.js'
import type { Job, JobRunner } from '../../functions/core/deps.js'
import { deliverQueuedSms, queueSms, retryDueSms, SMS_RETRY } from '../../functions/core/sms-outbox.js'
import { getOutboxSms } from '../../functions/db/outbox.js'
import { SmsUnavailable } from '../../functions/sms/provider.js'
import { testApp } from '../support/app.js'

/** A clock the test moves; `sleep` moves it instead of waiting. */
function clock(start = '2026-12-01T02:00:00.000Z') {
  let t = Date.parse(start)
  return { now: () => new Date(t), sleep: async (ms: number) => void (t += ms), slept: [] as number[] }
}

function failing(code: string, retryable: boolean) {
  const calls: { phone: string; template?: string }[] = []
  const sms: SmsSender = {
    async send(phone, _text, meta) {
      calls.push({ phone, ...(meta.template ? { template: meta.template.template } : {}) })
      throw new SmsUnavailable(code, retryable)
    },
  }
  return { calls, sms }
}

/** Jobs are recorded, not run: the test runs them, as the jobs function would. */
const recordingJobs = () => {
  const started: Job[] = []
  const jobs: JobRunner = { start: async (j) => void started.push(j) }
  return { started, jobs }
}

describe('the SMS outbox', () => {
  it('queueSms writes the message (phone sealed) and starts its sendSms job; the job sends it once', async () => {
    const c = clock()
    const { started, jobs } = recordingJobs()
    const sent: string[] = []
    const sms: SmsSender = { send: async (phone, _t, meta) => (sent.push(`${phone} ${meta.template?.template}`), { messageId: 'BIZ-9' }) }
    const t = await testApp({ now: c.now, jobs, sms })
    const { id } = await queueSms(t.deps, '13800000004', { template: 'invitation', vars: { post: '五女店镇 帮扶车间 包装工' } })
    expect(started).toEqual([{ type: 'sendSms', outboxId: id }])
    const queued = await getOutboxSms(t.db, id)
    expect(queued).toMatchObject({ status: 'pending', attempts: 0, to: '138****0004', template: 'invitation' })
    expect(JSON.stringify(queued)).not.toContain('13800000004')
    expect(sent).toEqual([]) // nothing in the request

    expect(await deliverQueuedSms(t.deps, id, c.sleep)).toBe('sent')
    expect(sent).toEqual(['13800000004 invitation'])
    const done = await getOutboxSms(t.db, id)
    expect(done).toMatchObject({ status: 'sent', attempts: 1, messageId: 'BIZ-9' })
    expect(done?.phoneSealed).toBeUndefined()
    // Settled: a second run of the job sends nothing.
    expect(await deliverQueuedSms(t.deps, id, c.sleep)).toBe('sent')
    expect(sent).toHaveLength(1)
  })

  it(`a provider that keeps failing: tried ${SMS_RETRY.maxAttempts} times with growing waits, then failed`, async () => {
    const c = clock()
    const { jobs } = recordingJobs()
    const { calls, sms } = failing('isv.BUSINESS_LIMIT_CONTROL', true)
    const t = await testApp({ now: c.now, jobs, sms })
    const { id } = await queueSms(t.deps, '13800000004', { template: 'notice', vars: { title: '您的求职申请有新进展' } })
    const waits: number[] = []
    const status = await deliverQueuedSms(t.deps, id, async (ms) => (waits.push(ms), c.sleep(ms)))
    expect(status).toBe('failed')
    expect(calls).toHaveLength(SMS_RETRY.maxAttempts)
    expect(waits).toEqual(SMS_RETRY.backoffSeconds.map((s) => s * 1000))
    const m = await getOutboxSms(t.db, id)
    expect(m).toMatchObject({ status: 'failed', attempts: SMS_RETRY.maxAttempts, lastError: 'isv.BUSINESS_LIMIT_CONTROL' })
    expect(m?.phoneSealed).toBeUndefined()
    // Nothing of it in the log but ids, the template and the masked phone.
    expect(t.captured.lines.join('\n')).not.toContain('13800000004')
    expect(t.captured.lines.some((l) => l.includes('sms outbox attempt failed') && l.includes('138****0004'))).toBe(true)
  })

  it('a refusal that will not come right (a bad number) fails at once', async () => {
    const c = clock()
    const { jobs } = recordingJobs()
    const { calls, sms } = failing('isv.MOBILE_NUMBER_ILLEGAL', false)
    const t = await testApp({ now: c.now, jobs, sms })
    const { id } = await queueSms(t.deps, '13800000004', { template: 'notice', vars: { title: '通知' } })
    expect(await deliverQueuedSms(t.deps, id, c.sleep)).toBe('failed')
    expect(calls).toHaveLength(1)
  })

  it('the retrySms sweep takes only what is due, once per attempt, and settles it after the last', async () => {
    const c = clock()
    const { jobs } = recordingJobs()
    const { calls, sms } = failing('Throttling', true)
    const t = await testApp({ now: c.now, jobs, sms })
    const { id } = await queueSms(t.deps, '13900000001', { template: 'notice', vars: { title: '通知' } })
    expect(await retryDueSms(t.deps)).toEqual({ attempted: 1, sent: 0, failed: 0 })
    // Not due yet: the sweep leaves it alone.
    expect(await retryDueSms(t.deps)).toEqual({ attempted: 0, sent: 0, failed: 0 })
    for (const s of SMS_RETRY.backoffSeconds) {
      await c.sleep(s * 1000)
      await retryDueSms(t.deps)
    }
    expect(calls).toHaveLength(SMS_RETRY.maxAttempts)
    expect(await getOutboxSms(t.db, id)).toMatchObject({ status: 'failed', attempts: SMS_RETRY.maxAttempts })
    await c.sleep(3600_000)
    expect(await retryDueSms(t.deps)).toEqual({ attempted: 0, sent: 0, failed: 0 })
  })

  it('two workers never send the same attempt', async () => {
    const c = clock()
    const { jobs } = recordingJobs()
    let sends = 0
    const sms: SmsSender = { send: async () => (sends++, { messageId: 'M' }) }
    const t = await testApp({ now: c.now, jobs, sms })
    const { id } = await queueSms(t.deps, '13800000004', { template: 'notice', vars: { title: '通知' } })
    const results = await Promise.all([deliverQueuedSms(t.deps, id, c.sleep), deliverQueuedSms(t.deps, id, c.sleep), retryDueSms(t.deps)])
    expect(sends).toBe(1)
    expect(results.slice(0, 2)).toContain('sent')
  })

  it('refuses a sign-in code, a variable over 35 characters and a phone in a variable, writing nothing', async () => {
    const { started, jobs } = recordingJobs()
    const t = await testApp({ jobs })
    await expect(queueSms(t.deps, '13800000004', { template: 'otp', vars: { code: '123456', minutes: '5' } })).rejects.toMatchObject({ code: 'sms.urgent' })
    await expect(queueSms(t.deps, '13800000004', { template: 'notice', vars: { title: '长'.repeat(36) } })).rejects.toMatchObject({ code: 'sms.template' })
    await expect(queueSms(t.deps, '13800000004', { template: 'notice', vars: { title: '请联系13912345678' } })).rejects.toMatchObject({ code: 'sms.template' })
    expect(started).toEqual([])
  })
})
