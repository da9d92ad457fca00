import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { configureClient } from './api/client'
import { startEarlyReads } from './api/early'
import { warn } from './element-deferred'
import { i18n, restoreLocale } from './i18n'
import { router } from './router'
import { useAuthStore } from './stores/auth'
import './styles.css'

const app = createApp(App)
const pinia = createPinia()
app.use(pinia).use(i18n).use(router)

const auth = useAuthStore(pinia)

configureClient({
  token: () => auth.token,
  // Any call answered 401 with our token: the session has ended (expired, signed out elsewhere).
  onUnauthorized: () => {
    if (!auth.token) return // a parallel call already handled it
    auth.clearSession()
    warn(i18n.global.t('auth.sessionExpired'))
    // During the first navigation the current route is still the start page: wait for the real one.
    void router.isReady().then(() => {
      const here = router.currentRoute.value
      if (here.name !== 'sign-in') void router.push({ name: 'sign-in', query: { redirect: here.fullPath } })
    })
  },
})

// The first page's own read, before the router has evaluated its chunk and messages (api/early.ts).
startEarlyReads(location.pathname)

// Confirm the remembered session with the server; the page does not wait for it.
void auth.refresh()

// The first paint is the whole page: its messages (English is fetched first for those who chose it)
// and its route (a lazy page's chunk, the guard's messages) are ready, so the shell is not drawn
// empty and then again. A failed first navigation still mounts, to show what the router can.
const mount = () => void app.mount('#app')
void Promise.all([restoreLocale(), router.isReady()]).then(mount, mount)
