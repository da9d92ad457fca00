import { describe, expect, it } from 'vitest'
import { MAX_BODY_BYTES } from '../../functions/api/app.js'
import { call, testApp } from '../support/app.js'

describe('bad input gets a clear 4xx, never a 500', () => {
  it('answers field-level issues in Chinese and English', async () => {
    const t = await testApp()
    const r = await call(t, 'POST', '/api/auth/otp', { phone: '12345' })
    expect(r.status).toBe(400)
    expect(r.json.code).toBe('request.invalid')
    expect(r.json.issues).toEqual([{ path: 'phone', code: 'custom', message: '请输入正确的 11 位手机号', messageEn: 'Enter a valid 11-digit mobile number' }])
    expect(r.json.requestId).toBe(r.headers.get('x-request-id'))
  })

  it('names what was really sent when the type is wrong', async () => {
    const t = await testApp()
    const r = await call(t, 'POST', '/api/auth/login', { phone: 13800000000, code: 123456 })
    expect(r.status).toBe(400)
    const byPath = Object.fromEntries(r.json.issues.map((i: { path: string }) => [i.path, i]))
    expect(byPath.phone.messageEn).toBe('Expected string, received number')
    expect(byPath.phone.message).toBe('应为文本，收到的是数字')
    expect(byPath.code).toBeDefined()
  })

  const garbage: [string, string, string | undefined, number][] = [
    ['malformed JSON', 'POST', '{"phone": ', 400],
    ['an array', 'POST', '[1,2,3]', 400],
    ['null', 'POST', 'null', 400],
    ['a string', 'POST', '"13800000000"', 400],
    ['an empty body', 'POST', '', 400],
    ['deep nesting', 'POST', `${'['.repeat(5000)}${']'.repeat(5000)}`, 400],
  ]
  for (const [name, method, body, status] of garbage) {
    it(`refuses ${name}`, async () => {
      const t = await testApp()
      const r = await t.app.request('/api/auth/otp', { method, headers: { 'content-type': 'application/json' }, body })
      expect(r.status).toBe(status)
      const json = (await r.json()) as { code: string; message: string; messageEn: string }
      expect(json.message.length).toBeGreaterThan(0)
      expect(json.messageEn.length).toBeGreaterThan(0)
    })
  }

  it('refuses bodies over the limit with 413 before parsing', async () => {
    const t = await testApp()
    const r = await call(t, 'POST', '/api/auth/otp', { phone: 'x'.repeat(MAX_BODY_BYTES + 10) })
    expect(r.status).toBe(413)
    expect(r.json.code).toBe('request.tooLarge')
  })

  it('answers unknown routes and methods with a JSON 404', async () => {
    const t = await testApp()
    for (const [m, p] of [['GET', '/api/nope'], ['DELETE', '/api/posts'], ['GET', '/api/posts/../../etc/passwd']] as const) {
      const r = await call(t, m, p)
      expect(r.status).toBe(404)
      expect(r.json.code).toBe('route.notFound')
    }
  })

  it('validates query strings and path parameters', async () => {
    const t = await testApp()
    for (const path of ['/api/posts?limit=0', '/api/posts?limit=1000', '/api/posts?kind=circus', '/api/posts?township=atlantis', '/api/posts/not-an-id', '/api/geo/townships/atlantis/villages', '/api/posts?cursor=%%%']) {
      const r = await call(t, 'GET', path)
      expect(r.status, path).toBe(400)
      expect(r.json.code).toMatch(/^(request\.invalid|cursor\.invalid)$/)
    }
  })

  it('hides internals of an unexpected failure behind a 500 with a request id', async () => {
    const t = await testApp()
    const broken = await testApp({ db: { ...t.db, table: 'no_such_table' } })
    const r = await call(broken, 'GET', '/api/posts')
    expect(r.status).toBe(500)
    expect(r.json).toEqual({ code: 'internal', message: expect.any(String), messageEn: expect.any(String), requestId: expect.any(String) })
    expect(r.text).not.toMatch(/ResourceNotFound|stack|at \w+ \(/)
    expect(broken.captured.lines.some((l) => l.includes('unhandled error') && l.includes(r.json.requestId))).toBe(true)
  })
})
