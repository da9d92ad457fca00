import { Hono } from 'hono'
import { IdParam, PageQuery, TownshipCode } from '../../../shared/schemas/common.js'
import { PeopleSearch, PendingDecision, SeekerInput, SeekerSearch } from '../../../shared/schemas/seekers.js'
import * as Seekers from '../../core/seekers.js'
import { requireUser } from '../auth.js'
import type { Env } from '../context.js'
import { validate } from '../validate.js'

const TownshipPage = PageQuery.extend({ township: TownshipCode.optional() })

export const seekers = new Hono<Env>()
  .get('/', validate('query', SeekerSearch), async (c) => c.json(await Seekers.search(c.var.deps, requireUser(c), c.req.valid('query'))))
  .get('/search', validate('query', PeopleSearch), async (c) => c.json(await Seekers.findPeople(c.var.deps, requireUser(c), c.req.valid('query'))))
  .post('/', validate('json', SeekerInput), async (c) => c.json(await Seekers.createOnBehalf(c.var.deps, requireUser(c), c.req.valid('json')), 201))
  .get('/pending-changes', validate('query', TownshipPage), async (c) => c.json(await Seekers.pendingChanges(c.var.deps, requireUser(c), c.req.valid('query'))))
  .get('/id-collisions', validate('query', TownshipPage), async (c) => c.json(await Seekers.idCollisions(c.var.deps, requireUser(c), c.req.valid('query'))))
  .get('/:id', validate('param', IdParam), async (c) => c.json(await Seekers.fromId(c.var.deps, requireUser(c), c.req.valid('param').id)))
  .put('/:id', validate('param', IdParam), validate('json', SeekerInput), async (c) => {
    const { seeker, pending } = await Seekers.update(c.var.deps, requireUser(c), c.req.valid('param').id, c.req.valid('json'))
    return c.json({ ...seeker, householdChangePending: pending })
  })
  .post('/:id/verify', validate('param', IdParam), async (c) => c.json(await Seekers.verifyFile(c.var.deps, requireUser(c), c.req.valid('param').id)))
  .post('/:id/household-change', validate('param', IdParam), validate('json', PendingDecision), async (c) =>
    c.json(await Seekers.decideChange(c.var.deps, requireUser(c), c.req.valid('param').id, c.req.valid('json').decision)),
  )
  .post('/:id/reveal-id', validate('param', IdParam), async (c) => {
    const idNumber = await Seekers.revealId(c.var.deps, requireUser(c), c.req.valid('param').id)
    c.header('Cache-Control', 'no-store')
    return c.json({ idNumber })
  })
