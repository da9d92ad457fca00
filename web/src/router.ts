import { createRouter, createWebHistory, type RouteComponent, type RouteRecordRaw } from 'vue-router'
import type { Role } from './api/client'
import { warn } from './element-deferred'
import { i18n, loadFeatureMessages, loadGuestMessages, type GuestModule } from './i18n'
import { ROLE_SECTIONS, type NavLabelKey } from './navigation'
import PostListPage from './pages/PostListPage.vue'
import { safeRedirect } from './safe-redirect'
import { useAuthStore } from './stores/auth'

declare module 'vue-router' {
  interface RouteMeta {
    /** Only these roles may open the page; signed-out visitors are sent to sign in first. */
    roles?: readonly Role[]
    /** i18n key of the page title (document title, coming-soon heading). */
    titleKey?: NavLabelKey | 'signIn.title' | 'postDetail.facts' | 'notFound.title' | 'postForm.newTitle' | 'postForm.editTitle' | 'seekerFile.title' | 'seekers.createOnBehalf' | 'password.title'
    /** Pages for signed-out visitors only (sign-in). */
    guestOnly?: boolean
    /** The feature modules whose messages a public page uses (sign-in: the password step; a post: its contact), for a visitor not signed in. */
    guestMessages?: readonly GuestModule[]
    /** A sub-page (a form, one record) lights up this navigation item. */
    navParent?: string
  }
}

type LazyPage = () => Promise<RouteComponent>

const ComingSoonPage: LazyPage = () => import('./pages/ComingSoonPage.vue')
const ManagePostsPage: LazyPage = () => import('./pages/ManagePostsPage.vue')
const PostEditPage: LazyPage = () => import('./pages/PostEditPage.vue')
const ApplicantsPage: LazyPage = () => import('./pages/ApplicantsPage.vue')
const SeekerFilePage: LazyPage = () => import('./pages/SeekerFilePage.vue')

/** Each section's page, by route name; a section without one shows the coming-soon page. */
const SECTION_PAGES: Partial<Record<string, LazyPage>> = {
  'seeker-applications': () => import('./pages/MyApplicationsPage.vue'),
  'seeker-profile': () => import('./pages/MyProfilePage.vue'),
  'seeker-messages': () => import('./pages/InboxPage.vue'),
  'owner-workshop': () => import('./pages/OwnerWorkshopsPage.vue'),
  'owner-posts': ManagePostsPage,
  'owner-applicants': ApplicantsPage,
  'officer-home': () => import('./pages/OfficerHomePage.vue'),
  'officer-seekers': () => import('./pages/SeekersPage.vue'),
  'officer-workshops': () => import('./pages/WorkshopReviewPage.vue'),
  'officer-placements': () => import('./pages/PlacementsPage.vue'),
  'officer-difficulties': () => import('./pages/DifficultiesPage.vue'),
  'officer-posts': ManagePostsPage,
  'officer-subsidies': () => import('./pages/SubsidiesPage.vue'),
  'officer-matching': () => import('./pages/MatchingPage.vue'),
  'officer-skills': () => import('./pages/SkillsPage.vue'),
  'officer-due': () => import('./pages/DuePage.vue'),
  'officer-cases': () => import('./pages/CasesPage.vue'),
  'officer-following': () => import('./pages/FollowingPage.vue'),
  'officer-imports': () => import('./pages/ImportPage.vue'),
  'officer-helping': () => import('./pages/HelperPage.vue'),
  'officer-households': () => import('./pages/HouseholdsPage.vue'),
  'seeker-benefits': () => import('./pages/MyBenefitsPage.vue'),
  'admin-users': () => import('./pages/UsersPage.vue'),
  'admin-policies': () => import('./pages/PolicyPage.vue'),
  'auditor-audit': () => import('./pages/AuditPage.vue'),
  'auditor-ledgers': () => import('./pages/AuditorLedgersPage.vue'),
}

/** Every role's sections, each on its own address so links and guards are real. */
const roleRoutes: RouteRecordRaw[] = (Object.keys(ROLE_SECTIONS) as Role[]).flatMap((role) => {
  const sections = ROLE_SECTIONS[role]
  return [
    { path: `/${role}`, redirect: { name: sections[0]!.name } },
    ...sections.map(
      (s): RouteRecordRaw => ({
        path: s.path,
        name: s.name,
        component: SECTION_PAGES[s.name] ?? ComingSoonPage,
        meta: { roles: [role], titleKey: s.labelKey },
      }),
    ),
  ]
})

/** Pages inside a section: forms and single records, reached from the section's own page. */
const subRoutes: RouteRecordRaw[] = [
  { path: '/owner/posts/new', name: 'owner-post-new', component: PostEditPage, meta: { roles: ['owner'], titleKey: 'postForm.newTitle', navParent: 'owner-posts' } },
  {
    path: '/owner/posts/:id/edit',
    name: 'owner-post-edit',
    component: PostEditPage,
    props: true,
    meta: { roles: ['owner'], titleKey: 'postForm.editTitle', navParent: 'owner-posts' },
  },
  { path: '/officer/posts/new', name: 'officer-post-new', component: PostEditPage, meta: { roles: ['officer'], titleKey: 'postForm.newTitle', navParent: 'officer-posts' } },
  {
    path: '/officer/posts/:id/edit',
    name: 'officer-post-edit',
    component: PostEditPage,
    props: true,
    meta: { roles: ['officer'], titleKey: 'postForm.editTitle', navParent: 'officer-posts' },
  },
  { path: '/officer/applicants', name: 'officer-applicants', component: ApplicantsPage, meta: { roles: ['officer'], titleKey: 'nav.applicants', navParent: 'officer-posts' } },
  {
    path: '/officer/seekers/new',
    name: 'officer-seeker-new',
    component: SeekerFilePage,
    meta: { roles: ['officer'], titleKey: 'seekers.createOnBehalf', navParent: 'officer-seekers' },
  },
  {
    path: '/officer/seekers/:id',
    name: 'officer-seeker',
    component: SeekerFilePage,
    props: true,
    meta: { roles: ['officer'], titleKey: 'seekerFile.title', navParent: 'officer-seekers' },
  },
  {
    // 一户一档 a household's page, reached from the households list, a member's file, a case, or the helper's page.
    path: '/officer/households/:id',
    name: 'officer-household',
    component: () => import('./pages/HouseholdPage.vue'),
    props: true,
    meta: { roles: ['officer'], titleKey: 'nav.households', navParent: 'officer-households' },
  },
  {
    path: '/officer/following/:kind(returnee|graduate)/:id',
    name: 'officer-following-record',
    component: () => import('./pages/FollowingRecordPage.vue'),
    props: true,
    meta: { roles: ['officer'], titleKey: 'nav.following', navParent: 'officer-following' },
  },
]

const routes: RouteRecordRaw[] = [
  { path: '/', name: 'posts', component: PostListPage, meta: { titleKey: 'nav.posts' } },
  { path: '/posts/:id', name: 'post', component: () => import('./pages/PostDetailPage.vue'), props: true, meta: { titleKey: 'postDetail.facts', guestMessages: ['contacts'] } },
  { path: '/sign-in', name: 'sign-in', component: () => import('./pages/SignInPage.vue'), meta: { titleKey: 'signIn.title', guestOnly: true, guestMessages: ['password'] } },
  // Staff only: the first password after sign-in (or an admin's reset), and changing it later.
  { path: '/account/password', name: 'password', component: () => import('./pages/PasswordPage.vue'), meta: { roles: ['officer', 'admin', 'auditor'], titleKey: 'password.title' } },
  ...roleRoutes,
  ...subRoutes,
  { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('./pages/NotFoundPage.vue'), meta: { titleKey: 'notFound.title' } },
]

export const router = createRouter({
  history: createWebHistory(),
  routes,
  // Not on the first load: the page is at the top already, and scrolling would force a layout mid-render.
  scrollBehavior: (_to, from, saved) => saved ?? (from.matched.length ? { top: 0 } : false),
})

router.beforeEach(async (to) => {
  const auth = useAuthStore()
  // Signed-in pages (and the seeker's recommendations on the post list) use the feature modules' messages.
  if (auth.isSignedIn || to.meta.roles) await loadFeatureMessages()
  else if (to.meta.guestMessages) await loadGuestMessages(to.meta.guestMessages)
  // A limited session (no password yet) may only set one; signing out stays possible from the menu.
  if (auth.passwordSetup && auth.isSignedIn && to.name !== 'password') return { name: 'password', query: { redirect: to.fullPath } }
  if (to.meta.guestOnly && auth.isSignedIn) {
    return safeRedirect(to.query.redirect) ?? { name: 'posts' }
  }
  const roles = to.meta.roles
  if (!roles) return true
  if (!auth.isSignedIn) return { name: 'sign-in', query: { redirect: to.fullPath } }
  if (!auth.hasRole(roles)) {
    warn(i18n.global.t('auth.wrongRole'))
    return { name: 'posts' }
  }
  return true
})
