import * as z from 'zod'

/**
 * One exported spreadsheet as plain JSON: what the API's use cases build, and all the exports
 * renderer (functions/exports/render.ts, the only holder of exceljs) needs to write the .xlsx.
 * A new export only builds a SheetSpec; it never touches exceljs.
 *
 * Cell types: `text` as written; `int` a whole number; `yuan` integer fen in the spec, shown as
 * yuan with two decimals (money leaves fen only in the renderer); `date` a `YYYY-MM-DD` day, kept
 * as that text (a spreadsheet date would shift with the reader's time zone).
 */
export const SheetCellType = z.enum(['text', 'int', 'yuan', 'date'])
export type SheetCellType = z.infer<typeof SheetCellType>

export const SheetColumn = z.object({ header: z.string().min(1).max(60), width: z.number().int().min(1).max(100), type: SheetCellType })
export type SheetColumn = z.infer<typeof SheetColumn>

export const SheetCell = z.union([z.string(), z.number()])
export type SheetCell = z.infer<typeof SheetCell>

export const SheetSpec = z.object({
  /** The worksheet's tab name (at most 31 characters, as Excel allows). */
  sheetName: z.string().min(1).max(31),
  /** Row 1, merged across every column, bold. */
  title: z.string().max(200),
  /** Row 2 holds the headers; the view is frozen below it. */
  columns: z.array(SheetColumn).min(1).max(50),
  /** One array per row, a cell per column (in column order). */
  rows: z.array(z.array(SheetCell)),
  /** A bold last row: the label in the first cell and, under each named column, a SUM the sheet computes. */
  total: z.object({ label: z.string(), sumColumns: z.array(z.number().int().min(0)) }).optional(),
  /** A second worksheet of plain text rows (an import template's value lists and notes). */
  notes: z.object({ sheetName: z.string().min(1).max(31), rows: z.array(z.array(z.string())) }).optional(),
  /** Without the title row: the headers are row 1 (an import template, whose header row is read back). */
  noTitle: z.boolean().optional(),
})
export type SheetSpec = z.infer<typeof SheetSpec>

/** What the API asks the renderer for: the sheet and the name the browser saves it under. */
export const RenderRequest = z.object({ spec: SheetSpec, fileName: z.string().min(1).max(120) })
export type RenderRequest = z.infer<typeof RenderRequest>

/** The answer to an export request: a short-lived link that needs no session, and the file's name. */
export const FileLink = z.object({ url: z.string(), expiresAt: z.string(), fileName: z.string() })
export type FileLink = z.infer<typeof FileLink>

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
