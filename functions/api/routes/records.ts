import { Hono } from 'hono'
import * as z from 'zod'
import { IdParam, PageQuery } from '../../../shared/schemas/common.js'
import { CertificateInput, Term, TrainingInput, TrainingQuery, VerifyInput, YuluInput } from '../../../shared/schemas/subsidies.js'
import * as Certificates from '../../core/certificates.js'
import * as Ledger from '../../core/ledger.js'
import * as Trainings from '../../core/trainings.js'
import * as Yulu from '../../core/yulu.js'
import { requireUser } from '../auth.js'
import type { Env } from '../context.js'
import { validate } from '../validate.js'

/** 证书 certificates: entered by the seeker or an officer, verified by an officer. */
export const certificates = new Hono<Env>()
  .post('/', validate('json', CertificateInput), async (c) => c.json(await Certificates.add(c.var.deps, requireUser(c), c.req.valid('json')), 201))
  .get('/', validate('query', PageQuery.extend({ township: z.string().max(40).optional(), state: z.enum(['pending', 'verified']).optional() })), async (c) =>
    c.json(await Certificates.ofTownship(c.var.deps, requireUser(c), c.req.valid('query'))),
  )
  .post('/:id/verify', validate('param', IdParam), validate('json', VerifyInput), async (c) =>
    c.json(await Certificates.verify(c.var.deps, requireUser(c), c.req.valid('param').id, c.req.valid('json'))),
  )

/** 技能培训: recorded by officers; listed by township (培训台账). */
export const trainings = new Hono<Env>()
  .post('/', validate('json', TrainingInput), async (c) => c.json(await Trainings.add(c.var.deps, requireUser(c), c.req.valid('json')), 201))
  .get('/', validate('query', TrainingQuery), async (c) => c.json(await Trainings.ofTownship(c.var.deps, requireUser(c), c.req.valid('query'))))

/** 雨露计划: one record per person and term, its status kept current by officers. */
export const yulu = new Hono<Env>()
  .put('/', validate('json', YuluInput), async (c) => c.json(await Yulu.put(c.var.deps, requireUser(c), c.req.valid('json'))))
  .get('/', validate('query', PageQuery.extend({ term: Term, township: z.string().max(40).optional() })), async (c) => c.json(await Yulu.ofTerm(c.var.deps, requireUser(c), c.req.valid('query'))))

/** A person's own records, for the seeker and officers in scope, a page at a time. */
export const seekerRecords = new Hono<Env>()
  .get('/:id/certificates', validate('param', IdParam), validate('query', PageQuery), async (c) => c.json(await Certificates.ofSeeker(c.var.deps, requireUser(c), c.req.valid('param').id, c.req.valid('query'))))
  .get('/:id/trainings', validate('param', IdParam), validate('query', PageQuery), async (c) => c.json(await Trainings.ofSeeker(c.var.deps, requireUser(c), c.req.valid('param').id, c.req.valid('query'))))
  .get('/:id/yulu', validate('param', IdParam), validate('query', PageQuery), async (c) => c.json(await Yulu.ofSeeker(c.var.deps, requireUser(c), c.req.valid('param').id, c.req.valid('query'))))
  .get('/:id/subsidies', validate('param', IdParam), validate('query', PageQuery), async (c) => c.json(await Ledger.ofSeeker(c.var.deps, requireUser(c), c.req.valid('param').id, c.req.valid('query'))))
