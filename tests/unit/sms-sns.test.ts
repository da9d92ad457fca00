/**
 * Amazon SNS Publish to a phone number, against a local endpoint that checks the request as the
 * SNS API documents it (Query protocol, SigV4 for service sns) and answers its XML PublishResponse.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SmsUnavailable } from '../../functions/sms/provider.js'
import { snsSms } from '../../functions/sms/sns.js'

let server: Server
let endpoint: string
const seen: { fields: URLSearchParams; authorization?: string; amzDate?: string }[] = []
let reply: { status: number; xml: string } = { status: 200, xml: '' }

const published = (id: string) =>
  `<?xml version="1.0"?><PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>${id}</MessageId></PublishResult><ResponseMetadata><RequestId>f187a3c1-376f-11df-8963-01868b7c937a</RequestId></ResponseMetadata></PublishResponse>`
const errorXml = (code: string, type = 'Sender') =>
  `<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>${type}</Type><Code>${code}</Code><Message>${code}</Message></Error><RequestId>r-1</RequestId></ErrorResponse>`

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = ''
    req.on('data', (d) => (body += d))
    req.on('end', () => {
      seen.push({ fields: new URLSearchParams(body), authorization: req.headers.authorization, amzDate: req.headers['x-amz-date'] as string | undefined })
      res.writeHead(reply.status, { 'content-type': 'text/xml' })
      res.end(reply.xml)
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((r) => server.close(() => r())))

const provider = () => snsSms({ region: 'cn-north-1', endpoint, senderId: 'WENGANG', timeoutMs: 2000 })

describe('Amazon SNS Publish', () => {
  it('publishes to the +86 number with the text, signed with SigV4 for sns in the region', async () => {
    reply = { status: 200, xml: published('567910cd-659e-55d4-8ccb-5aaf14679dc0') }
    const out = await (await provider()).deliver('13800000004', { template: 'otp', vars: { code: '012345', minutes: '5' } }, '【稳岗通】验证码 012345')
    expect(out).toEqual({ messageId: '567910cd-659e-55d4-8ccb-5aaf14679dc0' })
    const req = seen.at(-1)!
    expect(req.fields.get('Action')).toBe('Publish')
    expect(req.fields.get('Version')).toBe('2010-03-31')
    expect(req.fields.get('PhoneNumber')).toBe('+8613800000004')
    expect(req.fields.get('Message')).toBe('【稳岗通】验证码 012345')
    expect(req.fields.has('TopicArn')).toBe(false)
    // Message attributes: transactional SMS, and the sender id.
    const attrs = new Map<string, string>()
    for (let i = 1; req.fields.has(`MessageAttributes.entry.${i}.Name`); i++) {
      attrs.set(req.fields.get(`MessageAttributes.entry.${i}.Name`)!, req.fields.get(`MessageAttributes.entry.${i}.Value.StringValue`)!)
    }
    expect(attrs.get('AWS.SNS.SMS.SMSType')).toBe('Transactional')
    expect(attrs.get('AWS.SNS.SMS.SenderID')).toBe('WENGANG')
    expect(req.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=[^/]+\/\d{8}\/cn-north-1\/sns\/aws4_request, SignedHeaders=[^,]*host[^,]*, Signature=[0-9a-f]{64}$/)
    expect(req.amzDate).toMatch(/^\d{8}T\d{6}Z$/)
  })

  it('throttling is retryable; an invalid parameter is not', async () => {
    const p = await provider()
    reply = { status: 400, xml: errorXml('Throttling') }
    const e = await p.deliver('13800000004', { template: 'otp', vars: { code: '1', minutes: '5' } }, 'x').catch((x: unknown) => x)
    expect(e).toBeInstanceOf(SmsUnavailable)
    expect(e).toMatchObject({ code: 'sms.unavailable', retryable: true })
    reply = { status: 400, xml: errorXml('InvalidParameter') }
    await expect(p.deliver('13800000004', { template: 'otp', vars: { code: '1', minutes: '5' } }, 'x')).rejects.toMatchObject({ providerCode: 'InvalidParameter', retryable: false })
  })

  it('a 5xx is retryable', async () => {
    reply = { status: 500, xml: errorXml('InternalError', 'Receiver') }
    await expect((await provider()).deliver('13800000004', { template: 'otp', vars: { code: '1', minutes: '5' } }, 'x')).rejects.toMatchObject({ retryable: true })
  })
})
