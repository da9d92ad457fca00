/**
 * 推荐岗位 one person's eligible posts, scored, out of every open post (issue 15 part 1): the same
 * rules and score as explainPair, over only the posts within reach (a post farther than the
 * distance limit fails `commute.tooFar` whatever else holds), so a request compiles tens of
 * posts, not the district's thousands.
 */
import { compile, coordinates, pairKm } from './compile.js'
import { eligibility, limitKm } from './eligibility.js'
import { fastPost, fastSeeker } from './fast-parse.js'
import { score } from './score.js'
import { type MatchPolicy, type MatchPost, MatchPost as MatchPostSchema, type MatchPostParsed, type MatchSeeker, MatchSeeker as MatchSeekerSchema, type Reason } from './types.js'

const RAD = Math.PI / 180

/** Open posts parsed once, with their places, for many people's recommendations (made again when the posts change). */
export interface PreparedPosts {
  posts: MatchPostParsed[]
  latRad: Float64Array
  lngRad: Float64Array
  cosLat: Float64Array
  exportKind: Uint8Array
}

export function preparePosts(list: readonly MatchPost[]): PreparedPosts {
  const posts = list.map((p) => fastPost(p) ?? MatchPostSchema.parse(p))
  const n = posts.length
  const out: PreparedPosts = { posts, latRad: new Float64Array(n), lngRad: new Float64Array(n), cosLat: new Float64Array(n), exportKind: new Uint8Array(n) }
  posts.forEach((p, j) => {
    const [lat, lng] = coordinates(p)
    out.latRad[j] = lat * RAD
    out.lngRad[j] = lng * RAD
    out.cosLat[j] = Math.cos(lat * RAD)
    out.exportKind[j] = p.kind === 'laborExport' ? 1 : 0
  })
  return out
}

/**
 * The posts (indexes into `prepared.posts`) this person may take, each with its score, in no
 * particular order. `reasons()` scores the pair again with its reasons: only the posts shown need
 * them, and a small district's seeker may be within reach of thousands.
 */
export function recommend(seeker: MatchSeeker, prepared: PreparedPosts, policy: MatchPolicy, asOf: string): { post: number; score: number; reasons: () => Reason[] }[] {
  const parsed = fastSeeker(seeker) ?? MatchSeekerSchema.parse(seeker)
  const alone = compile({ asOf, policy, seekers: [parsed], posts: [] }).seekers
  const commute = alone.commuteKm[0]!
  const exportRadius = policy.rules.laborExport.radiusKm
  // Within reach, by the engine's own distance (pairKm's formula); the rules decide the rest.
  const near: number[] = []
  for (let j = 0; j < prepared.posts.length; j++) {
    if (prepared.posts[j]!.remaining <= 0) continue
    const sLat = Math.sin((prepared.latRad[j]! - alone.latRad[0]!) / 2)
    const sLng = Math.sin((prepared.lngRad[j]! - alone.lngRad[0]!) / 2)
    const km = 2 * 6371 * Math.asin(Math.sqrt(sLat * sLat + alone.cosLat[0]! * prepared.cosLat[j]! * sLng * sLng))
    if (km <= (prepared.exportKind[j] ? exportRadius : commute)) near.push(j)
  }
  if (!near.length) return []
  const c = compile({ asOf, policy, seekers: [parsed], posts: near.map((j) => prepared.posts[j]!) })
  const out: { post: number; score: number; reasons: () => Reason[] }[] = []
  for (let k = 0; k < near.length; k++) {
    const km = pairKm(c.seekers, 0, c.posts, k)
    if (km > limitKm(c, 0, k) || eligibility(c, 0, k, km) !== 0) continue
    const reasons = () => {
      const rs: Reason[] = []
      score(c, 0, k, km, rs)
      return rs
    }
    out.push({ post: near[k]!, score: score(c, 0, k, km), reasons })
  }
  return out
}
