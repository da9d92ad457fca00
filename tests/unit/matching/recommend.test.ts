import { describe, expect, it } from 'vitest'
import { explainPair } from '../../../shared/matching/index.js'
import { compileFor, pairKm, placeKms } from '../../../shared/matching/compile.js'
import { bestOf, preparePosts, recommend } from '../../../shared/matching/recommend.js'
import { syntheticInstance } from '../../../shared/matching/synthetic.js'

// Recommendations score every post within reach without reasons and render reasons only for the
// posts shown: both must be the pair's own answer, the same as explainPair gives one pair at a time.
// A reason's list of names follows the order names were first met in the compiled instance: compare as sets.
const asSets = (rs: readonly { value?: unknown }[]) => rs.map((r) => (Array.isArray(r.value) ? { ...r, value: [...(r.value as string[])].sort() } : r))

describe('推荐岗位 recommend', () => {
  const inst = syntheticInstance({ seekers: 12, posts: 400, seed: 11 })
  const prepared = preparePosts(inst.posts, inst.policy)

  it('gives exactly the posts explainPair finds eligible, with its score and its reasons', () => {
    let compared = 0
    for (const seeker of inst.seekers) {
      const found = recommend(seeker, prepared, inst.asOf)
      const got = new Map([...found.posts.subarray(0, found.n)].map((j, k) => [inst.posts[j]!.id, { score: found.scores[k]!, reasons: () => found.reasons(k) }]))
      for (const post of inst.posts) {
        if (post.remaining <= 0) continue
        const pair = explainPair(seeker, post, inst.policy, inst.asOf)
        const r = got.get(post.id)
        expect(r !== undefined, `${seeker.id} × ${post.id}`).toBe(pair.failures.length === 0)
        if (!r) continue
        expect(r.score).toBe(pair.score)
        expect(asSets(r.reasons())).toEqual(asSets(pair.reasons))
        compared++
      }
    }
    expect(compared).toBeGreaterThan(20)
  })
  it('orders the best first by score, then by post id, the same whether it keeps a few or sorts them all', () => {
    const ties = { scores: [5, 7, 7, 1, 7, 5, 9, 0, 7, 5, 3, 7] }
    const ids = ['k', 'b', 'a', 'z', 'c', 'd', 'y', 'x', 'e', 'f', 'g', 'h']
    const full = ties.scores.map((_, k) => k).sort((a, b) => ties.scores[b]! - ties.scores[a]! || (ids[a]! < ids[b]! ? -1 : 1))
    for (let count = 0; count <= ids.length + 1; count++) expect(bestOf(ties, (k) => ids[k]!, count), `count ${count}`).toEqual(full.slice(0, count))
    // And over one person's real recommendations, a page deep.
    const found = recommend(inst.seekers[0]!, prepared, inst.asOf)
    const idOf = (k: number) => inst.posts[found.posts[k]!]!.id
    const order = Array.from({ length: found.n }, (_, k) => k).sort((a, b) => found.scores[b]! - found.scores[a]! || (idOf(a) < idOf(b) ? -1 : 1))
    expect(found.n).toBeGreaterThan(40)
    expect(bestOf(found, idOf, 10)).toEqual(order.slice(0, 10))
    // Ids compared by their rank in id order give the same order (what a request uses).
    expect(bestOf(found, (k) => prepared.idRank[found.posts[k]!]!, 30)).toEqual(order.slice(0, 30))
  })

  it('measures a person’s distance to a post by the post’s place, exactly as pairKm does', () => {
    const c = compileFor(prepared.set, inst.seekers.slice(0, 3), inst.policy, inst.asOf)
    for (let i = 0; i < 3; i++) {
      const kms = placeKms(c.seekers, i, c.posts)
      for (let j = 0; j < c.posts.m; j++) expect(kms[c.posts.place[j]!]).toBe(pairKm(c.seekers, i, c.posts, j))
    }
  })
})
