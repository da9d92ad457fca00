import { useI18n } from 'vue-i18n'
import type { Post } from '../api/client'

// One formatter per language and precision: building an Intl.NumberFormat per call (toLocaleString)
// cost more than rendering the whole post card on a phone.
const yuanFormats = new Map<string, Intl.NumberFormat>()
function yuanFormat(locale: string, digits: number): Intl.NumberFormat {
  const key = `${locale} ${digits}`
  let format = yuanFormats.get(key)
  if (!format) yuanFormats.set(key, (format = new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits })))
  return format
}

/** Display formats for money and dates in the reader's language. */
export function useFormat() {
  const { t, d, locale } = useI18n()

  /** Money is kept in integer fen; people read yuan: 320000 fen a month → ¥3,200/月. */
  function wage(w: Post['wage']): string {
    // Whole yuan stay whole (¥3,200); anything with fen shows both places (¥14.10), as on a pay slip.
    const digits = w.amountFen % 100 === 0 ? 0 : 2
    const yuan = yuanFormat(locale.value, digits).format(w.amountFen / 100)
    return t(`wage.${w.unit}`, { amount: `¥${yuan}` })
  }

  const date = (iso: string | undefined): string => (iso ? d(new Date(iso), 'date') : '')
  const dateTime = (iso: string | undefined): string => (iso ? d(new Date(iso), 'dateTime') : '')

  return { wage, date, dateTime }
}
