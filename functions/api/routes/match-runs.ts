import { Hono } from 'hono'
import * as z from 'zod'
import { IdParam, PageQuery, TownshipCode } from '../../../shared/schemas/common.js'
import { MatchRunInput, ProposalEdit, ProposalQuery } from '../../../shared/schemas/match-runs.js'
import * as MatchRuns from '../../core/match-runs.js'
import { requireUser } from '../auth.js'
import type { Env } from '../context.js'
import { validate } from '../validate.js'

const RunParam = z.object({ id: IdParam.shape.id })

export const matchRuns = new Hono<Env>()
  .post('/', validate('json', MatchRunInput), async (c) => c.json(await MatchRuns.create(c.var.deps, requireUser(c), c.req.valid('json')), 202))
  .get('/', validate('query', PageQuery.extend({ township: TownshipCode.optional() })), async (c) => c.json(await MatchRuns.list(c.var.deps, requireUser(c), c.req.valid('query'))))
  .get('/:id', validate('param', RunParam), async (c) => c.json(await MatchRuns.fromId(c.var.deps, requireUser(c), c.req.valid('param').id)))
  .get('/:id/proposals', validate('param', RunParam), validate('query', ProposalQuery), async (c) =>
    c.json(await MatchRuns.proposals(c.var.deps, requireUser(c), c.req.valid('param').id, c.req.valid('query'))),
  )
  .patch('/:id/proposals/:seekerId', validate('param', RunParam.extend({ seekerId: IdParam.shape.id })), validate('json', ProposalEdit), async (c) => {
    const { id, seekerId } = c.req.valid('param')
    return c.json(await MatchRuns.editProposal(c.var.deps, requireUser(c), id, seekerId, c.req.valid('json').postId))
  })
  .post('/:id/publish', validate('param', RunParam), async (c) => c.json(await MatchRuns.publish(c.var.deps, requireUser(c), c.req.valid('param').id), 202))

/** 推荐岗位: the best open posts for the signed-in seeker, with reasons. */
export const recommendations = new Hono<Env>().get('/', validate('query', PageQuery), async (c) => c.json(await MatchRuns.recommendations(c.var.deps, requireUser(c), c.req.valid('query'))))

/** Top eligible people for a post, masked until they apply. */
export const candidates = new Hono<Env>().get('/:id/candidates', validate('param', IdParam), validate('query', PageQuery), async (c) =>
  c.json(await MatchRuns.candidates(c.var.deps, requireUser(c), c.req.valid('param').id, c.req.valid('query'))),
)
