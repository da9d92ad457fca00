import { computed, ref, shallowRef, watch } from 'vue'
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

/** The district's townships, with names in the reader's language; `lazy`: fetched on `reload()` only (a page that paints first without them). */
export function useTownships(options: { lazy?: boolean } = {}) {
  const { locale } = useI18n()
  if (!options.lazy) void loadTownships()
  const byCode = computed(() => new Map(townships.value.map((t) => [t.code, t])))
  const nameOf = (code: string): string => {
    const t = byCode.value.get(code)
    if (!t) return code
    return locale.value === 'en' ? t.nameEn : t.name
  }
  return { townships, failed: townshipsFailed, byCode, nameOf, reload: loadTownships }
}

const villagesByTownship = new Map<string, Promise<Village[]>>()

/** Villages of one township, fetched once per visit and shared; a failed fetch is tried again next time. */
export function villagesOf(township: string): Promise<Village[]> {
  let p = villagesByTownship.get(township)
  if (!p) {
    p = unwrap(api.geo.townships[':code'].villages.$get({ param: { code: township } })).then((r) => r.items)
    villagesByTownship.set(township, p)
    p.catch(() => villagesByTownship.delete(township))
  }
  return p
}

/** Village names of one township, fetched when first asked for. */
export function useVillageName() {
  const names = shallowRef(new Map<string, string>())
  async function load(township: string): Promise<void> {
    try {
      const villages = await villagesOf(township)
      names.value = new Map(villages.map((v) => [v.code, v.name]))
    } catch {
      // The village code is shown instead of its name.
    }
  }
  const nameOf = (code: string): string => names.value.get(code) ?? code
  return { load, nameOf }
}

/** The villages of whichever township is chosen now, for a cascading select. */
export function useVillages(township: () => string | undefined) {
  const villages = shallowRef<Village[]>([])
  const loading = ref(false)
  const failed = ref(false)
  let asked = 0
  watch(
    township,
    async (code) => {
      const mine = ++asked
      villages.value = []
      failed.value = false
      if (!code) return
      loading.value = true
      try {
        const list = await villagesOf(code)
        if (mine === asked) villages.value = list
      } catch {
        if (mine === asked) failed.value = true
      } finally {
        if (mine === asked) loading.value = false
      }
    },
    { immediate: true },
  )
  return { villages, loading, failed }
}

// Names of every village seen so far, shared; filled per township on first sight of one of its villages.
const knownVillageNames = shallowRef(new Map<string, string>())
const townshipsAsked = new Set<string>()

function learnVillagesOf(township: string): void {
  if (townshipsAsked.has(township)) return
  townshipsAsked.add(township)
  villagesOf(township)
    .then((villages) => {
      const names = new Map(knownVillageNames.value)
      for (const v of villages) names.set(v.code, v.name)
      knownVillageNames.value = names
    })
    .catch(() => townshipsAsked.delete(township))
}

/** A village's name from its code (`lingjing-01`), for lists that mix townships; the code until the name arrives. */
export function useAnyVillageName() {
  return (code: string | undefined): string => {
    if (!code) return ''
    const township = code.split('-')[0]
    if (township) learnVillagesOf(township)
    return knownVillageNames.value.get(code) ?? code
  }
}
