import { computed, ref, watch } from 'vue'
import { TOWNSHIP_CODES } from '../../../shared/geo'
import { useAuthStore } from '../stores/auth'

const STORAGE_KEY = 'wengang.officerTownship'

const read = (): string => {
  try {
    const v = sessionStorage.getItem(STORAGE_KEY) ?? ''
    return TOWNSHIP_CODES.includes(v) ? v : ''
  } catch {
    return ''
  }
}

// A district officer's chosen township ('' = 全区 the whole district), shared by the officer's pages for this visit.
const chosen = ref(read())
watch(chosen, (v) => {
  try {
    sessionStorage.setItem(STORAGE_KEY, v)
  } catch {
    // Private mode: the choice lasts until the page is reloaded.
  }
})

/**
 * The township an officer's lists are about: a township officer's own (fixed by `user.scope`),
 * or the one a district officer (or the admin) picked; '' is the whole district (全区), the
 * default, and `wholeDistrict` says that a list now mixes townships (each row then names its own).
 */
export function useOfficerTownship() {
  const auth = useAuthStore()
  const fixed = computed((): string | null => {
    const scope = auth.user?.scope
    return scope && scope !== 'district' ? scope : null
  })
  const township = computed({
    get: (): string => fixed.value ?? chosen.value,
    set: (v: string) => {
      if (!fixed.value) chosen.value = v
    },
  })
  const wholeDistrict = computed(() => !fixed.value && !township.value)
  return { township, fixed, wholeDistrict }
}
