import { useI18n } from 'vue-i18n'
import type { HouseholdFacts } from '../api/client'

/** The part of `t` this needs: a key and its named values. */
export type Translate = (key: string, named?: Record<string, unknown>) => string

/**
 * Household facts in words, with the file's own labels: 防止返贫监测对象（边缘易致贫户）, and the
 * 风险消除 date when there is one. Pure, so the words can be checked without a component.
 */
export function householdLine(t: Translate, f: HouseholdFacts): string {
  const category = t(`category.${f.category}`)
  const line = f.monitoredSubtype ? t('seekerView.categoryWithSubtype', { category, subtype: t(`monitoredSubtype.${f.monitoredSubtype}`) }) : category
  return f.riskEliminatedOn ? t('householdChange.withRiskEliminated', { household: line, date: f.riskEliminatedOn }) : line
}

/** `householdLine` in the reader's language. */
export function useHouseholdText(): (f: HouseholdFacts) => string {
  const { t } = useI18n()
  return (f) => householdLine((key, named) => t(key, named ?? {}), f)
}
