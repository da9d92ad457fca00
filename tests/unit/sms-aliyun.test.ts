/**
 * Alibaba Cloud SendSms (Dysmsapi 2017-05-25) against a local endpoint that checks what the API
 * documents, and verifies the signature with its own implementation of the documented algorithm
 * (not functions/sms/aliyun-signature.ts): StringToSign = POST&%2F&percentEncode(sorted canonical query),
 * HMAC-SHA1 with AccessKeySecret + "&", base64.
 */
import { createHmac } from 'node:crypto'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { aliyunSms } from '../../functions/sms/aliyun.js'
import { SmsUnavailable } from '../../functions/sms/provider.js'

const SECRET = 'testsecret'

/** RFC 3986 by hand, byte by byte of the UTF-8: A-Z a-z 0-9 - _ . ~ stay, all else %XX upper case. */
function rfc3986(s: string): string {
  let out = ''
  for (const b of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(b)
    out += /[A-Za-z0-9\-_.~]/.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`
  }
  return out
}

function expectedSignature(params: Record<string, string>): string {
  const sorted = Object.keys(params).filter((k) => k !== 'Signature').sort()
  const canonical = sorted.map((k) => `${rfc3986(k)}=${rfc3986(params[k]!)}`).join('&')
  const toSign = `POST&${rfc3986('/')}&${rfc3986(canonical)}`
  return createHmac('sha1', `${SECRET}&`).update(toSign, 'utf8').digest('base64')
}

/** application/x-www-form-urlencoded, decoded without URLSearchParams' "+ is space" shortcut hiding a bad encoding. */
function formFields(body: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const pair of body.split('&')) {
    const [k, v = ''] = pair.split('=')
    expect(v, `${k} must be percent-encoded (no raw + or space)`).not.toMatch(/[+ ]/)
    out[decodeURIComponent(k!)] = decodeURIComponent(v)
  }
  return out
}

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let s = ''
    req.setEncoding('utf8')
    req.on('data', (d) => (s += d))
    req.on('end', () => resolve(s))
  })

let server: Server
let endpoint: string
const seen: { method: string; url: string; contentType?: string; fields: Record<string, string>; problems: string[] }[] = []
/** What the fake API answers next: the real API's shapes. */
let answer: { status: number; body: unknown } = { status: 200, body: {} }

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const fields = formFields(await readBody(req))
    const problems: string[] = []
    const want: Record<string, string | RegExp> = {
      Action: 'SendSms',
      Version: '2017-05-25',
      Format: 'JSON',
      AccessKeyId: 'testid',
      SignatureMethod: 'HMAC-SHA1',
      SignatureVersion: '1.0',
      SignatureNonce: /^[0-9a-f-]{16,}$/,
      Timestamp: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/,
      PhoneNumbers: /^1[3-9]\d{9}$/,
      SignName: '稳岗通',
      TemplateCode: /^SMS_\d+$/,
      RegionId: 'cn-hangzhou',
    }
    for (const [k, v] of Object.entries(want)) {
      const got = fields[k]
      if (got === undefined || (typeof v === 'string' ? got !== v : !v.test(got))) problems.push(`${k}=${got}`)
    }
    try {
      const vars = JSON.parse(fields.TemplateParam ?? '')
      for (const v of Object.values(vars)) if (typeof v !== 'string' || [...v].length > 35) problems.push('TemplateParam variable')
    } catch {
      problems.push('TemplateParam not JSON')
    }
    if (fields.Signature !== expectedSignature(fields)) problems.push('Signature')
    seen.push({ method: req.method!, url: req.url!, contentType: req.headers['content-type'], fields, problems })
    res.writeHead(problems.length ? 400 : answer.status, { 'content-type': 'application/json;charset=utf-8' })
    res.end(JSON.stringify(problems.length ? { Code: 'SignatureDoesNotMatch', Message: problems.join('; '), RequestId: 'R-BAD' } : answer.body))
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((r) => server.close(() => r())))

const provider = () =>
  aliyunSms(
    { accessKeyId: 'testid', accessKeySecret: SECRET, signName: '稳岗通', templates: { otp: 'SMS_100001', notice: 'SMS_100003' }, endpoint, regionId: 'cn-hangzhou', timeoutMs: 2000 },
    () => new Date('2026-12-01T08:09:10.123Z'),
  )

describe('Alibaba Cloud SendSms', () => {
  it('posts the documented parameters, signed, and answers the BizId', async () => {
    answer = { status: 200, body: { Code: 'OK', Message: 'OK', BizId: '900619746936498440^0', RequestId: 'F655A8D5-B967-440B-8683-DAD6FF8DE990' } }
    const out = await provider().deliver('13800000004', { template: 'otp', vars: { code: '012345', minutes: '5' } }, 'unused')
    expect(out).toEqual({ messageId: '900619746936498440^0' })
    const req = seen.at(-1)!
    expect(req.problems).toEqual([])
    expect(req.method).toBe('POST')
    expect(req.contentType).toMatch(/^application\/x-www-form-urlencoded/)
    expect(req.fields.Timestamp).toBe('2026-12-01T08:09:10Z')
    expect(req.fields.TemplateCode).toBe('SMS_100001')
    expect(JSON.parse(req.fields.TemplateParam!)).toEqual({ code: '012345', minutes: '5' })
  })

  it('encodes Chinese, spaces and reserved characters the documented way (the signature still verifies)', async () => {
    answer = { status: 200, body: { Code: 'OK', Message: 'OK', BizId: 'B2', RequestId: 'R2' } }
    await provider().deliver('13912345678', { template: 'notice', vars: { title: "岗位 (2) 已更新*! 'a~b'" } }, 'unused')
    expect(seen.at(-1)!.problems).toEqual([])
    expect(JSON.parse(seen.at(-1)!.fields.TemplateParam!)).toEqual({ title: "岗位 (2) 已更新*! 'a~b'" })
  })

  it('a nonce is never reused', async () => {
    answer = { status: 200, body: { Code: 'OK', Message: 'OK', BizId: 'B3', RequestId: 'R3' } }
    await provider().deliver('13800000004', { template: 'otp', vars: { code: '1', minutes: '5' } }, '')
    await provider().deliver('13800000004', { template: 'otp', vars: { code: '1', minutes: '5' } }, '')
    const [a, b] = seen.slice(-2)
    expect(a!.fields.SignatureNonce).not.toBe(b!.fields.SignatureNonce)
  })

  it('flow control (isv.BUSINESS_LIMIT_CONTROL) is a retryable failure', async () => {
    answer = { status: 200, body: { Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: '触发分钟级流控Permits:1', RequestId: 'R4' } }
    const e = await provider()
      .deliver('13800000004', { template: 'otp', vars: { code: '1', minutes: '5' } }, '')
      .catch((x: unknown) => x)
    expect(e).toBeInstanceOf(SmsUnavailable)
    expect(e).toMatchObject({ code: 'sms.unavailable', kind: 'unavailable', providerCode: 'isv.BUSINESS_LIMIT_CONTROL', retryable: true })
  })

  it('a refused number (isv.MOBILE_NUMBER_ILLEGAL) is not retried; a 5xx is', async () => {
    answer = { status: 200, body: { Code: 'isv.MOBILE_NUMBER_ILLEGAL', Message: '非法手机号', RequestId: 'R5' } }
    await expect(provider().deliver('13800000004', { template: 'otp', vars: { code: '1', minutes: '5' } }, '')).rejects.toMatchObject({ providerCode: 'isv.MOBILE_NUMBER_ILLEGAL', retryable: false })
    answer = { status: 503, body: { Code: 'ServiceUnavailable', Message: 'busy', RequestId: 'R6' } }
    await expect(provider().deliver('13800000004', { template: 'otp', vars: { code: '1', minutes: '5' } }, '')).rejects.toMatchObject({ providerCode: 'ServiceUnavailable', retryable: true })
  })

  it('a template without an approved code is refused before any request', async () => {
    const before = seen.length
    await expect(provider().deliver('13800000004', { template: 'invitation', vars: { post: 'x' } }, '')).rejects.toMatchObject({ providerCode: 'template.unconfigured', retryable: false })
    expect(seen.length).toBe(before)
  })

  it('an endpoint that does not answer is a retryable network failure', async () => {
    const p = aliyunSms({ accessKeyId: 'testid', accessKeySecret: SECRET, signName: '稳岗通', templates: { otp: 'SMS_1' }, endpoint: 'http://127.0.0.1:9', regionId: 'cn-hangzhou', timeoutMs: 500 })
    await expect(p.deliver('13800000004', { template: 'otp', vars: { code: '1', minutes: '5' } }, '')).rejects.toMatchObject({ providerCode: 'network', retryable: true })
  })
})
