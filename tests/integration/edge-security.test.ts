/**
 * The edge of the API, tried as an attacker would: tokens whose payload lies, a token without
 * expiry, one client asking codes for many phones, anonymous calls with garbage input, and the
 * security headers on every answer. Plus the table set-up on a DynamoDB Local without -sharedDb.
 */
import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { DescribeTableCommand, DynamoDBClient, ResourceNotFoundException } from '@aws-sdk/client-dynamodb'
import { Hono } from 'hono'
import { sign } from 'hono/jwt'
import { describe, expect, inject, it } from 'vitest'
import { PUBLIC_ROUTES, readAuth } from '../../functions/api/auth.js'
import type { Env } from '../../functions/api/context.js'
import { ROUTES } from '../../functions/api/openapi.js'
import { buildLocalServer } from '../../functions/api/server.js'
import { awsRegion, DEFAULT_AWS_REGION } from '../../functions/config.js'
import { createDb } from '../../functions/db/client.js'
import { createSession, endSessionsOfUser } from '../../functions/db/sessions.js'
import { createUser, findUserByPhone } from '../../functions/db/users.js'
import { SECURITY_HEADERS } from '../../functions/security/headers.js'
import { ensureTable } from '../../scripts/dynamodb-local.js'
import { call, signIn, testApp, type TestApp } from '../support/app.js'

const decode = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>

describe('sessions decide (role and scope from the session row)', () => {
  it('a seeker token re-signed as admin with the default local key still reads nothing an admin may', async () => {
    const t = await testApp()
    const admin = await createUser(t.db, t.deps.protector, { role: 'admin', name: '管理员', phone: '13800009999' })
    expect(admin.role).toBe('admin')
    const adminToken = (await signIn(t, '13800009999')).token
    // The control: the ledger is there for a real admin.
    expect((await call(t, 'GET', '/api/ledger?year=2026', undefined, adminToken)).status).toBe(200)

    const { token } = await signIn(t, '15900001234')
    const claims = decode(token)
    expect(Object.keys(claims).sort()).toEqual(['exp', 'sid', 'sub'])
    // The dev default secret is what readConfig gives local/test: "the default local key".
    const forged = await sign({ ...claims, role: 'admin', scope: 'district' }, t.deps.config.sessionSecret, 'HS256')
    const r = await call(t, 'GET', '/api/ledger?year=2026', undefined, forged)
    expect(r.status).toBe(403)
    expect(r.json.code).toBe('auth.forbidden')
    expect((await call(t, 'GET', '/api/me', undefined, forged)).json.role).toBe('seeker')
  })

  it('takes role and scope from the row, whatever the token claims', async () => {
    const t = await testApp()
    const officer = await createUser(t.db, t.deps.protector, { role: 'officer', name: '灵井专干', phone: '17700001111', scope: 'lingjing' })
    const session = await createSession(t.db, officer, 3600, new Date())
    const probe = new Hono<Env>()
      .use(async (c, next) => {
        c.set('deps', t.deps)
        await next()
      })
      .use(readAuth)
      .get('/who', (c) => c.json(c.get('auth') ?? null))
    const exp = Math.floor(Date.parse(session.expiresAt) / 1000)
    const token = await sign({ sub: officer.id, sid: session.id, exp, role: 'admin', scope: 'district' }, t.deps.config.sessionSecret, 'HS256')
    const who = await (await probe.request('/who', { headers: { authorization: `Bearer ${token}` } })).json()
    expect(who).toEqual({ userId: officer.id, role: 'officer', scope: 'lingjing', sessionId: session.id })
    // A token naming someone else's session is nobody.
    const other = await sign({ sub: 'someone-else', sid: session.id, exp }, t.deps.config.sessionSecret, 'HS256')
    expect(await (await probe.request('/who', { headers: { authorization: `Bearer ${other}` } })).json()).toBeNull()
  })

  it('refuses a token without exp, or with an exp that is not a number', async () => {
    const t = await testApp()
    const { token } = await signIn(t, '15900002345')
    const { sub, sid, exp } = decode(token)
    expect((await call(t, 'GET', '/api/me', undefined, token)).status).toBe(200)
    for (const payload of [{ sub, sid }, { sub, sid, exp: String(exp) }, { sub, sid, exp: null }]) {
      const bad = await sign(payload as Record<string, unknown>, t.deps.config.sessionSecret, 'HS256')
      const r = await call(t, 'GET', '/api/me', undefined, bad)
      expect(r.status, JSON.stringify(payload)).toBe(401)
    }
  })

  it('endSessionsOfUser ends every session of that user at once, and no one else\'s', async () => {
    const t = await testApp()
    const a1 = await signIn(t, '15900003456')
    const otp = await call(t, 'POST', '/api/auth/otp', { phone: '15900004567' })
    const b = await call(t, 'POST', '/api/auth/login', { phone: '15900004567', code: otp.json.devCode })
    // A second device for the first user: a session of its own, made directly.
    const second = await createSession(t.db, { id: a1.user.id, role: 'seeker' }, 3600)
    const a2 = await sign({ sub: a1.user.id, sid: second.id, exp: Math.floor(Date.parse(second.expiresAt) / 1000) }, t.deps.config.sessionSecret, 'HS256')
    for (const tok of [a1.token, a2, b.json.token]) expect((await call(t, 'GET', '/api/me', undefined, tok)).status).toBe(200)

    expect(await endSessionsOfUser(t.db, a1.user.id)).toBe(2)
    expect((await call(t, 'GET', '/api/me', undefined, a1.token)).status).toBe(401)
    expect((await call(t, 'GET', '/api/me', undefined, a2)).status).toBe(401)
    expect((await call(t, 'GET', '/api/me', undefined, b.json.token)).status).toBe(200)
    expect(await endSessionsOfUser(t.db, a1.user.id)).toBe(0)
  })
})

/** app.request with a client named by the test header (the config allows one only outside production). */
const codeFor = (t: TestApp, phone: string, headers: Record<string, string> = {}, env?: unknown) =>
  t.app.request('/api/auth/otp', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ phone }) }, env)

const phones = (n: number, base = 15000000000) => Array.from({ length: n }, (_, i) => String(base + i * 7919))

describe('sign-in abuse: codes per client and per hour', () => {
  it('one client asking codes for 40 phones: beyond its limit 429 with Retry-After, and no SMS or account', async () => {
    const t = await testApp()
    t.deps.config = { ...t.deps.config, clientAddressHeader: 'x-test-client', otpPerClientPerHour: 10 }
    const list = phones(40)
    const answers = []
    for (const phone of list) answers.push(await codeFor(t, phone, { 'x-test-client': '203.0.113.7' }))
    expect(answers.map((r) => r.status)).toEqual([...Array(10).fill(200), ...Array(30).fill(429)])
    const refused = answers[10]!
    const retryAfter = Number(refused.headers.get('retry-after'))
    expect(retryAfter).toBeGreaterThan(0)
    expect(retryAfter).toBeLessThanOrEqual(3600)
    const body = (await refused.json()) as { code: string; message: string; messageEn: string }
    expect(body).toMatchObject({ code: 'otp.clientLimit' })
    expect(body.message).toMatch(/[\u4e00-\u9fff]/)
    expect(body.messageEn.length).toBeGreaterThan(10)
    // Texts went to the first ten phones only.
    expect(t.captured.sms.map((s) => s.phone)).toEqual(list.slice(0, 10))
    // A refused phone has no code to sign in with, so no account is made for it.
    for (const code of ['000000', '123456']) expect((await call(t, 'POST', '/api/auth/login', { phone: list[20], code })).status).toBe(401)
    expect(await findUserByPhone(t.db, t.deps.protector, list[20]!)).toBeUndefined()
    // Another client is not held back by this one.
    expect((await codeFor(t, '15811112222', { 'x-test-client': '198.51.100.9' })).status).toBe(200)
  })

  it('holds under concurrency: 30 simultaneous requests from one client get exactly its 10', async () => {
    const t = await testApp()
    t.deps.config = { ...t.deps.config, clientAddressHeader: 'x-test-client', otpPerClientPerHour: 10 }
    const answers = await Promise.all(phones(30, 15100000000).map((p) => codeFor(t, p, { 'x-test-client': '203.0.113.8' })))
    expect(answers.filter((r) => r.status === 200)).toHaveLength(10)
    expect(answers.filter((r) => r.status === 429)).toHaveLength(20)
    expect(t.captured.sms).toHaveLength(10)
  })

  it('a global hourly budget: beyond it 429 otp.budget for everyone, and a refused client keeps its quota', async () => {
    const t = await testApp()
    t.deps.config = { ...t.deps.config, clientAddressHeader: 'x-test-client', otpPerClientPerHour: 2, otpPerHour: 3 }
    const list = phones(6, 15200000000)
    const statuses = []
    for (let i = 0; i < 4; i++) statuses.push((await codeFor(t, list[i]!, { 'x-test-client': `192.0.2.${i + 1}` })).status)
    expect(statuses).toEqual([200, 200, 200, 429])
    const spent = await codeFor(t, list[4]!, { 'x-test-client': '192.0.2.99' })
    expect(spent.status).toBe(429)
    expect(((await spent.json()) as { code: string }).code).toBe('otp.budget')
    expect(Number(spent.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(t.captured.sms).toHaveLength(3)
  })

  it('the per-phone limit answers with Retry-After too, and gives back the client\'s count', async () => {
    const t = await testApp()
    t.deps.config = { ...t.deps.config, clientAddressHeader: 'x-test-client', otpPerClientPerHour: 2 }
    const h = { 'x-test-client': '203.0.113.20' }
    expect((await codeFor(t, '15300000001', h)).status).toBe(200)
    const again = await codeFor(t, '15300000001', h)
    expect(again.status).toBe(429)
    expect(((await again.json()) as { code: string }).code).toBe('otp.tooMany')
    const wait = Number(again.headers.get('retry-after'))
    expect(wait).toBeGreaterThan(50)
    expect(wait).toBeLessThanOrEqual(60)
    // The refused resend did not use the client's second code.
    expect((await codeFor(t, '15300000002', h)).status).toBe(200)
    expect((await codeFor(t, '15300000003', h)).status).toBe(429)
  })

  it('on Lambda the client is API Gateway\'s sourceIp; X-Forwarded-For is never read', async () => {
    const t = await testApp()
    t.deps.config = { ...t.deps.config, otpPerClientPerHour: 2 }
    const lambda = (sourceIp: string) => ({ event: { requestContext: { http: { sourceIp } } } })
    const list = phones(5, 15400000000)
    const spoof = (i: number) => ({ 'x-forwarded-for': `10.0.0.${i}` })
    const statuses = []
    for (let i = 0; i < 3; i++) statuses.push((await codeFor(t, list[i]!, spoof(i), lambda('203.0.113.30'))).status)
    expect(statuses).toEqual([200, 200, 429])
    expect((await codeFor(t, list[3]!, {}, lambda('203.0.113.31'))).status).toBe(200)
  })

  it('through CloudFront the viewer address counts, only when the request proves it came through CloudFront', async () => {
    const t = await testApp()
    const secret = 'origin-secret-'.padEnd(40, 'x')
    t.deps.config = { ...t.deps.config, otpPerClientPerHour: 1, originSecret: secret }
    // Every request arrives from the same CloudFront edge server.
    const edge = { event: { requestContext: { http: { sourceIp: '130.176.0.1' } } } }
    const list = phones(6, 15500000000)
    const viaCloudFront = (viewer: string) => ({ 'x-origin-verify': secret, 'x-viewer-address': viewer })
    expect((await codeFor(t, list[0]!, viaCloudFront('198.51.100.1'), edge)).status).toBe(200)
    expect((await codeFor(t, list[1]!, viaCloudFront('198.51.100.2'), edge)).status).toBe(200)
    expect((await codeFor(t, list[2]!, viaCloudFront('198.51.100.1'), edge)).status).toBe(429)
    // Without the secret (a direct call to API Gateway) the header is the caller's word: ignored.
    const direct = { event: { requestContext: { http: { sourceIp: '203.0.113.40' } } } }
    expect((await codeFor(t, list[3]!, { 'x-origin-verify': 'guess', 'x-viewer-address': '192.0.2.50' }, direct)).status).toBe(200)
    expect((await codeFor(t, list[4]!, { 'x-origin-verify': 'guess', 'x-viewer-address': '192.0.2.51' }, direct)).status).toBe(429)
  })

  it('without any address (no connection, no test header) every request shares one bucket', async () => {
    const t = await testApp()
    t.deps.config = { ...t.deps.config, otpPerClientPerHour: 1 }
    expect((await codeFor(t, '15600000001')).status).toBe(200)
    expect((await codeFor(t, '15600000002', { 'x-forwarded-for': '192.0.2.77' })).status).toBe(429)
  })
})

describe('headers', () => {
  const expectSecurityHeaders = (headers: Headers, what: string) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(headers.get(name), `${what}: ${name}`).toBe(value)
  }

  it('every API answer carries the security headers: 200, 401, 404, 400', async () => {
    const t = await testApp()
    expectSecurityHeaders((await call(t, 'GET', '/api/health')).headers, 'health')
    expectSecurityHeaders((await call(t, 'GET', '/api/me')).headers, '401')
    expectSecurityHeaders((await call(t, 'GET', '/api/nope')).headers, '404')
    expectSecurityHeaders((await call(t, 'POST', '/api/auth/otp', { phone: 'x' })).headers, '400')
  })

  it('the API reference has its own CSP: no script at all, its one inline style allowed by hash', async () => {
    const t = await testApp()
    const r = await call(t, 'GET', '/api/docs')
    expect(r.status).toBe(200)
    const csp = r.headers.get('content-security-policy')!
    expect(csp).not.toContain('unsafe-inline')
    expect(csp).toContain("script-src 'none'")
    expect(csp).toContain("frame-ancestors 'none'")
    expect(r.text).not.toMatch(/<script/i)
    const styles = [...r.text.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]!)
    expect(styles).toHaveLength(1)
    const hash = `'sha256-${createHash('sha256').update(styles[0]!).digest('base64')}'`
    expect(csp).toContain(`style-src ${hash}`)
    expect(r.text).not.toMatch(/\sstyle="/)
    expect(r.headers.get('x-content-type-options')).toBe('nosniff')
  })

  it('the local server sends them on every portal response too', async () => {
    const t = await testApp()
    const webRoot = mkdtempSync(path.join(os.tmpdir(), 'wg-web-headers-'))
    mkdirSync(path.join(webRoot, 'assets'))
    writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><title>portal</title>')
    writeFileSync(path.join(webRoot, 'assets', 'app-abc.js'), 'console.log(1)')
    writeFileSync(path.join(webRoot, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>')
    const server = buildLocalServer(t.deps, webRoot)
    for (const p of ['/', '/index.html', '/seeker/applications', '/assets/app-abc.js', '/favicon.svg', '/assets/missing.js']) {
      expectSecurityHeaders((await server.request(p)).headers, p)
    }
    expectSecurityHeaders((await server.request('/api/nothing-here')).headers, '/api 404')
    expect((await server.request('/api/docs')).headers.get('content-security-policy')).toContain("script-src 'none'")
  })
})

/** A value for a path parameter that no schema accepts; the gate must answer before anything reads it. */
const garbage = (p: string) => p.replace(/:[A-Za-z]+/g, '%00%3Cx%3E')

describe('authentication before validation', () => {
  it('every route outside PUBLIC_ROUTES answers 401 to an anonymous request with garbage input', async () => {
    const t = await testApp()
    const endpoints = [...new Map(t.app.routes.filter((r) => r.method !== 'ALL' && !r.path.includes('*')).map((r) => [`${r.method} ${r.path}`, r])).values()]
    const protectedOnes = endpoints.filter((r) => !PUBLIC_ROUTES.includes(`${r.method} ${r.path}`))
    expect(endpoints.length).toBeGreaterThan(70)
    for (const r of protectedOnes) {
      const url = `${garbage(r.path)}?limit=-1&year=abc&cursor=%%%&township=atlantis`
      const hasBody = !['GET', 'HEAD'].includes(r.method)
      const res = await t.app.request(url, { method: r.method, ...(hasBody ? { headers: { 'content-type': 'application/json' }, body: '{"phone": [' } : {}) })
      expect(res.status, `${r.method} ${r.path}`).toBe(401)
      expect(((await res.json()) as { code: string }).code, `${r.method} ${r.path}`).toBe('auth.required')
    }
    console.log(`authentication gate: ${protectedOnes.length} protected routes answer 401 anonymously; ${endpoints.length - protectedOnes.length} public`)
  })

  it('PUBLIC_ROUTES are exactly the routes the API reference marks as open, and all exist', async () => {
    const t = await testApp()
    const registered = new Set(t.app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`))
    for (const p of PUBLIC_ROUTES) expect(registered.has(p), p).toBe(true)
    const open = ROUTES.filter((r) => !r.auth).map((r) => `${r.method.toUpperCase()} ${r.path.replace(/\{(\w+)\}/g, ':$1')}`)
    // A route's pattern (`:key{.+}`, a key with slashes) is Hono's matter: the reference names the parameter only.
    expect([...open].sort()).toEqual([...PUBLIC_ROUTES].map((p) => p.replace(/\{[^}]*\}/g, '')).sort())
  })

  it('public routes stay open, unknown paths stay 404, and a bad token on a public route is anonymous', async () => {
    const t = await testApp()
    expect((await call(t, 'GET', '/api/posts')).status).toBe(200)
    expect((await call(t, 'GET', '/api/posts/not-an-id')).status).toBe(400)
    expect((await call(t, 'GET', '/api/nope')).status).toBe(404)
    expect((await call(t, 'DELETE', '/api/posts')).status).toBe(404)
    expect((await call(t, 'GET', '/api/posts', undefined, 'garbage')).status).toBe(200)
  })
})

describe('table set-up on a DynamoDB Local without -sharedDb', () => {
  it('ensureTable creates the table where the app looks for it (AWS_REGION, one default), not in a region of its own', async () => {
    const endpoint = inject('dynamoEndpoint')
    expect(awsRegion({})).toBe(DEFAULT_AWS_REGION)
    expect(awsRegion({ AWS_REGION: 'ap-northeast-1' })).toBe('ap-northeast-1')
    const name = `region_${Date.now()}`
    expect(await ensureTable(endpoint, name)).toBe(true)
    const credentials = { accessKeyId: 'local', secretAccessKey: 'local' }
    const here = new DynamoDBClient({ endpoint, region: awsRegion(), credentials })
    expect((await here.send(new DescribeTableCommand({ TableName: name }))).Table?.TableStatus).toBe('ACTIVE')
    // The suite's emulator is not shared across regions: another region does not see the table,
    // so a client that named its own region would fail here as it would in AWS.
    const elsewhere = new DynamoDBClient({ endpoint, region: 'eu-west-1', credentials })
    await expect(elsewhere.send(new DescribeTableCommand({ TableName: name }))).rejects.toBeInstanceOf(ResourceNotFoundException)
    here.destroy()
    elsewhere.destroy()
    // The repositories reach it through createDb's default region.
    const db = createDb({ tableName: name, endpoint, cursorSecret: 'region-test' })
    await createUser(db, (await testApp()).deps.protector, { role: 'seeker', name: '王芳', phone: '13900007777' })
  })
})
