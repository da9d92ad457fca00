import { useI18n } from 'vue-i18n'
import type { Post } from '../api/client'

/** Display formats for money and dates in the reader's language. */
export function useFormat() {
  const { t, d, locale } = useI18n()

  /** Money is kept in integer fen; people read yuan: 320000 fen a month → ¥3,200/月. */
  function wage(w: Post['wage']): string {
    const yuan = (w.amountFen / 100).toLocaleString(locale.value, { maximumFractionDigits: 2 })
    return t(`wage.${w.unit}`, { amount: `¥${yuan}` })
  }

  const date = (iso: string | undefined): string => (iso ? d(new Date(iso), 'date') : '')
  const dateTime = (iso: string | undefined): string => (iso ? d(new Date(iso), 'dateTime') : '')

  return { wage, date, dateTime }
}
