import { useI18n } from 'vue-i18n'
import { amountText, countsWorkshops, periodInWords, termWithDates, yuanText, type Lang } from '../../../shared/subsidies/wording'
import type { SubsidyKind } from '../../../shared/schemas/subsidies'

/** Subsidy wording in the reader's language: periods in words, people by name and role, counts in 人 or 家, yuan. */
export function useSubsidyWords() {
  const { t, te, locale } = useI18n()
  const lang = (): Lang => (locale.value === 'en' ? 'en' : 'zh-CN')

  const period = (p: string): string => periodInWords(p, lang())
  const term = (p: string): string => termWithDates(p, lang())
  const yuan = (fen: number): string => yuanText(fen, locale.value)
  const amount = (before: unknown, after: unknown): string => amountText(before, after, locale.value)
  const role = (r: string): string => (te(`role.${r}`) ? t(`role.${r}`) : r)
  /** 王主任（就业专员） / Wang (Employment officer); the id only when no name is known. */
  const person = (p: { name: string; role: string } | undefined, fallbackId?: string, fallbackRole?: string): string =>
    p ? t('people.nameRole', { name: p.name, role: role(p.role) }) : fallbackId ? t('people.nameRole', { name: fallbackId, role: role(fallbackRole ?? '') }) : ''
  /** `n` people, or `n` workshops for a workshop reward: 12 人 / 3 家. */
  const count = (kind: SubsidyKind | '' | undefined, n: number): string => t(countsWorkshops(kind) ? 'people.workshops' : 'people.people', { n }, n)

  return { period, term, yuan, amount, role, person, count }
}
