import { onBeforeUnmount, ref } from 'vue'

/** True on a wide screen (tables), false on a phone (cards); follows the window as it changes. */
export function useWide(query = '(min-width: 768px)') {
  const mql = typeof window !== 'undefined' && window.matchMedia ? window.matchMedia(query) : null
  const wide = ref(mql?.matches ?? true)
  const update = (e: MediaQueryListEvent) => (wide.value = e.matches)
  mql?.addEventListener('change', update)
  onBeforeUnmount(() => mql?.removeEventListener('change', update))
  return wide
}
