import { api } from './client'

/**
 * 先读 the read a page's first paint waits for, started before the router has evaluated the route's
 * chunk and messages rather than after them: on a slow phone that is a round trip less before a
 * shared post's page shows (issue 15 part 3). post.html starts it before any module has arrived
 * (early-read.js, a classic script); any other entry starts it as the portal boots (main.ts). The page
 * takes it once; any later visit, or another post, reads anew.
 */
type PostRead = ReturnType<(typeof api.posts)[':id']['$get']>
let post: { id: string; read: PostRead } | undefined

declare global {
  interface Window {
    /** Left by early-read.js: the post's id and its raw fetch. */
    __wengangEarlyPost?: { id: string; read: Promise<Response> }
  }
}

const readAnew = (id: string): PostRead => api.posts[':id'].$get({ param: { id } })

/**
 * early-read.js's fetch, as the client would have answered: a refused session (401) or a failed
 * fetch is asked again through the client, which ends the session or reports the network as it
 * does for any call.
 */
function takeScriptRead(id: string): PostRead | undefined {
  const early = window.__wengangEarlyPost
  delete window.__wengangEarlyPost
  if (early?.id !== id) return undefined
  return early.read.then(
    (res) => (res.status === 401 ? readAnew(id) : (res as Awaited<PostRead>)),
    () => readAnew(id),
  ) as PostRead
}

/** Starts the reads the address's page will make first (only a post's page has one). */
export function startEarlyReads(pathname: string): void {
  const m = /^\/posts\/([^/]+)$/.exec(pathname)
  if (!m) return
  let id: string
  try {
    id = decodeURIComponent(m[1]!)
  } catch {
    return // a malformed address: the page reads (and reports) it itself
  }
  post = { id, read: takeScriptRead(id) ?? readAnew(id) }
  // Not taken (the visitor went elsewhere first): nothing waits on it, so nothing may reject unheard.
  post.read.catch(() => {})
}

/** The post's read: the one started early when it was for this post, else a new one. */
export function readPost(id: string): PostRead {
  const early = post
  post = undefined
  return early?.id === id ? early.read : readAnew(id)
}
