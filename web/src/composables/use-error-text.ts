import { useI18n } from 'vue-i18n'
import { ApiError } from '../api/client'

/** Turns anything thrown by an API call into one sentence in the reader's language. */
export function useErrorText() {
  const { t, locale } = useI18n()
  return (err: unknown): string => {
    if (err instanceof ApiError) return err.code === 'network' ? t('errors.network') : err.messageFor(locale.value)
    return t('errors.unknown')
  }
}
