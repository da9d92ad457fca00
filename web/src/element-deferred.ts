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

/**
 * ElMessage for code on those pages (a post's apply and reveal buttons, useAction) and at start-up
 * (a lost session, a wrong role), which must not load it up front: fetched with the first message shown.
 */
export function notify(type: 'success' | 'warning' | 'error', message: string, options: { grouping?: boolean } = {}): void {
  void import('./element-deferred/message').then(({ ElMessage }) => ElMessage({ type, message, ...options }))
}

export function warn(message: string): void {
  notify('warning', message)
}
