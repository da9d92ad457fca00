import * as z from 'zod'
import { cleanText, codePointName, findTextFault, isBlank, textLength, type TextProblem } from '../text.js'

/** zh-CN, en: each names the character and where it is, so a person can find it. */
const FAULT: Record<TextProblem, (cp: string, at: number) => [string, string]> = {
  control: (cp, at) => [`不能包含控制字符（第 ${at} 个字符，${cp}）`, `Must not contain control characters (character ${at}, ${cp})`],
  lineBreak: (cp, at) => [`只能填写一行，不能包含换行或制表符（第 ${at} 个字符，${cp}）`, `Must be a single line, without line breaks or tabs (character ${at}, ${cp})`],
  noncharacter: (cp, at) => [`不能包含 Unicode 非字符（第 ${at} 个字符，${cp}）`, `Must not contain Unicode noncharacters (character ${at}, ${cp})`],
  surrogate: (cp, at) => [`包含残缺的字符（第 ${at} 个字符是不成对的代理项 ${cp}）`, `Contains a broken character (character ${at} is an unpaired surrogate, ${cp})`],
  bidi: (cp, at) => [`不能包含改变文字显示方向的控制符（第 ${at} 个字符，${cp}）`, `Must not contain text-direction controls (character ${at}, ${cp})`],
}

function text(max: number, min: number, multiline: boolean) {
  return (
    z
      .string()
      // On the text as sent, so positions match what the person typed; one message per field.
      .superRefine((v, ctx) => {
        const fault = findTextFault(v, multiline)
        if (fault) {
          const [message, en] = FAULT[fault.problem](codePointName(fault.codePoint), fault.position)
          ctx.addIssue({ code: 'custom', message, params: { en, code: `text.${fault.problem}` }, continue: false })
        } else if (isBlank(v)) {
          ctx.addIssue({ code: 'custom', message: '不能只填写空格或不可见字符', params: { en: 'Must not be only spaces or invisible characters', code: 'text.blank' }, continue: false })
        }
      })
      .overwrite((v) => cleanText(v, multiline))
      // Counted in characters after cleaning; too long is refused, never cut.
      .superRefine((v, ctx) => {
        const n = textLength(v)
        if (n > max) ctx.addIssue({ code: 'too_big', origin: 'string', maximum: max, inclusive: true, input: v })
        else if (n < min) ctx.addIssue({ code: 'too_small', origin: 'string', minimum: min, inclusive: true, input: v })
      })
      .meta({ maxLength: max, ...(min > 0 ? { minLength: min } : {}) })
  )
}

/**
 * Every string a person types (names, titles, addresses, reasons, notes, free-text skills): NFC,
 * trimmed (spaces and zero-width characters at either end), one line, at most `max` characters.
 * Refused, each with its own message: control characters, noncharacters (U+FFFE …), unpaired
 * surrogates, bidi overrides and isolates, and text that is only spaces or invisible characters.
 * Ids, codes, enums, dates, phones and ID numbers have their own formats instead.
 */
export const Text = (max: number, opts: { min?: number } = {}) => text(max, opts.min ?? 0, false)

/** As Text, for fields shown as a text area: line breaks (normalised to \n) and tabs are allowed. */
export const MultilineText = (max: number, opts: { min?: number } = {}) => text(max, opts.min ?? 0, true)
