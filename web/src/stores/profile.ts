import { defineStore } from 'pinia'
import { ref, shallowRef, watch } from 'vue'
import { ApiError, api, unwrap, type HouseholdFacts, type SavedSeeker, type Seeker, type SeekerInput } from '../api/client'
import { useAuthStore } from './auth'

export type ProfileState = 'unknown' | 'loading' | 'none' | 'ready' | 'error'

/** A change of household facts the seeker asked for on a verified file: it waits for an officer. */
export interface HouseholdRequest {
  requested: HouseholdFacts
  at: string
}

const householdOf = (f: HouseholdFacts): HouseholdFacts => ({
  category: f.category,
  ...(f.monitoredSubtype ? { monitoredSubtype: f.monitoredSubtype } : {}),
  ...(f.riskEliminatedOn ? { riskEliminatedOn: f.riskEliminatedOn } : {}),
})
const sameHousehold = (a: HouseholdFacts, b: HouseholdFacts): boolean =>
  a.category === b.category && a.monitoredSubtype === b.monitoredSubtype && a.riskEliminatedOn === b.riskEliminatedOn

/**
 * The signed-in seeker's own file (一人一档), shared by the profile page, the apply button and the
 * "near me" filter. `none` means the seeker has not written one yet (the API's seeker.notFound).
 */
export const useProfileStore = defineStore('profile', () => {
  const auth = useAuthStore()
  const profile = shallowRef<Seeker | null>(null)
  const state = ref<ProfileState>('unknown')
  const error = shallowRef<unknown>(null)
  /**
   * Known only from a save's answer (reading the file does not tell): kept for this visit, and
   * dropped once the file shows the requested facts (an officer confirmed them).
   */
  const householdRequest = shallowRef<HouseholdRequest | null>(null)
  let pending: Promise<void> | null = null

  function show(s: Seeker): void {
    profile.value = s
    state.value = 'ready'
    error.value = null
    if (householdRequest.value && sameHousehold(householdOf(s), householdRequest.value.requested)) householdRequest.value = null
  }

  function load(force = false): Promise<void> {
    if (!auth.isSeeker) return Promise.resolve()
    if (!force && (state.value === 'ready' || state.value === 'none')) return Promise.resolve()
    if (pending && !force) return pending
    state.value = 'loading'
    error.value = null
    const userId = auth.user?.id
    const p = unwrap(api.me.profile.$get())
      .then((s) => {
        if (auth.user?.id !== userId) return
        show(s)
      })
      .catch((e: unknown) => {
        if (auth.user?.id !== userId) return
        profile.value = null
        if (e instanceof ApiError && e.status === 404) {
          state.value = 'none'
        } else {
          error.value = e
          state.value = 'error'
        }
      })
      .finally(() => {
        if (pending === p) pending = null
      })
    pending = p
    return p
  }

  /**
   * The server's answer to a save of `sent`. On a verified file a changed household category is not
   * taken at once: the answer keeps the confirmed facts and says `householdChangePending`.
   */
  function saved(answer: SavedSeeker, sent: SeekerInput): void {
    const { householdChangePending, ...s } = answer
    if (householdChangePending) householdRequest.value = { requested: householdOf(sent), at: new Date().toISOString() }
    show(s)
  }

  // Another account signed in (or none): forget the previous one's file.
  watch(
    () => auth.user?.id,
    () => {
      profile.value = null
      state.value = 'unknown'
      error.value = null
      householdRequest.value = null
      pending = null
    },
  )

  return { profile, state, error, householdRequest, load, saved }
})
