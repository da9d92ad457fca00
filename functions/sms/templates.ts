/**
 * Text messages are data: a code names what is said, the variables it takes, and its wording for
 * providers that send our text (SNS). Alibaba Cloud sends only templates approved in its console;
 * their codes (SMS_…) are configuration (SMS_ALIYUN_TEMPLATES), keyed by the codes below.
 * No template takes an ID number or a full phone, and every variable is checked before a send.
 */
import { DomainError } from '../../shared/errors.js'

export const SMS_TEMPLATE_CODES = ['otp', 'invitation', 'notice'] as const
export type SmsTemplateCode = (typeof SMS_TEMPLATE_CODES)[number]

export interface SmsTemplate {
  /** The variables the approved template has, in its order. */
  vars: readonly string[]
  /** Sign-in codes go out in the request; everything else through the outbox and its retries. */
  urgent: boolean
  /** Our wording, `${name}` for a variable; Alibaba's approved template must say the same. */
  text: string
}

export const SMS_TEMPLATES: Record<SmsTemplateCode, SmsTemplate> = {
  otp: { vars: ['code', 'minutes'], urgent: true, text: '验证码 ${code}，${minutes} 分钟内有效，请勿告诉他人。' },
  invitation: { vars: ['post'], urgent: false, text: '您收到岗位邀请：${post}。请登录稳岗通查看。' },
  notice: { vars: ['title'], urgent: false, text: '${title}。详情请登录稳岗通查看。' },
}

/** Alibaba Cloud's limit for one template variable (characters, a Chinese character counts one). */
export const SMS_VARIABLE_MAX = 35

/** What goes into a message, before a provider sees it. */
export interface SmsMessage {
  template: SmsTemplateCode
  vars: Record<string, string>
}

const ID_NUMBER = /[1-9]\d{5}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx]/
const MOBILE = /1[3-9]\d{9}/

const refuse = (why: string, whyEn: string) => new DomainError('sms.template', 'invalid', `短信内容不符合模板：${why}`, `The text message does not fit its template: ${whyEn}`)

/**
 * Checks a message against its template: exactly the template's variables, each non-empty, at most
 * 35 characters, and none shaped like an ID number or a mobile number. Throws otherwise.
 */
export function checkSmsMessage(m: SmsMessage): SmsMessage {
  const t = SMS_TEMPLATES[m.template]
  if (!t) throw refuse(`没有模板 ${String(m.template)}`, `no template ${String(m.template)}`)
  const given = Object.keys(m.vars).sort()
  const wanted = [...t.vars].sort()
  if (given.join(',') !== wanted.join(',')) throw refuse(`变量应为 ${wanted.join('、')}`, `variables must be ${wanted.join(', ')}`)
  for (const [name, value] of Object.entries(m.vars)) {
    if (typeof value !== 'string' || value.length === 0) throw refuse(`${name} 为空`, `${name} is empty`)
    if ([...value].length > SMS_VARIABLE_MAX) throw refuse(`${name} 超过 ${SMS_VARIABLE_MAX} 个字`, `${name} is longer than ${SMS_VARIABLE_MAX} characters`)
    if (ID_NUMBER.test(value) || MOBILE.test(value)) throw refuse(`${name} 含有身份证号或手机号`, `${name} holds an ID number or a phone number`)
  }
  return m
}

/** Our own wording with the sign in front: what SNS sends and what the local log would show. */
export function renderSms(m: SmsMessage, sign = '稳岗通'): string {
  const body = SMS_TEMPLATES[m.template].text.replace(/\$\{(\w+)\}/g, (_, name: string) => m.vars[name] ?? '')
  return `【${sign}】${body}`
}

/** Cuts a free text (a post title, say) to fit one variable. */
export const fitVariable = (s: string): string => ([...s].length <= SMS_VARIABLE_MAX ? s : `${[...s].slice(0, SMS_VARIABLE_MAX - 1).join('')}…`)
