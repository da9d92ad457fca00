import { Hono } from 'hono'
import { forbidden, inScope, listTownship, notFound } from '../../../shared/access.js'
import { DomainError } from '../../../shared/errors.js'
import { EndPlacementInput, ExternalPlacementInput, PlacementQuery } from '../../../shared/schemas/applications.js'
import { IdParam } from '../../../shared/schemas/common.js'
import { recordExternalPlacement } from '../../db/applications.js'
import { appendAudit } from '../../db/audit.js'
import { endPlacement, getPlacement, listPlacementsOfPost, listPlacementsOfTownship } from '../../db/placements.js'
import { getPost } from '../../db/posts.js'
import { getSeeker } from '../../db/seekers.js'
import { requireUser } from '../auth.js'
import type { Env } from '../context.js'
import { validate } from '../validate.js'
import { canManagePost } from './posts.js'

export const placements = new Hono<Env>()
  .get('/', validate('query', PlacementQuery), async (c) => {
    const auth = requireUser(c, 'owner', 'officer', 'admin')
    const q = c.req.valid('query')
    const { db } = c.var.deps
    if (q.postId) {
      const post = await getPost(db, q.postId)
      if (!post || !canManagePost(auth, post)) throw notFound('post.notFound', '岗位', 'Post')
      return c.json(await listPlacementsOfPost(db, post.id, q.status, q.limit, q.cursor))
    }
    if (auth.role === 'owner') throw new DomainError('placement.postRequired', 'invalid', '请选择岗位', 'Choose a post')
    const township = listTownship(auth, q.township)
    if (!township) throw new DomainError('placement.townshipRequired', 'invalid', '请选择乡镇', 'Choose a township')
    if (!inScope(auth, township)) throw forbidden()
    return c.json(await listPlacementsOfTownship(db, township, q.status, q.limit, q.cursor))
  })
  .post('/', validate('json', ExternalPlacementInput), async (c) => {
    const auth = requireUser(c, 'officer', 'admin')
    const { db, now } = c.var.deps
    const input = c.req.valid('json')
    const seeker = await getSeeker(db, input.seekerId)
    if (!seeker || !inScope(auth, seeker.township)) throw notFound('seeker.notFound', '求职者档案', 'Seeker file')
    const placement = await recordExternalPlacement(
      db,
      { seekerId: seeker.id, seekerName: seeker.name, title: input.title, kind: input.kind, employer: input.employer, township: input.township, seekerTownship: seeker.township, destination: input.destination, startDate: input.startDate, createdBy: auth.userId },
      now(),
      // 务工就业 target: an alleviated or monitored person counts once a year, in the placement's transaction.
      { countTarget: seeker.category !== 'other' },
    )
    await appendAudit(db, { objectType: 'placement', objectId: placement.id, action: 'placement.external', actorId: auth.userId, actorRole: auth.role, after: { seekerId: seeker.id, destination: input.destination } }, now())
    return c.json(placement, 201)
  })
  .post('/:id/end', validate('param', IdParam), validate('json', EndPlacementInput), async (c) => {
    const auth = requireUser(c, 'owner', 'officer', 'admin')
    const { db, now } = c.var.deps
    const p = await getPlacement(db, c.req.valid('param').id)
    const post = p?.postId ? await getPost(db, p.postId) : undefined
    const allowed = p && (inScope(auth, p.seekerTownship) || inScope(auth, p.township) || (post && post.createdBy === auth.userId))
    if (!p || !allowed) throw notFound('placement.notFound', '安置记录', 'Placement')
    const { endDate, reason } = c.req.valid('json')
    if (endDate < p.startDate) throw new DomainError('placement.endBeforeStart', 'invalid', '结束日期不能早于上岗日期', 'The end date is before the start date')
    const ended = await endPlacement(db, p, endDate, reason)
    await appendAudit(db, { objectType: 'placement', objectId: p.id, action: 'placement.end', actorId: auth.userId, actorRole: auth.role, before: { status: 'active' }, after: { status: 'ended', endDate } }, now())
    return c.json(ended)
  })
