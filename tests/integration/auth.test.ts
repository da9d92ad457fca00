import { describe, expect, it } from 'vitest'
import { call, signIn, testApp } from '../support/app.js'

describe('sign-in with phone and one-time code', () => {
  it('creates a seeker on first sign-in, answers /me, and signs out for good', async () => {
    const t = await testApp()
    const otp = await call(t, 'POST', '/api/auth/otp', { phone: '139 1234 5678' })
    expect(otp.status).toBe(200)
    expect(otp.json.devCode).toMatch(/^\d{6}$/)
    const login = await call(t, 'POST', '/api/auth/login', { phone: '13912345678', code: otp.json.devCode })
    expect(login.status).toBe(200)
    expect(login.json.user).toMatchObject({ role: 'seeker', phoneMasked: '139****5678' })
    expect(JSON.stringify(login.json)).not.toContain('13912345678')

    const me = await call(t, 'GET', '/api/me', undefined, login.json.token)
    expect(me.status).toBe(200)
    expect(me.json.id).toBe(login.json.user.id)

    // Same phone again: same account.
    const again = await signIn(t, '13912345678').catch((e) => e)
    expect(again).toBeInstanceOf(Error) // within 60 s a second code is refused…
    expect(String(again)).toContain('429')

    expect((await call(t, 'POST', '/api/auth/logout', undefined, login.json.token)).status).toBe(200)
    const after = await call(t, 'GET', '/api/me', undefined, login.json.token)
    expect(after.status).toBe(401)
    expect(after.json.code).toBe('auth.required')
  })

  it('a code works once, and a wrong code counts against five attempts', async () => {
    const t = await testApp()
    const otp = await call(t, 'POST', '/api/auth/otp', { phone: '13712345678' })
    const code: string = otp.json.devCode
    const wrong = code === '000000' ? '111111' : '000000'
    for (let i = 0; i < 4; i++) {
      const r = await call(t, 'POST', '/api/auth/login', { phone: '13712345678', code: wrong })
      expect(r.status).toBe(401)
      expect(r.json.code).toBe('otp.invalid')
    }
    expect((await call(t, 'POST', '/api/auth/login', { phone: '13712345678', code })).status).toBe(200)
    expect((await call(t, 'POST', '/api/auth/login', { phone: '13712345678', code })).status).toBe(401)
  })

  it('locks the code after five wrong attempts, even if the sixth is right', async () => {
    const t = await testApp()
    const otp = await call(t, 'POST', '/api/auth/otp', { phone: '13612345678' })
    const code: string = otp.json.devCode
    const wrong = code === '000000' ? '111111' : '000000'
    for (let i = 0; i < 5; i++) await call(t, 'POST', '/api/auth/login', { phone: '13612345678', code: wrong })
    expect((await call(t, 'POST', '/api/auth/login', { phone: '13612345678', code })).status).toBe(401)
  })

  it('twenty simultaneous logins with one code make exactly one session', async () => {
    const t = await testApp()
    const otp = await call(t, 'POST', '/api/auth/otp', { phone: '13512345678' })
    const results = await Promise.all(
      Array.from({ length: 20 }, () => call(t, 'POST', '/api/auth/login', { phone: '13512345678', code: otp.json.devCode })),
    )
    expect(results.filter((r) => r.status === 200)).toHaveLength(1)
    expect(results.filter((r) => r.status === 401)).toHaveLength(19)
  })

  it('codes expire', async () => {
    let now = new Date('2026-11-28T10:00:00Z')
    const t = await testApp({ now: () => now })
    const otp = await call(t, 'POST', '/api/auth/otp', { phone: '13412345678' })
    now = new Date('2026-11-28T10:05:01Z')
    const r = await call(t, 'POST', '/api/auth/login', { phone: '13412345678', code: otp.json.devCode })
    expect(r.status).toBe(401)
  })

  it('rate-limits sends: one a minute, five an hour', async () => {
    let now = new Date('2026-11-28T10:00:00Z')
    const t = await testApp({ now: () => now })
    const send = () => call(t, 'POST', '/api/auth/otp', { phone: '13312345678' })
    expect((await send()).status).toBe(200)
    expect((await send()).status).toBe(429)
    for (let i = 1; i <= 4; i++) {
      now = new Date(now.getTime() + 61_000)
      expect((await send()).status).toBe(200)
    }
    now = new Date(now.getTime() + 61_000)
    const sixth = await send()
    expect(sixth.status).toBe(429)
    expect(sixth.json).toMatchObject({ code: 'otp.tooMany', message: expect.any(String), messageEn: expect.any(String) })
    now = new Date('2026-11-28T11:00:30Z')
    expect((await send()).status).toBe(200)
  })

  it('fifty simultaneous sends for one phone pass the rate limit once', async () => {
    const t = await testApp()
    const results = await Promise.all(Array.from({ length: 50 }, () => call(t, 'POST', '/api/auth/otp', { phone: '13212345678' })))
    expect(results.filter((r) => r.status === 200)).toHaveLength(1)
    expect(t.captured.sms).toHaveLength(1)
  })

  it('never returns the code outside a local server', async () => {
    const t = await testApp()
    const prod = await testApp({ config: { ...t.deps.config, env: 'production' }, sms: t.deps.sms })
    const r = await call(prod, 'POST', '/api/auth/otp', { phone: '13112345678' })
    expect(r.status).toBe(200)
    expect(r.json.devCode).toBeUndefined()
    expect(t.captured.sms[0]?.code).toMatch(/^\d{6}$/)
  })

  it('rejects forged, tampered and foreign tokens', async () => {
    const t = await testApp()
    const { token } = await signIn(t, '15912345678')
    const [h, p, s] = token.split('.')
    const forged = [`${h}.${p}.${s!.slice(0, -2)}xx`, 'not-a-token', `${h}.${Buffer.from('{"sub":"x","sid":"y","role":"admin"}').toString('base64url')}.${s}`]
    for (const bad of forged) {
      const r = await call(t, 'GET', '/api/me', undefined, bad)
      expect(r.status).toBe(401)
    }
    expect((await call(t, 'GET', '/api/me')).status).toBe(401)
    // A stale or forged token leaves public pages working, as for anyone signed out.
    expect((await call(t, 'GET', '/api/posts', undefined, forged[0])).status).toBe(200)
  })
})
