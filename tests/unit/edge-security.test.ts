import { sign } from 'hono/jwt'
import { describe, expect, it } from 'vitest'
import { clientKey } from '../../functions/api/client-address.js'
import { signToken, verifyToken } from '../../functions/auth/tokens.js'
import { awsRegion, DEFAULT_AWS_REGION, OTP_LIMIT_DEFAULTS, readConfig } from '../../functions/config.js'
import { contentSecurityPolicy, CSP_DIRECTIVES, cspHash, SECURITY_HEADERS } from '../../functions/security/headers.js'

const prod = { WENGANG_ENV: 'production', WENGANG_SESSION_SECRET: 's'.repeat(40), WENGANG_DATA_KEY: 'k'.repeat(40) }

describe('sign-in limits in the configuration', () => {
  it('defaults: 10 codes per client an hour and 2,000 overall in production, far more in local/test', () => {
    expect(readConfig(prod)).toMatchObject({ otpPerClientPerHour: 10, otpPerHour: 2000 })
    expect(readConfig({ WENGANG_ENV: 'local' })).toMatchObject(OTP_LIMIT_DEFAULTS.dev)
    expect(readConfig({ WENGANG_ENV: 'test' }).otpPerClientPerHour).toBeGreaterThanOrEqual(1000)
  })

  it('takes them from the environment, refusing what is not a whole number', () => {
    expect(readConfig({ ...prod, WENGANG_OTP_PER_CLIENT_PER_HOUR: '30', WENGANG_OTP_PER_HOUR: '500' })).toMatchObject({ otpPerClientPerHour: 30, otpPerHour: 500 })
    for (const bad of ['0', '-1', '2.5', 'lots']) {
      expect(() => readConfig({ ...prod, WENGANG_OTP_PER_HOUR: bad })).toThrow(/WENGANG_OTP_PER_HOUR/)
    }
  })

  it('never trusts a client-address header in production; the origin secret must be long', () => {
    expect(() => readConfig({ ...prod, WENGANG_CLIENT_ADDRESS_HEADER: 'x-forwarded-for' })).toThrow(/WENGANG_CLIENT_ADDRESS_HEADER/)
    expect(readConfig({ WENGANG_ENV: 'test', WENGANG_CLIENT_ADDRESS_HEADER: 'x-test-client' }).clientAddressHeader).toBe('x-test-client')
    expect(() => readConfig({ ...prod, WENGANG_ORIGIN_SECRET: 'short' })).toThrow(/WENGANG_ORIGIN_SECRET/)
    expect(readConfig({ ...prod, WENGANG_ORIGIN_SECRET: 'o'.repeat(64) }).originSecret).toBe('o'.repeat(64))
    expect(readConfig(prod).originSecret).toBeUndefined()
  })

  it('one default region, used when AWS_REGION is unset', () => {
    expect(readConfig({ WENGANG_ENV: 'test' }).region).toBe(DEFAULT_AWS_REGION)
    expect(readConfig({ WENGANG_ENV: 'test', AWS_REGION: 'ap-northeast-1' }).region).toBe('ap-northeast-1')
    expect(awsRegion({ AWS_REGION: '' })).toBe(DEFAULT_AWS_REGION)
  })
})

describe('clientKey: the unit a per-client limit counts', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    [' 203.0.113.7 ', '203.0.113.7'],
    ['203.0.113.7:51234', '203.0.113.7'],
    ['::ffff:127.0.0.1', '127.0.0.1'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:DB8:1:2::99', '2001:db8:1:2::/64'],
    ['[2001:db8:1:2::99]:443', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
  ])('%s → %s', (address, key) => {
    expect(clientKey(address)).toBe(key)
  })

  it('one subscriber rotating through its /64 stays one client', () => {
    const keys = new Set(Array.from({ length: 50 }, (_, i) => clientKey(`2001:db8:aa:bb:${i.toString(16)}:1:2:3`)))
    expect(keys.size).toBe(1)
  })

  it('something that is not an address is kept apart from addresses, bounded in length', () => {
    expect(clientKey('not an address')).toBe('other:not an address')
    expect(clientKey('x'.repeat(500)).length).toBeLessThanOrEqual(70)
  })
})

describe('tokens carry sub, sid and exp only', () => {
  const secret = 'unit-test-secret-unit-test-secret-1234'
  it('signs only those three, whatever else is passed', async () => {
    const token = await signToken({ sub: 'u', sid: 's', exp: 4_000_000_000, role: 'admin' } as never, secret)
    expect(Object.keys(JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString())).sort()).toEqual(['exp', 'sid', 'sub'])
    expect(await verifyToken(token, secret)).toEqual({ sub: 'u', sid: 's', exp: 4_000_000_000 })
  })

  it.each([
    ['no exp', { sub: 'u', sid: 's' }],
    ['exp as text', { sub: 'u', sid: 's', exp: '4000000000' }],
    ['exp in the past', { sub: 'u', sid: 's', exp: 1 }],
    ['no sid', { sub: 'u', exp: 4_000_000_000 }],
  ])('refuses a token with %s', async (_, payload) => {
    expect(await verifyToken(await sign(payload as Record<string, unknown>, secret, 'HS256'), secret)).toBeUndefined()
  })

  it("judges expiry by the app's clock, as the session row is", async () => {
    const token = await signToken({ sub: 'u', sid: 's', exp: 1_800_000_000 }, secret)
    expect(await verifyToken(token, secret, new Date(1_799_999_999_000))).toEqual({ sub: 'u', sid: 's', exp: 1_800_000_000 })
    expect(await verifyToken(token, secret, new Date(1_800_000_000_000))).toBeUndefined()
  })
})

describe('security headers, defined once', () => {
  it('a strict CSP: self only, no inline script or eval, no framing, no plugins', () => {
    const csp = SECURITY_HEADERS['Content-Security-Policy']!
    expect(csp).toBe(contentSecurityPolicy(CSP_DIRECTIVES))
    for (const part of ["default-src 'self'", "script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'"]) {
      expect(csp).toContain(part)
    }
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*|https?:/)
    expect(SECURITY_HEADERS['X-Content-Type-Options']).toBe('nosniff')
    expect(SECURITY_HEADERS['Referrer-Policy']).toBe('strict-origin-when-cross-origin')
  })

  // The expected value was computed apart: printf 'body{}' | openssl dgst -sha256 -binary | base64
  it('a hash source is the base64 SHA-256 of the exact body', () => {
    expect(cspHash('body{}')).toBe("'sha256-fJgEClQWV1hGkK4qHMO0KotTsVnMYMXTq7/suurGyUo='")
  })
})
