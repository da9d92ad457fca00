/**
 * The SmsSender of a process that really sends: the configured provider, loaded on first use
 * (a local run never loads a provider's code, nor reads a provider's secret), and one log line per send.
 */
import { maskPhone } from '../../shared/phone.js'
import type { SmsSender } from '../auth/sms.js'
import type { SmsConfig } from '../config.js'
import type { Log } from '../core/log.js'
import { SmsUnavailable, type SmsProvider } from './provider.js'
import { checkSmsMessage, renderSms, type SmsMessage } from './templates.js'
import { otpMessage } from './otp-message.js'

async function loadProvider(c: SmsConfig): Promise<SmsProvider> {
  if (c.provider === 'aliyun' && c.aliyun) {
    const a = c.aliyun
    const keys =
      'credentialsSecret' in a
        ? await (await import('./aliyun-credentials.js')).aliyunCredentials({ ...a.credentialsSecret, timeoutMs: c.timeoutMs })
        : { accessKeyId: a.accessKeyId, accessKeySecret: a.accessKeySecret }
    const { aliyunSms } = await import('./aliyun.js')
    return aliyunSms({ ...keys, signName: a.signName, templates: a.templates, endpoint: a.endpoint, regionId: a.regionId, timeoutMs: c.timeoutMs })
  }
  if (c.provider === 'sns' && c.sns) {
    const { snsSms } = await import('./sns.js')
    return snsSms({ ...c.sns, timeoutMs: c.timeoutMs })
  }
  throw new Error(`SMS provider ${c.provider} is not configured`)
}

/**
 * The message a call names; a sign-in code without one is the otp template, and a notice from a
 * caller that passes only text is the generic notice (its text is never sent: it may hold anything).
 */
function messageOf(meta: Parameters<SmsSender['send']>[2]): SmsMessage {
  if (meta.template) return meta.template
  if (meta.purpose === 'otp' && meta.code) return otpMessage(meta.code)
  return { template: 'notice', vars: { title: '您有一条新消息' } }
}

export function providerSms(c: SmsConfig, log: Log, load: (c: SmsConfig) => Promise<SmsProvider> = loadProvider): SmsSender {
  let provider: Promise<SmsProvider> | undefined
  return {
    async send(phone, _text, meta) {
      const m = checkSmsMessage(messageOf(meta))
      // What is logged: template, masked phone, provider, its message id or error. Never the variables (a code is one).
      const line = { template: m.template, to: maskPhone(phone), provider: c.provider }
      try {
        const p = await (provider ??= load(c).catch((e) => {
          provider = undefined
          throw e
        }))
        const { messageId } = await p.deliver(phone, m, renderSms(m))
        log.info('sms', { ...line, status: 'sent', messageId })
        return { messageId }
      } catch (e) {
        const failure = e instanceof SmsUnavailable ? e : new SmsUnavailable('internal', true, { cause: e })
        log.warn('sms', { ...line, status: 'failed', error: failure.providerCode, retryable: failure.retryable })
        throw failure
      }
    },
  }
}
