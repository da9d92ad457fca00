/**
 * 务工台账 and 证书 rows of an import, written through the placements' and certificates' own use
 * cases as the officer who uploaded the file, so their rules, scope and audit hold. Each row is
 * created, unchanged (already on file), updated (a job the ledger now ends) or refused with its
 * reason. A dry run judges the same way by reading only. A person's rows go one after another,
 * earliest first, so two rows of one file are judged against each other as well as the file.
 */
import { districtDate, endDateRefusal, placementStartRefusal, recordDayRefusal } from '../../shared/dates.js'
import { DomainError, FieldRefusal } from '../../shared/errors.js'
import { eachLimit } from '../../shared/each-limit.js'
import type { CertificateRow } from '../../shared/import/certificates.js'
import type { EmploymentRow } from '../../shared/import/employment.js'
import type { PersonRef } from '../../shared/import/rows.js'
import { maskIdNumber } from '../../shared/id-number.js'
import { jobClash, type HeldJob } from '../../shared/placement-rules.js'
import type { Seeker } from '../../shared/schemas/seekers.js'
import { certificateIdOfNumber, listCertificatesOfSeeker } from '../db/certificates.js'
import { listAllPlacementsOfSeeker } from '../db/placements.js'
import { getSeeker, seekerIdOfIdNumber } from '../db/seekers.js'
import { inScope } from './access.js'
import * as Certificates from './certificates.js'
import type { Actor, Deps } from './deps.js'
import * as Placements from './placements.js'

/** The key of the column a refusal is about (the sheet names it by its own header). */
export interface RecordRefusal {
  field: string
  code: string
  message: string
  messageEn: string
}
export type RecordOutcome = { outcome: 'created' | 'updated' | 'unchanged' } | { refusal: RecordRefusal }

const refusal = (field: string, code: string, message: string, messageEn: string): { refusal: RecordRefusal } => ({ refusal: { field, code, message, messageEn } })
/** A use case's refusal as a row's: a field refusal names its field, anything else the row's `field`. */
const refusalOf = (e: DomainError, field: string) => refusal(e instanceof FieldRefusal ? e.issues[0]!.path : field, e.code, e.message, e.messageEn)

/** People a time: each person's rows are sequential, people side by side. */
const PEOPLE_AT_ONCE = 8
const END_REASON = '务工台账导入：结束时间'

/** The row's person, found by their ID number only (the row's name is checked against theirs, row by row). */
async function personOf(deps: Deps, actor: Actor, ref: PersonRef): Promise<Seeker | { refusal: RecordRefusal }> {
  const id = await seekerIdOfIdNumber(deps.db, deps.protector, ref.idNumber)
  const s = id ? await getSeeker(deps.db, id) : undefined
  const masked = maskIdNumber(ref.idNumber)
  // Outside the officer's scope the person does not exist for them, as everywhere else.
  if (!s || !inScope(actor, s.township))
    return refusal('idNumber', 'import.person.notFound', `没有身份证号为 ${masked} 的人员档案（${ref.name}）：请先导入一户一档或建立档案`, `No person with the ID number ${masked} (${ref.name}) is on file: import the people roster or create the file first`)
  return s
}

const nameMismatch = (ref: PersonRef, s: Seeker) => {
  const masked = maskIdNumber(ref.idNumber)
  return refusal('name', 'import.person.nameMismatch', `姓名“${ref.name}”与身份证号 ${masked} 的档案（${s.name}）不符`, `The name “${ref.name}” is not that of the file with the ID number ${masked} (${s.name})`)
}

/** Rows grouped by person, each group earliest first by `day`. */
function byPerson<T extends PersonRef & { row: number }>(rows: readonly T[], day: (r: T) => string): T[][] {
  const groups = new Map<string, T[]>()
  for (const r of rows) groups.set(r.idNumber, [...(groups.get(r.idNumber) ?? []), r])
  return [...groups.values()].map((g) => g.sort((a, b) => day(a).localeCompare(day(b)) || a.row - b.row))
}

async function eachPerson<T extends PersonRef & { row: number }>(deps: Deps, actor: Actor, rows: readonly T[], day: (r: T) => string, one: (s: Seeker, group: T[], out: Map<number, RecordOutcome>) => Promise<void>) {
  const out = new Map<number, RecordOutcome>()
  await eachLimit(byPerson(rows, day), PEOPLE_AT_ONCE, async (group) => {
    const s = await personOf(deps, actor, group[0]!)
    if ('refusal' in s) return group.forEach((r) => out.set(r.row, s))
    // A row whose name is not the file's is someone else's, or a wrong ID number: it writes nothing.
    const named = group.filter((r) => r.name === s.name)
    for (const r of group) if (r.name !== s.name) out.set(r.row, nameMismatch(r, s))
    if (named.length) await one(s, named, out)
  })
  return out
}

type Job = HeldJob & { status: 'active' | 'ended' }

/** 务工台账: each row an external placement of its person (ended when the ledger gives an end). */
export function importEmployment(deps: Deps, actor: Actor, rows: readonly EmploymentRow[], ctx: { importId: string; dryRun: boolean }): Promise<Map<number, RecordOutcome>> {
  return eachPerson(deps, actor, rows, (r) => r.startDate, async (s, group, out) => {
    const onFile: Job[] = (await listAllPlacementsOfSeeker(deps.db, s.id)).map((p) => ({ ...p }))
    for (const row of group) {
      try {
        out.set(row.row, await employmentRow(deps, actor, s, row, onFile, ctx))
      } catch (e) {
        if (!(e instanceof DomainError)) throw e
        out.set(row.row, refusalOf(e, 'startDate'))
      }
    }
  })
}

async function employmentRow(deps: Deps, actor: Actor, s: Seeker, row: EmploymentRow, onFile: Job[], { importId, dryRun }: { importId: string; dryRun: boolean }): Promise<RecordOutcome> {
  const src = { importId }
  const today = districtDate(deps.now())
  // The same job is the same start at the same employer: the same file again changes nothing.
  const same = onFile.find((p) => p.startDate === row.startDate && p.employer === row.employer)
  if (same) {
    if (!row.endDate || same.endDate === row.endDate) return { outcome: 'unchanged' }
    if (same.status === 'ended')
      return refusal('endDate', 'import.placement.endedOtherwise', `这份工作在档案中已于 ${same.endDate} 结束，台账写的是 ${row.endDate}：请核对`, `On file this job ended on ${same.endDate}; the ledger says ${row.endDate}: check which is right`)
    const bad = endDateRefusal(row.endDate, same.startDate, today)
    if (bad) return refusal('endDate', bad.code, bad.message, bad.messageEn)
    if (!dryRun) await Placements.end(deps, actor, same.id, row.endDate, END_REASON, src)
    Object.assign(same, { status: 'ended', endDate: row.endDate })
    return { outcome: 'updated' }
  }
  const start = placementStartRefusal(row.startDate, s.birthDate, today)
  if (start) return refusal('startDate', start.code, start.message, start.messageEn)
  const job = { id: '', kind: row.kind, destination: row.destination, title: row.title, employer: row.employer, startDate: row.startDate, endDate: row.endDate }
  // The rules the use case applies: no overlap with any job on file over their whole periods (a job
  // still held runs on); a row with an end is recorded ended in one write, beside a job held today.
  if (row.endDate) {
    const bad = endDateRefusal(row.endDate, row.startDate, today)
    if (bad) return refusal('endDate', bad.code, bad.message, bad.messageEn)
  }
  const clash = jobClash(job, onFile)
  if (clash) return refusal('startDate', clash.code, clash.message, clash.messageEn)
  let id = `dry-${row.row}`
  if (!dryRun) {
    const ended = row.endDate ? { endDate: row.endDate, endReason: END_REASON } : {}
    const p = await Placements.recordExternal(deps, actor, { seekerId: s.id, title: row.title, kind: row.kind, employer: row.employer, township: row.township ?? s.township, destination: row.destination, startDate: row.startDate, ...ended }, src)
    id = p.id
  }
  onFile.push({ ...job, id, status: row.endDate ? 'ended' : 'active' })
  return { outcome: 'created' }
}

/** 证书: each row a certificate of its person; one already on file is left as it is (it may be verified). */
export function importCertificates(deps: Deps, actor: Actor, rows: readonly CertificateRow[], ctx: { importId: string; dryRun: boolean }): Promise<Map<number, RecordOutcome>> {
  return eachPerson(deps, actor, rows, (r) => r.issueDate, async (s, group, out) => {
    const onFile = await listCertificatesOfSeeker(deps.db, s.id)
    for (const row of group) {
      try {
        out.set(row.row, await certificateRow(deps, actor, s, row, onFile, ctx))
      } catch (e) {
        if (!(e instanceof DomainError)) throw e
        out.set(row.row, refusalOf(e, 'number'))
      }
    }
  })
}

async function certificateRow(deps: Deps, actor: Actor, s: Seeker, row: CertificateRow, onFile: { kind: string; number: string; occupation: string; level?: number | undefined; issuer: string; issueDate: string }[], { importId, dryRun }: { importId: string; dryRun: boolean }): Promise<RecordOutcome> {
  const same = onFile.find((c) => c.kind === row.kind && c.number === row.number)
  if (same) {
    const differ = (['occupation', 'level', 'issuer', 'issueDate'] as const).filter((f) => same[f] !== row[f])
    if (!differ.length) return { outcome: 'unchanged' }
    const shown = differ.map((f) => `${same[f] ?? '—'} → ${row[f] ?? '—'}`).join('；')
    return refusal(differ[0]!, 'import.certificate.differs', `该证书已登记，内容与本行不同（${shown}）：已登记的证书不由导入修改，请在证书页核对`, `This certificate is on file with other details (${shown}); an import does not change a recorded certificate: check it on the certificates page`)
  }
  if (await certificateIdOfNumber(deps.db, row.kind, row.number)) return refusal('number', 'certificate.duplicate', '该证书编号已登记在另一人名下', 'This certificate number is recorded for another person')
  const day = recordDayRefusal('certificate.issueDate', row.issueDate, s.birthDate, districtDate(deps.now()))
  if (day) return refusal('issueDate', day.code, day.message, day.messageEn)
  if (!dryRun) await Certificates.add(deps, actor, { seekerId: s.id, kind: row.kind, ...(row.level !== undefined ? { level: row.level } : {}), occupation: row.occupation, number: row.number, issuer: row.issuer, issueDate: row.issueDate }, { importId })
  onFile.push(row)
  return { outcome: 'created' }
}
