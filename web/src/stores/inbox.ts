import { defineStore } from 'pinia'
import { ref, watch } from 'vue'
import { api, unwrap } from '../api/client'
import { useAuthStore } from './auth'

/**
 * The 消息 badge: how many of the seeker's messages are unread, as the server counts them (one
 * cheap read), refreshed on navigation and set from each mark-read's answer.
 */
export const useInboxStore = defineStore('inbox', () => {
  const auth = useAuthStore()
  const unread = ref(0)
  let pending: Promise<void> | null = null

  function refresh(): Promise<void> {
    if (!auth.isSeeker) {
      unread.value = 0
      return Promise.resolve()
    }
    pending ??= unwrap(api.me.inbox.unread.$get())
      .then((r) => {
        unread.value = r.unread
      })
      // A badge that could not be refreshed keeps its last number; the inbox itself says if loading fails.
      .catch(() => undefined)
      .finally(() => {
        pending = null
      })
    return pending
  }

  function set(n: number): void {
    unread.value = Math.max(0, n)
  }

  watch(
    () => auth.user?.id,
    () => void refresh(),
  )

  return { unread, refresh, set }
})
