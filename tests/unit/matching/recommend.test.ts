import { describe, expect, it } from 'vitest'
import { explainPair } from '../../../shared/matching/index.js'
import { preparePosts, recommend } from '../../../shared/matching/recommend.js'
import { syntheticInstance } from '../../../shared/matching/synthetic.js'

// Recommendations score every post within reach without reasons and render reasons only for the
// posts shown: both must be the pair's own answer, the same as explainPair gives one pair at a time.
// A reason's list of names follows the order names were first met in the compiled instance: compare as sets.
const asSets = (rs: readonly { value?: unknown }[]) => rs.map((r) => (Array.isArray(r.value) ? { ...r, value: [...(r.value as string[])].sort() } : r))

describe('推荐岗位 recommend', () => {
  const inst = syntheticInstance({ seekers: 12, posts: 400, seed: 11 })
  const prepared = preparePosts(inst.posts)

  it('gives exactly the posts explainPair finds eligible, with its score and its reasons', () => {
    let compared = 0
    for (const seeker of inst.seekers) {
      const got = new Map(recommend(seeker, prepared, inst.policy, inst.asOf).map((r) => [inst.posts[r.post]!.id, r]))
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
})
