/**
 * The row loop the record kinds share (务工台账 employment, 证书 certificates): find the header,
 * refuse a sheet without its required columns, then judge each non-blank row into a value or its
 * errors. A row names its person by 身份证号 (and 姓名, checked against the file when written).
 */
import { findHeader, type ColumnDef } from './header.js'
import type { ReadRow, RowError, SheetProblem } from './people.js'
import { cellText, isBlank, readIdNumber, type Cell, type Read } from './values.js'

/** What a row judge is handed: the row's cells by key, and helpers that record errors. */
export interface RowCtx<K extends string> {
  rowNo: number
  at: (k: K) => Cell
  headerOf: (k: K) => string
  /** The value, or undefined with the refusal recorded against the column. */
  take: <T>(k: K, r: Read<T>) => T | undefined
  /** Records an error against a column. */
  refuse: (k: K, code: string, zh: string, en: string) => void
  /** Records `required` when the cell is blank; answers whether it was. */
  requireCell: (k: K, zh: string, en: string) => boolean
}

export interface RecordSheet<K extends string, T> {
  header: { row: number; headers: string[]; unknown: string[]; columns: Partial<Record<K, number>> }
  rows: ReadRow<T>[]
}

/** The person a record row is about: found later by the ID number (through the blind index), never by name. */
export interface PersonRef {
  name: string
  idNumber: string
}

export const PERSON_COLUMNS = [
  { key: 'name', names: ['姓名', '成员姓名', '人员姓名', '务工人员姓名', '持证人姓名'], required: true },
  { key: 'idNumber', names: ['身份证号', '证件号码', '身份证件号码', '身份证号码', '公民身份号码'], required: true },
] as const satisfies readonly ColumnDef[]

export function readRecordSheet<K extends string, T>(
  grid: readonly (readonly Cell[])[],
  defs: readonly ColumnDef<K | 'name' | 'idNumber'>[],
  judge: (c: RowCtx<K | 'name' | 'idNumber'>, person: PersonRef | undefined) => T | undefined,
): RecordSheet<K | 'name' | 'idNumber', T> | SheetProblem {
  type Key = K | 'name' | 'idNumber'
  const header = findHeader<Key>(grid, defs)
  if (!header) return { problem: 'noHeader' }
  if (header.missing.length) return { problem: 'missingColumns', missing: header.missing.map((k) => defs.find((d) => d.key === k)!.names[0]!) }
  const col = (k: Key) => header.columns[k]
  const headerOf = (k: Key) => (col(k) !== undefined ? header.headers[col(k)!]! : defs.find((d) => d.key === k)!.names[0]!)
  const rows: ReadRow<T>[] = []
  for (let i = header.index + 1; i < grid.length; i++) {
    const cells = grid[i]!
    if (cells.every(isBlank)) continue
    const rowNo = i + 1
    const errors: RowError[] = []
    const at = (k: Key): Cell => (col(k) === undefined ? null : (cells[col(k)!] ?? null))
    const refuse = (k: Key, code: string, zh: string, en: string) => errors.push({ row: rowNo, column: headerOf(k), value: cellText(at(k)), code, zh, en })
    const ctx: RowCtx<Key> = {
      rowNo,
      at,
      headerOf,
      refuse,
      take: (k, r) => {
        if ('refusal' in r) {
          refuse(k, r.refusal.code, r.refusal.zh, r.refusal.en)
          return undefined
        }
        return r.value
      },
      requireCell: (k, zh, en) => {
        if (!isBlank(at(k))) return false
        refuse(k, `import.${k}.required`, `${zh}必填`, `${en} is required`)
        return true
      },
    }
    const name = cellText(at('name')).replace(/\s+/g, '')
    if (!name) refuse('name', 'import.name.required', '姓名必填', 'The name is required')
    const idNumber = ctx.take('idNumber', readIdNumber(at('idNumber')))
    const value = judge(ctx, name && idNumber ? { name, idNumber } : undefined)
    const shown = header.headers.map((_, c) => cellText(cells[c] ?? null))
    rows.push(errors.length || value === undefined ? { row: rowNo, cells: shown, errors } : { row: rowNo, value, errors })
  }
  return { header: { row: header.index + 1, headers: header.headers, unknown: header.unknown, columns: header.columns }, rows }
}

/** A text cell of bounded length (a name of an employer, an issuer): blank is `undefined`. */
export function readText(c: Cell, what: { code: string; zh: string; en: string }, min: number, max: number): Read<string | undefined> {
  const t = cellText(c).replace(/\s+/g, ' ')
  if (!t) return { value: undefined }
  if (t.length < min || t.length > max) return { refusal: { code: `import.${what.code}.length`, zh: `${what.zh}应为 ${min}–${max} 个字`, en: `${what.en} is ${min}–${max} characters` } }
  return { value: t }
}
