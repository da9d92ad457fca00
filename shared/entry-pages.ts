/**
 * 入口页 entry pages (issue 15 part 3): the portal is one index.html, and a lazy page behind it
 * (sign-in, a post's page) is fetched only once the main script has run and the router asked for
 * it, with the messages it waits for, in a chain of round trips a slow phone feels. The build writes one more
 * HTML file per such page (web/vite-entry-pages.ts): index.html with that page's chunks (and the
 * messages it waits for) preloaded from the start. The local server and the CloudFront rewrite
 * (infra/web.ts) serve the file of the first pattern a portal path matches, else index.html.
 * Pure data, shared by the build, the server and the infrastructure.
 */
export interface EntryPage {
  /** The HTML file the build writes beside index.html. */
  file: string
  /** The portal paths it serves (a regular expression's source, as the CloudFront function takes it too). */
  route: string
  /** The page's module, as the router imports it (web/src/…). */
  page: string
  /** The message modules the route waits for before its first paint (its meta.guestMessages), as files under web/. */
  messages: readonly string[]
  /** A classic script under web/ that runs as soon as it arrives, before any module (a post's early read, web/src/api/early-read.js). */
  script?: string
}

export const ENTRY_PAGES: readonly EntryPage[] = [
  { file: 'sign-in.html', route: '^/sign-in$', page: 'src/pages/SignInPage.vue', messages: ['src/i18n/modules/password.ts'] },
  { file: 'post.html', route: '^/posts/[^/]+$', page: 'src/pages/PostDetailPage.vue', messages: ['src/i18n/modules/contacts.ts'], script: 'src/api/early-read.js' },
]

/** The HTML file that serves a portal path: its entry page, or index.html. */
export function entryFileOf(urlPath: string): string {
  return ENTRY_PAGES.find((e) => new RegExp(e.route).test(urlPath))?.file ?? 'index.html'
}
