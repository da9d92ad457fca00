import { amountShown } from '../../../../shared/subsidies/wording'

/** One changed value of an audited object: where, what it was, what it became (undefined: absent). */
export interface DiffLine {
  path: string
  before: unknown
  after: unknown
}

const isPlain = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * The leaves that differ between an event's `before` and `after`, as dotted paths in a stable order
 * (first appearance in `after`, then what only `before` had). A policy save stores both whole
 * policies; the reader wants the one amount that changed, not two pages of figures.
 */
export function auditDiff(before: unknown, after: unknown, prefix = ''): DiffLine[] {
  if (isPlain(before) || isPlain(after)) {
    const b = isPlain(before) ? before : {}
    const a = isPlain(after) ? after : {}
    // A value that turned from a leaf into an object (or back) is one change, shown whole.
    if (prefix && (!isPlain(before) || !isPlain(after)) && before !== undefined && after !== undefined) return [{ path: prefix, before, after }]
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])]
    return keys.flatMap((k) => auditDiff(b[k], a[k], prefix ? `${prefix}.${k}` : k))
  }
  const same = Array.isArray(before) || Array.isArray(after) ? JSON.stringify(before) === JSON.stringify(after) : Object.is(before, after)
  return same ? [] : [{ path: prefix, before, after }]
}

/** Money is kept in integer fen: any path naming fen (`amountFen`, `amountFenByDestination.outOfProvince`). */
export const isFenPath = (path: string): boolean => /fen/i.test(path)

/**
 * Whether a line reads before → after: only a real change. A value with nothing before it (a
 * claim's amount when it is created) is shown once, as `amountShown` says for money; an unchanged
 * value is no line at all (auditDiff); a removed one reads `before → —`.
 */
export const shownAsChange = (l: DiffLine): boolean =>
  isFenPath(l.path) && l.after !== undefined && l.after !== null ? amountShown(l.before, l.after)?.kind === 'change' : l.before !== undefined && l.before !== null
