import { Hono } from 'hono'
import { LoginRequest, OtpRequest, type LoginResponse } from '../../../shared/schemas/auth.js'
import { sessionToken } from '../../auth/tokens.js'
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
    const { user, session, passwordSetupRequired } = await Sessions.signIn(c.var.deps, c.req.valid('json'))
    const token = await sessionToken(session, c.var.deps.config.sessionSecret)
    return c.json({ token, user, ...(passwordSetupRequired ? { passwordSetupRequired } : {}) } satisfies LoginResponse)
  })
  .post('/logout', async (c) => {
    await Sessions.signOut(c.var.deps, requireUser(c))
    return c.json({ signedOut: true as const })
  })
