import { randomUUID } from 'node:crypto'
import { RenderRequest } from '../../shared/sheet.js'
import type { FileStore } from '../files/store.js'

/**
 * A synchronous Lambda invocation carries at most 6 MB of request payload, and a sheet of a whole
 * district (a 10,000-row error file, a large list) can be more as JSON. Such a request is staged
 * in the file store and the exports function is handed its key instead; a small one goes inline.
 * Staged requests expire with the bucket's other objects (30 days, infra/files.ts).
 */
export const INLINE_PAYLOAD_BYTES = 5 * 1024 * 1024
const STAGED = /^render-requests\/[0-9]{4}-[0-9]{2}-[0-9]{2}\/[0-9a-f-]{36}\.json$/

export type RenderEvent = RenderRequest | { requestKey: string }

/** The invocation's payload: the request itself, or the key of its staged copy. */
export async function renderPayload(store: FileStore, request: RenderRequest, limit = INLINE_PAYLOAD_BYTES): Promise<string> {
  const body = JSON.stringify(request)
  if (Buffer.byteLength(body) <= limit) return body
  const requestKey = `render-requests/${new Date().toISOString().slice(0, 10)}/${randomUUID()}.json`
  await store.put(requestKey, new TextEncoder().encode(body), { contentType: 'application/json', fileName: 'render-request.json' })
  return JSON.stringify({ requestKey })
}

/** The exports function's request, read back from the store when it was staged (only a staged request's key is followed). */
export async function requestOf(store: FileStore, event: RenderEvent): Promise<RenderRequest> {
  if (!('requestKey' in event)) return event
  if (typeof event.requestKey !== 'string' || !STAGED.test(event.requestKey)) throw new Error('not a staged render request key')
  const bytes = await store.get(event.requestKey)
  if (!bytes) throw new Error('the staged render request is gone')
  return RenderRequest.parse(JSON.parse(new TextDecoder().decode(bytes)))
}
