import { Hono } from 'hono'
import { LoginRequest, OtpRequest, type LoginResponse } from '../../../shared/schemas/auth.js'
import { signToken } from '../../auth/tokens.js'
import * as Sessions from '../../core/sessions.js'
import { requireUser } from '../auth.js'
import { clientAddress } from '../client-address.js'
import type { Env } from '../context.js'
import { validate } from '../validate.js'

export const auth = new Hono<Env>()
  .post('/otp', validate('json', OtpRequest), async (c) =>
    c.json(await Sessions.requestCode(c.var.deps, { phone: c.req.valid('json').phone, clientAddress: clientAddress(c) })),
  )
  .post('/login', validate('json', LoginRequest), async (c) => {
    const { user, session } = await Sessions.signIn(c.var.deps, c.req.valid('json'))
    const token = await signToken({ sub: user.id, sid: session.id, exp: Math.floor(Date.parse(session.expiresAt) / 1000) }, c.var.deps.config.sessionSecret)
    return c.json({ token, user } satisfies LoginResponse)
  })
  .post('/logout', async (c) => {
    await Sessions.signOut(c.var.deps, requireUser(c))
    return c.json({ signedOut: true as const })
  })
