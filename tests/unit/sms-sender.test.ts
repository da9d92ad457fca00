import { describe, expect, it } from 'vitest'
import { readConfig, readSmsConfig } from '../../functions/config.js'
import type { Log, LogFields } from '../../functions/core/log.js'
import { scrub } from '../../functions/core/log.js'
import { providerSms } from '../../functions/sms/sender.js'
import { SmsUnavailable, type SmsProvider } from '../../functions/sms/provider.js'
import { checkSmsMessage, fitVariable, renderSms, SMS_TEMPLATES } from '../../functions/sms/templates.js'

const capture = () => {
  const lines: string[] = []
  const w = (level: string) => (message: string, fields: LogFields = {}) => void lines.push(scrub(JSON.stringify({ level, message, ...fields })))
  const log: Log = { info: w('INFO'), warn: w('WARN'), error: w('ERROR') }
  return { lines, log }
}

describe('SMS templates are data', () => {
  it('every template has its variables in its text, and none is about an ID number or a phone', () => {
    for (const [code, t] of Object.entries(SMS_TEMPLATES)) {
      for (const v of t.vars) expect(t.text, code).toContain(`\${${v}}`)
      expect(t.vars.join(' ')).not.toMatch(/id|phone|mobile|身份证|手机/i)
    }
  })

  it('a variable is at most 35 characters (a Chinese character counts one)', () => {
    expect(() => checkSmsMessage({ template: 'notice', vars: { title: '岗'.repeat(35) } })).not.toThrow()
    expect(() => checkSmsMessage({ template: 'notice', vars: { title: '岗'.repeat(36) } })).toThrow(/35/)
    expect([...fitVariable('岗'.repeat(50))].length).toBe(35)
  })

  it('refuses missing, extra or empty variables, and values shaped like an ID number or a phone', () => {
    expect(() => checkSmsMessage({ template: 'otp', vars: { code: '123456' } })).toThrow()
    expect(() => checkSmsMessage({ template: 'notice', vars: { title: 'a', extra: 'b' } })).toThrow()
    expect(() => checkSmsMessage({ template: 'notice', vars: { title: '' } })).toThrow()
    expect(() => checkSmsMessage({ template: 'notice', vars: { title: '请回电13800000004' } })).toThrow(/手机号/)
    expect(() => checkSmsMessage({ template: 'invitation', vars: { post: '411003198001010036' } })).toThrow()
  })

  it('renders our wording with the sign', () => {
    expect(renderSms({ template: 'otp', vars: { code: '012345', minutes: '5' } })).toBe('【稳岗通】验证码 012345，5 分钟内有效，请勿告诉他人。')
  })
})

const fake = (deliver: SmsProvider['deliver']): (() => Promise<SmsProvider>) => async () => ({ name: 'aliyun', deliver })

describe('every send is logged: template, masked phone, message id, status, error — never the code or the phone', () => {
  const c = { provider: 'aliyun' as const, timeoutMs: 1000 }

  it('a sent code', async () => {
    const { lines, log } = capture()
    const sms = providerSms(c, log, fake(async () => ({ messageId: 'BIZ-1' })))
    await expect(sms.send('13800000004', 'ignored', { purpose: 'otp', code: '864209' })).resolves.toEqual({ messageId: 'BIZ-1' })
    expect(lines).toHaveLength(1)
    expect(JSON.parse(lines[0]!)).toEqual({ level: 'INFO', message: 'sms', template: 'otp', to: '138****0004', provider: 'aliyun', status: 'sent', messageId: 'BIZ-1' })
    expect(lines.join()).not.toMatch(/864209|13800000004/)
  })

  it('a refused send: logged with the provider code, thrown as 503 sms.unavailable', async () => {
    const { lines, log } = capture()
    const sms = providerSms(c, log, fake(async () => { throw new SmsUnavailable('isv.BUSINESS_LIMIT_CONTROL', true) }))
    await expect(sms.send('13800000004', 'x', { purpose: 'otp', code: '864209' })).rejects.toMatchObject({ code: 'sms.unavailable', kind: 'unavailable' })
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'WARN', template: 'otp', to: '138****0004', status: 'failed', error: 'isv.BUSINESS_LIMIT_CONTROL', retryable: true })
    expect(lines.join()).not.toMatch(/864209|13800000004/)
  })

  it('an unexpected error becomes sms.unavailable too, and a failed load is tried again next time', async () => {
    const { log } = capture()
    let loads = 0
    const sms = providerSms(c, log, async () => {
      if (++loads === 1) throw new Error('boom')
      return { name: 'sns', deliver: async () => ({ messageId: 'M' }) }
    })
    await expect(sms.send('13800000004', 'x', { purpose: 'otp', code: '1' })).rejects.toMatchObject({ code: 'sms.unavailable' })
    await expect(sms.send('13800000004', 'x', { purpose: 'otp', code: '1' })).resolves.toEqual({ messageId: 'M' })
  })

  it('a notice without a template goes out as the generic notice, never its free text', async () => {
    const { log } = capture()
    const got: string[] = []
    const sms = providerSms(c, log, fake(async (_p, m, text) => (got.push(m.template, text), { messageId: 'x' })))
    await sms.send('13800000004', '【稳岗通】王小明的身份证 411003198001010036', { purpose: 'notice' })
    expect(got[0]).toBe('notice')
    expect(got[1]).not.toContain('4110031980')
  })
})

describe('SMS configuration', () => {
  const prod = { WENGANG_ENV: 'production', WENGANG_SESSION_SECRET: 'x'.repeat(40), WENGANG_DATA_KEY: 'k'.repeat(40) }
  it('local logs, production refuses until a provider is set, and never logs codes', () => {
    expect(readConfig({ WENGANG_ENV: 'local' }).sms.provider).toBe('log')
    expect(readConfig(prod).sms.provider).toBe('none')
    expect(() => readConfig({ ...prod, SMS_PROVIDER: 'log' })).toThrow(/local\|test only/)
    expect(() => readConfig({ ...prod, SMS_PROVIDER: 'twilio' })).toThrow(/SMS_PROVIDER/)
  })

  it('aliyun needs its key, secret, sign name and at least the otp template; names what is missing', () => {
    const env = { SMS_PROVIDER: 'aliyun', SMS_ALIYUN_ACCESS_KEY_ID: 'id', SMS_ALIYUN_ACCESS_KEY_SECRET: 's', SMS_ALIYUN_SIGN_NAME: '稳岗通', SMS_ALIYUN_TEMPLATES: 'otp=SMS_1, notice=SMS_3' }
    expect(readSmsConfig(env, false).aliyun).toEqual({ accessKeyId: 'id', accessKeySecret: 's', signName: '稳岗通', templates: { otp: 'SMS_1', notice: 'SMS_3' }, endpoint: 'https://dysmsapi.aliyuncs.com', regionId: 'cn-hangzhou' })
    expect(() => readSmsConfig({ ...env, SMS_ALIYUN_SIGN_NAME: '' }, false)).toThrow(/SMS_ALIYUN_SIGN_NAME/)
    expect(() => readSmsConfig({ ...env, SMS_ALIYUN_TEMPLATES: 'notice=SMS_3' }, false)).toThrow(/otp/)
    expect(() => readSmsConfig({ ...env, SMS_ALIYUN_TEMPLATES: 'otp=SMS_1,welcome=SMS_9' }, false)).toThrow(/welcome/)
  })

  it('sns takes its region from SMS_SNS_REGION or AWS_REGION', () => {
    expect(readSmsConfig({ SMS_PROVIDER: 'sns', AWS_REGION: 'ap-southeast-1' }, false).sns).toEqual({ region: 'ap-southeast-1' })
    expect(readSmsConfig({ SMS_PROVIDER: 'sns', SMS_SNS_REGION: 'ap-northeast-1', SMS_SNS_SENDER_ID: 'WG' }, false).sns).toEqual({ region: 'ap-northeast-1', senderId: 'WG' })
  })
})
