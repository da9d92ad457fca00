/**
 * The Alibaba RAM key read from AWS Secrets Manager (what the stack wires when the provider is aliyun),
 * with the real SDK against a local endpoint that speaks the Secrets Manager JSON protocol
 * (awsJson1_1: POST /, X-Amz-Target secretsmanager.GetSecretValue, SigV4 for service secretsmanager),
 * and a local Alibaba endpoint that records which key signed the SendSms call.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Hono } from 'hono'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { readConfig } from '../../functions/config.js'
import type { Log, LogFields } from '../../functions/core/log.js'
import { chooseSms } from '../../functions/deps.js'
import { onError } from '../../functions/api/errors.js'
import { ALIYUN_CREDENTIALS_PLACEHOLDER, forgetAliyunCredentials } from '../../functions/sms/aliyun-credentials.js'
import { rpcSignature } from '../../functions/sms/aliyun-signature.js'
import { providerSms } from '../../functions/sms/sender.js'

const SECRET_ARN = 'arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:SmsAliyunCredentials-AbCdEf'
const KEY = { accessKeyId: 'LTAI5tTestKeyId', accessKeySecret: 'test-secret-from-secrets-manager' }

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let s = ''
    req.setEncoding('utf8')
    req.on('data', (d) => (s += d))
    req.on('end', () => resolve(s))
  })

async function listen(handler: (req: IncomingMessage, body: string) => { status: number; type: string; body: string }): Promise<{ server: Server; url: string }> {
  const server = createServer(async (req, res) => {
    const out = handler(req, await readBody(req))
    res.writeHead(out.status, { 'content-type': out.type })
    res.end(out.body)
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }
}

/** What Secrets Manager holds, or the error it answers with (its JSON error shape, __type). */
let secret: { string: string } | { status: number; type: string } = { string: JSON.stringify(KEY) }
const secretCalls: { target?: string; contentType?: string; authorization?: string; body: Record<string, unknown> }[] = []
const aliyunCalls: Record<string, string>[] = []
let secretsManager: { server: Server; url: string }
let aliyun: { server: Server; url: string }

beforeAll(async () => {
  secretsManager = await listen((req, body) => {
    secretCalls.push({
      target: req.headers['x-amz-target'] as string | undefined,
      contentType: req.headers['content-type'],
      authorization: req.headers.authorization,
      body: JSON.parse(body) as Record<string, unknown>,
    })
    if ('status' in secret) return { status: secret.status, type: 'application/x-amz-json-1.1', body: JSON.stringify({ __type: secret.type, Message: `${secret.type} (test)` }) }
    return {
      status: 200,
      type: 'application/x-amz-json-1.1',
      body: JSON.stringify({ ARN: SECRET_ARN, Name: 'SmsAliyunCredentials', SecretString: secret.string, VersionId: 'EXAMPLE1-90ab-cdef-fedc-ba987EXAMPLE', VersionStages: ['AWSCURRENT'], CreatedDate: 1.523477145713e9 }),
    }
  })
  aliyun = await listen((_req, body) => {
    aliyunCalls.push(Object.fromEntries(new URLSearchParams(body)))
    return { status: 200, type: 'application/json', body: JSON.stringify({ Code: 'OK', Message: 'OK', BizId: '900619746936498440^0', RequestId: 'F655A8D5-B967-440B-8683-DAD6FF8DE990' }) }
  })
})
afterAll(async () => {
  await Promise.all([secretsManager, aliyun].map(({ server }) => new Promise<void>((r) => server.close(() => r()))))
})
beforeEach(() => {
  forgetAliyunCredentials()
  secret = { string: JSON.stringify(KEY) }
  secretCalls.length = 0
  aliyunCalls.length = 0
})

const quiet: Log = { info: () => {}, warn: () => {}, error: () => {} }
const warnings = () => {
  const lines: LogFields[] = []
  return { lines, log: { ...quiet, warn: (_m: string, f: LogFields = {}) => void lines.push(f) } as Log }
}

/** The functions' environment as infra/sms.ts sets it for provider aliyun, plus the two test endpoints. */
const env = () => ({
  WENGANG_ENV: 'production',
  WENGANG_SESSION_SECRET: 's'.repeat(64),
  WENGANG_DATA_KEY: 'k'.repeat(64),
  AWS_REGION: 'us-west-2',
  SMS_PROVIDER: 'aliyun',
  SMS_ALIYUN_CREDENTIALS_SECRET_ARN: SECRET_ARN,
  SMS_ALIYUN_SIGN_NAME: '稳岗通',
  SMS_ALIYUN_TEMPLATES: 'otp=SMS_154950909',
  SMS_ALIYUN_ENDPOINT: aliyun.url,
  SMS_ALIYUN_SECRET_ENDPOINT: secretsManager.url,
})
const otp = { purpose: 'otp' as const, code: '012345' }

describe('Alibaba key from Secrets Manager', () => {
  it('config names the secret and its region (from the ARN), and no key', () => {
    const { aliyun: a } = readConfig(env()).sms
    expect(a).toMatchObject({ credentialsSecret: { arn: SECRET_ARN, region: 'ap-northeast-1', endpoint: secretsManager.url } })
    expect(a).not.toHaveProperty('accessKeyId')
    expect(() => readConfig({ ...env(), SMS_ALIYUN_ACCESS_KEY_ID: 'id' })).toThrow(/not both/)
  })

  it('is read with GetSecretValue, signed for secretsmanager in the secret\'s region, and signs the SendSms call', async () => {
    const sms = providerSms(readConfig(env()).sms, quiet)
    await expect(sms.send('13800000004', 'x', otp)).resolves.toEqual({ messageId: '900619746936498440^0' })
    expect(secretCalls).toHaveLength(1)
    const call = secretCalls[0]!
    expect(call.target).toBe('secretsmanager.GetSecretValue')
    expect(call.contentType).toBe('application/x-amz-json-1.1')
    expect(call.body).toEqual({ SecretId: SECRET_ARN })
    expect(call.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=[^/]+\/\d{8}\/ap-northeast-1\/secretsmanager\/aws4_request, SignedHeaders=[^,]*x-amz-target[^,]*, Signature=[0-9a-f]{64}$/)
    const sent = aliyunCalls[0]!
    expect(sent.AccessKeyId).toBe(KEY.accessKeyId)
    const { Signature, ...signed } = sent
    expect(Signature).toBe(rpcSignature('POST', signed, KEY.accessKeySecret))
  })

  it('once per container: later sends, and another sender in the same process, do not read it again', async () => {
    const config = readConfig(env()).sms
    const api = providerSms(config, quiet)
    await api.send('13800000004', 'x', otp)
    await api.send('13800000005', 'x', otp)
    await providerSms(config, quiet).send('13800000006', 'x', otp)
    expect(secretCalls).toHaveLength(1)
    expect(aliyunCalls).toHaveLength(3)
  })

  it('the placeholder the stack creates is "not filled in yet": 503 sms.unavailable, and the key is taken as soon as it is filled in', async () => {
    secret = { string: JSON.stringify({ accessKeyId: ALIYUN_CREDENTIALS_PLACEHOLDER, accessKeySecret: 'GeneratedByCloudFormation30chars' }) }
    const { lines, log } = warnings()
    const sms = providerSms(readConfig(env()).sms, log)
    await expect(sms.send('13800000004', 'x', otp)).rejects.toMatchObject({ code: 'sms.unavailable', kind: 'unavailable', providerCode: 'aliyun.credentials.unset', retryable: true })
    expect(lines[0]).toMatchObject({ status: 'failed', error: 'aliyun.credentials.unset' })
    expect(aliyunCalls).toHaveLength(0)
    // The operator puts the real key in: no restart needed.
    secret = { string: JSON.stringify(KEY) }
    await expect(sms.send('13800000004', 'x', otp)).resolves.toEqual({ messageId: '900619746936498440^0' })
    expect(secretCalls).toHaveLength(2)
  })

  it('a secret that is not the documented JSON is refused the same way', async () => {
    secret = { string: 'LTAI5tTestKeyId:test-secret' }
    await expect(providerSms(readConfig(env()).sms, quiet).send('13800000004', 'x', otp)).rejects.toMatchObject({ providerCode: 'aliyun.credentials.malformed' })
  })

  it.each([
    [400, 'AccessDeniedException'],
    [400, 'ResourceNotFoundException'],
    [500, 'InternalServiceError'],
  ])('Secrets Manager answering %i %s: 503 sms.unavailable naming it, never a 500, and tried again on the next send', async (status, type) => {
    secret = { status, type }
    const sms = providerSms(readConfig(env()).sms, quiet)
    await expect(sms.send('13800000004', 'x', otp)).rejects.toMatchObject({ code: 'sms.unavailable', providerCode: `secretsmanager.${type}` })
    expect(aliyunCalls).toHaveLength(0)
    secret = { string: JSON.stringify(KEY) }
    await expect(sms.send('13800000004', 'x', otp)).resolves.toBeDefined()
  })

  it('Secrets Manager unreachable: 503 sms.unavailable (network)', async () => {
    const closed = await listen(() => ({ status: 200, type: 'text/plain', body: '' }))
    await new Promise<void>((r) => closed.server.close(() => r()))
    const sms = providerSms(readConfig({ ...env(), SMS_ALIYUN_SECRET_ENDPOINT: closed.url }).sms, quiet)
    await expect(sms.send('13800000004', 'x', otp)).rejects.toMatchObject({ code: 'sms.unavailable', providerCode: 'network', retryable: true })
  })

  it('through the API\'s error handler a failed read is the 503 sms.unavailable answer, not a 500', async () => {
    secret = { status: 400, type: 'AccessDeniedException' }
    const sms = providerSms(readConfig(env()).sms, quiet)
    const app = new Hono().onError(onError as never).post('/api/auth/otp', async (c) => c.json(await sms.send('13800000004', 'x', otp)))
    const res = await app.request('/api/auth/otp', { method: 'POST' })
    expect(res.status).toBe(503)
    expect(await res.json()).toMatchObject({ code: 'sms.unavailable', messageEn: 'The text message could not be sent; please try again later' })
  })

  it('lazy: a local run (SMS_PROVIDER log) and a process that never sends never call Secrets Manager', async () => {
    await chooseSms(readConfig({ WENGANG_ENV: 'test' })).send('13800000004', 'x', otp)
    providerSms(readConfig(env()).sms, quiet)
    expect(secretCalls).toHaveLength(0)
  })
})
