import { DomainError } from '../../shared/errors.js'
import { maskPhone } from '../../shared/phone.js'
import type { Log } from '../core/log.js'

/** Sends a text message. Sign-in codes and (later) application notices go through it. */
export interface SmsSender {
  send(phone: string, text: string, meta: { purpose: 'otp' | 'notice'; code?: string }): Promise<void>
}

/** Local development: the code goes to the server log (phone masked), nothing is sent. */
export const logSms = (log: Log): SmsSender => ({
  async send(phone, _text, meta) {
    log.info('sms (local, not sent)', { to: maskPhone(phone), purpose: meta.purpose, ...(meta.code ? { devCode: meta.code } : {}) })
  },
})

/** Production until a provider is contracted: refuses clearly instead of pretending to send. */
export const unconfiguredSms: SmsSender = {
  async send() {
    throw new DomainError('sms.unavailable', 'unavailable', '短信服务暂不可用', 'The SMS service is not configured')
  },
}
