import { DomainError } from '../../shared/errors.js'
import { maskPhone } from '../../shared/phone.js'
import type { Log } from '../core/log.js'
import type { SmsMessage } from '../sms/templates.js'

export interface SmsMeta {
  purpose: 'otp' | 'notice'
  /** A sign-in code: only a local log ever shows it. */
  code?: string
  /** The template and its variables (functions/sms/templates.ts); real providers send only templates. */
  template?: SmsMessage
}

/** What a provider said of a sent message. */
export interface SmsReceipt {
  messageId: string
}

/**
 * Sends a text message. Sign-in codes go through it in the request; other messages through the
 * outbox (core/sms-outbox.ts), whose job retries. A failure throws a DomainError (503 sms.unavailable).
 */
export interface SmsSender {
  send(phone: string, text: string, meta: SmsMeta): Promise<SmsReceipt | void>
}

/** Local development: the code goes to the server log (phone masked), nothing is sent. */
export const logSms = (log: Log): SmsSender => ({
  async send(phone, _text, meta) {
    log.info('sms (local, not sent)', {
      to: maskPhone(phone),
      purpose: meta.purpose,
      ...(meta.template ? { template: meta.template.template } : {}),
      ...(meta.code ? { devCode: meta.code } : {}),
    })
  },
})

/** Production without SMS_PROVIDER: refuses clearly instead of pretending to send. */
export const unconfiguredSms: SmsSender = {
  async send() {
    throw new DomainError('sms.unavailable', 'unavailable', '短信服务暂不可用', 'The SMS service is not configured')
  },
}
