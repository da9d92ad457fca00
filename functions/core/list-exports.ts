/**
 * 导出 Excel from an officer's list pages (issue 11 part 8). One path for every size: the request
 * is checked and recorded (202 {id}), a job pages through the list with the list's own use case
 * (the same filters and scope rules, acting as the officer who asked), the renderer writes the
 * .xlsx into the file store, and GET /api/exports/:id answers progress and, once done, a
 * short-lived link — to the officer who asked only.
 *
 * Full IDs (officers and the admin, who may reveal one file's ID number): the request is audited
 * with the export (`export.create`, in its transaction); each person's reveal (`idNumber.reveal` on
 * their file's trail, naming the export) is recorded before their seal is opened, as one file's
 * reveal is; and the export's own `idNumber.reveal` (list, filters, count) in the transaction that
 * marks the file done.
 */
import { DomainError } from '../../shared/errors.js'
import { districtDate } from '../../shared/district-date.js'
import { townshipByCode } from '../../shared/geo.js'
import type { Page } from '../../shared/schemas/common.js'
import { MAX_EXPORT_ROWS, type ExportRecord, type ExportRequest, type ExportStatus } from '../../shared/schemas/exports.js'
import { EXPORT_STALLED, isStalled } from '../../shared/stalled-jobs.js'
import type { Seeker } from '../../shared/schemas/seekers.js'
import type { SheetSpec } from '../../shared/sheet.js'
import { recordAudits } from '../db/audit.js'
import { newId } from '../db/ids.js'
import { finishExport, getExport, idNumbersOf, listExportsOfUser, putExport, shownExport, updateExport, type StoredExport } from '../db/exports.js'
import { allow, by, notFound, scopeTownship } from './access.js'
import * as Certificates from './certificates.js'
import type { Actor, Deps } from './deps.js'
import * as Households from './households.js'
import { certificatesSheet, exportTitle, householdsSheet, LIST_ZH, placementsSheet, proposalsSheet, seekersSheet } from './list-sheets.js'
import * as MatchRuns from './match-runs.js'
import * as Placements from './placements.js'
import * as Seekers from './seekers.js'

/** Rows a page reads: the lists' own largest page. */
const PAGE = 50

type Paging = { limit: number; cursor?: string }
/** Whose full ID numbers a page shows: recorded on each person's trail before their seals are opened. */
type Reveal = { exportId: string }

/**
 * The ID numbers of a page's people: masked; or, for a full-ID export, each person's reveal is
 * recorded on their own trail first (as one file's reveal is, `Seekers.idRevealEvent`), then opened.
 */
async function idNumbers(deps: Deps, actor: Actor, req: ExportRequest, seekerIds: string[], reveal?: Reveal): Promise<Map<string, string>> {
  const unique = [...new Set(seekerIds)]
  if (req.fullIds && reveal && unique.length > 0) await recordAudits(deps.db, unique.map((id) => Seekers.idRevealEvent(actor, id, { exportId: reveal.exportId, list: req.list })), deps.now())
  return idNumbersOf(deps.db, deps.protector, unique, req.fullIds && Boolean(reveal))
}

/** One page of the list as its rows for the sheet, through the list endpoint's own use case. */
async function readPage(deps: Deps, actor: Actor, req: ExportRequest, page: Paging, reveal?: Reveal): Promise<Page<unknown>> {
  const ids = async <T extends { seekerId: string }>(p: Page<T>) => {
    const found = await idNumbers(deps, actor, req, p.items.map((i) => i.seekerId), reveal)
    return { ...p, items: p.items.map((i) => ({ ...i, idNumber: found.get(i.seekerId) ?? '' })) }
  }
  switch (req.list) {
    case 'seekers': {
      const { q, ...f } = req.filters
      // With words in the box the page lists people search's answer (ranked), else the township's list.
      const p: Page<Seeker> = q ? await Seekers.findPeople(deps, actor, { q, ...(f.township ? { township: f.township } : {}), ...(f.village ? { village: f.village } : {}), ...page }) : await Seekers.search(deps, actor, { ...f, ...page })
      if (!req.fullIds) return { ...p, items: p.items.map((s) => ({ ...s, idNumber: s.idNumberMasked })) }
      const full = await idNumbers(deps, actor, req, p.items.map((s) => s.id), reveal)
      return { ...p, items: p.items.map((s) => ({ ...s, idNumber: full.get(s.id) ?? '' })) }
    }
    case 'placements':
      return ids(await Placements.list(deps, actor, { ...req.filters, ...page }))
    case 'certificates':
      return ids(await Certificates.ofTownship(deps, actor, { ...req.filters, ...page }))
    case 'proposals': {
      const { runId, ...q } = req.filters
      return ids(await MatchRuns.proposals(deps, actor, runId, { ...q, ...page }))
    }
    case 'households':
      return Households.list(deps, actor, { ...req.filters, ...page })
  }
}

// The rows are what readPage made for the same list.
function sheetOf(req: ExportRequest, title: string, rows: unknown[]): SheetSpec {
  switch (req.list) {
    case 'seekers':
      return seekersSheet(title, rows as Parameters<typeof seekersSheet>[1])
    case 'placements':
      return placementsSheet(title, rows as Parameters<typeof placementsSheet>[1])
    case 'certificates':
      return certificatesSheet(title, rows as Parameters<typeof certificatesSheet>[1])
    case 'proposals':
      return proposalsSheet(title, rows as Parameters<typeof proposalsSheet>[1])
    case 'households':
      return householdsSheet(title, rows as Parameters<typeof householdsSheet>[1])
  }
}

const townshipOf = (actor: Actor, req: ExportRequest) => scopeTownship(actor) ?? ('township' in req.filters ? req.filters.township : undefined)

/**
 * 导出: the list's first row is read now, as the officer, so that a filter outside their scope (403)
 * or a match run that is not theirs (404) is refused at once, not in a job that fails later.
 */
export async function start(deps: Deps, actor: Actor, req: ExportRequest): Promise<{ id: string }> {
  allow(actor, 'officer', 'admin')
  await readPage(deps, actor, { ...req, fullIds: false }, { limit: 1 })
  const now = deps.now()
  const id = newId()
  const today = districtDate(now)
  const where = townshipOf(actor, req)
  const record: StoredExport = {
    id,
    list: req.list,
    filters: req.filters,
    fullIds: req.fullIds,
    status: 'queued',
    percent: 0,
    rows: 0,
    fileName: `${LIST_ZH[req.list]}-${where ? (townshipByCode.get(where)?.name ?? where) : '全区'}-${today}.xlsx`,
    createdBy: actor.userId,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    actor: { role: actor.role, ...(actor.scope ? { scope: actor.scope } : {}) },
  }
  await putExport(deps.db, record, { objectType: 'export', objectId: id, action: 'export.create', ...by(actor), after: { list: req.list, filters: req.filters, fullIds: req.fullIds } }, now)
  await deps.jobs.start({ type: 'exportRun', exportId: id })
  return { id }
}

/** An export is its maker's alone (it may hold full ID numbers): to anyone else it does not exist. */
async function fromId(deps: Deps, actor: Actor, id: string): Promise<StoredExport> {
  allow(actor, 'officer', 'admin')
  const r = await getExport(deps.db, id)
  if (!r || r.createdBy !== actor.userId) throw notFound('export')
  return r
}

const RUNNING: ExportStatus[] = ['queued', 'running']
/** A record as shown: a run that died part-way (shared/stalled-jobs.ts) is failed. */
const asShown = (r: StoredExport, now: Date): ExportRecord => (isStalled(r, RUNNING, now) ? { ...shownExport(r), status: 'failed', failure: EXPORT_STALLED } : shownExport(r))

/** Progress, and once done a short-lived link to the file. A run that died is written failed here, once. */
export async function get(deps: Deps, actor: Actor, id: string): Promise<ExportRecord> {
  const r = await fromId(deps, actor, id)
  const shown = asShown(r, deps.now())
  if (shown.status === 'failed' && r.status !== 'failed') {
    try {
      await updateExport(deps.db, id, { status: 'failed', failure: EXPORT_STALLED }, deps.now(), RUNNING)
    } catch (e) {
      // It moved meanwhile after all: show it as it is now.
      if (!isConditional(e)) throw e
      return get(deps, actor, id)
    }
  }
  if (r.status !== 'done' || !r.fileKey) return shown
  return { ...shown, link: { ...(await deps.files.link(r.fileKey)), fileName: r.fileName } }
}

/** 我的导出 the officer's own exports, newest first (links only on GET /api/exports/:id). */
export async function list(deps: Deps, actor: Actor, page: Paging): Promise<Page<ExportRecord>> {
  allow(actor, 'officer', 'admin')
  const p = await listExportsOfUser(deps.db, actor.userId, page)
  const now = deps.now()
  return { items: p.items.map((r) => asShown(r, now)), nextCursor: p.nextCursor }
}

const actorOf = (r: StoredExport): Actor => ({ userId: r.createdBy, role: r.actor.role as Actor['role'], ...(r.actor.scope ? { scope: r.actor.scope as Actor['scope'] & string } : {}), sessionId: `export:${r.id}` })
const isConditional = (e: unknown) => e instanceof Error && e.name === 'ConditionalCheckFailedException'
const tooMany = () => new DomainError('export.tooMany', 'tooLarge', `一次最多导出 ${MAX_EXPORT_ROWS} 行，请缩小筛选范围（如按乡镇）`, `An export holds at most ${MAX_EXPORT_ROWS} rows: narrow the filters (by township, for one)`)

/**
 * The job. Percent: 10 once started, then up with each page read (the list's length is not known
 * before it is read, so never past 90 while reading), 95 rendering, 100 done.
 */
export async function run(deps: Deps, id: string): Promise<void> {
  const r = await getExport(deps.db, id)
  if (!r || r.status !== 'queued') return
  try {
    await updateExport(deps.db, id, { status: 'running', percent: 10 }, deps.now(), ['queued'])
  } catch (e) {
    if (isConditional(e)) return // a second start of the same job
    throw e
  }
  const req = { list: r.list, filters: r.filters, fullIds: r.fullIds } as ExportRequest
  const actor = actorOf(r)
  try {
    const rows: unknown[] = []
    let cursor: string | undefined
    for (let pages = 1; ; pages++) {
      const p = await readPage(deps, actor, req, { limit: PAGE, ...(cursor ? { cursor } : {}) }, { exportId: id })
      rows.push(...p.items)
      if (rows.length > MAX_EXPORT_ROWS) throw tooMany()
      if (!p.nextCursor) break
      cursor = p.nextCursor
      await updateExport(deps.db, id, { percent: Math.min(90, 10 + pages * 2), rows: rows.length }, deps.now(), ['running'])
    }
    await updateExport(deps.db, id, { percent: 95, rows: rows.length }, deps.now(), ['running'])
    const spec = sheetOf(req, exportTitle(req.list, townshipOf(actor, req), districtDate(deps.now()), req.fullIds), rows)
    const { key } = await deps.exports.render({ spec, fileName: r.fileName })
    const reveal = req.fullIds ? { objectType: 'export', objectId: id, action: 'idNumber.reveal', actorId: r.createdBy, actorRole: r.actor.role, after: { list: req.list, filters: req.filters, rows: rows.length } } : undefined
    await finishExport(deps.db, id, { rows: rows.length, fileKey: key }, reveal, deps.now())
  } catch (e) {
    const failure = e instanceof DomainError ? { code: e.code, message: e.message, messageEn: e.messageEn } : { code: 'export.failed', message: '导出失败，请稍后重试', messageEn: 'The export failed; try again later' }
    if (!(e instanceof DomainError)) deps.log.error('export job failed', { exportId: id, error: e instanceof Error ? e.message : String(e) })
    await updateExport(deps.db, id, { status: 'failed', failure }, deps.now(), ['running'])
  }
}
