import { describe, expect, it } from 'vitest'
import { call, testApp } from '../support/app.js'
import { marketWorld } from '../support/world.js'

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url')
const forged = [
  ['{"PK":"x"}', b64({ PK: 'x' })],
  ['{}', b64({})],
  ['a whole made-up key', b64({ PK: 'POST#x', SK: 'POST', GSI1PK: 'POSTS#open', GSI1SK: 'x' })],
  ['the old browse offset', 'off.5'],
  ['garbage', '%E2%80%AE!!'],
] as const

/** Every page of a list, following nextCursor; fails on anything but 200. */
async function allPages(t: Awaited<ReturnType<typeof testApp>>, path: string, token?: string) {
  const ids: string[] = []
  const cursors: string[] = []
  let cursor: string | null = null
  do {
    const r: Awaited<ReturnType<typeof call>> = await call(t, 'GET', `${path}${path.includes('?') ? '&' : '?'}limit=2${cursor ? `&cursor=${cursor}` : ''}`, undefined, token)
    expect(r.status).toBe(200)
    ids.push(...r.json.items.map((i: { id: string }) => i.id))
    cursor = r.json.nextCursor
    if (cursor) cursors.push(cursor)
  } while (cursor)
  return { ids, cursors }
}

describe('page cursors cannot be forged (issue 9)', async () => {
  const t = await testApp()
  const w = await marketWorld(t)
  for (let i = 0; i < 5; i++) await w.newPost({ title: `发制品加工工 ${i}` })
  for (let i = 0; i < 5; i++) await w.newSeeker(`1390000100${i}`)

  for (const [name, cursor] of forged) {
    it(`anonymous GET /api/posts with a forged cursor (${name}) is 400 cursor.invalid, not 500`, async () => {
      for (const path of [`/api/posts?cursor=${cursor}`, `/api/posts?q=${encodeURIComponent('发制品')}&cursor=${cursor}`]) {
        const r = await call(t, 'GET', path)
        expect(r.status).toBe(400)
        expect(r.json).toMatchObject({ code: 'cursor.invalid', message: expect.stringContaining('游标'), messageEn: expect.stringContaining('cursor') })
      }
    })

    it(`an officer's GET /api/seekers with a forged cursor (${name}) is 400 cursor.invalid`, async () => {
      const r = await call(t, 'GET', `/api/seekers?township=lingjing&cursor=${cursor}`, undefined, w.officer.token)
      expect(r.status).toBe(400)
      expect(r.json.code).toBe('cursor.invalid')
    })
  }

  it('real next pages work: posts, filtered browse and seekers, each item once', async () => {
    const plain = await allPages(t, '/api/posts')
    expect(plain.ids).toHaveLength(5)
    expect(new Set(plain.ids).size).toBe(5)
    const browse = await allPages(t, `/api/posts?q=${encodeURIComponent('发制品')}&sort=wage`)
    expect(browse.ids.sort()).toEqual([...plain.ids].sort())
    const seekers = await allPages(t, '/api/seekers?township=lingjing', w.officer.token)
    expect(seekers.ids).toHaveLength(5)
    expect(new Set(seekers.ids).size).toBe(5)
  })

  it('a genuine cursor is refused on another list or another query', async () => {
    const posts = await allPages(t, '/api/posts')
    const browse = await allPages(t, `/api/posts?q=${encodeURIComponent('发制品')}`)
    const seekers = await allPages(t, '/api/seekers?township=lingjing', w.officer.token)
    const refused = async (path: string, token?: string) => {
      const r = await call(t, 'GET', path, undefined, token)
      expect(r.status, path).toBe(400)
      expect(r.json.code).toBe('cursor.invalid')
    }
    // posts → seekers, seekers → posts
    await refused(`/api/seekers?township=lingjing&cursor=${posts.cursors[0]}`, w.officer.token)
    await refused(`/api/posts?cursor=${seekers.cursors[0]}`)
    // the same list with other filters: another township's seekers, another browse, plain ↔ filtered
    await refused(`/api/seekers?township=suqiao&cursor=${seekers.cursors[0]}`, w.district.token)
    await refused(`/api/posts?township=lingjing&cursor=${posts.cursors[0]}`)
    await refused(`/api/posts?q=${encodeURIComponent('加工')}&cursor=${browse.cursors[0]}`)
    await refused(`/api/posts?cursor=${browse.cursors[0]}`)
    await refused(`/api/posts?q=${encodeURIComponent('发制品')}&cursor=${posts.cursors[0]}`)
  })
})
