/**
 * Element Plus pieces a signed-out visitor does not see on the landing page, a post's page or
 * sign-in (menus, the empty state, pop-up messages): each is fetched the first time it is shown, so
 * those pages load less. Templates use them under the same names as before.
 */
import { defineAsyncComponent } from 'vue'

const menus = () => import('./element-deferred/menus')
export const ElDropdown = defineAsyncComponent(() => menus().then((m) => m.ElDropdown))
export const ElDropdownMenu = defineAsyncComponent(() => menus().then((m) => m.ElDropdownMenu))
export const ElDropdownItem = defineAsyncComponent(() => menus().then((m) => m.ElDropdownItem))

export const ElEmpty = defineAsyncComponent(() => import('./element-deferred/empty').then((m) => m.ElEmpty))

/** ElMessage.warning for start-up code (a lost session, a wrong role), which must not load it up front. */
export function warn(message: string): void {
  void import('./element-deferred/message').then(({ ElMessage }) => ElMessage.warning(message))
}
