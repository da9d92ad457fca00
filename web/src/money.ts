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
