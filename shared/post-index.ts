/**
 * 岗位索引 the index of open posts (issue 15 part 1): one compact row per open post, searched,
 * filtered, sorted and matched in memory. Pure: functions/db/post-index.ts stores the rows (in
 * sharded chunk items, kept in each post's own transaction) and caches them per container.
 */
import { rankSquashed, squash, type MatchRank, type TextKeys } from './search/text-keys.js'
import type { Post } from './schemas/posts.js'

/** A list shows the start of a description; the post's own page reads the whole of it. */
export const DESCRIPTION_PREVIEW = 200

/** The keys a post is found by (issue 12 part 6): its title and its workshop's name, each as text, full pinyin and initials. */
export interface PostSearchKeys {
  title: TextKeys
  workshop?: TextKeys
}

/** One open post as the index holds it: the post as listed (description cut to its preview), with its search keys. */
export type IndexRow = Post & { keys: PostSearchKeys }

/** The row of a post (computed when the post is written: the keys need pinyin, the request path does not). */
export function indexRow(post: Post, keys: PostSearchKeys): IndexRow {
  const description = post.description.length > DESCRIPTION_PREVIEW ? `${post.description.slice(0, DESCRIPTION_PREVIEW)}…` : post.description
  return { ...post, description, keys }
}

/** The posts rows list, made once per row (a row is never changed: a post's change is a new row). */
const posts = new WeakMap<IndexRow, Post>()

/** The post a row lists (the keys stay in the index). Callers copy before they change it. */
export function rowPost(row: IndexRow): Post {
  let post = posts.get(row)
  if (!post) {
    const { keys: _k, ...rest } = row
    posts.set(row, (post = rest))
  }
  return post
}

/** The order of a listing: newest first (published, else created), then by id. */
export const newestFirst = (a: Post, b: Post): number => {
  const x = a.publishedAt ?? a.createdAt
  const y = b.publishedAt ?? b.createdAt
  return x < y ? 1 : x > y ? -1 : a.id < b.id ? 1 : a.id > b.id ? -1 : 0
}

/** A post's title or workshop name against a squashed query (the workshop name may be missing). */
const rankOf = (keys: TextKeys | undefined, q: string): MatchRank | undefined => (keys ? rankSquashed(keys, q) : undefined)

/** A query as keys are compared with it (undefined when nothing is left to match). */
export const searchQuery = (q: string): string | undefined => squash(q) || undefined

/** How well a (squashed) query finds a post: the best of its title and its workshop name (0 exact, 1 start, 2 inside), or undefined. */
export function postMatchRank(keys: PostSearchKeys, squashed: string): MatchRank | undefined {
  const t = rankOf(keys.title, squashed)
  if (t === 0) return 0
  const w = rankOf(keys.workshop, squashed)
  return t === undefined ? w : w === undefined ? t : (Math.min(t, w) as MatchRank)
}
