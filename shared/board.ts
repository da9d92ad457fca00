/** The targets board's arithmetic (看板): pure, over counters read by functions/db/board.ts. */
import { addMonths } from './dates.js'

/** actual / target, or null when there is no target to measure against. */
export const shareOf = (actual: number, target: number | null | undefined): number | null => (target ? actual / target : null)

/** Adds counts that share keys (histograms, day counts) into one. */
export function mergeCounts(parts: readonly Record<string, number>[]): Record<string, number> {
  const out: Record<string, number> = {}
  for (const p of parts) for (const [k, v] of Object.entries(p)) out[k] = (out[k] ?? 0) + v
  return out
}

/** The median of a histogram `{ value: count }` (the lower middle value for an even total), null when empty. */
export function medianOf(histogram: Record<string, number>): number | null {
  const rows = Object.entries(histogram)
    .map(([v, n]) => [Number(v), n] as const)
    .filter(([, n]) => n > 0)
    .sort((a, b) => a[0] - b[0])
  const total = rows.reduce((s, [, n]) => s + n, 0)
  if (!total) return null
  const middle = Math.ceil(total / 2)
  let seen = 0
  for (const [v, n] of rows) {
    seen += n
    if (seen >= middle) return v
  }
  return null
}

/**
 * Still in work `months` after the start: of the placements whose start lies at least that long
 * before `today` (due), those that did not end before then (kept). `starts` and `lost` count
 * placements by start day.
 */
export function retention(starts: Record<string, number>, lost: Record<string, number>, months: number, today: string): { due: number; kept: number; rate: number | null } {
  let due = 0
  let kept = 0
  for (const [day, n] of Object.entries(starts)) {
    if (addMonths(day, months) > today) continue
    due += n
    kept += n - (lost[day] ?? 0)
  }
  return { due, kept, rate: due ? kept / due : null }
}
