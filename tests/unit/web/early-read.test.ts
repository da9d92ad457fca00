/**
 * 先读 the early read of a post's page (web/src/api/early.ts): the script's fetch taken once for
 * its own post, asked again through the client when it was refused (401) or failed, ignored for
 * another post; any later read is a new one. The network is a recording fetch: what is under test
 * is which request the page ends up with.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

const asked: string[] = []
const answer = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

beforeEach(() => {
  asked.length = 0
  vi.resetModules()
  vi.stubGlobal('window', {})
  vi.stubGlobal('fetch', async (input: string | URL | Request) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
    asked.push(url)
    return answer(200, { from: 'client' })
  })
})
afterEach(() => vi.unstubAllGlobals())

// By a path tsc does not follow: early.ts is portal code (DOM types), typechecked by vue-tsc with the
// portal; this project's tsconfig has none. The shape is what the portal calls.
const EARLY = '../../../web/src/api/early'
const load = (): Promise<{ startEarlyReads(pathname: string): void; readPost(id: string): Promise<unknown> }> => import(EARLY)
const script = (id: string, read: Promise<Response>) => ((globalThis as { window?: { __wengangEarlyPost?: unknown } }).window!.__wengangEarlyPost = { id, read })
// The client sends after a few microtasks: let them run before counting what was asked.
const settled = () => new Promise((r) => setTimeout(r, 0))
const body = async (r: Promise<unknown>) => ((await r) as Response).json()

describe('the early read of a post (先读)', () => {
  it('takes the script’s fetch for its post once, asking nothing more; a later read is new', async () => {
    const { startEarlyReads, readPost } = await load()
    script('p1', Promise.resolve(answer(200, { from: 'script' })))
    startEarlyReads('/posts/p1')
    expect(await body(readPost('p1'))).toEqual({ from: 'script' })
    expect(asked).toEqual([])
    expect(await body(readPost('p1'))).toEqual({ from: 'client' })
    expect(asked).toHaveLength(1)
    expect(asked[0]).toMatch(/\/api\/posts\/p1$/)
  })

  it('asks again through the client when the script’s fetch was refused (401) or failed', async () => {
    const { startEarlyReads, readPost } = await load()
    script('p2', Promise.resolve(answer(401, { code: 'auth.required' })))
    startEarlyReads('/posts/p2')
    expect(await body(readPost('p2'))).toEqual({ from: 'client' })
    script('p3', Promise.reject(new TypeError('network')))
    startEarlyReads('/posts/p3')
    expect(await body(readPost('p3'))).toEqual({ from: 'client' })
    expect(asked.map((u) => u.replace(/.*\/api\//, ''))).toEqual(['posts/p2', 'posts/p3'])
  })

  it('ignores a script’s read of another post, starts its own on any other entry, none off a post’s page', async () => {
    const { startEarlyReads, readPost } = await load()
    script('other', Promise.resolve(answer(200, { from: 'script' })))
    startEarlyReads('/posts/p4')
    await settled()
    expect(asked.map((u) => u.replace(/.*\/api\//, ''))).toEqual(['posts/p4'])
    // The visitor opened another post first: that one is read anew, the early one left unheard.
    expect(await body(readPost('p5'))).toEqual({ from: 'client' })
    expect(asked).toHaveLength(2)
    startEarlyReads('/posts')
    startEarlyReads('/posts/%E0%A4%A') // a malformed address: the page reports it itself
    await settled()
    expect(asked).toHaveLength(2)
  })
})
