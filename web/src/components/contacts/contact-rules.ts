import type { FormItemRule } from 'element-plus'
import { MOBILE_RE, normalizePhone } from '../../../../shared/phone'

/** The most characters of a contact's name (shared/schemas/contacts.ts ContactName). */
export const CONTACT_NAME_MAX = 20

/** A contact phone typed in a form: empty unless `required()`, else a mainland mobile number (the server checks it again). */
export const contactPhoneRule = (message: string, required: () => boolean): FormItemRule => ({
  validator: (_rule, value: string | undefined, done) => {
    const phone = normalizePhone(value ?? '')
    if (!phone) return required() ? done(new Error(message)) : done()
    return MOBILE_RE.test(phone) ? done() : done(new Error(message))
  },
  trigger: 'blur',
})

/** A contact's name: empty unless `required()` (a phone needs someone who answers it), at most 20 characters. */
export const contactNameRule = (messages: { required: string; tooLong: string }, required: () => boolean): FormItemRule => ({
  validator: (_rule, value: string | undefined, done) => {
    const name = (value ?? '').trim()
    if (!name) return required() ? done(new Error(messages.required)) : done()
    return [...name].length <= CONTACT_NAME_MAX ? done() : done(new Error(messages.tooLong))
  },
  trigger: 'blur',
})

/** What a form sends: name and phone when a phone was typed, else nothing. */
export function typedContact(name: string, phone: string): { name: string; phone: string } | undefined {
  const p = normalizePhone(phone)
  return p ? { name: name.trim(), phone: p } : undefined
}
