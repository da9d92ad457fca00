import { randomUUID } from 'node:crypto'
import { districtDate } from '../../shared/dates.js'
import { MAX_IMPORT_BYTES, type ImportKind } from '../../shared/schemas/imports.js'
import { allow, notFound } from './access.js'
import type { Actor, Deps } from './deps.js'
import { startStored, tooLarge, typeOfUpload } from './imports.js'

/**
 * 上传 uploads that go straight into the file store (issue 11 part 1). In AWS a 5 MB roster sent
 * through the API would not arrive: API Gateway base64-encodes a binary body and Lambda takes at
 * most 6 MB. So the portal asks for a form (S3's presigned POST: one key, at most 5 MB, five
 * minutes), posts the file into the bucket, then names the key here. The key carries the officer's
 * user id, so only the one who asked for the form can import what was posted with it.
 */
const keyPrefixOf = (actor: Actor) => `uploads/incoming/u-${actor.userId}/`
const UPLOAD_KEY = /^uploads\/incoming\/u-[A-Za-z0-9_-]{1,64}\/\d{4}-\d{2}-\d{2}-[0-9a-f-]{36}$/

export async function uploadForm(deps: Deps, actor: Actor, q: { size: number }) {
  allow(actor, 'officer', 'admin')
  if (q.size > MAX_IMPORT_BYTES) throw tooLarge()
  const key = `${keyPrefixOf(actor)}${districtDate(deps.now())}-${randomUUID()}`
  return { key, ...(await deps.files.presignUpload(key, { maxBytes: MAX_IMPORT_BYTES })), maxBytes: MAX_IMPORT_BYTES }
}

/** An upload that reached the store, imported as a direct upload would be: the same type and size checks, the same job. */
export async function importUploaded(deps: Deps, actor: Actor, q: { key: string; kind: ImportKind; dryRun: boolean; fileName?: string | undefined; sheet?: string | undefined }): Promise<{ id: string }> {
  allow(actor, 'officer', 'admin')
  // Someone else's key, or no key of ours at all, is as absent as a file that never arrived.
  if (!UPLOAD_KEY.test(q.key) || !q.key.startsWith(keyPrefixOf(actor))) throw notFound('upload')
  const body = await deps.files.get(q.key)
  if (!body) throw notFound('upload')
  const type = typeOfUpload(body)
  return startStored(deps, actor, q, { fileKey: q.key, type, size: body.byteLength })
}
