import { Hono } from 'hono'
import * as z from 'zod'
import { DomainError } from '../../../shared/errors.js'
import { Id, PageQuery } from '../../../shared/schemas/common.js'
import type { Post } from '../../../shared/schemas/posts.js'
import { SeekerInput } from '../../../shared/schemas/seekers.js'
import { listApplicationsOfSeeker } from '../../db/applications.js'
import { listInbox, markRead } from '../../db/inbox.js'
import { listPostsOf } from '../../db/posts.js'
import { createSeeker, getSeekerOfUser, updateSeeker } from '../../db/seekers.js'
import { getUser, revealPhone } from '../../db/users.js'
import { listWorkshopsOfOwner } from '../../db/workshops.js'
import { requireUser } from '../auth.js'
import type { Deps, Env } from '../context.js'
import { validate } from '../validate.js'

const noFile = () => new DomainError('seeker.notFound', 'notFound', '您还没有建立求职档案', 'You have no seeker file yet')

async function ownFile(deps: Deps, userId: string) {
  const s = await getSeekerOfUser(deps.db, userId)
  if (!s) throw noFile()
  return s
}

export const me = new Hono<Env>()
  .get('/', async (c) => {
    const auth = requireUser(c)
    const user = await getUser(c.var.deps.db, auth.userId)
    if (!user) throw new DomainError('auth.required', 'unauthenticated', '账号不存在，请重新登录', 'Account not found; sign in again')
    return c.json(user)
  })
  .get('/profile', async (c) => {
    const auth = requireUser(c, 'seeker')
    return c.json(await ownFile(c.var.deps, auth.userId))
  })
  .put('/profile', validate('json', SeekerInput), async (c) => {
    const auth = requireUser(c, 'seeker')
    const { db, protector, now } = c.var.deps
    const { phone: _ignored, ...input } = c.req.valid('json')
    const existing = await getSeekerOfUser(db, auth.userId)
    if (existing) return c.json(await updateSeeker(db, protector, existing.id, input, auth, now()))
    // A seeker's own file takes the phone of the account, verified at sign-in.
    const phone = await revealPhone(db, protector, auth.userId)
    return c.json(await createSeeker(db, protector, input, auth, { userId: auth.userId, ...(phone ? { phone } : {}), now: now() }), 201)
  })
  .get('/applications', validate('query', PageQuery), async (c) => {
    const auth = requireUser(c, 'seeker')
    const s = await getSeekerOfUser(c.var.deps.db, auth.userId)
    if (!s) return c.json({ items: [], nextCursor: null })
    const q = c.req.valid('query')
    return c.json(await listApplicationsOfSeeker(c.var.deps.db, s.id, q.limit, q.cursor))
  })
  .get('/inbox', validate('query', PageQuery), async (c) => {
    const auth = requireUser(c, 'seeker')
    const s = await getSeekerOfUser(c.var.deps.db, auth.userId)
    if (!s) return c.json({ items: [], nextCursor: null })
    const q = c.req.valid('query')
    return c.json(await listInbox(c.var.deps.db, s.id, q.limit, q.cursor))
  })
  .post('/inbox/:id/read', validate('param', z.object({ id: Id })), async (c) => {
    const auth = requireUser(c, 'seeker')
    const s = await ownFile(c.var.deps, auth.userId)
    await markRead(c.var.deps.db, s.id, c.req.valid('param').id)
    return c.json({ read: true as const })
  })
  .get('/workshops', async (c) => {
    const auth = requireUser(c, 'owner')
    return c.json(await listWorkshopsOfOwner(c.var.deps.db, auth.userId))
  })
  .get('/posts', async (c) => {
    const auth = requireUser(c, 'owner', 'officer', 'admin')
    const { db } = c.var.deps
    if (auth.role !== 'owner') return c.json(await listPostsOf(db, { createdBy: auth.userId }))
    // An owner has one or a few workshops: their posts, every status, newest first.
    const workshops = (await listWorkshopsOfOwner(db, auth.userId)).items
    const pages = await Promise.all(workshops.map((w) => listPostsOf(db, { workshopId: w.id })))
    const items: Post[] = pages.flatMap((p) => p.items).sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    return c.json({ items, nextCursor: null })
  })
