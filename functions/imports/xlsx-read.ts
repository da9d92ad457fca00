/**
 * Reads the cells of an uploaded .xlsx, in the import job only (never on the API's request path).
 * A small reader of its own on node:zlib rather than exceljs: it refuses a zip whose parts would
 * expand past a set limit before inflating anything (a zip bomb), inflates each part with a hard
 * output cap, reads formulas by their cached value, and skips hidden sheets unless one is named.
 */
import { inflateRawSync } from 'node:zlib'
import type { Cell } from '../../shared/import/values.js'

/** What the parts of one workbook may expand to, together (a 5 MB upload of real rows stays far below). */
export const MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
/** Rows and columns read from one sheet. */
export const MAX_ROWS = 100_000
export const MAX_COLUMNS = 200

export class WorkbookProblem extends Error {
  constructor(
    readonly code: 'zipBomb' | 'notXlsx' | 'noSheet' | 'tooManyRows',
    detail: string,
  ) {
    super(detail)
  }
}

interface Entry {
  method: number
  compressed: number
  size: number
  local: number
}

function directory(buf: Buffer): Map<string, Entry> {
  let eocd = buf.length - 22
  const stop = Math.max(0, buf.length - 22 - 0xffff)
  while (eocd >= stop && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--
  if (eocd < stop) throw new WorkbookProblem('notXlsx', 'no zip end of central directory')
  const count = buf.readUInt16LE(eocd + 10)
  let at = buf.readUInt32LE(eocd + 16)
  const entries = new Map<string, Entry>()
  let total = 0
  for (let i = 0; i < count; i++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== 0x02014b50) throw new WorkbookProblem('notXlsx', 'bad central directory')
    const nameLen = buf.readUInt16LE(at + 28)
    const e: Entry = { method: buf.readUInt16LE(at + 10), compressed: buf.readUInt32LE(at + 20), size: buf.readUInt32LE(at + 24), local: buf.readUInt32LE(at + 42) }
    total += e.size
    if (total > MAX_UNZIPPED_BYTES) throw new WorkbookProblem('zipBomb', `parts expand past ${MAX_UNZIPPED_BYTES} bytes`)
    entries.set(buf.toString('utf8', at + 46, at + 46 + nameLen), e)
    at += 46 + nameLen + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32)
  }
  return entries
}

function part(buf: Buffer, entries: Map<string, Entry>, name: string): string | undefined {
  const e = entries.get(name)
  if (!e) return undefined
  if (e.local + 30 > buf.length || buf.readUInt32LE(e.local) !== 0x04034b50) throw new WorkbookProblem('notXlsx', `bad local header ${name}`)
  const start = e.local + 30 + buf.readUInt16LE(e.local + 26) + buf.readUInt16LE(e.local + 28)
  const data = buf.subarray(start, start + e.compressed)
  let out: Buffer
  if (e.method === 0) out = Buffer.from(data)
  else if (e.method === 8) {
    // The declared size is only a claim: the inflater stops at it whatever the data says.
    try {
      out = inflateRawSync(data, { maxOutputLength: Math.max(1, e.size) })
    } catch {
      throw new WorkbookProblem('zipBomb', `${name} expands past its declared size`)
    }
  } else throw new WorkbookProblem('notXlsx', `unknown compression ${e.method}`)
  return out.toString('utf8')
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }
const unescape = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : ENTITIES[e]!,
  ).replace(/_x([0-9A-F]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1]
/** The text of an `<si>` or `<is>`: every `<t>`, rich-text runs included, phonetic runs (`<rPh>`) left out. */
const textOf = (xml: string) => {
  let s = ''
  for (const m of xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '').matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>|<t(?:\s[^>]*)?\/>/g)) s += m[1] ? unescape(m[1]) : ''
  return s
}
const columnIndex = (ref: string) => {
  let n = 0
  for (const ch of ref) {
    const c = ch.charCodeAt(0)
    if (c < 65 || c > 90) break
    n = n * 26 + (c - 64)
  }
  return n - 1
}

export interface SheetInfo {
  name: string
  hidden: boolean
}

/**
 * The grid of one worksheet: the first visible sheet, or the one named. Merged cells are left as
 * Excel stores them (the value in the first cell, the others empty), which is what the header
 * search expects of merged title rows.
 */
export function readWorkbook(bytes: Uint8Array, opts: { sheet?: string } = {}): { sheet: string; sheets: SheetInfo[]; grid: Cell[][] } {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const entries = directory(buf)
  const workbook = part(buf, entries, 'xl/workbook.xml')
  if (!workbook) throw new WorkbookProblem('notXlsx', 'no xl/workbook.xml')
  const rels = part(buf, entries, 'xl/_rels/workbook.xml.rels') ?? ''
  const targets = new Map<string, string>()
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = attr(m[0], 'Id')
    const target = attr(m[0], 'Target')
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`)
  }
  const sheets = [...workbook.matchAll(/<sheet\b[^>]*>/g)].map((m) => ({
    name: unescape(attr(m[0], 'name') ?? ''),
    hidden: /state="(hidden|veryHidden)"/.test(m[0]),
    path: targets.get(attr(m[0], 'r:id') ?? '') ?? '',
  }))
  const chosen = opts.sheet ? sheets.find((s) => s.name === opts.sheet) : sheets.find((s) => !s.hidden)
  if (!chosen || !entries.has(chosen.path)) throw new WorkbookProblem('noSheet', opts.sheet ? `no sheet named ${opts.sheet}` : 'no visible sheet')
  const sharedXml = part(buf, entries, 'xl/sharedStrings.xml')
  const shared = sharedXml ? [...sharedXml.matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g)].map((m) => (m[1] ? textOf(m[1]) : '')) : []
  const xml = part(buf, entries, chosen.path)!
  const grid: Cell[][] = []
  let rowIndex = -1
  for (const rm of xml.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
    const r = attr(rm[0].slice(0, rm[0].indexOf('>') + 1), 'r')
    rowIndex = r ? Number(r) - 1 : rowIndex + 1
    if (rowIndex >= MAX_ROWS) throw new WorkbookProblem('tooManyRows', `more than ${MAX_ROWS} rows`)
    const row: Cell[] = []
    let colIndex = -1
    for (const cm of (rm[2] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const open = `<c${cm[1]}>`
      const ref = attr(open, 'r')
      colIndex = ref ? columnIndex(ref) : colIndex + 1
      if (colIndex >= MAX_COLUMNS) continue
      const type = attr(open, 't')
      const inner = cm[2] ?? ''
      // A formula's <v> is its cached result; the formula itself is never evaluated.
      const v = /<v>([\s\S]*?)<\/v>/.exec(inner)?.[1]
      let value: Cell = null
      if (type === 's') value = v === undefined ? null : (shared[Number(v)] ?? null)
      else if (type === 'inlineStr') value = textOf(/<is>([\s\S]*?)<\/is>/.exec(inner)?.[1] ?? '')
      else if (type === 'str') value = v === undefined ? null : unescape(v)
      else if (type === 'b') value = v === '1' ? 'TRUE' : v === '0' ? 'FALSE' : null
      else if (type === 'e') value = null
      else if (v !== undefined && v !== '') value = Number(v)
      row[colIndex] = value
    }
    for (let i = 0; i < row.length; i++) if (row[i] === undefined) row[i] = null
    grid[rowIndex] = row
  }
  for (let i = 0; i < grid.length; i++) if (!grid[i]) grid[i] = []
  return { sheet: chosen.name, sheets: sheets.map(({ name, hidden }) => ({ name, hidden })), grid }
}
