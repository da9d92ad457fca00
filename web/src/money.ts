/** What a person may type as an amount of yuan: whole yuan or with at most two decimals (fen). */
export const YUAN_RE = /^\d{1,7}(\.\d{1,2})?$/

export const isYuan = (text: string): boolean => YUAN_RE.test(text.trim())

/**
 * Money travels as integer fen; people type yuan. Rounded, because 19.99 * 100 is 1998.9999…
 * in floating point, and the API takes integers only.
 */
export const yuanToFen = (yuan: string | number): number => Math.round(Number(typeof yuan === 'string' ? yuan.trim() : yuan) * 100)

/** Integer fen back to the yuan a form shows: 320000 → "3200", 1410 → "14.10". */
export const fenToYuan = (fen: number): string => (fen % 100 === 0 ? String(fen / 100) : (fen / 100).toFixed(2))

/**
 * Yuan as typed ("1234.5", "0.07", "800") to integer fen by reading the digits, never through a
 * float: "1234.5" → 123450. Null when the text is not an amount with at most two decimals.
 */
export function parseYuanToFen(text: string): number | null {
  const m = /^(\d{1,7})(?:\.(\d{1,2}))?$/.exec(text.trim())
  if (!m) return null
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'))
}

/** Integer fen as the yuan a form field shows, always with two decimals: 80000 → "800.00", 5 → "0.05". */
export const fenToYuanText = (fen: number): string => `${Math.trunc(fen / 100)}.${String(Math.abs(fen % 100)).padStart(2, '0')}`
