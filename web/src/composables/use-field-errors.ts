import { computed, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ApiError } from '../api/client'
import { useErrorText } from './use-error-text'

/**
 * Puts a refused form's messages where they belong: each field's `issues` beside the field, and
 * whatever no field shows (a conflict, an issue on a field the form does not have) above the buttons.
 */
export function useFieldErrors(error: Ref<unknown>, fields: () => readonly string[]) {
  const { locale } = useI18n()
  const errorText = useErrorText()

  const issueText = (i: { message: string; messageEn: string }): string => (locale.value === 'en' ? i.messageEn : i.message)

  /** The server's message for one field (`name`, `expectedWage.amountFen`, …); '' when none. */
  function fieldError(...paths: string[]): string {
    const e = error.value
    if (!(e instanceof ApiError)) return ''
    for (const p of paths) {
      const issue = e.issues?.find((i) => i.path === p || i.path.startsWith(`${p}.`))
      if (issue) return issueText(issue)
    }
    return ''
  }

  const formError = computed((): string[] => {
    const e = error.value
    if (!e) return []
    if (!(e instanceof ApiError) || !e.issues?.length) return [errorText(e)]
    const known = fields()
    const rest = e.issues.filter((i) => !known.some((f) => i.path === f || i.path.startsWith(`${f}.`)))
    return rest.map((i) => `${i.path}: ${issueText(i)}`)
  })

  return { fieldError, formError }
}
