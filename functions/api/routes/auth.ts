import { randomInt } from 'node:crypto'
import { Hono } from 'hono'
import { LoginRequest, OtpRequest, type LoginResponse, type OtpResponse } from '../../../shared/schemas/auth.js'
import { signToken } from '../../auth/tokens.js'
import { consumeOtp, DEFAULT_OTP_POLICY, issueOtp } from '../../db/otp.js'
import { createSession, deleteSession } from '../../db/sessions.js'
import { findOrCreateSeeker } from '../../db/users.js'
import { requireUser } from '../auth.js'
import { clientAddress } from '../client-address.js'
import type { Env } from '../context.js'
import { validate } from '../validate.js'

export const auth = new Hono<Env>()
  .post('/otp', validate('json', OtpRequest), async (c) => {
    const { phone } = c.req.valid('json')
    const { db, protector, sms, config, now } = c.var.deps
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0')
    const phoneHash = protector.blindIndex('phone', phone)
    // The address is kept only as a keyed hash, as phones are.
    const clientHash = protector.blindIndex('client', clientAddress(c))
    await issueOtp(
      db,
      { phoneHash, codeHash: protector.blindIndex('otp', `${phoneHash}:${code}`), clientHash },
      DEFAULT_OTP_POLICY,
      { perClientPerHour: config.otpPerClientPerHour, perHour: config.otpPerHour },
      now(),
    )
    await sms.send(phone, `【稳岗通】验证码 ${code}，${DEFAULT_OTP_POLICY.ttlSeconds / 60} 分钟内有效。`, { purpose: 'otp', code })
    const body: OtpResponse = { sent: true, expiresInSeconds: DEFAULT_OTP_POLICY.ttlSeconds }
    // Only a local development server hands the code back; every other environment sends it by SMS.
    if (config.env === 'local') body.devCode = code
    return c.json(body)
  })
  .post('/login', validate('json', LoginRequest), async (c) => {
    const { phone, code } = c.req.valid('json')
    const { db, protector, config, now } = c.var.deps
    const phoneHash = protector.blindIndex('phone', phone)
    await consumeOtp(db, phoneHash, protector.blindIndex('otp', `${phoneHash}:${code}`), DEFAULT_OTP_POLICY, now())
    const user = await findOrCreateSeeker(db, protector, phone)
    const session = await createSession(db, user, config.sessionTtlSeconds, now())
    const token = await signToken({ sub: user.id, sid: session.id, exp: Math.floor(Date.parse(session.expiresAt) / 1000) }, config.sessionSecret)
    return c.json({ token, user } satisfies LoginResponse)
  })
  .post('/logout', async (c) => {
    const me = requireUser(c)
    await deleteSession(c.var.deps.db, me.sessionId)
    return c.json({ signedOut: true as const })
  })
