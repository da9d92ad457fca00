import { describe, expect, it } from 'vitest'
import { usePagedList, type Page } from '../../../web/src/composables/use-paged-list'

/** A fetcher whose answers the test releases by hand, to control ordering. */
function controlled<T>() {
  const calls: Array<{ cursor: string | undefined; resolve: (p: Page<T>) => void; reject: (e: unknown) => void }> = []
  const fetchPage = (cursor: string | undefined) =>
    new Promise<Page<T>>((resolve, reject) => {
      calls.push({ cursor, resolve, reject })
    })
  return { calls, fetchPage }
}

const tick = () => new Promise((r) => setTimeout(r, 0))

describe('usePagedList', () => {
  it('loads the first page, then appends the next one with its cursor', async () => {
    const { calls, fetchPage } = controlled<number>()
    const list = usePagedList(fetchPage)
    const first = list.reload()
    expect(list.loading.value).toBe(true)
    calls[0]!.resolve({ items: [1, 2], nextCursor: 'c1' })
    await first
    expect(list.items.value).toEqual([1, 2])
    expect(list.hasMore.value).toBe(true)

    const more = list.loadMore()
    expect(list.loadingMore.value).toBe(true)
    expect(calls[1]!.cursor).toBe('c1')
    calls[1]!.resolve({ items: [3], nextCursor: null })
    await more
    expect(list.items.value).toEqual([1, 2, 3])
    expect(list.hasMore.value).toBe(false)
    expect(list.status.value).toBe('ready')
  })

  it('reports empty only after a page with no items arrived', async () => {
    const { calls, fetchPage } = controlled<number>()
    const list = usePagedList(fetchPage)
    const p = list.reload()
    expect(list.isEmpty.value).toBe(false)
    calls[0]!.resolve({ items: [], nextCursor: null })
    await p
    expect(list.isEmpty.value).toBe(true)
  })

  it('drops the answer of an older reload that arrives late (filters changed meanwhile)', async () => {
    const { calls, fetchPage } = controlled<string>()
    const list = usePagedList(fetchPage)
    const old = list.reload()
    const fresh = list.reload()
    calls[1]!.resolve({ items: ['new'], nextCursor: null })
    await fresh
    calls[0]!.resolve({ items: ['old'], nextCursor: 'x' })
    await old
    expect(list.items.value).toEqual(['new'])
    expect(list.hasMore.value).toBe(false)
  })

  it('keeps the list when a later page fails, and retry asks for that page again', async () => {
    const { calls, fetchPage } = controlled<number>()
    const list = usePagedList(fetchPage)
    const first = list.reload()
    calls[0]!.resolve({ items: [1], nextCursor: 'c1' })
    await first
    const more = list.loadMore()
    calls[1]!.reject(new Error('offline'))
    await more
    expect(list.status.value).toBe('error')
    expect(list.failedStep.value).toBe('more')
    expect(list.items.value).toEqual([1])

    const again = list.retry()
    expect(calls[2]!.cursor).toBe('c1')
    calls[2]!.resolve({ items: [2], nextCursor: null })
    await again
    expect(list.items.value).toEqual([1, 2])
    expect(list.error.value).toBeNull()
  })

  it('ignores load-more while a page is loading or when there is no next page', async () => {
    const { calls, fetchPage } = controlled<number>()
    const list = usePagedList(fetchPage)
    void list.reload()
    await list.loadMore()
    expect(calls).toHaveLength(1)
    calls[0]!.resolve({ items: [1], nextCursor: null })
    await tick()
    await list.loadMore()
    expect(calls).toHaveLength(1)
  })
})
