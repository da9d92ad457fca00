/**
 * The sign-in code goes out in the request. When the provider fails the caller gets a clear 503
 * (zh-CN + en) and the code is taken back whole: it cannot sign in, and the phone may ask again at once.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SmsSender } from '../../functions/auth/sms.js'
import type { Log, LogFields } from '../../functions/core/log.js'
import { scrub } from '../../functions/core/log.js'
import { providerSms } from '../../functions/sms/sender.js'
import { SmsUnavailable } from '../../functions/sms/provider.js'
import { call, testApp } from '../support/app.js'

/** A sender whose provider is up or down, keeping the codes it was given. */
function switchable() {
  const state = { down: true as boolean | 'crash', codes: [] as string[] }
  const sms: SmsSender = {
    async send(_phone, _text, meta) {
      if (meta.code) state.codes.push(meta.code)
      if (state.down === 'crash') throw new Error('socket hang up')
      if (state.down) throw new SmsUnavailable('isv.BUSINESS_LIMIT_CONTROL', true)
      return { messageId: 'BIZ-OK' }
    },
  }
  return { state, sms }
}

describe('POST /api/auth/otp with the SMS provider failing', () => {
  it('answers 503 sms.unavailable in both languages; the code is withdrawn and a new one may be asked for at once', async () => {
    const { state, sms } = switchable()
    const t = await testApp({ sms })
    const down = await call(t, 'POST', '/api/auth/otp', { phone: '13800000004' })
    expect(down.status).toBe(503)
    expect(down.json).toMatchObject({ code: 'sms.unavailable', message: '短信暂时无法发送，请稍后再试', messageEn: 'The text message could not be sent; please try again later' })
    expect(down.json.devCode).toBeUndefined()
    const lost = state.codes[0]!

    // The code that never left does not sign in.
    const withLost = await call(t, 'POST', '/api/auth/login', { phone: '13800000004', code: lost })
    expect(withLost.status).toBe(401)
    expect(withLost.json.code).toBe('otp.invalid')

    // The provider is back: no 60-second wait for a code that was never sent.
    state.down = false
    const up = await call(t, 'POST', '/api/auth/otp', { phone: '13800000004' })
    expect(up.status).toBe(200)
    expect((await call(t, 'POST', '/api/auth/login', { phone: '13800000004', code: up.json.devCode })).status).toBe(200)
  })

  it('a failure that is not a provider refusal (a crash) is a 503 too, not a 500', async () => {
    const { state, sms } = switchable()
    state.down = 'crash'
    const t = await testApp({ sms })
    const r = await call(t, 'POST', '/api/auth/otp', { phone: '13900000001' })
    expect(r.status).toBe(503)
    expect(r.json.code).toBe('sms.unavailable')
  })

  it('failed sends spend none of the hourly limits: the phone can retry past its five an hour', async () => {
    const { state, sms } = switchable()
    const t = await testApp({ sms })
    for (let i = 0; i < 6; i++) expect((await call(t, 'POST', '/api/auth/otp', { phone: '13700000002' })).status).toBe(503)
    state.down = false
    expect((await call(t, 'POST', '/api/auth/otp', { phone: '13700000002' })).status).toBe(200)
  })
})

describe('the real Alibaba adapter behind the sign-in route', () => {
  let server: Server
  let endpoint: string
  let code = 'isv.BUSINESS_LIMIT_CONTROL'
  beforeAll(async () => {
    server = createServer((req, res) => {
      req.resume()
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(JSON.stringify(code === 'OK' ? { Code: 'OK', Message: 'OK', BizId: '123^0', RequestId: 'R' } : { Code: code, Message: '触发分钟级流控', RequestId: 'R' }))
      })
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(() => new Promise<void>((r) => server.close(() => r())))

  it('flow control at Alibaba → 503; the log has template, masked phone and the error, never the code or the phone', async () => {
    const lines: string[] = []
    const w = (level: string) => (message: string, fields: LogFields = {}) => void lines.push(scrub(JSON.stringify({ level, message, ...fields })))
    const log: Log = { info: w('INFO'), warn: w('WARN'), error: w('ERROR') }
    const sms = providerSms(
      { provider: 'aliyun', timeoutMs: 2000, aliyun: { accessKeyId: 'id', accessKeySecret: 's', signName: '稳岗通', templates: { otp: 'SMS_1' }, endpoint, regionId: 'cn-hangzhou' } },
      log,
    )
    const t = await testApp({ sms })
    const r = await call(t, 'POST', '/api/auth/otp', { phone: '13600000003' })
    expect(r.status).toBe(503)
    expect(r.json.code).toBe('sms.unavailable')
    const line = lines.map((l) => JSON.parse(l)).find((l) => l.message === 'sms')
    expect(line).toEqual({ level: 'WARN', message: 'sms', template: 'otp', to: '136****0003', provider: 'aliyun', status: 'failed', error: 'isv.BUSINESS_LIMIT_CONTROL', retryable: true })

    code = 'OK'
    const ok = await call(t, 'POST', '/api/auth/otp', { phone: '13600000003' })
    expect(ok.status).toBe(200)
    const sent = lines.map((l) => JSON.parse(l)).filter((l) => l.message === 'sms').at(-1)
    expect(sent).toMatchObject({ status: 'sent', messageId: '123^0', to: '136****0003' })
    expect(lines.join('\n')).not.toContain(ok.json.devCode)
    expect(lines.join('\n')).not.toContain('13600000003')
  })
})
