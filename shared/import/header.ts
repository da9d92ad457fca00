/**
 * The header row of a roster and what each column means. Sheets exported from the national
 * monitoring system carry title rows (often one merged cell), notes and blank rows above the
 * header: the header is the first of the top rows that names enough known columns.
 */
import { cellText, type Cell } from './values.js'

export interface ColumnDef<K extends string = string> {
  key: K
  /** The template's header, then the names other sheets use for it. */
  names: readonly string[]
  required?: boolean
}

export interface HeaderFound<K extends string> {
  /** 0-based index of the header row in the grid. */
  index: number
  /** Column index (0-based) of each known key. */
  columns: Partial<Record<K, number>>
  /** Every header text by column index, as the file wrote it. */
  headers: string[]
  /** Headers nobody knows: reported, not fatal. */
  unknown: string[]
  /** Required keys with no column. */
  missing: K[]
}

/** `* 身份证号（必填）` → `身份证号`: markers, brackets' notes, spaces and line breaks go. */
export const normalizeHeader = (h: string) =>
  h
    .replace(/[\s\u3000]+/g, '')
    .replace(/^[*＊]+|[*＊]+$/g, '')
    .replace(/[（(](必填|选填|可选|选填项|必填项|[^）)]*格式[^）)]*)[）)]$/g, '')
    .replace(/：|:$/g, '')

const HEADER_SCAN_ROWS = 30

export function findHeader<K extends string>(grid: readonly (readonly Cell[])[], defs: readonly ColumnDef<K>[]): HeaderFound<K> | undefined {
  const byName = new Map<string, K>()
  for (const d of defs) for (const n of d.names) byName.set(normalizeHeader(n), d.key)
  let best: { index: number; hits: number } | undefined
  for (let i = 0; i < Math.min(grid.length, HEADER_SCAN_ROWS); i++) {
    const cells = grid[i]!.map((c) => normalizeHeader(cellText(c)))
    const hits = new Set(cells.filter((c) => byName.has(c)).map((c) => byName.get(c))).size
    // Two known columns at least: a title cell that happens to read 姓名 is not a header.
    if (hits >= 2 && (!best || hits > best.hits)) best = { index: i, hits }
    if (best && i > best.index + 3) break
  }
  if (!best) return undefined
  const row = grid[best.index]!
  const headers = row.map((c) => cellText(c))
  const columns: Partial<Record<K, number>> = {}
  const unknown: string[] = []
  headers.forEach((h, i) => {
    const n = normalizeHeader(h)
    if (!n) return
    const key = byName.get(n)
    if (key === undefined) unknown.push(h)
    else if (columns[key] === undefined) columns[key] = i
  })
  const missing = defs.filter((d) => d.required && columns[d.key] === undefined).map((d) => d.key)
  return { index: best.index, columns, headers, unknown, missing }
}
