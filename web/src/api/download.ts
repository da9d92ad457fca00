import { networkError, toApiError } from './api-error'

/**
 * Fetches a file the API only gives to a signed-in user (a plain <a href> cannot send the bearer
 * token) and hands it to the browser as a download named by the server, or by `fallbackName`.
 */
export async function downloadFile(path: string, token: string | null, fallbackName: string): Promise<string> {
  let res: Response
  try {
    res = await fetch(path, { headers: token ? { Authorization: `Bearer ${token}` } : {} })
  } catch {
    throw networkError()
  }
  if (!res.ok) throw await toApiError(res)
  const named = /filename="?([^";]+)"?/.exec(res.headers.get('content-disposition') ?? '')?.[1]
  const name = named ?? fallbackName
  const url = URL.createObjectURL(await res.blob())
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.append(a)
  a.click()
  a.remove()
  // The click has started the download; the object URL can go once the browser has read it.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
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
