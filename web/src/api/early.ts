import { api } from './client'

/**
 * 先读 the read a page's first paint waits for, started as the portal boots (main.ts), beside the
 * route's chunk and messages rather than after them: on a slow phone that is a round trip less
 * before a shared post's page shows (issue 15 part 3). The page takes it once; any later visit,
 * or another post, reads anew.
 */
type PostRead = ReturnType<(typeof api.posts)[':id']['$get']>
let post: { id: string; read: PostRead } | undefined

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
  post = { id, read: api.posts[':id'].$get({ param: { id } }) }
  // Not taken (the visitor went elsewhere first): nothing waits on it, so nothing may reject unheard.
  post.read.catch(() => {})
}

/** The post's read: the one started at boot when it was for this post, else a new one. */
export function readPost(id: string): PostRead {
  const early = post
  post = undefined
  return early?.id === id ? early.read : api.posts[':id'].$get({ param: { id } })
}
