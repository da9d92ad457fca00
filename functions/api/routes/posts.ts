import { Hono } from 'hono'
import { DomainError } from '../../../shared/errors.js'
import { IdParam } from '../../../shared/schemas/common.js'
import { PostQuery } from '../../../shared/schemas/posts.js'
import { getPost, listOpenPosts } from '../../db/posts.js'
import type { Env } from '../context.js'
import { validate } from '../validate.js'

export const posts = new Hono<Env>()
  .get('/', validate('query', PostQuery), async (c) => {
    return c.json(await listOpenPosts(c.var.deps.db, c.req.valid('query')))
  })
  .get('/:id', validate('param', IdParam), async (c) => {
    const post = await getPost(c.var.deps.db, c.req.valid('param').id)
    const auth = c.get('auth')
    // Drafts and closed posts are visible to their author and to officers only; to anyone else they do not exist.
    const visible = post && (post.status === 'open' || post.status === 'filled' || auth?.userId === post.createdBy || auth?.role === 'officer' || auth?.role === 'admin')
    if (!post || !visible) throw new DomainError('post.notFound', 'notFound', '岗位不存在', 'Post not found')
    return c.json(post)
  })
