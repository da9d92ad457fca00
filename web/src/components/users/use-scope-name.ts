import { useI18n } from 'vue-i18n'
import { useTownships } from '../../composables/use-geo'

/** An officer's scope in words: 全区 for the district, else the township's name in the reader's language. */
export function useScopeName() {
  const { t } = useI18n()
  const { nameOf } = useTownships()
  return (scope: string): string => (scope === 'district' ? t('accounts.district') : nameOf(scope))
}
