import { createPinia } from 'pinia'
import { createApp } from 'vue'
import { ElMessage } from 'element-plus'
import App from './App.vue'
import { configureClient } from './api/client'
import './element-styles'
import { i18n } from './i18n'
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
    ElMessage.warning(i18n.global.t('auth.sessionExpired'))
    // During the first navigation the current route is still the start page: wait for the real one.
    void router.isReady().then(() => {
      const here = router.currentRoute.value
      if (here.name !== 'sign-in') void router.push({ name: 'sign-in', query: { redirect: here.fullPath } })
    })
  },
})

// Confirm the remembered session with the server; the page does not wait for it.
void auth.refresh()

app.mount('#app')
