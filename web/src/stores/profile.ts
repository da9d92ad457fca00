import { defineStore } from 'pinia'
import { ref, shallowRef, watch } from 'vue'
import { ApiError, api, unwrap, type Seeker } from '../api/client'
import { useAuthStore } from './auth'

export type ProfileState = 'unknown' | 'loading' | 'none' | 'ready' | 'error'

/**
 * The signed-in seeker's own file (一人一档), shared by the profile page, the apply button and the
 * "near me" filter. `none` means the seeker has not written one yet (the API's seeker.notFound).
 */
export const useProfileStore = defineStore('profile', () => {
  const auth = useAuthStore()
  const profile = shallowRef<Seeker | null>(null)
  const state = ref<ProfileState>('unknown')
  const error = shallowRef<unknown>(null)
  let pending: Promise<void> | null = null

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
        profile.value = s
        state.value = 'ready'
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

  /** The server's answer to a save. */
  function set(s: Seeker): void {
    profile.value = s
    state.value = 'ready'
    error.value = null
  }

  // Another account signed in (or none): forget the previous one's file.
  watch(
    () => auth.user?.id,
    () => {
      profile.value = null
      state.value = 'unknown'
      error.value = null
      pending = null
    },
  )

  return { profile, state, error, load, set }
})
