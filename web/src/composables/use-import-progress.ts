import { onBeforeUnmount, shallowRef } from 'vue'
import { getImport, type ImportRecord } from '../api/imports'

/** How often an import still running is asked for its progress (the job writes it as it goes). */
const POLL_MS = 600

/**
 * Follows one import until it is done or failed: `record` is its latest report. Following another
 * one (or leaving the page) stops the former, so an old answer never replaces a newer report.
 */
export function useImportProgress() {
  const record = shallowRef<ImportRecord | null>(null)
  const error = shallowRef<unknown>(null)
  let timer: ReturnType<typeof setTimeout> | undefined
  let generation = 0
  let lastId: string | undefined

  const stop = () => {
    generation++
    if (timer) clearTimeout(timer)
    timer = undefined
  }

  async function follow(id: string): Promise<void> {
    stop()
    lastId = id
    const mine = generation
    error.value = null
    const poll = async (): Promise<void> => {
      try {
        const r = await getImport(id)
        if (mine !== generation) return
        record.value = r
        if (r.status !== 'done' && r.status !== 'failed') timer = setTimeout(() => void poll(), POLL_MS)
      } catch (e) {
        if (mine === generation) error.value = e
      }
    }
    await poll()
  }

  const clear = () => {
    stop()
    record.value = null
    error.value = null
  }

  /** After a failed poll (a dropped connection): ask again about the same import. */
  const retry = (): Promise<void> => (lastId ? follow(lastId) : Promise.resolve())

  onBeforeUnmount(stop)
  return { record, error, follow, retry, clear }
}
