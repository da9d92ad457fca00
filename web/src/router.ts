import { ElMessage } from 'element-plus'
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import type { Role } from './api/client'
import { i18n } from './i18n'
import { ROLE_SECTIONS, type NavLabelKey } from './navigation'
import PostListPage from './pages/PostListPage.vue'
import { safeRedirect } from './safe-redirect'
import { useAuthStore } from './stores/auth'

declare module 'vue-router' {
  interface RouteMeta {
    /** Only these roles may open the page; signed-out visitors are sent to sign in first. */
    roles?: readonly Role[]
    /** i18n key of the page title (document title, coming-soon heading). */
    titleKey?: NavLabelKey | 'signIn.title' | 'postDetail.facts' | 'notFound.title'
    /** Pages for signed-out visitors only (sign-in). */
    guestOnly?: boolean
  }
}

const ComingSoonPage = () => import('./pages/ComingSoonPage.vue')

/** Every role's sections, not built yet, each on its own address so links and guards are real already. */
const roleRoutes: RouteRecordRaw[] = (Object.keys(ROLE_SECTIONS) as Role[]).flatMap((role) => {
  const sections = ROLE_SECTIONS[role]
  return [
    { path: `/${role}`, redirect: { name: sections[0]!.name } },
    ...sections.map(
      (s): RouteRecordRaw => ({
        path: s.path,
        name: s.name,
        component: ComingSoonPage,
        meta: { roles: [role], titleKey: s.labelKey },
      }),
    ),
  ]
})

const routes: RouteRecordRaw[] = [
  { path: '/', name: 'posts', component: PostListPage, meta: { titleKey: 'nav.posts' } },
  { path: '/posts/:id', name: 'post', component: () => import('./pages/PostDetailPage.vue'), props: true, meta: { titleKey: 'postDetail.facts' } },
  { path: '/sign-in', name: 'sign-in', component: () => import('./pages/SignInPage.vue'), meta: { titleKey: 'signIn.title', guestOnly: true } },
  ...roleRoutes,
  { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('./pages/NotFoundPage.vue'), meta: { titleKey: 'notFound.title' } },
]

export const router = createRouter({
  history: createWebHistory(),
  routes,
  scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
})

router.beforeEach((to) => {
  const auth = useAuthStore()
  if (to.meta.guestOnly && auth.isSignedIn) {
    return safeRedirect(to.query.redirect) ?? { name: 'posts' }
  }
  const roles = to.meta.roles
  if (!roles) return true
  if (!auth.isSignedIn) return { name: 'sign-in', query: { redirect: to.fullPath } }
  if (!auth.hasRole(roles)) {
    ElMessage.warning(i18n.global.t('auth.wrongRole'))
    return { name: 'posts' }
  }
  return true
})
