/**
 * 推荐岗位 one person's eligible posts, scored, out of every open post (issue 15 part 1): the same
 * rules and score as explainPair. The open posts are compiled once per change of the posts (or of
 * the year's rules); a request compiles only the person and runs the rules and the score over the
 * compiled columns, without an object per post. Only the page shown is sorted out of the rest
 * (bestOf) and given its reasons.
 */
import { compileFor, compilePostSet, placeKms, type CompiledPostSet } from './compile.js'
import { eligibility, limitKm } from './eligibility.js'
import { fastPost, fastSeeker } from './fast-parse.js'
import { score } from './score.js'
import { type MatchPolicy, type MatchPost, MatchPost as MatchPostSchema, type MatchSeeker, MatchSeeker as MatchSeekerSchema, type Reason } from './types.js'

/** Open posts compiled once for many people's recommendations, under one year's rules (made again when the posts or the rules change). */
export interface PreparedPosts {
  set: CompiledPostSet
  policy: MatchPolicy
  /** Each post's place in id order (ULIDs: plain string order): ties of score are broken by comparing two numbers, not two strings. */
  idRank: Int32Array
}

export function preparePosts(list: readonly MatchPost[], policy: MatchPolicy): PreparedPosts {
  const idRank = new Int32Array(list.length)
  Array.from(list, (_, j) => j)
    .sort((a, b) => (list[a]!.id < list[b]!.id ? -1 : list[a]!.id > list[b]!.id ? 1 : 0))
    .forEach((j, rank) => (idRank[j] = rank))
  return { set: compilePostSet(list.map((p) => fastPost(p) ?? MatchPostSchema.parse(p)), policy), policy, idRank }
}

/** One person's eligible posts: the first `n` of `posts` (indexes into the prepared list), `posts[k]` scoring `scores[k]`. */
export interface Recommended {
  n: number
  posts: Int32Array
  scores: Float64Array
  /** The reasons of the k-th: the pair scored again with them (only the posts shown need them). */
  reasons: (k: number) => Reason[]
}

/** The posts this person may take, each with its score, in the prepared order (columns sized once: no array grows per post). */
export function recommend(seeker: MatchSeeker, prepared: PreparedPosts, asOf: string): Recommended {
  const c = compileFor(prepared.set, [fastSeeker(seeker) ?? MatchSeekerSchema.parse(seeker)], prepared.policy, asOf)
  const m = c.posts.m
  const posts = new Int32Array(m)
  const scores = new Float64Array(m)
  const kms = new Float64Array(m)
  const remaining = c.posts.remaining
  // The distance to each place once (a few hundred), then one lookup per post.
  const kmOf = placeKms(c.seekers, 0, c.posts)
  const place = c.posts.place
  let n = 0
  for (let j = 0; j < m; j++) {
    if (remaining[j]! <= 0) continue
    // Out of reach fails `commute.tooFar` whatever else holds: the cheapest rule first.
    const km = kmOf[place[j]!]!
    if (km > limitKm(c, 0, j) || eligibility(c, 0, j, km) !== 0) continue
    posts[n] = j
    scores[n] = score(c, 0, j, km)
    kms[n] = km
    n++
  }
  // Cut to their length: an answer may be kept (functions/core/match-runs.ts) for the next page.
  const found = { posts: posts.slice(0, n), scores: scores.slice(0, n), kms: kms.slice(0, n) }
  const reasons = (k: number): Reason[] => {
    const rs: Reason[] = []
    score(c, 0, found.posts[k]!, found.kms[k]!, rs)
    return rs
  }
  return { n, posts: found.posts, scores: found.scores, reasons }
}

/**
 * The first `count` of the recommendations (indexes k into them) in the order shown: score, best
 * first, then the post's id (ULIDs: plain string order; or its rank in that order). Keeps only the best `count` while it
 * scans, so a first page of a few thousand within reach sorts twenty, not thousands.
 */
export function bestOf(r: { n?: number; scores: ArrayLike<number> }, idOf: (k: number) => string | number, count: number): number[] {
  const n = r.n ?? r.scores.length
  const before = (a: number, b: number) => r.scores[a]! > r.scores[b]! || (r.scores[a] === r.scores[b] && idOf(a) < idOf(b))
  if (count * 4 >= n) {
    const all = Array.from({ length: n }, (_, k) => k)
    return all.sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0)).slice(0, count)
  }
  // Sorted best first, at most `count` long: a newcomer goes in by binary search if it beats the last.
  const kept: number[] = []
  for (let k = 0; k < n; k++) {
    if (kept.length === count && !before(k, kept[count - 1]!)) continue
    let lo = 0
    let hi = kept.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (before(kept[mid]!, k)) lo = mid + 1
      else hi = mid
    }
    kept.splice(lo, 0, k)
    if (kept.length > count) kept.pop()
  }
  return kept
}
