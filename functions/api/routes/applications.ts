import { Hono } from 'hono'
import * as z from 'zod'
import { ApplicationId, HireInput, RejectInput } from '../../../shared/schemas/applications.js'
import * as Applications from '../../core/applications.js'
import { requireUser } from '../auth.js'
import type { Env } from '../context.js'
import { validate } from '../validate.js'

const Param = z.object({ id: ApplicationId })

export const applications = new Hono<Env>()
  .post('/:id/shortlist', validate('param', Param), async (c) => c.json(await Applications.shortlist(c.var.deps, requireUser(c), c.req.valid('param').id)))
  .post('/:id/reject', validate('param', Param), validate('json', RejectInput), async (c) =>
    c.json(await Applications.reject(c.var.deps, requireUser(c), c.req.valid('param').id, c.req.valid('json').reason)),
  )
  .post('/:id/hire', validate('param', Param), validate('json', HireInput), async (c) =>
    c.json(await Applications.hire(c.var.deps, requireUser(c), c.req.valid('param').id, c.req.valid('json').startDate)),
  )
  .post('/:id/phone', validate('param', Param), async (c) => {
    const phone = await Applications.workerPhone(c.var.deps, requireUser(c), c.req.valid('param').id)
    // A full phone is not kept by the browser or a proxy.
    c.header('Cache-Control', 'no-store')
    return c.json(phone)
  })
  .post('/:id/withdraw', validate('param', Param), async (c) => c.json(await Applications.withdraw(c.var.deps, requireUser(c), c.req.valid('param').id)))
