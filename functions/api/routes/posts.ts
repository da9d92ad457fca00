import { Hono } from 'hono'
import { ApplicationStatus, ApplyInput } from '../../../shared/schemas/applications.js'
import { IdParam, PageQuery } from '../../../shared/schemas/common.js'
import { NewPost, PostPatch, PostQuery } from '../../../shared/schemas/posts.js'
import * as Applications from '../../core/applications.js'
import * as Contacts from '../../core/contacts.js'
import * as Posts from '../../core/posts.js'
import { requireUser } from '../auth.js'
import type { Env } from '../context.js'
import { validate } from '../validate.js'

export const posts = new Hono<Env>()
  .get('/', validate('query', PostQuery), async (c) => c.json(await Posts.browse(c.var.deps, c.req.valid('query'))))
  .post('/', validate('json', NewPost), async (c) => c.json(await Posts.create(c.var.deps, requireUser(c), c.req.valid('json')), 201))
  .get('/:id', validate('param', IdParam), async (c) => c.json(await Posts.detail(c.var.deps, c.get('auth'), c.req.valid('param').id)))
  .post('/:id/contact', validate('param', IdParam), async (c) => {
    const contact = await Contacts.revealPostContact(c.var.deps, requireUser(c), c.req.valid('param').id)
    // A full phone is not kept by the browser or a proxy.
    c.header('Cache-Control', 'no-store')
    return c.json(contact)
  })
  .patch('/:id', validate('param', IdParam), validate('json', PostPatch), async (c) => c.json(await Posts.edit(c.var.deps, requireUser(c), c.req.valid('param').id, c.req.valid('json'))))
  .post('/:id/applications', validate('param', IdParam), validate('json', ApplyInput), async (c) => {
    const { application, created } = await Applications.apply(c.var.deps, requireUser(c), c.req.valid('param').id, c.req.valid('json').note)
    return c.json(application, created ? 201 : 200)
  })
  .get('/:id/applications', validate('param', IdParam), validate('query', PageQuery.extend({ status: ApplicationStatus.optional() })), async (c) =>
    c.json(await Applications.ofPost(c.var.deps, requireUser(c), c.req.valid('param').id, c.req.valid('query'))),
  )
