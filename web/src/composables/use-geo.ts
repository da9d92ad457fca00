import { computed, ref, shallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { TOWNSHIP_CODES } from '../../../shared/geo'
import { api, unwrap, type Township, type Village } from '../api/client'

// Townships change perhaps once a decade: fetched once per visit and shared by every component.
const townships = shallowRef<Township[]>([])
const townshipsFailed = ref(false)
let townshipsLoad: Promise<void> | null = null

function loadTownships(): Promise<void> {
  townshipsLoad ??= unwrap(api.geo.townships.$get())
    .then((r) => {
      // The district's own order (as in its documents), not the API's key order.
      const rank = (code: string) => {
        const i = TOWNSHIP_CODES.indexOf(code)
        return i === -1 ? TOWNSHIP_CODES.length : i
      }
      townships.value = [...r.items].sort((a, b) => rank(a.code) - rank(b.code))
      townshipsFailed.value = false
    })
    .catch(() => {
      townshipsFailed.value = true
      townshipsLoad = null // let a later caller try again
    })
  return townshipsLoad
}

/** The district's townships, with names in the reader's language. */
export function useTownships() {
  const { locale } = useI18n()
  void loadTownships()
  const byCode = computed(() => new Map(townships.value.map((t) => [t.code, t])))
  const nameOf = (code: string): string => {
    const t = byCode.value.get(code)
    if (!t) return code
    return locale.value === 'en' ? t.nameEn : t.name
  }
  return { townships, failed: townshipsFailed, byCode, nameOf, reload: loadTownships }
}

const villagesByTownship = new Map<string, Promise<Village[]>>()

/** Village names of one township, fetched when first asked for. */
export function useVillageName() {
  const names = shallowRef(new Map<string, string>())
  async function load(township: string): Promise<void> {
    let p = villagesByTownship.get(township)
    if (!p) {
      p = unwrap(api.geo.townships[':code'].villages.$get({ param: { code: township } })).then((r) => r.items)
      villagesByTownship.set(township, p)
      p.catch(() => villagesByTownship.delete(township))
    }
    try {
      const villages = await p
      names.value = new Map(villages.map((v) => [v.code, v.name]))
    } catch {
      // The village code is shown instead of its name.
    }
  }
  const nameOf = (code: string): string => names.value.get(code) ?? code
  return { load, nameOf }
}
