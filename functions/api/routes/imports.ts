import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { IdParam, PageQuery } from '../../../shared/schemas/common.js'
import { ImportFromUpload, ImportReviewQuery, ImportTemplateQuery, ImportUploadQuery, MAX_IMPORT_BYTES, ReviewDecision, ReviewParam, UploadFormRequest } from '../../../shared/schemas/imports.js'
import * as Uploads from '../../core/import-uploads.js'
import * as Imports from '../../core/imports.js'
import { requireUser } from '../auth.js'
import type { Env } from '../context.js'
import { validate } from '../validate.js'

/** The upload's own limit (the API's 64 KB does not apply to this one route; functions/api/app.ts). */
const uploadLimit = bodyLimit({
  maxSize: MAX_IMPORT_BYTES,
  onError: () => {
    throw Imports.tooLarge()
  },
})

/** 导入 roster imports: the route stores the upload and starts the job; everything else is read back. */
export const imports = new Hono<Env>()
  .post('/', uploadLimit, validate('query', ImportUploadQuery), async (c) => {
    const user = requireUser(c)
    const body = new Uint8Array(await c.req.arrayBuffer())
    return c.json(await Imports.upload(c.var.deps, user, c.req.valid('query'), body), 202)
  })
  .post('/uploads', validate('json', UploadFormRequest), async (c) => c.json(await Uploads.uploadForm(c.var.deps, requireUser(c), c.req.valid('json')), 201))
  .post('/from-upload', validate('json', ImportFromUpload), async (c) => c.json(await Uploads.importUploaded(c.var.deps, requireUser(c), c.req.valid('json')), 202))
  .get('/', validate('query', PageQuery), async (c) => c.json(await Imports.list(c.var.deps, requireUser(c), c.req.valid('query'))))
  .get('/template.xlsx', validate('query', ImportTemplateQuery), async (c) => c.json(await Imports.template(c.var.deps, requireUser(c), c.req.valid('query').kind)))
  .get('/review', validate('query', ImportReviewQuery), async (c) => c.json(await Imports.reviews(c.var.deps, requireUser(c), c.req.valid('query'))))
  .post('/review/:township/:id', validate('param', ReviewParam), validate('json', ReviewDecision), async (c) => {
    const { township, id } = c.req.valid('param')
    return c.json(await Imports.resolveReview(c.var.deps, requireUser(c), township, id, c.req.valid('json').decision))
  })
  .get('/:id', validate('param', IdParam), async (c) => c.json(await Imports.get(c.var.deps, requireUser(c), c.req.valid('param').id)))
  .get('/:id/errors.xlsx', validate('param', IdParam), async (c) => c.json(await Imports.errorsFile(c.var.deps, requireUser(c), c.req.valid('param').id)))
  .post('/:id/commit', validate('param', IdParam), async (c) => c.json(await Imports.commit(c.var.deps, requireUser(c), c.req.valid('param').id), 202))
