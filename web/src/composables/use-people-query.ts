import { computed, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { readPeopleQuery } from '../../../shared/search/people-tokens'

/**
 * The people-search box, read as the API reads it (shared/search/people-tokens.ts): whether it is
 * empty (the township's list is shown), and what is wrong with it (one Latin letter, digits other
 * than four), said before anything is sent.
 */
export function usePeopleQuery(text: Ref<string>) {
  const { t } = useI18n()
  const read = computed(() => readPeopleQuery(text.value))
  const empty = computed(() => 'problem' in read.value && read.value.problem === 'empty')
  const problem = computed(() => {
    const r = read.value
    if (!('problem' in r) || r.problem === 'empty') return ''
    return r.problem === 'latinTooShort' ? t('peopleSearch.latinTooShort') : t('peopleSearch.digitsNotFour')
  })
  return { empty, problem }
}
