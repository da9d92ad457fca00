import type { InferResponseType } from 'hono/client'
import { ApiError, networkError, toApiError } from './api-error'
import { api, unwrap } from './client'

/** 导入 roster imports, typed from the server's routes (functions/api/routes/imports.ts). */
export type ImportRecord = InferResponseType<(typeof api.imports)[':id']['$get'], 200>
export type ImportKind = ImportRecord['kind']
export type ImportReview = InferResponseType<typeof api.imports.review.$get, 200>['items'][number]
export type ReviewDecision = 'merge' | 'keepBoth' | 'apply' | 'keep'

/**
 * An upload in three steps, so the file never passes through the API (in AWS a 5 MB roster would
 * pass Lambda's 6 MB request limit once base64-encoded): a form for the file's size, the file posted
 * with it straight into the file store (S3 in AWS) with progress, then the import of the stored key.
 */
export async function uploadImport(kind: ImportKind, file: File, dryRun: boolean, onProgress?: (percent: number) => void, sheet?: string): Promise<{ id: string }> {
  const form = await unwrap(api.imports.uploads.$post({ json: { size: file.size } }))
  await postForm(form.url, form.fields, file, onProgress)
  return unwrap(api.imports['from-upload'].$post({ json: { key: form.key, kind, dryRun, fileName: file.name.slice(0, 120), ...(sheet ? { sheet } : {}) } }))
}

/** Posts an upload form with XMLHttpRequest, the one browser API that reports upload progress. */
function postForm(url: string, fields: Record<string, string>, file: File, onProgress?: (percent: number) => void): Promise<void> {
  const body = new FormData()
  for (const [k, v] of Object.entries(fields)) body.append(k, v)
  body.append('file', file)
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', url)
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && onProgress) onProgress(Math.min(100, Math.round((e.loaded / e.total) * 100)))
    }
    xhr.onerror = () => reject(networkError())
    xhr.onabort = () => reject(networkError())
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) return resolve()
      // The local store answers the API's JSON errors; S3 answers XML, read here for its code.
      const s3Code = /<Code>([^<]+)<\/Code>/.exec(xhr.responseText)?.[1]
      if (s3Code === 'EntityTooLarge') return reject(new ApiError({ status: 413, code: 'import.tooLarge', message: '文件超过 5 MB 上限，请拆分后分别上传', messageEn: 'The file is over the 5 MB limit: split it and upload the parts' }))
      if (s3Code === 'AccessDenied' && /expired/i.test(xhr.responseText)) return reject(new ApiError({ status: 410, code: 'file.linkExpired', message: '上传表单已过期，请重新上传', messageEn: 'The upload form has expired; upload again' }))
      toApiError(new Response(xhr.responseText, { status: xhr.status, headers: { 'content-type': xhr.getResponseHeader('content-type') ?? '' } })).then(reject, reject)
    }
    xhr.send(body)
  })
}

export const getImport = (id: string) => unwrap(api.imports[':id'].$get({ param: { id } }))
export const commitImport = (id: string) => unwrap(api.imports[':id'].commit.$post({ param: { id } }))
export const listImports = (cursor?: string) => unwrap(api.imports.$get({ query: { limit: '10', ...(cursor ? { cursor } : {}) } }))
export const listReviews = (cursor?: string) => unwrap(api.imports.review.$get({ query: { limit: '20', ...(cursor ? { cursor } : {}) } }))
export const decideReview = (r: Pick<ImportReview, 'township' | 'id'>, decision: ReviewDecision) =>
  unwrap(api.imports.review[':township'][':id'].$post({ param: { township: r.township, id: r.id }, json: { decision } }))

export const templatePath = (kind: ImportKind) => `/api/imports/template.xlsx?kind=${kind}`
export const errorFilePath = (id: string) => `/api/imports/${encodeURIComponent(id)}/errors.xlsx`
