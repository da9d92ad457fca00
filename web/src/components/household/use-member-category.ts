import { useI18n } from 'vue-i18n'
import type { HouseholdFileMember } from '../../api/client'

/** A member's household category in words, as their own file says it (防止返贫监测对象（边缘易致贫户）). */
export function useMemberCategory(): (m: Pick<HouseholdFileMember, 'category' | 'monitoredSubtype'>) => string {
  const { t } = useI18n()
  return (m) => {
    const category = t(`category.${m.category}`)
    return m.monitoredSubtype ? t('seekerView.categoryWithSubtype', { category, subtype: t(`monitoredSubtype.${m.monitoredSubtype}`) }) : category
  }
}
