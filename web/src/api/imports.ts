import type { InferResponseType } from 'hono/client'
import { api, unwrap } from './client'

/** 导入 roster imports, typed from the server's routes (functions/api/routes/imports.ts). */
export type ImportRecord = InferResponseType<(typeof api.imports)[':id']['$get'], 200>
export type ImportKind = ImportRecord['kind']
export type ImportReview = InferResponseType<typeof api.imports.review.$get, 200>['items'][number]
export type ReviewDecision = 'merge' | 'keepBoth' | 'apply' | 'keep'

/** The upload is the file itself as the body (not a form, not base64): the route reads the raw bytes. */
export const uploadImport = (kind: ImportKind, file: File, dryRun: boolean) =>
  unwrap(api.imports.$post({ query: { kind, dryRun: dryRun ? 'true' : 'false', fileName: file.name.slice(0, 120) } }, { init: { body: file } }))

export const getImport = (id: string) => unwrap(api.imports[':id'].$get({ param: { id } }))
export const commitImport = (id: string) => unwrap(api.imports[':id'].commit.$post({ param: { id } }))
export const listImports = (cursor?: string) => unwrap(api.imports.$get({ query: { limit: '10', ...(cursor ? { cursor } : {}) } }))
export const listReviews = (cursor?: string) => unwrap(api.imports.review.$get({ query: { limit: '20', ...(cursor ? { cursor } : {}) } }))
export const decideReview = (r: Pick<ImportReview, 'township' | 'id'>, decision: ReviewDecision) =>
  unwrap(api.imports.review[':township'][':id'].$post({ param: { township: r.township, id: r.id }, json: { decision } }))

export const templatePath = (kind: ImportKind) => `/api/imports/template.xlsx?kind=${kind}`
export const errorFilePath = (id: string) => `/api/imports/${encodeURIComponent(id)}/errors.xlsx`
