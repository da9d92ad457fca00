import { Hono } from 'hono'
import * as z from 'zod'
import { DomainError } from '../../../shared/errors.js'
import type { Env } from '../context.js'
import { validate } from '../validate.js'

const refused = () => new DomainError('file.linkInvalid', 'forbidden', '下载链接无效', 'The download link is not valid')
const expired = () => new DomainError('file.linkExpired', 'gone', '下载链接已过期，请重新导出', 'The download link has expired; export again')
const missing = () => new DomainError('file.notFound', 'notFound', '文件不存在或已删除', 'The file does not exist or was deleted')

/**
 * GET /api/files/<key>?expires=…&signature=…: the local file store's short-lived links (in AWS the
 * links point at S3 and this route has nothing to serve). The signature is the permission: no session.
 */
export const files = new Hono<Env>().get('/:key{.+}', validate('query', z.object({ expires: z.string().max(20), signature: z.string().max(100) })), async (c) => {
  const open = c.var.deps.files.open
  if (!open) throw missing()
  const { expires, signature } = c.req.valid('query')
  const file = await open(c.req.param('key'), expires, signature)
  if (file.status !== 'ok') throw file.status === 'forbidden' ? refused() : file.status === 'expired' ? expired() : missing()
  return c.body(new Uint8Array(file.body), 200, {
    'content-type': file.contentType,
    'content-disposition': file.contentDisposition,
    // A link is for the one download it was made for.
    'cache-control': 'private, no-store',
  })
})
