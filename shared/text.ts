/**
 * What may be in text a person typed, and what may go into an XML file. Pure: used by the schemas
 * (shared/schemas/text.ts), by the portal, and by the .xlsx writers.
 */

/** What can be wrong with a character of human-entered text. */
export type TextProblem = 'control' | 'lineBreak' | 'noncharacter' | 'surrogate' | 'bidi'

/** Line breaks and tabs: allowed in multi-line fields only (U+2028/U+2029 are line breaks too). */
const isLineBreakOrTab = (cp: number) => cp === 0x09 || cp === 0x0a || cp === 0x0d || cp === 0x2028 || cp === 0x2029
/** C0 controls, DEL and C1 controls. */
const isControl = (cp: number) => cp <= 0x1f || (cp >= 0x7f && cp <= 0x9f)
/** U+FDD0–U+FDEF and the last two code points of every plane (U+FFFE, U+FFFF, U+1FFFE …). */
export const isNoncharacter = (cp: number) => (cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) === 0xfffe
/** Embeddings, overrides (U+202A–U+202E) and isolates (U+2066–U+2069): they reorder what is shown. */
export const isBidiControl = (cp: number) => (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069)
/** Iterating a string by code point yields a surrogate only when it is unpaired. */
const isSurrogate = (cp: number) => cp >= 0xd800 && cp <= 0xdfff

export interface TextFault {
  problem: TextProblem
  codePoint: number
  /** 1-based, in characters (code points) of the text as sent. */
  position: number
}

/** The first character that makes the text unacceptable, if any. */
export function findTextFault(text: string, multiline: boolean): TextFault | undefined {
  let position = 0
  for (const ch of text) {
    position++
    const cp = ch.codePointAt(0)!
    const problem: TextProblem | undefined = isLineBreakOrTab(cp)
      ? multiline
        ? undefined
        : 'lineBreak'
      : isControl(cp)
        ? 'control'
        : isSurrogate(cp)
          ? 'surrogate'
          : isNoncharacter(cp)
            ? 'noncharacter'
            : isBidiControl(cp)
              ? 'bidi'
              : undefined
    if (problem) return { problem, codePoint: cp, position }
  }
  return undefined
}

/** Whitespace (as String.prototype.trim knows it) and the zero-width characters. */
const BLANK = '\\s\\u200B-\\u200D\\u2060\\uFEFF'
const EDGES = new RegExp(`^[${BLANK}]+|[${BLANK}]+$`, 'g')
const ONLY_BLANK = new RegExp(`^[${BLANK}]+$`)

/** Non-empty, and nothing but spaces or invisible characters. */
export const isBlank = (text: string) => ONLY_BLANK.test(text)

/** NFC, line breaks as \n, no spaces or zero-width characters at either end. */
export const cleanText = (text: string, multiline: boolean): string => {
  const nfc = text.normalize('NFC')
  return (multiline ? nfc.replace(/\r\n?/g, '\n') : nfc).replace(EDGES, '')
}

/** Length as people count it: characters (code points), not UTF-16 units. */
export const textLength = (text: string) => Array.from(text).length

/** `U+202E` */
export const codePointName = (cp: number) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`

/** Everything XML 1.0 forbids: outside #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]. */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu

/**
 * Text made safe for an XML 1.0 document (an .xlsx part): forbidden characters, lone surrogates
 * included, are dropped. For values already stored before input was checked.
 */
export const toXmlText = (text: string): string => text.replace(NOT_XML_CHAR, '')
