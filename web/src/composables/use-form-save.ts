import { ref, shallowRef, type Ref } from 'vue'
import { useFieldErrors } from './use-field-errors'

/** What useFormSave needs of an Element Plus form: its own validation (rules beside the fields). */
interface Validating {
  validate(): Promise<unknown>
}

/**
 * The save of a form dialog: the form's own rules first, then the request with a busy state; a
 * refusal is kept so that each field shows the server's message beside it (useFieldErrors).
 */
export function useFormSave(form: Readonly<Ref<Validating | null | undefined>> | null, fields: () => readonly string[]) {
  const saving = ref(false)
  const saveError = shallowRef<unknown>(null)
  const { fieldError, formError } = useFieldErrors(saveError, fields)

  /** Runs `work` once the form is valid; answers its result, or undefined when refused or invalid. */
  async function submit<T>(work: () => Promise<T>): Promise<T | undefined> {
    try {
      await form?.value?.validate()
    } catch {
      return undefined
    }
    saving.value = true
    saveError.value = null
    try {
      return await work()
    } catch (e) {
      saveError.value = e
      return undefined
    } finally {
      saving.value = false
    }
  }

  return { saving, saveError, fieldError, formError, submit }
}
