import { Hono } from 'hono'
import * as z from 'zod'
import { Id, PageQuery } from '../../../shared/schemas/common.js'
import { InboxQuery } from '../../../shared/schemas/applications.js'
import { Preferences as PreferencesInput } from '../../../shared/schemas/preferences.js'
import { SeekerInput } from '../../../shared/schemas/seekers.js'
import { PasswordChange, type User } from '../../../shared/schemas/auth.js'
import { langOf } from '../../../shared/messages.js'
import * as Applications from '../../core/applications.js'
import * as Inbox from '../../core/inbox.js'
import * as Passwords from '../../core/passwords.js'
import * as Posts from '../../core/posts.js'
import * as Preferences from '../../core/preferences.js'
import * as Seekers from '../../core/seekers.js'
import * as Workshops from '../../core/workshops.js'
import { requireUser } from '../auth.js'
import { sessionToken } from '../../auth/tokens.js'
import type { Env } from '../context.js'
import { validate } from '../validate.js'

export const me = new Hono<Env>()
  .get('/', async (c) => c.json(await Inbox.account(c.var.deps, requireUser(c))))
  .post('/password', validate('json', PasswordChange), async (c) => {
    const { session, user } = await Passwords.setOwn(c.var.deps, requireUser(c), c.req.valid('json'))
    // The first password ends the limited session: a full one begins, with its own token.
    const fresh: { token?: string; user?: User } = session && user ? { token: await sessionToken(session, c.var.deps.config.sessionSecret), user } : {}
    return c.json({ passwordSet: true as const, ...fresh })
  })
  .get('/profile', async (c) => c.json(await Seekers.ownFile(c.var.deps, requireUser(c))))
  .put('/profile', validate('json', SeekerInput), async (c) => {
    const { seeker, created, pending } = await Seekers.saveOwnFile(c.var.deps, requireUser(c), c.req.valid('json'))
    return c.json({ ...seeker, householdChangePending: pending }, created ? 201 : 200)
  })
  .get('/applications', validate('query', PageQuery), async (c) => c.json(await Applications.mine(c.var.deps, requireUser(c), c.req.valid('query'))))
  .get('/inbox', validate('query', InboxQuery), async (c) => {
    const { lang, ...page } = c.req.valid('query')
    return c.json(await Inbox.messages(c.var.deps, requireUser(c), page, langOf(lang, c.req.header('accept-language'))))
  })
  .get('/inbox/unread', async (c) => c.json(await Inbox.unread(c.var.deps, requireUser(c))))
  .post('/inbox/:id/read', validate('param', z.object({ id: Id })), async (c) => {
    const { unread } = await Inbox.read(c.var.deps, requireUser(c), c.req.valid('param').id)
    return c.json({ read: true as const, unread })
  })
  .get('/preferences', async (c) => c.json(await Preferences.mine(c.var.deps, requireUser(c))))
  .put('/preferences', validate('json', PreferencesInput), async (c) => c.json(await Preferences.save(c.var.deps, requireUser(c), c.req.valid('json'))))
  .get('/workshops', validate('query', PageQuery), async (c) => c.json(await Workshops.ofOwner(c.var.deps, requireUser(c), c.req.valid('query'))))
  .get('/posts', validate('query', PageQuery), async (c) => c.json(await Posts.mine(c.var.deps, requireUser(c), c.req.valid('query'))))
