import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import * as z from 'zod'
import { DomainError, FieldRefusal } from '../../../shared/errors.js'
import { MAX_IMPORT_BYTES } from '../../../shared/schemas/imports.js'
import type { Env } from '../context.js'
import { validate } from '../validate.js'

const refused = () => new DomainError('file.linkInvalid', 'forbidden', '下载链接无效', 'The download link is not valid')
const expired = () => new DomainError('file.linkExpired', 'gone', '下载链接已过期，请重新导出', 'The download link has expired; export again')
const missing = () => new DomainError('file.notFound', 'notFound', '文件不存在或已删除', 'The file does not exist or was deleted')

const tooLarge = () => new DomainError('file.tooLarge', 'tooLarge', `文件超过 ${MAX_IMPORT_BYTES / 1024 / 1024} MB 上限，请拆分后分别上传`, `The file is over the ${MAX_IMPORT_BYTES / 1024 / 1024} MB limit: split it and upload the parts`)
/** The largest form the local store takes: the largest file any form allows, plus room for the fields. */
const formLimit = bodyLimit({
  maxSize: MAX_IMPORT_BYTES + 64 * 1024,
  onError: () => {
    throw tooLarge()
  },
})

/**
 * GET /api/files/<key>?expires=…&signature=…: the local file store's short-lived links (in AWS the
 * links point at S3 and this route has nothing to serve). The signature is the permission: no session.
 */
export const files = new Hono<Env>()
  /**
   * POST /api/files/uploads: the local store's stand-in for S3's browser-based upload. A multipart
   * form, the fields as the upload form gave them and the file last as `file`; as on S3, the form's
   * signature is the permission (no session), and its answer is 204.
   */
  .post('/uploads', formLimit, async (c) => {
    const accept = c.var.deps.files.acceptUpload
    if (!accept) throw missing()
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>)
    const file = form.file
    if (!(file instanceof File)) throw new FieldRefusal('file.missing', 'file', '缺少文件', 'The file is missing')
    const fields = Object.fromEntries(Object.entries(form).filter((e): e is [string, string] => typeof e[1] === 'string'))
    const outcome = await accept(fields, new Uint8Array(await file.arrayBuffer()))
    if (outcome !== 'ok') throw outcome === 'forbidden' ? refused() : outcome === 'expired' ? expired() : tooLarge()
    return c.body(null, 204)
  })
  .get('/:key{.+}', validate('query', z.object({ expires: z.string().max(20), signature: z.string().max(100) })), async (c) => {
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
