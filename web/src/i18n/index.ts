import { createI18n } from 'vue-i18n'
import type { MessageSchema } from './messages'
import zhCN from './zh-CN'

export type { MessageSchema } from './messages'

export const LOCALES = ['zh-CN', 'en'] as const
export type Locale = (typeof LOCALES)[number]

const STORAGE_KEY = 'wengang.locale'

const isLocale = (v: unknown): v is Locale => typeof v === 'string' && (LOCALES as readonly string[]).includes(v)

/** Chinese unless the user chose English before on this device. */
function initialLocale(): Locale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY)
    return isLocale(saved) ? saved : 'zh-CN'
  } catch {
    return 'zh-CN'
  }
}

// Dates are shown in the district's own time zone, whatever the device says.
const date: Intl.DateTimeFormatOptions = { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'Asia/Shanghai' }
const dateEn: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'Asia/Shanghai' }
const dateTime: Intl.DateTimeFormatOptions = { ...date, hour: '2-digit', minute: '2-digit', hour12: false }
const dateTimeEn: Intl.DateTimeFormatOptions = { ...dateEn, hour: '2-digit', minute: '2-digit', hour12: false }

// The first download carries the core Chinese messages only: English and the messages of the pages
// behind sign-in (the feature modules) come in their own chunks when wanted (loadLocale, loadFeatureMessages).
export const i18n = createI18n<[MessageSchema], Locale, false>({
  legacy: false,
  locale: 'zh-CN',
  fallbackLocale: 'zh-CN',
  // English and the feature modules' keys are missing until they load: the locale switches only once
  // its messages are here, and the router loads the modules before a page that uses them.
  messages: { 'zh-CN': zhCN } as Record<Locale, MessageSchema>,
  datetimeFormats: {
    'zh-CN': { date, dateTime },
    en: { date: dateEn, dateTime: dateTimeEn },
  },
})

const loadedLocales = new Map<Locale, Promise<void>>([['zh-CN', Promise.resolve()]])
let featureMessages: Promise<void> | undefined

/** Fetches a locale's core messages once (the feature modules bring every locale's with them). */
function loadLocale(locale: Locale): Promise<void> {
  let loading = loadedLocales.get(locale)
  if (!loading) {
    // zh-CN is always there: the only other locale is English.
    loading = import('./en').then((m) => i18n.global.mergeLocaleMessage('en', m.default))
    // A failed fetch (offline) may be tried again by the next switch.
    loading.catch(() => loadedLocales.delete(locale))
    loadedLocales.set(locale, loading)
  }
  return loading
}

/**
 * The feature modules a public page uses (sign-in: the password step; a post: its contact), each in
 * its own small chunk: a visitor who is not signed in does not download every page's messages to
 * read one post (issue 15 part 3). Signed in, loadFeatureMessages brings them all.
 */
const GUEST_MODULES = {
  contacts: () => import('./modules/contacts'),
  password: () => import('./modules/password'),
}
export type GuestModule = keyof typeof GUEST_MODULES
const guestModules = new Map<GuestModule, Promise<void>>()

/** Fetches these feature modules once (both languages), for a public page's first paint. */
export function loadGuestMessages(names: readonly GuestModule[]): Promise<void> {
  return Promise.all(
    names.map((name) => {
      let loading = guestModules.get(name)
      if (!loading) {
        loading = GUEST_MODULES[name]().then(({ default: m }) => {
          for (const locale of LOCALES) i18n.global.mergeLocaleMessage(locale, m[locale])
        })
        loading.catch(() => guestModules.delete(name))
        guestModules.set(name, loading)
      }
      return loading
    }),
  ).then(() => undefined)
}

/** The messages of the pages behind sign-in, in both languages; fetched once, before such a page shows. */
export function loadFeatureMessages(): Promise<void> {
  featureMessages ??= import('./messages').then(({ MODULES }) => {
    for (const module of MODULES) for (const locale of LOCALES) i18n.global.mergeLocaleMessage(locale, module[locale])
  })
  featureMessages.catch(() => (featureMessages = undefined))
  return featureMessages
}

/** Switches once the locale's messages are here, so the page never shows a mix of languages. */
export function setLocale(locale: Locale): void {
  void loadLocale(locale).then(() => {
    i18n.global.locale.value = locale
    document.documentElement.lang = locale
  })
  try {
    localStorage.setItem(STORAGE_KEY, locale)
  } catch {
    // Private mode may refuse storage; the choice then lasts for this visit only.
  }
}

/** Resolves when the locale chosen on this device earlier can be shown (main.ts mounts the app then). */
export function restoreLocale(): Promise<void> {
  const locale = initialLocale()
  return loadLocale(locale).then(
    () => {
      i18n.global.locale.value = locale
      document.documentElement.lang = locale
    },
    () => undefined, // English failed to load: show Chinese rather than nothing.
  )
}

export const currentLocale = (): Locale => i18n.global.locale.value

// Gives editors the message keys (`t('posts.title')`) and the named date formats for completion.
declare module 'vue-i18n' {
  export interface DefineLocaleMessage extends MessageSchema {}
  export interface DefineDateTimeFormat {
    date: Intl.DateTimeFormatOptions
    dateTime: Intl.DateTimeFormatOptions
  }
}
