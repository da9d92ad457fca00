import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { api, unwrap, type Role, type User } from '../api/client'

const TOKEN_KEY = 'wengang.token'
const USER_KEY = 'wengang.user'
/** Set while the session is the limited one a staff account gets before it has a password. */
const SETUP_KEY = 'wengang.passwordSetup'

const read = (key: string): string | null => {
  try {
    return localStorage.getItem(key)
  } catch {
    return null
  }
}

const write = (key: string, value: string | null): void => {
  try {
    if (value === null) localStorage.removeItem(key)
    else localStorage.setItem(key, value)
  } catch {
    // Storage refused (private mode): the session lasts for this tab only.
  }
}

const ROLES: readonly string[] = ['seeker', 'owner', 'officer', 'admin', 'auditor']

/** The user is kept beside the token so the layout knows the role at once; /api/me confirms it after start. */
function readUser(): User | null {
  const raw = read(USER_KEY)
  if (!raw) return null
  try {
    const u: unknown = JSON.parse(raw)
    if (typeof u === 'object' && u !== null && 'id' in u && 'role' in u && ROLES.includes(String(u.role))) return u as User
  } catch {
    // A damaged entry is the same as none.
  }
  return null
}

export const useAuthStore = defineStore('auth', () => {
  const token = ref<string | null>(read(TOKEN_KEY))
  const user = ref<User | null>(token.value ? readUser() : null)
  /** The session may only set a password (a staff account that has none yet): the router sends it there. */
  const passwordSetup = ref(token.value !== null && read(SETUP_KEY) === '1')

  const isSignedIn = computed(() => token.value !== null && user.value !== null)
  const role = computed<Role | null>(() => user.value?.role ?? null)
  const isSeeker = computed(() => role.value === 'seeker')
  const isOwner = computed(() => role.value === 'owner')
  const isOfficer = computed(() => role.value === 'officer')
  const isAdmin = computed(() => role.value === 'admin')

  const hasRole = (roles: readonly Role[]): boolean => role.value !== null && roles.includes(role.value)

  function setSession(newToken: string, newUser: User, setupRequired = false): void {
    token.value = newToken
    user.value = newUser
    passwordSetup.value = setupRequired
    write(TOKEN_KEY, newToken)
    write(USER_KEY, JSON.stringify(newUser))
    write(SETUP_KEY, setupRequired ? '1' : null)
  }

  /** Forgets the session on this device (no server call). */
  function clearSession(): void {
    token.value = null
    user.value = null
    passwordSetup.value = false
    write(TOKEN_KEY, null)
    write(USER_KEY, null)
    write(SETUP_KEY, null)
  }

  const requestCode = (phone: string) => unwrap(api.auth.otp.$post({ json: { phone } }))

  /**
   * Signs in with the code, and the password when the server asked for it (staff accounts answer
   * 401 auth.passwordRequired to the code alone; the same code may be sent again with the password).
   */
  async function signIn(phone: string, code: string, password?: string): Promise<{ user: User; passwordSetupRequired: boolean }> {
    const answer = await unwrap(api.auth.login.$post({ json: { phone, code, ...(password ? { password } : {}) } }))
    setSession(answer.token, answer.user, answer.passwordSetupRequired === true)
    return { user: answer.user, passwordSetupRequired: answer.passwordSetupRequired === true }
  }

  /** Sets the first password (the limited session is swapped for a full one) or changes it (with the current one). */
  async function setPassword(password: string, current?: string): Promise<void> {
    const answer = await unwrap(api.me.password.$post({ json: { password, ...(current ? { current } : {}) } }))
    // The first password swaps the limited session for a full one, with its own token.
    if (answer.token && answer.user) setSession(answer.token, answer.user)
    else passwordSetup.value = false
  }

  /** Ends the session on the server too; the device forgets it even if the server cannot be reached. */
  async function signOut(): Promise<void> {
    if (token.value) {
      try {
        await unwrap(api.auth.logout.$post())
      } catch {
        // Already expired or offline: nothing more to end.
      }
    }
    clearSession()
  }

  /** Re-reads the user from the server (role or name may have changed). A 401 clears the session via the client hook. */
  async function refresh(): Promise<void> {
    const asked = token.value
    if (!asked) return
    try {
      const fresh = await unwrap(api.me.$get())
      // The session may have been replaced while the answer was on its way (a sign-in here, or in
      // another tab writing the storage): the answer is about the old one and must not overwrite it.
      if (token.value !== asked || read(TOKEN_KEY) !== asked) return
      user.value = fresh
      write(USER_KEY, JSON.stringify(fresh))
    } catch {
      // Offline: keep what we had; the next call will tell.
    }
  }

  return { token, user, passwordSetup, isSignedIn, role, isSeeker, isOwner, isOfficer, isAdmin, hasRole, setSession, clearSession, requestCode, signIn, setPassword, signOut, refresh }
})
