import { createI18n } from 'vue-i18n'
import { messages, type MessageSchema } from './messages'

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

export const i18n = createI18n<[MessageSchema], Locale, false>({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'zh-CN',
  messages,
  datetimeFormats: {
    'zh-CN': { date, dateTime },
    en: { date: dateEn, dateTime: dateTimeEn },
  },
})

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale
  document.documentElement.lang = locale
  try {
    localStorage.setItem(STORAGE_KEY, locale)
  } catch {
    // Private mode may refuse storage; the choice then lasts for this visit only.
  }
}

export const currentLocale = (): Locale => i18n.global.locale.value

document.documentElement.lang = initialLocale()

// Gives editors the message keys (`t('posts.title')`) and the named date formats for completion.
declare module 'vue-i18n' {
  export interface DefineLocaleMessage extends MessageSchema {}
  export interface DefineDateTimeFormat {
    date: Intl.DateTimeFormatOptions
    dateTime: Intl.DateTimeFormatOptions
  }
}
