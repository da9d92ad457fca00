import { computed, ref, shallowRef, type Ref } from 'vue'

export interface Page<T> {
  items: T[]
  nextCursor: string | null
}

export type PagedListStatus = 'idle' | 'loading' | 'loadingMore' | 'ready' | 'error'

/**
 * Cursor pagination with "load more": the first page replaces the list, later pages append.
 * Answers to an older reload (filters changed meanwhile) are dropped, so results never mix.
 */
export function usePagedList<T>(fetchPage: (cursor: string | undefined) => Promise<Page<T>>) {
  const items = shallowRef<T[]>([]) as Ref<T[]>
  const nextCursor = ref<string | null>(null)
  const status = ref<PagedListStatus>('idle')
  const error = shallowRef<unknown>(null)
  /** Which step failed, so retry repeats it: the first page, or a later one (the list so far stays). */
  const failedStep = ref<'first' | 'more' | null>(null)
  let generation = 0

  const loading = computed(() => status.value === 'loading')
  const loadingMore = computed(() => status.value === 'loadingMore')
  const hasMore = computed(() => nextCursor.value !== null)
  const isEmpty = computed(() => status.value === 'ready' && items.value.length === 0)

  async function run(step: 'first' | 'more'): Promise<void> {
    const mine = step === 'first' ? ++generation : generation
    const cursor = step === 'first' ? undefined : (nextCursor.value ?? undefined)
    status.value = step === 'first' ? 'loading' : 'loadingMore'
    error.value = null
    failedStep.value = null
    if (step === 'first') {
      items.value = []
      nextCursor.value = null
    }
    try {
      const page = await fetchPage(cursor)
      if (mine !== generation) return
      items.value = step === 'first' ? page.items : [...items.value, ...page.items]
      nextCursor.value = page.nextCursor
      status.value = 'ready'
    } catch (e) {
      if (mine !== generation) return
      error.value = e
      failedStep.value = step
      status.value = 'error'
    }
  }

  const reload = (): Promise<void> => run('first')

  function loadMore(): Promise<void> {
    if (!hasMore.value || status.value === 'loading' || status.value === 'loadingMore') return Promise.resolve()
    return run('more')
  }

  const retry = (): Promise<void> => run(failedStep.value ?? 'first')

  /** Puts a changed item (the server's answer to an action) in place of its old self. */
  function replace(match: (item: T) => boolean, next: T): void {
    items.value = items.value.map((item) => (match(item) ? next : item))
  }

  /** Takes an item out (it left the list's scope by an action here, e.g. a decided request), without reloading. */
  function remove(match: (item: T) => boolean): void {
    items.value = items.value.filter((item) => !match(item))
  }

  /** Adds a new item at the top (just created here), without reloading the list. */
  function prepend(item: T): void {
    items.value = [item, ...items.value]
    if (status.value === 'idle') status.value = 'ready'
  }

  return { items, nextCursor, status, error, failedStep, loading, loadingMore, hasMore, isEmpty, reload, loadMore, retry, replace, remove, prepend }
}

/** What a list view needs of a paged list, with the refs unwrapped (`reactive(usePagedList(…))`). */
export interface PagedListState<T> {
  items: T[]
  error: unknown
  failedStep: 'first' | 'more' | null
  loading: boolean
  loadingMore: boolean
  hasMore: boolean
  isEmpty: boolean
  loadMore(): Promise<void>
  retry(): Promise<void>
}
