import { Hono } from 'hono'
import * as z from 'zod'
import { forbidden, inScope, listTownship, notFound } from '../../../shared/access.js'
import { DomainError } from '../../../shared/errors.js'
import { IdParam, PageQuery, TownshipCode } from '../../../shared/schemas/common.js'
import { DifficultyClose, DifficultyInput, WorkshopDecision, WorkshopInput, WorkshopStatus, type Workshop } from '../../../shared/schemas/workshops.js'
import { appendAudit } from '../../db/audit.js'
import { closeDifficulty, getDifficulty, listDifficultiesOfTownship, listDifficultiesOfWorkshop, reportDifficulty } from '../../db/difficulties.js'
import { createWorkshop, decideWorkshop, getWorkshop, listWorkshopsOfTownship } from '../../db/workshops.js'
import { requireUser } from '../auth.js'
import type { Auth, Deps, Env } from '../context.js'
import { validate } from '../validate.js'

/** A workshop is seen by its owner and by officers in scope. */
export async function loadWorkshopFor(deps: Deps, auth: Auth, id: string): Promise<Workshop> {
  const w = await getWorkshop(deps.db, id)
  if (!w || !(w.ownerId === auth.userId || inScope(auth, w.township))) throw notFound('workshop.notFound', '车间', 'Workshop')
  return w
}

export const workshops = new Hono<Env>()
  .post('/', validate('json', WorkshopInput), async (c) => {
    const auth = requireUser(c, 'owner')
    return c.json(await createWorkshop(c.var.deps.db, c.req.valid('json'), auth.userId, { now: c.var.deps.now() }), 201)
  })
  .get('/', validate('query', PageQuery.extend({ township: TownshipCode.optional(), status: WorkshopStatus.optional() })), async (c) => {
    const auth = requireUser(c, 'officer', 'admin')
    const q = c.req.valid('query')
    const township = listTownship(auth, q.township)
    if (!township) throw new DomainError('workshop.townshipRequired', 'invalid', '请选择乡镇', 'Choose a township')
    if (!inScope(auth, township)) throw forbidden()
    return c.json(await listWorkshopsOfTownship(c.var.deps.db, township, q.status, q.limit, q.cursor))
  })
  .get('/:id', validate('param', IdParam), async (c) => {
    const auth = requireUser(c)
    return c.json(await loadWorkshopFor(c.var.deps, auth, c.req.valid('param').id))
  })
  .post('/:id/recognize', validate('param', IdParam), validate('json', WorkshopDecision), async (c) => {
    const auth = requireUser(c, 'officer', 'admin')
    const { db, now } = c.var.deps
    const w = await loadWorkshopFor(c.var.deps, auth, c.req.valid('param').id)
    const { decision, reason } = c.req.valid('json')
    if (decision === 'rejected' && !reason) {
      throw new DomainError('workshop.reasonRequired', 'invalid', '驳回时请填写原因', 'Give a reason when rejecting')
    }
    const decided = await decideWorkshop(db, w.id, decision, auth.userId, now(), reason)
    await appendAudit(db, { objectType: 'workshop', objectId: w.id, action: `workshop.${decision}`, actorId: auth.userId, actorRole: auth.role, before: { status: w.status }, after: { status: decided.status } }, now())
    return c.json(decided)
  })
  .post('/:id/difficulties', validate('param', IdParam), validate('json', DifficultyInput), async (c) => {
    const auth = requireUser(c, 'owner')
    const w = await loadWorkshopFor(c.var.deps, auth, c.req.valid('param').id)
    if (w.ownerId !== auth.userId) throw forbidden()
    return c.json(await reportDifficulty(c.var.deps.db, w, c.req.valid('json'), auth.userId, c.var.deps.now()), 201)
  })
  .get('/:id/difficulties', validate('param', IdParam), async (c) => {
    const auth = requireUser(c)
    const w = await loadWorkshopFor(c.var.deps, auth, c.req.valid('param').id)
    return c.json({ items: await listDifficultiesOfWorkshop(c.var.deps.db, w.id), nextCursor: null })
  })

export const difficulties = new Hono<Env>()
  .get('/', validate('query', PageQuery.extend({ township: TownshipCode.optional(), status: z.enum(['open', 'closed']).optional() })), async (c) => {
    const auth = requireUser(c, 'officer', 'admin')
    const q = c.req.valid('query')
    const township = listTownship(auth, q.township)
    if (!township) throw new DomainError('difficulty.townshipRequired', 'invalid', '请选择乡镇', 'Choose a township')
    if (!inScope(auth, township)) throw forbidden()
    return c.json(await listDifficultiesOfTownship(c.var.deps.db, township, q.status, q.limit, q.cursor))
  })
  .post('/:id/close', validate('param', IdParam), validate('json', DifficultyClose), async (c) => {
    const auth = requireUser(c, 'officer', 'admin')
    const d = await getDifficulty(c.var.deps.db, c.req.valid('param').id)
    if (!d || !inScope(auth, d.township)) throw notFound('difficulty.notFound', '诉求', 'Report')
    return c.json(await closeDifficulty(c.var.deps.db, d, c.req.valid('json').response, auth.userId, c.var.deps.now()))
  })
