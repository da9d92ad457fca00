import { ref } from 'vue'
import { notify } from '../element-deferred'
import { useErrorText } from './use-error-text'

/**
 * Runs a button's API call: remembers which one is busy (its spinner, the others stay usable),
 * and shows the server's own message when it refuses (e.g. "岗位已满" for post.full).
 */
export function useAction() {
  const busy = ref<string | null>(null)
  const errorText = useErrorText()

  async function run<T>(key: string, work: () => Promise<T>, done?: string | ((result: T) => string)): Promise<T | undefined> {
    busy.value = key
    try {
      const result = await work()
      const message = typeof done === 'function' ? done(result) : done
      if (message) notify('success', message)
      return result
    } catch (e) {
      notify('error', errorText(e), { grouping: true })
      return undefined
    } finally {
      if (busy.value === key) busy.value = null
    }
  }

  const isBusy = (key: string): boolean => busy.value === key

  return { busy, isBusy, run }
}
