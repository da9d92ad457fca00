/**
 * 导入 roster imports (issue 11). The API only stores the upload and starts the job; the job
 * (functions/jobs/import-run.ts: the jobs Lambda in AWS, in process locally) reads the sheet,
 * judges every row, writes the valid ones through the seekers' own use case and reports.
 */
import { randomUUID } from 'node:crypto'
import { districtDate } from '../../shared/dates.js'
import { DomainError, FieldRefusal } from '../../shared/errors.js'
import { decodeCsv, parseCsv } from '../../shared/import/csv.js'
import { CERTIFICATE_COLUMNS, readCertificateSheet, type CertificateRow } from '../../shared/import/certificates.js'
import { EMPLOYMENT_COLUMNS, readEmploymentSheet, type EmploymentRow } from '../../shared/import/employment.js'
import { alikeInFile, householdsOf, readPeopleSheet, type PersonRow, type ReadRow, type RowError, type SheetProblem } from '../../shared/import/people.js'
import type { PersonRef } from '../../shared/import/rows.js'
import { eachLimit } from '../../shared/each-limit.js'
import { cellText, type Cell } from '../../shared/import/values.js'
import { maskIdNumber, parseIdNumber } from '../../shared/id-number.js'
import type { Page } from '../../shared/schemas/common.js'
import type { Household } from '../../shared/schemas/monitoring.js'
import { MAX_IMPORT_BYTES, type ImportCounts, type ImportError, type ImportKind, type ImportRecord, type ImportReview, type ImportStatus } from '../../shared/schemas/imports.js'
import { IMPORT_STALLED, isStalled } from '../../shared/stalled-jobs.js'
import { SeekerInput } from '../../shared/schemas/seekers.js'
import { XLSX_CONTENT_TYPE, type FileLink, type SheetSpec } from '../../shared/sheet.js'
import { acrossTownships } from '../db/across.js'
import { auditPut } from '../db/audit.js'
import { closeReview, getImport, getReview, listImportsOfUser, listReviews, putImport, putReview, reviewDelete, shownImport, updateImport, type StoredImport } from '../db/imports.js'
import { registeredHouseholds, registerHouseholds } from '../db/households.js'
import { newId } from '../db/ids.js'
import { addIndexRows, createSeeker, getSeeker, NO_INDEX_ROWS, revealIdNumber, type IndexRows } from '../db/seekers.js'
import { lastImportedUpdate, lastImportedValue } from '../db/imports.js'
import { allow, by, inScope, listTownships, notFound } from './access.js'
import type { Actor, Deps } from './deps.js'
import { exportSheet } from './exports.js'
import { importCertificates, importEmployment } from './import-records.js'
import { templateFileName, templateSheet } from './import-templates.js'
import { importedValuesOf, importPeople, inputOfFile, writeImported, type ImportedValues, type ImportReviewDraft } from './seekers.js'

export const tooLarge = () =>
  new DomainError(
    'import.tooLarge',
    'tooLarge',
    `文件超过 ${MAX_IMPORT_BYTES / 1024 / 1024} MB 上限，请把名册拆分成几个较小的文件分别导入`,
    `The file is over the ${MAX_IMPORT_BYTES / 1024 / 1024} MB limit: split the roster into smaller files and import them one by one`,
  )
const unsupported = () =>
  new DomainError('import.unsupportedType', 'unsupported', '只能导入 .xlsx 或 .csv 文件（旧的 .xls 请在 Excel 中另存为 .xlsx）', 'Only .xlsx or .csv files can be imported (save an old .xls as .xlsx in Excel first)')

/** What the bytes are, by their first bytes (a name or a header can say anything). */
export function fileTypeOf(body: Uint8Array): 'xlsx' | 'csv' | undefined {
  if (body[0] === 0x50 && body[1] === 0x4b && body[2] === 0x03 && body[3] === 0x04) return 'xlsx'
  // OLE (.xls, .doc), PDF, images, gzip: not a text file. A CSV has no NUL in its first kilobytes (UTF-16 with its BOM aside).
  const head = body.subarray(0, 4096)
  if (head[0] === 0xff && head[1] === 0xfe) return 'csv'
  if (head.length === 0 || head.includes(0)) return undefined
  return 'csv'
}

/** Stores the upload and starts its job: 202 {id}. Nothing is recorded unless the whole file arrived and was stored. */
export async function upload(deps: Deps, actor: Actor, q: UploadQuery, body: Uint8Array): Promise<{ id: string }> {
  allow(actor, 'officer', 'admin')
  const type = typeOfUpload(body)
  const fileKey = `uploads/${districtDate(deps.now())}/${randomUUID()}.${type}`
  await deps.files.put(fileKey, body, { contentType: type === 'xlsx' ? XLSX_CONTENT_TYPE : 'text/csv', fileName: q.fileName || `roster.${type}` })
  return startStored(deps, actor, q, { fileKey, type, size: body.byteLength })
}
type UploadQuery = { kind: ImportKind; dryRun: boolean; fileName?: string | undefined; sheet?: string | undefined }

/** An upload's type, or why it cannot be imported (413, 415). */
export function typeOfUpload(body: Uint8Array): 'xlsx' | 'csv' {
  if (body.byteLength > MAX_IMPORT_BYTES) throw tooLarge()
  const type = fileTypeOf(body)
  if (!type) throw unsupported()
  return type
}

/** Records an upload already in the file store as a new import and starts its job. */
export async function startStored(deps: Deps, actor: Actor, q: UploadQuery, f: { fileKey: string; type: 'xlsx' | 'csv'; size: number }): Promise<{ id: string }> {
  const now = deps.now()
  const id = newId()
  const fileName = q.fileName || `roster.${f.type}`
  await putImport(deps.db, newRecord(actor, { id, kind: q.kind, dryRun: q.dryRun, fileKey: f.fileKey, contentType: f.type, fileName, ...(q.sheet ? { sheet: q.sheet } : {}), size: f.size }, now), { objectType: 'import', objectId: id, action: 'import.upload', ...by(actor), after: { kind: q.kind, dryRun: q.dryRun, size: f.size } }, now)
  await deps.jobs.start({ type: 'importRun', importId: id })
  return { id }
}

const newRecord = (actor: Actor, f: Pick<StoredImport, 'id' | 'kind' | 'dryRun' | 'fileKey' | 'contentType' | 'fileName' | 'size'> & { sheet?: string; fromDryRun?: string }, now: Date): StoredImport => ({
  ...f,
  status: 'queued',
  percent: 0,
  rows: 0,
  valid: 0,
  invalid: 0,
  created: 0,
  updated: 0,
  unchanged: 0,
  toReview: 0,
  errors: [],
  hasErrorFile: false,
  createdBy: actor.userId,
  createdAt: now.toISOString(),
  updatedAt: now.toISOString(),
  actor: { role: actor.role, ...(actor.scope ? { scope: actor.scope } : {}) },
})

/** An import is its uploader's (an admin sees every one); to anyone else it does not exist. */
async function fromId(deps: Deps, actor: Actor, id: string): Promise<StoredImport> {
  allow(actor, 'officer', 'admin')
  const r = await getImport(deps.db, id)
  if (!r || (r.createdBy !== actor.userId && actor.role !== 'admin')) throw notFound('import')
  return r
}

const RUNNING: ImportStatus[] = ['queued', 'reading', 'validating', 'writing']
/** A record as shown: a run that died part-way (shared/stalled-jobs.ts) is failed. */
const asShown = (r: StoredImport, now: Date): ImportRecord => (isStalled(r, RUNNING, now) ? { ...shownImport(r), status: 'failed', failure: IMPORT_STALLED } : shownImport(r))

/** Progress and the report. A run that died is written failed here, once (a live run moves it meanwhile: shown as it is). */
export async function get(deps: Deps, actor: Actor, id: string): Promise<ImportRecord> {
  const r = await fromId(deps, actor, id)
  const shown = asShown(r, deps.now())
  if (shown.status !== 'failed' || r.status === 'failed') return shown
  try {
    await updateImport(deps.db, id, { status: 'failed', failure: IMPORT_STALLED }, deps.now(), RUNNING)
  } catch (e) {
    if (!(e instanceof Error && e.name === 'ConditionalCheckFailedException')) throw e
    return shownImport((await getImport(deps.db, id))!)
  }
  return shown
}

export async function list(deps: Deps, actor: Actor, page: { limit: number; cursor?: string }): Promise<Page<ImportRecord>> {
  allow(actor, 'officer', 'admin')
  const p = await listImportsOfUser(deps.db, actor.userId, page)
  const now = deps.now()
  return { items: p.items.map((r) => asShown(r, now)), nextCursor: p.nextCursor }
}

/** 提交 a dry run's file, for real: a new import of the same stored upload. */
export async function commit(deps: Deps, actor: Actor, id: string): Promise<{ id: string }> {
  const dry = await fromId(deps, actor, id)
  if (!dry.dryRun || dry.status !== 'done') throw new DomainError('import.notCommittable', 'conflict', '只能提交已完成的试导入', 'Only a finished dry run can be committed')
  const now = deps.now()
  const newIdOf = newId()
  await putImport(deps.db, newRecord(actor, { id: newIdOf, kind: dry.kind, dryRun: false, fileKey: dry.fileKey, contentType: dry.contentType, fileName: dry.fileName, ...(dry.sheet ? { sheet: dry.sheet } : {}), size: dry.size, fromDryRun: dry.id }, now), { objectType: 'import', objectId: newIdOf, action: 'import.commit', ...by(actor), after: { fromDryRun: dry.id } }, now)
  await deps.jobs.start({ type: 'importRun', importId: newIdOf })
  return { id: newIdOf }
}

/** 错误报告 every held row as the file had it, plus the reasons: fixed and uploaded again as it is. */
export async function errorsFile(deps: Deps, actor: Actor, id: string): Promise<FileLink> {
  const r = await fromId(deps, actor, id)
  if (!r.errorsKey) throw new DomainError('import.noErrors', 'notFound', '这次导入没有错误行', 'This import has no rows in error')
  return { ...(await deps.files.link(r.errorsKey)), fileName: errorFileName(r) }
}
const errorFileName = (r: Pick<StoredImport, 'fileName'>) => `错误报告-${r.fileName.replace(/\.(xlsx|csv)$/i, '')}.xlsx`

/** 导入模板: the headers, an example row, and the value lists on a second sheet (functions/core/import-templates.ts). */
export async function template(deps: Deps, actor: Actor, kind: ImportKind): Promise<FileLink> {
  allow(actor, 'officer', 'admin')
  return exportSheet(deps, templateSheet(kind), templateFileName(kind))
}

/** How many errors the import record itself lists (the error file holds them all). */
const FIRST_ERRORS = 50
/** Reviews written at once, and rows a chunk holds (its files are read, judged and written together). */
const WRITERS = 16
const CHUNK = 1000

const asError = (e: RowError): ImportError => ({ row: e.row, column: e.column, value: e.value, code: e.code, message: e.zh, messageEn: e.en })
const refusal = (code: string, message: string, messageEn: string) => ({ code, message, messageEn })

/**
 * The job: read, judge, write, report. A second start of the same import does nothing; every step
 * is written only while the import is running, so one found stalled and failed stays failed.
 */
export async function run(deps: Deps, id: string): Promise<void> {
  const r = await getImport(deps.db, id)
  if (!r || r.status !== 'queued') return
  try {
    await updateImport(deps.db, id, { status: 'reading', percent: 5 }, deps.now(), ['queued'])
  } catch {
    return // another run took it
  }
  try {
    await work(deps, r)
  } catch (e) {
    const f = e instanceof ImportFailure ? e.failure : refusal('import.internal', '导入中断，请稍后重新上传', 'The import stopped; upload the file again later')
    if (!(e instanceof ImportFailure)) deps.log.error('import failed', { importId: id, error: e instanceof Error ? e.name : 'unknown', detail: e instanceof Error ? e.message.slice(0, 200) : '' })
    try {
      await updateImport(deps.db, id, { status: 'failed', failure: f }, deps.now(), RUNNING)
    } catch (e2) {
      // Already failed: found stalled (shared/stalled-jobs.ts) while this run was still going.
      if (!(e2 instanceof Error && e2.name === 'ConditionalCheckFailedException')) throw e2
    }
  }
}

class ImportFailure extends Error {
  constructor(readonly failure: { code: string; message: string; messageEn: string }) {
    super(failure.code)
  }
}

async function readGrid(deps: Deps, r: StoredImport) {
  const bytes = await deps.files.get(r.fileKey)
  if (!bytes) throw new ImportFailure(refusal('import.fileGone', '上传的文件已不在（文件保存 30 天），请重新上传', 'The uploaded file is gone (files are kept 30 days); upload it again'))
  if (r.contentType === 'csv') return parseCsv(decodeCsv(bytes).text)
  const { readWorkbook, WorkbookProblem } = await import('../imports/xlsx-read.js')
  try {
    return readWorkbook(bytes, r.sheet ? { sheet: r.sheet } : {}).grid
  } catch (e) {
    if (!(e instanceof WorkbookProblem)) throw e
    if (e.code === 'zipBomb') throw new ImportFailure(refusal('import.file.zipBomb', '文件解压后过大，已拒绝（可能是损坏或恶意文件）', 'The file expands far beyond its size and was refused (a damaged or hostile file)'))
    if (e.code === 'tooManyRows') throw new ImportFailure(refusal('import.file.tooManyRows', '工作表行数过多，请拆分后导入', 'The sheet has too many rows; split it'))
    if (e.code === 'noSheet')
      throw new ImportFailure(r.sheet ? refusal('import.file.noSheet', `文件中没有名为“${r.sheet}”的工作表`, `The file has no worksheet called “${r.sheet}”`) : refusal('import.file.noSheet', '文件中没有可见的工作表', 'The file has no visible worksheet'))
    throw new ImportFailure(refusal('import.file.unreadable', '无法读取该 .xlsx 文件，请在 Excel 中另存后重试', 'This .xlsx cannot be read; save it again in Excel and retry'))
  }
}

/** What a kind's writer hands back: every row judged (errors on the invalid ones), the sheet's headers, the counts of what was written. */
interface Judged {
  rows: ReadRow<unknown>[]
  headers: string[]
  counts: Pick<ImportCounts, 'created' | 'updated' | 'unchanged' | 'toReview'>
  /** 一户一档: the households registered (would be, in a dry run). */
  households?: number
}

const actorOf = (r: StoredImport): Actor => ({ userId: r.createdBy, role: r.actor.role as Actor['role'], ...(r.actor.scope ? { scope: r.actor.scope as Actor['scope'] & string } : {}), sessionId: `import:${r.id}` })

function sheetFailure(p: SheetProblem): ImportFailure {
  return new ImportFailure(
    p.problem === 'noHeader'
      ? refusal('import.noHeader', '没有找到表头行：前 30 行中应有一行写着姓名、身份证号等列名（可下载导入模板对照）', 'No header row found: one of the first 30 rows should name columns such as 姓名 and 身份证号 (the import template shows them)')
      : refusal('import.missingColumns', `缺少必填列：${p.missing.join('、')}`, `Required columns are missing: ${p.missing.join(', ')}`),
  )
}

async function work(deps: Deps, r: StoredImport): Promise<void> {
  const grid = await readGrid(deps, r)
  await updateImport(deps.db, r.id, { status: 'validating', percent: 15 }, deps.now(), RUNNING)
  const judged = r.kind === 'people' ? await writePeople(deps, r, grid) : await writeRecords(deps, r, grid)
  const counts: ImportCounts = { rows: judged.rows.length, valid: 0, invalid: 0, ...judged.counts }
  const bad = judged.rows.filter((x) => x.errors.length)
  counts.invalid = bad.length
  counts.valid = counts.rows - counts.invalid
  const errors = bad.flatMap((x) => x.errors)
  let errorsKey: string | undefined
  if (bad.length) {
    const headers = judged.headers.slice(0, 48)
    const spec: SheetSpec = {
      sheetName: '错误行',
      title: `${r.fileName} 的错误行（共 ${bad.length} 行）：按“错误原因”改正后可直接重新导入`,
      columns: [...headers.map((h, i) => ({ header: (h || `第${i + 1}列`).slice(0, 60), width: 14, type: 'text' as const })), { header: '错误原因', width: 60, type: 'text' as const }],
      // Every row as long as the header, so the reason lands in its own column.
      rows: bad.map((x) => [...headers.map((_, i) => x.cells?.[i] ?? ''), x.errors.map((e) => `${e.column}：${e.zh}`).join('；')]),
    }
    errorsKey = (await deps.exports.render({ spec, fileName: errorFileName(r) })).key
  }
  await updateImport(deps.db, r.id, { status: 'done', percent: 100, ...counts, ...(judged.households !== undefined ? { households: judged.households } : {}), errors: errors.slice(0, FIRST_ERRORS).map(asError), ...(errorsKey ? { errorsKey } : {}) }, deps.now(), RUNNING)
}

/** 务工台账 and 证书: read, then every valid row through its own use case (functions/core/import-records.ts), a chunk at a time for the progress bar. */
async function writeRecords(deps: Deps, r: StoredImport, grid: readonly (readonly Cell[])[]): Promise<Judged> {
  const today = districtDate(deps.now())
  const sheet = r.kind === 'employment' ? readEmploymentSheet(grid, today) : readCertificateSheet(grid, today)
  if ('problem' in sheet) throw sheetFailure(sheet)
  const defs = r.kind === 'employment' ? EMPLOYMENT_COLUMNS : CERTIFICATE_COLUMNS
  const headerOf = (key: string) => {
    const c = (sheet.header.columns as Record<string, number | undefined>)[key]
    return c !== undefined ? sheet.header.headers[c]! : (defs.find((d) => d.key === key)?.names[0] ?? key)
  }
  await updateImport(deps.db, r.id, { status: 'writing', percent: 20, rows: sheet.rows.length, headerRow: sheet.header.row, unknownColumns: sheet.header.unknown }, deps.now(), RUNNING)
  const actor = actorOf(r)
  const counts = { created: 0, updated: 0, unchanged: 0, toReview: 0 }
  const valid = sheet.rows.filter((x) => x.value)
  // A chunk holds whole people (a person's rows, wherever they are in the file, are judged against each other).
  const byPerson = new Map<string, PersonRef[]>()
  for (const x of valid) byPerson.set(x.value!.idNumber, [...(byPerson.get(x.value!.idNumber) ?? []), x.value!])
  const chunks: PersonRef[][] = [[]]
  for (const rows of byPerson.values()) {
    if (chunks.at(-1)!.length >= CHUNK) chunks.push([])
    chunks.at(-1)!.push(...rows)
  }
  const rowOf = new Map(valid.map((x) => [x.row, x]))
  let written = 0
  for (const values of chunks) {
    const outcomes = r.kind === 'employment' ? await importEmployment(deps, actor, values as EmploymentRow[], { importId: r.id, dryRun: r.dryRun }) : await importCertificates(deps, actor, values as CertificateRow[], { importId: r.id, dryRun: r.dryRun })
    for (const [n, o] of outcomes) {
      const row = rowOf.get(n)!
      if ('outcome' in o) counts[o.outcome]++
      else {
        row.errors.push({ row: row.row, column: headerOf(o.refusal.field), value: '', code: o.refusal.code, zh: o.refusal.message, en: o.refusal.messageEn })
        row.cells = sheet.header.headers.map((_, c) => cellText(grid[row.row - 1]?.[c] ?? null))
      }
    }
    written += values.length
    await updateImport(deps.db, r.id, { percent: 20 + Math.floor((Math.min(written, valid.length) / Math.max(1, valid.length)) * 75) }, deps.now(), RUNNING)
  }
  return { rows: sheet.rows, headers: sheet.header.headers, counts }
}

/** 一户一档: every valid person through the seekers' import use case; new files written a chunk at a time. */
async function writePeople(deps: Deps, r: StoredImport, grid: readonly (readonly Cell[])[]): Promise<Judged> {
  const sheet = readPeopleSheet(grid, districtDate(deps.now()))
  if ('problem' in sheet) throw sheetFailure(sheet)
  const actor = actorOf(r)
  const counts = { created: 0, updated: 0, unchanged: 0, toReview: 0 }
  const valid = sheet.rows.filter((x) => x.value)
  await updateImport(deps.db, r.id, { status: 'writing', percent: 20, rows: sheet.rows.length, headerRow: sheet.header.row, unknownColumns: sheet.header.unknown, unknownPlaces: sheet.unknownPlaces }, deps.now(), RUNNING)
  const idHeader = sheet.header.headers[sheet.header.columns.idNumber!]!
  const twpHeader = sheet.header.columns.township !== undefined ? sheet.header.headers[sheet.header.columns.township]! : '乡镇'
  const refuse = (row: (typeof valid)[number], e: DomainError) => {
    const field = e instanceof FieldRefusal ? e.issues[0]!.path : ''
    row.errors.push({ row: row.row, column: field === 'idNumber' ? idHeader : field || idHeader, value: '', code: e.code, zh: e.message, en: e.messageEn })
  }
  // A chunk at a time: its rows' files read together, judged, then written (functions/core/seekers.ts importPeople).
  // The index rows of new files are added INDEX_BATCH files at a time while the next chunks are
  // judged (one addition in flight): each index chunk is then rewritten once per few thousand
  // files, not once per chunk of rows. Every row is added before the job says done.
  const index = indexBacklog(deps)
  // Rows alike an earlier row of the file (shared/import/people.ts alikeInFile) come last, in chunks
  // of their own, so the earlier row's file is written and they are held for review against it.
  const alike = alikeInFile(valid.map((x) => x.value!))
  const chunksOf = (rows: typeof valid) => Array.from({ length: Math.ceil(rows.length / CHUNK) }, (_, k) => rows.slice(k * CHUNK, (k + 1) * CHUNK))
  const chunks = [...chunksOf(valid.filter((x) => !alike.has(x.row))), ...chunksOf(valid.filter((x) => alike.has(x.row)))]
  const created = new Set<number>()
  // 一户一档: the households of rows on file after their chunk (written, or already as the roster
  // says) are registered while the next chunk is judged; place and head come from the whole sheet.
  const households = rosterHouseholds(deps, actor, r, valid.map((x) => x.value!))
  let judged = 0
  for (const next of chunks) {
    judged += next.length
    // A dry run writes nothing: a row alike one the file would create is counted as the commit would hold it.
    const chunk = next.filter((row) => {
      const earlier = alike.get(row.row)
      if (!r.dryRun || earlier === undefined || !created.has(earlier)) return true
      counts.toReview++
      return false
    })
    const { answers, derived } = chunk.length ? await importPeople(deps, actor, chunk.map((row) => ({ idNumber: row.value!.idNumber, values: valuesOf(deps, row.value!) })), { importId: r.id, dryRun: r.dryRun }) : { answers: [], derived: Promise.resolve(NO_INDEX_ROWS) }
    const held: { p: PersonRow; review: ImportReviewDraft }[] = []
    const onFile: PersonRow[] = []
    answers.forEach((out, k) => {
      const row = chunk[k]!
      const p = row.value!
      if ('error' in out) refuse(row, out.error)
      else if (out.outcome === 'outOfScope') {
        row.errors.push({ row: row.row, column: twpHeader, value: p.township, code: 'import.township.outOfScope', zh: '该行不属于您的乡镇，未导入', en: 'This row is not of your township and was not imported' })
      } else if (out.outcome === 'review') {
        counts.toReview++
        held.push({ p, review: out.review })
      } else {
        counts[out.outcome]++
        onFile.push(p)
        if (out.outcome === 'created') created.add(row.row)
      }
    })
    households.add(onFile)
    await index.add(derived, answers.filter((out) => 'outcome' in out && out.outcome === 'created').length)
    if (!r.dryRun) await eachLimit(held, WRITERS, (h) => holdForReview(deps, r.id, h.p, h.review))
    for (const row of chunk) if (row.errors.length) row.cells = sheet.header.headers.map((_, c) => cellText(grid[row.row - 1]?.[c] ?? null))
    await updateImport(deps.db, r.id, { percent: 20 + Math.floor((judged / valid.length) * 75) }, deps.now(), RUNNING)
  }
  await index.done()
  return { rows: sheet.rows, headers: sheet.header.headers, counts, households: await households.done() }
}

/** New files to gather before their index rows are added together (about four chunks of rows). */
const INDEX_BATCH = 4_000

/** The new files' index rows, gathered and added INDEX_BATCH files at a time, one addition in flight. */
function indexBacklog(deps: Deps) {
  let waiting: Promise<IndexRows>[] = []
  let files = 0
  let inFlight: Promise<void> = Promise.resolve()
  const flush = async () => {
    await inFlight
    const taken = waiting
    waiting = []
    files = 0
    inFlight = (async () => addIndexRows(deps.db, await Promise.all(taken)))()
    // Awaited by the next flush or by `done`; handled here so a failure meanwhile is not an unhandled rejection.
    inFlight.catch(() => {})
  }
  return {
    async add(rows: Promise<IndexRows>, created: number) {
      waiting.push(rows)
      files += created
      if (files >= INDEX_BATCH) await flush()
    },
    async done() {
      await flush()
      await inFlight
    },
  }
}

/** Shown for a household whose roster names neither its householder's row nor a 户主姓名. */
const UNKNOWN_HEAD = '（名册未列户主）'

/**
 * 一户一档: the households the roster's files name that are not registered yet, registered with
 * their place and householder (each audited), so the households list and each household's page
 * hold them as they hold one an officer registered; one registered before is left as it is. Each
 * chunk's households go while the next chunk is judged (one chunk at a time, in order); `done`
 * waits for the last and answers how many were registered (a dry run: would be).
 */
/** The audit event of a household an import registers. */
const householdImported = (actor: Actor, importId: string) => (h: Household) => ({ objectType: 'household', objectId: h.id, action: 'household.import', ...by(actor), after: { township: h.township, village: h.village, headName: h.headName, importId } })

function rosterHouseholds(deps: Deps, actor: Actor, r: StoredImport, sheetRows: readonly PersonRow[]) {
  const idOf = (h: NonNullable<PersonRow['household']>) => householdIdOf(deps, h)
  const named = new Map(householdsOf(sheetRows, idOf).map((h) => [h.id, h]))
  const seen = new Set<string>()
  let count = 0
  let chain: Promise<void> = Promise.resolve()
  const one = async (ids: string[]) => {
    const registered = await registeredHouseholds(deps.db, ids)
    const missing = ids.filter((id) => !registered.has(id)).map((id) => named.get(id)!)
    if (r.dryRun || !missing.length) return void (count += missing.length)
    const at = deps.now().toISOString()
    const hs: Household[] = missing.map((h) => ({ id: h.id, township: h.township, village: h.village, headName: h.headName ?? UNKNOWN_HEAD, createdAt: at, updatedAt: at }))
    count += await registerHouseholds(deps.db, hs, householdImported(actor, r.id), deps.now())
  }
  return {
    /** The households of these rows (now on file), registered after those of the chunks before. */
    add(rows: readonly PersonRow[]) {
      const ids: string[] = []
      for (const p of rows) {
        const id = p.household ? idOf(p.household) : undefined
        if (id && named.has(id) && !seen.has(id)) {
          seen.add(id)
          ids.push(id)
        }
      }
      if (!ids.length) return
      chain = chain.then(() => one(ids))
      // Awaited in `done`; handled here so a failure while the next chunk is judged is not an unhandled rejection.
      chain.catch(() => {})
    },
    async done(): Promise<number> {
      await chain
      return count
    },
  }
}

/** 户编号, or a household id derived from the householder's ID number by keyed hash: never the number itself. */
export const householdIdOf = (deps: Deps, h: PersonRow['household']): string | undefined =>
  h?.householdNo ? `HH-${h.householdNo}`.slice(0, 40) : h?.householderId ? `H-${deps.protector.blindIndex('household', h.householderId).slice(0, 24)}` : undefined

const valuesOf = (deps: Deps, p: PersonRow): ImportedValues & { name: string; township: string; village: string } => {
  const householdId = householdIdOf(deps, p.household)
  return {
    name: p.name,
    category: p.category,
    ...(p.monitoredSubtype ? { monitoredSubtype: p.monitoredSubtype } : {}),
    ...(p.riskEliminatedOn ? { riskEliminatedOn: p.riskEliminatedOn } : {}),
    laborCapacity: p.laborCapacity,
    education: p.education,
    township: p.township,
    village: p.village,
    ...(householdId ? { householdId } : {}),
    ...(p.phone ? { phone: p.phone } : {}),
  }
}

interface HeldRow {
  idNumber: string
  values: ImportedValues & { name: string; township: string; village: string }
  /** The householder's name as the roster gives it (their own row or 户主姓名), for a household a keepBoth registers. */
  headName?: string
}

async function holdForReview(deps: Deps, importId: string, p: PersonRow, d: { kind: ImportReview['kind']; seekerId: string; existingIdNumberMasked?: string; fields?: ImportReview['fields'] }) {
  const info = parseIdNumber(p.idNumber)
  const now = deps.now().toISOString()
  const review: ImportReview = {
    id: newId(),
    importId,
    township: p.township,
    kind: d.kind,
    seekerId: d.seekerId,
    name: p.name,
    village: p.village,
    birthDate: 'problem' in info ? '' : info.birthDate,
    idNumberMasked: maskIdNumber(p.idNumber),
    ...(d.existingIdNumberMasked ? { existingIdNumberMasked: d.existingIdNumberMasked } : {}),
    ...(d.fields ? { fields: d.fields } : {}),
    createdAt: now,
    at: now,
  }
  const headName = p.household?.householderId === p.idNumber ? p.name : p.household?.householderName
  const held: HeldRow = { idNumber: p.idNumber, values: valuesOf(deps, p), ...(headName ? { headName } : {}) }
  // One review per row and file while it waits: the same roster again holds it no second time.
  const hold = deps.protector.blindIndex('import-review', `${d.kind}#${p.idNumber}#${d.seekerId}`)
  await putReview(deps.db, deps.protector, review, held, hold)
}

/** 待核对 the rows imports held, in the officer's townships, oldest first. */
export async function reviews(deps: Deps, actor: Actor, q: { township?: string | undefined; limit: number; cursor?: string | undefined }): Promise<Page<ImportReview>> {
  allow(actor, 'officer', 'admin')
  return acrossTownships(deps.db, ['importReviews'], listTownships(actor, q.township), q, (t, p) => listReviews(deps.db, t, p))
}

/**
 * An officer decides a held row. Near-duplicate: `merge` (the row is that person: their file takes
 * the row's values and keeps its own ID number) or `keepBoth` (a second file for the row's ID
 * number). Edited since: `apply` (the roster's values) or `keep` (the officer's). Audited, once.
 */
export async function resolveReview(deps: Deps, actor: Actor, township: string, id: string, decision: 'merge' | 'keepBoth' | 'apply' | 'keep'): Promise<{ seekerId: string }> {
  allow(actor, 'officer', 'admin')
  if (!inScope(actor, township)) throw notFound('importReview')
  const held = await getReview<HeldRow>(deps.db, deps.protector, township, id)
  if (!held) throw notFound('importReview')
  const { review, row, hold } = held
  const fits = review.kind === 'nearDuplicate' ? decision === 'merge' || decision === 'keepBoth' : decision === 'apply' || decision === 'keep'
  if (!fits)
    throw new FieldRefusal('import.review.decision', 'decision', review.kind === 'nearDuplicate' ? '疑似重复的行只能选择合并（merge）或保留两人（keepBoth）' : '该行只能选择采用导入值（apply）或保留现值（keep）', review.kind === 'nearDuplicate' ? 'A near-duplicate is decided by merge or keepBoth' : 'This row is decided by apply or keep')
  const now = deps.now()
  const done = reviewDelete(deps.db, township, id, hold)
  const audit = { objectType: 'importReview', objectId: id, action: `import.review.${decision}`, ...by(actor), after: { importId: review.importId, seekerId: review.seekerId, kind: review.kind } }
  if (decision === 'keep') {
    // The roster's values become the last imported ones: the next import of the same roster leaves the officer's edit alone.
    await closeReview(deps.db, township, id, hold, audit, now, [lastImportedUpdate(deps.db, review.seekerId, lastImportedValue(review.importId, withoutPhone(row.values), now))])
    return { seekerId: review.seekerId }
  }
  if (decision === 'keepBoth') {
    const input = SeekerInput.parse({ ...row.values, idNumber: row.idNumber, intents: row.values.laborCapacity === 'none' ? [] : ['employment'] })
    const s = await createSeeker(deps.db, deps.protector, input, actor, {
      now,
      verified: true,
      audit: (s) => ({ objectType: 'seeker', objectId: s.id, action: 'seeker.import', ...by(actor), after: { township: s.township, importId: review.importId, review: 'keepBoth', alike: review.seekerId }, history: { seekerId: s.id, type: 'file', title: s.name } }),
      extra: () => [...done, auditPut(deps.db, audit, now)],
      lastImported: lastImportedValue(review.importId, withoutPhone(row.values), now),
    })
    // 一户一档: the second file's household, registered as the import registers one (left as it is when it already is).
    if (s.householdId) {
      const at = now.toISOString()
      await registerHouseholds(deps.db, [{ id: s.householdId, township: s.township, village: s.village, headName: row.headName ?? UNKNOWN_HEAD, createdAt: at, updatedAt: at }], householdImported(actor, review.importId), now)
    }
    return { seekerId: s.id }
  }
  // merge / apply: the existing file takes the roster's values (its own ID number stays).
  const s = await getSeeker(deps.db, review.seekerId)
  if (!s || !inScope(actor, s.township)) throw notFound('importReview')
  const idNumber = decision === 'apply' ? row.idNumber : await revealIdNumber(deps.db, deps.protector, s.id)
  const current = await importedValuesOf(deps, s)
  const changed = (Object.keys(row.values) as (keyof ImportedValues)[]).filter((f) => row.values[f] !== current[f])
  const input = SeekerInput.parse({ ...inputOfFile(s, idNumber), ...row.values, ...(row.values.category !== 'monitored' ? { monitoredSubtype: undefined } : {}) })
  await writeImported(deps, actor, s, input, changed, current, row.values, { action: decision === 'merge' ? 'seeker.importMerge' : 'seeker.import', importId: review.importId, extra: [...done, auditPut(deps.db, audit, now)] })
  return { seekerId: s.id }
}

const withoutPhone = ({ phone: _p, ...v }: ImportedValues): ImportedValues => v
