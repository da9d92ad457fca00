import { reactive, ref, shallowRef, watch, type Ref } from 'vue'
import { useOfficerTownship } from './use-officer-township'
import { usePagedList, type Page } from './use-paged-list'

/** What a township list asks the API for: the township ('' = the whole district), the status filter ('' = all) and the page. */
export interface TownshipListQuery<S extends string> {
  township: string
  status: S | ''
  cursor: string | undefined
}

/**
 * An officer's list of one township's records with a status filter (workshops to recognise,
 * placements, difficulties): the township is fixed for a township officer, a district officer's
 * starts on the whole district (全区), and the list reloads whenever the township or the filter changes. A list without a status filter (pending changes,
 * ID collisions) leaves `initialStatus` out and passes `never` for `S`.
 */
export function useTownshipList<T, S extends string>(fetchPage: (q: TownshipListQuery<S>) => Promise<Page<T>>, initialStatus: S | '' = '') {
  const { township, fixed, wholeDistrict } = useOfficerTownship()
  const status = ref(initialStatus) as Ref<S | ''>
  const list = reactive(usePagedList<T>((cursor) => fetchPage({ township: township.value, status: status.value, cursor })))
  watch(
    () => `${township.value}|${status.value}`,
    () => void list.reload(),
    { immediate: true },
  )
  return { township, fixed, wholeDistrict, status, list }
}

/** The "ask for a reason, then act on this one record" pattern behind ReasonDialog: `v-model="x.open"`, `x.ask(item)`, `x.target`. */
export function useAskFor<T>() {
  const target = shallowRef<T | null>(null)
  const open = ref(false)
  return reactive({
    target,
    open,
    ask(item: T): void {
      target.value = item
      open.value = true
    },
  })
}
