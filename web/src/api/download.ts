import { networkError, toApiError } from './api-error'

/** What an export route answers (shared/sheet.ts FileLink): a short-lived link that needs no session. */
interface FileLink {
  url: string
  expiresAt: string
  fileName: string
}

/**
 * Downloads an export with one click: asks the API (with the bearer token a plain <a href> cannot
 * send) for the file, which answers a short-lived link — S3's presigned URL in the cloud, the local
 * server's signed one otherwise — and follows it as a download. The file's own Content-Disposition
 * names it (Chinese names too); `fallbackName` is only for an answer without a name.
 */
export async function downloadFile(path: string, token: string | null, fallbackName: string): Promise<string> {
  let res: Response
  try {
    res = await fetch(path, { headers: token ? { Authorization: `Bearer ${token}` } : {} })
  } catch {
    throw networkError()
  }
  if (!res.ok) throw await toApiError(res)
  const link = (await res.json()) as FileLink
  const name = link.fileName || fallbackName
  const a = document.createElement('a')
  a.href = link.url
  // Same origin (local server): the name given here; another origin (S3): the file's own header.
  a.download = name
  a.rel = 'noopener'
  document.body.append(a)
  a.click()
  a.remove()
  return name
}

const intents = new Map<string, string>()

/**
 * The `Idempotency-Key` of one intended change (e.g. `approve:<claimId>`): the same key until the
 * call has answered, so a double tap or a retry after a dropped connection is done once.
 */
export function idempotent(intent: string): { headers: Record<string, string> } {
  let key = intents.get(intent)
  if (!key) {
    key = crypto.randomUUID()
    intents.set(intent, key)
  }
  return { headers: { 'Idempotency-Key': key } }
}

/** The intent has its answer (kept by the server for a day); the next one is a new request. */
export const settled = (intent: string): void => {
  intents.delete(intent)
}
