/**
 * 一人一档 seeker files: who may read and change a file, what a seeker may change alone, and what
 * waits for an officer (household facts that decide money), each change audited in its transaction.
 */
import { addDays, birthDateRefusal, districtDate } from '../../shared/dates.js'
import { DomainError, FieldRefusal, refuseDay } from '../../shared/errors.js'
import type { Page } from '../../shared/schemas/common.js'
import type { PeopleSearch, Seeker, SeekerHit, SeekerInput, SeekerSearch } from '../../shared/schemas/seekers.js'
import { readPeopleQuery } from '../../shared/search/people-tokens.js'
import { recordAudit, type AuditDraft } from '../db/audit.js'
import {
  createSeeker,
  decidePendingChange,
  getPendingChange,
  getSeeker,
  getSeekerOfUser,
  listIdCollisions,
  listPendingChanges,
  listIdleSeekersOfTownship,
  listSeekersOfTownship,
  recordIdCollision,
  revealIdNumber,
  riskEliminatedSeekerWrites,
  searchPeople,
  searchSeekers,
  createImportedSeekers,
  NO_INDEX_ROWS,
  type IndexRows,
  getSeekersWithPhones,
  indexMissing,
  seekerIdOfIdNumber,
  seekerIdsOfIdNumbers,
  seekersAlike,
  seekerPhone,
  updateSeeker,
  verifySeekerFile,
  type HouseholdFacts,
  type IdCollision,
  type PendingChange,
} from '../db/seekers.js'
import { revealPhone } from '../db/users.js'
import { lastImportedOf, lastImportedValue, type Imported } from '../db/imports.js'
import { eachLimit } from '../../shared/each-limit.js'
import type { TxItem } from '../db/tx.js'
import { maskPhone } from '../../shared/phone.js'
import { SeekerInput as SeekerInputSchema } from '../../shared/schemas/seekers.js'
import { maskIdNumber, parseIdNumber } from '../../shared/id-number.js'
import { daysBefore } from '../../shared/dates.js'
import { TOWNSHIP_CODES } from '../../shared/geo.js'
import { acrossTownships } from '../db/across.js'
import { allow, by, forbidden, inScope, isOfficer, listTownship, listTownships, notFound, scopeTownship } from './access.js'
import type { Actor, Deps } from './deps.js'

/** A file is seen by its own seeker and by officers of its township (or the district); to anyone else it does not exist. */
export async function fromId(deps: Deps, actor: Actor, id: string): Promise<Seeker> {
  allow(actor, 'seeker', 'officer', 'admin')
  const s = await getSeeker(deps.db, id)
  const own = s && actor.role === 'seeker' && s.userId === actor.userId
  if (!s || !(own || inScope(actor, s.township))) throw notFound('seeker')
  return s
}

/** An officer's view: the file must be in the officer's scope. */
export async function forOfficer(deps: Deps, actor: Actor, id: string): Promise<Seeker> {
  allow(actor, 'officer', 'admin')
  return fromId(deps, actor, id)
}

export function search(deps: Deps, actor: Actor, q: SeekerSearch): Promise<Page<Seeker>> {
  allow(actor, 'officer', 'admin')
  // A village names its township (`<township>-<n>`): a district officer choosing one reads that township only.
  const township = listTownship(actor, q.township ?? (q.village && !scopeTownship(actor) ? TOWNSHIP_CODES.find((t) => q.village!.startsWith(`${t}-`)) : undefined))
  // 待跟进: people who want work and did nothing for `idleDays` (the to-do list's target), longest idle first.
  if (q.idleDays) {
    const before = daysBefore(deps.now(), q.idleDays)
    return acrossTownships(deps.db, ['idleSeekers', q.idleDays], listTownships(actor, township), q, (t, p) => listIdleSeekersOfTownship(deps.db, t, before, p))
  }
  // Neither a name nor ID digits nor a township: the district's people, township after township (全区).
  if (!q.idLast4 && !q.q && !township) return acrossTownships(deps.db, ['seekers'], listTownships(actor, undefined), q, (t, p) => listSeekersOfTownship(deps.db, t, p))
  return searchSeekers(deps.db, q, township)
}

/**
 * 查找人员 people search: a township officer searches their township only (another township is a
 * 403, as for lists); a district officer or an admin the district, or the township a village names.
 */
export function findPeople(deps: Deps, actor: Actor, q: PeopleSearch): Promise<Page<SeekerHit>> {
  allow(actor, 'officer', 'admin')
  const township = listTownship(actor, q.township ?? (q.village && !scopeTownship(actor) ? TOWNSHIP_CODES.find((t) => q.village!.startsWith(`${t}-`)) : undefined))
  const read = readPeopleQuery(q.q)
  // The schema has refused these already; a caller that skipped it gets the same answer.
  if ('problem' in read) throw new DomainError('seeker.searchQuery', 'invalid', '请输入姓名、拼音、首字母或后 4 位', 'Enter a name, pinyin, initials or a last 4')
  return searchPeople(deps.db, deps.protector, read, { ...(township ? { township } : {}), ...(q.village ? { village: q.village } : {}) }, { limit: q.limit, ...(q.cursor ? { cursor: q.cursor } : {}) })
}

const householdOf = (s: Pick<Seeker, 'category' | 'monitoredSubtype' | 'riskEliminatedOn'>): HouseholdFacts => ({
  category: s.category,
  ...(s.monitoredSubtype ? { monitoredSubtype: s.monitoredSubtype } : {}),
  ...(s.riskEliminatedOn ? { riskEliminatedOn: s.riskEliminatedOn } : {}),
})
const sameHousehold = (a: HouseholdFacts, b: HouseholdFacts) => a.category === b.category && a.monitoredSubtype === b.monitoredSubtype && a.riskEliminatedOn === b.riskEliminatedOn

/** Names the fields that changed, never their personal values. */
const changedFields = (input: Record<string, unknown>, current: Seeker) =>
  Object.entries(input)
    .filter(([k, v]) => k !== 'idNumber' && k !== 'phone' && JSON.stringify(v) !== JSON.stringify((current as Record<string, unknown>)[k]))
    .map(([k]) => k)

/**
 * A duplicate ID number is a 409 for whoever enters it, and the collision is listed for the
 * township's officers: a seeker who took someone else's number is found, not just refused.
 */
async function withCollisionNoted<T>(deps: Deps, actor: Actor, input: SeekerInput, work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (e) {
    if (e instanceof DomainError && e.code === 'seeker.duplicateIdNumber') {
      const existing = await seekerIdOfIdNumber(deps.db, deps.protector, input.idNumber)
      const holder = existing ? await getSeeker(deps.db, existing) : undefined
      if (holder) {
        const attempt = { existingSeekerId: holder.id, idNumberMasked: maskIdNumber(input.idNumber), attemptedBy: actor.userId, attemptedRole: actor.role, attemptedName: input.name }
        await recordIdCollision(deps.db, { township: holder.township, ...attempt }, deps.now())
        if (input.township !== holder.township) await recordIdCollision(deps.db, { township: input.township, ...attempt }, deps.now())
      }
    }
    throw e
  }
}

/**
 * The file's dates make sense: the ID number's birth date is in the past and the person is at
 * least 16 on the day the file was made (a 400 on `idNumber`); the risk was eliminated (风险消除)
 * and the returnee came back between birth and today; availability is within a year ahead.
 */
function checkFileDates(input: SeekerInput, fileMadeAt: Date, now: Date = fileMadeAt): void {
  const info = parseIdNumber(input.idNumber)
  if ('problem' in info) return // the schema has refused it already
  refuseDay('idNumber', birthDateRefusal(info.birthDate, districtDate(fileMadeAt)))
  const today = districtDate(now)
  const past = (field: string, day: string | undefined, zh: string, en: string) => {
    if (day === undefined) return
    if (day > today) throw new FieldRefusal(`seeker.${field}.future`, field, `${zh}不能晚于今天（${today}）`, `${en} cannot be after today (${today})`)
    if (day < info.birthDate) throw new FieldRefusal(`seeker.${field}.beforeBirth`, field, `${zh}不能早于出生日期（${info.birthDate}）`, `${en} cannot be before the birth date (${info.birthDate})`)
  }
  past('riskEliminatedOn', input.riskEliminatedOn, '风险消除日期', 'The risk elimination date')
  past('returnee.returnDate', input.returnee?.returnDate, '返乡日期', 'The return date')
  const latest = addDays(today, 366)
  if (input.availableFrom && input.availableFrom > latest) {
    throw new FieldRefusal('seeker.availableFrom.tooFar', 'availableFrom', `可上岗日期最晚为一年内（${latest}）`, `The available-from date can be at most a year ahead (${latest})`)
  }
}

/** An officer files a person on their behalf: the file is verified from the start. */
export async function createOnBehalf(deps: Deps, actor: Actor, input: SeekerInput): Promise<Seeker> {
  allow(actor, 'officer', 'admin')
  if (!inScope(actor, input.township)) throw forbidden('只能为本乡镇的群众建档', 'You can create files for your own township only')
  checkFileDates(input, deps.now())
  return withCollisionNoted(deps, actor, input, () =>
    createSeeker(deps.db, deps.protector, input, actor, {
      now: deps.now(),
      verified: true,
      audit: (s) => ({ objectType: 'seeker', objectId: s.id, action: 'seeker.create', ...by(actor), after: { township: s.township, onBehalf: true }, history: { seekerId: s.id, type: 'file', title: s.name } }),
    }),
  )
}

/**
 * Writes a file. An officer in scope changes anything (not moving it out of scope). A seeker
 * changes their own file, but on a verified file the ID number is fixed and a change of household
 * facts becomes a pending change: the file keeps its confirmed facts until an officer decides.
 */
async function write(deps: Deps, actor: Actor, current: Seeker, body: SeekerInput): Promise<{ seeker: Seeker; pending: boolean }> {
  const officer = isOfficer(actor)
  // A seeker's phone is the account's, verified at sign-in; only officers record another one.
  const { phone: _phone, ...own } = body
  let input: SeekerInput = officer ? body : own
  if (officer && !inScope(actor, input.township)) throw forbidden('不能把档案移出您的辖区', 'You cannot move a file outside your township')
  checkFileDates(input, new Date(current.createdAt), deps.now())
  let pending: PendingChange | undefined
  if (!officer && current.verifiedAt) {
    const fixed = (await seekerIdOfIdNumber(deps.db, deps.protector, input.idNumber)) === current.id
    if (!fixed) throw new DomainError('seeker.idNumberFixed', 'conflict', '档案已由就业专员核实，身份证号不能自行修改，请联系专员', 'An officer has verified this file: the ID number can only be corrected by an officer')
    const requested = householdOf(input)
    const confirmed = householdOf(current)
    if (!sameHousehold(requested, confirmed)) {
      pending = { seekerId: current.id, seekerName: current.name, township: current.township, current: confirmed, requested, requestedBy: actor.userId, requestedAt: deps.now().toISOString() }
      const { monitoredSubtype: _m, riskEliminatedOn: _r, ...rest } = input
      input = { ...rest, ...confirmed }
    }
  }
  const audit = {
    objectType: 'seeker',
    objectId: current.id,
    action: 'seeker.update',
    ...by(actor),
    after: { fields: changedFields(input, current), ...(pending ? { pendingHousehold: pending.requested } : {}) },
    // A household change asked by the seeker waits for an officer: it shows as requested.
    history: pending ? { seekerId: current.id, type: 'household' as const, status: 'requested', kind: pending.requested.category } : { seekerId: current.id, type: 'file' as const },
  }
  const seeker = await withCollisionNoted(deps, actor, input, () => updateSeeker(deps.db, deps.protector, current.id, input, actor, deps.now(), audit, pending))
  return { seeker, pending: Boolean(pending) }
}

export async function update(deps: Deps, actor: Actor, id: string, body: SeekerInput) {
  return write(deps, actor, await fromId(deps, actor, id), body)
}

/** The signed-in seeker's own file. */
export async function ownFile(deps: Deps, actor: Actor): Promise<Seeker> {
  allow(actor, 'seeker')
  const s = await getSeekerOfUser(deps.db, actor.userId)
  if (!s) throw new DomainError('seeker.notFound', 'notFound', '您还没有建立求职档案', 'You have no seeker file yet')
  return s
}

/** The seeker's file if they have one (lists of their own things are empty without it). */
export async function ownFileIfAny(deps: Deps, actor: Actor, opts: { recent?: boolean } = {}): Promise<Seeker | undefined> {
  allow(actor, 'seeker')
  return getSeekerOfUser(deps.db, actor.userId, { ...opts, ...(actor.seekerId ? { seekerId: actor.seekerId } : {}) })
}

/** A seeker creates or rewrites their own file; a new file takes the account's verified phone. */
export async function saveOwnFile(deps: Deps, actor: Actor, body: SeekerInput): Promise<{ seeker: Seeker; created: boolean; pending: boolean }> {
  allow(actor, 'seeker')
  const existing = await getSeekerOfUser(deps.db, actor.userId)
  if (existing) return { ...(await write(deps, actor, existing, body)), created: false }
  const { phone: _ignored, ...input } = body
  checkFileDates(input, deps.now())
  const phone = await revealPhone(deps.db, deps.protector, actor.userId)
  const seeker = await withCollisionNoted(deps, actor, input, () =>
    createSeeker(deps.db, deps.protector, input, actor, {
      userId: actor.userId,
      ...(phone ? { phone } : {}),
      now: deps.now(),
      audit: (s) => ({ objectType: 'seeker', objectId: s.id, action: 'seeker.create', ...by(actor), after: { township: s.township, onBehalf: false }, history: { seekerId: s.id, type: 'file', title: s.name } }),
    }),
  )
  return { seeker, created: true, pending: false }
}

/**
 * The audit event of one person's full ID number shown (PIPL art. 28), on their file's trail: one
 * file's reveal, and each person of a full-ID export (`after` names the export).
 */
export const idRevealEvent = (actor: Actor, seekerId: string, after?: Record<string, unknown>): AuditDraft => ({
  objectType: 'seeker',
  objectId: seekerId,
  action: 'idNumber.reveal',
  ...by(actor),
  ...(after ? { after } : {}),
})

/** PIPL art. 28: the reveal is recorded before the number is handed out. */
export async function revealId(deps: Deps, actor: Actor, id: string): Promise<string> {
  const s = await forOfficer(deps, actor, id)
  await recordAudit(deps.db, idRevealEvent(actor, s.id), deps.now())
  return revealIdNumber(deps.db, deps.protector, s.id)
}

/** An officer in scope checks a seeker-entered file against the roster: its ID number is then fixed. */
export async function verifyFile(deps: Deps, actor: Actor, id: string): Promise<Seeker> {
  const s = await forOfficer(deps, actor, id)
  return verifySeekerFile(deps.db, s, actor.userId, deps.now(), { objectType: 'seeker', objectId: s.id, action: 'seeker.verify', ...by(actor), history: { seekerId: s.id, type: 'file', status: 'verified' } })
}

export async function pendingChanges(deps: Deps, actor: Actor, q: { township?: string; limit: number; cursor?: string }): Promise<Page<PendingChange>> {
  allow(actor, 'officer', 'admin')
  return acrossTownships(deps.db, ['pendingChanges'], listTownships(actor, q.township), q, (t, p) => listPendingChanges(deps.db, t, p.limit, p.cursor))
}

/** Confirm or reject a seeker's change of household facts; both are audited with before/after. */
export async function decideChange(deps: Deps, actor: Actor, seekerId: string, decision: 'confirm' | 'reject'): Promise<Seeker> {
  const s = await forOfficer(deps, actor, seekerId)
  const change = await getPendingChange(deps.db, s.township, s.id)
  if (!change) throw notFound('pendingChange')
  await decidePendingChange(deps.db, change, decision === 'confirm', deps.now(), {
    objectType: 'seeker',
    objectId: s.id,
    action: decision === 'confirm' ? 'household.confirm' : 'household.reject',
    ...by(actor),
    before: { ...change.current },
    after: decision === 'confirm' ? { ...change.requested } : { ...change.current },
    history: { seekerId: s.id, type: 'household', status: decision === 'confirm' ? 'confirmed' : 'rejected', kind: change.requested.category },
  }, s)
  return (await getSeeker(deps.db, s.id)) ?? s
}

export async function idCollisions(deps: Deps, actor: Actor, q: { township?: string; limit: number; cursor?: string }): Promise<Page<IdCollision>> {
  allow(actor, 'officer', 'admin')
  return acrossTownships(deps.db, ['idCollisions'], listTownships(actor, q.township), q, (t, p) => listIdCollisions(deps.db, t, p.limit, p.cursor))
}

/**
 * 风险消除 on the members' files, for the use case that closes their household's monitoring (core/cases.ts
 * `close`) to put into its own transaction: each member's `riskEliminatedOn`, which eligibility and
 * matching already read. Only files of the household's township count as its members.
 */
export function riskEliminatedWrites(deps: Deps, members: readonly Seeker[], on: string): TxItem[] {
  return riskEliminatedSeekerWrites(deps.db, members, on, deps.now())
}

/**
 * 导入 one valid row of a people roster (functions/core/imports.ts runs the sheet). A person is
 * found by their ID number through the blind index, never by name: a new number makes a file
 * (unless a file with the same name, birth date and village exists: a near-duplicate, held for an
 * officer); a known one updates what changed, with before and after in the audit event, unless an
 * officer changed that field since the last import while the roster changed it too (held for
 * review). The same row twice changes nothing.
 */
export type ImportOutcome =
  | { outcome: 'created' | 'updated' | 'unchanged'; seekerId?: string }
  | { outcome: 'review'; review: ImportReviewDraft }
  | { outcome: 'outOfScope' }
export interface ImportReviewDraft {
  kind: 'nearDuplicate' | 'editedSince'
  seekerId: string
  existingIdNumberMasked?: string
  fields?: { field: string; current: unknown; imported: unknown }[]
}

/** The fields a people roster decides (the rest of a file is the seeker's or the officer's). */
export const IMPORTED_FIELDS = ['name', 'category', 'monitoredSubtype', 'riskEliminatedOn', 'laborCapacity', 'education', 'township', 'village', 'householdId', 'phone'] as const
type ImportedField = (typeof IMPORTED_FIELDS)[number]
export type ImportedValues = Partial<Record<ImportedField, string>>

/** A file as the form would send it, from what is stored and its full ID number. */
export const inputOfFile = (s: Seeker, idNumber: string): Record<string, unknown> => ({
  name: s.name,
  idNumber,
  category: s.category,
  ...(s.monitoredSubtype ? { monitoredSubtype: s.monitoredSubtype } : {}),
  ...(s.householdId ? { householdId: s.householdId } : {}),
  township: s.township,
  village: s.village,
  laborCapacity: s.laborCapacity,
  education: s.education,
  skills: s.skills,
  certificates: s.certificates ?? [],
  intents: s.intents,
  preferredTownships: s.preferredTownships ?? [],
  ...(s.maxCommuteKm !== undefined ? { maxCommuteKm: s.maxCommuteKm } : {}),
  ...(s.willingToMigrate !== undefined ? { willingToMigrate: s.willingToMigrate } : {}),
  ...(s.expectedWage ? { expectedWage: s.expectedWage } : {}),
  ...(s.availableFrom ? { availableFrom: s.availableFrom } : {}),
  ...(s.returnee ? { returnee: s.returnee } : {}),
  ...(s.graduate ? { graduate: s.graduate } : {}),
  ...(s.yulu ? { yulu: s.yulu } : {}),
  ...(s.helperName ? { helperName: s.helperName } : {}),
  ...(s.riskEliminatedOn ? { riskEliminatedOn: s.riskEliminatedOn } : {}),
})

const currentValues = (s: Seeker, phone: string | undefined): ImportedValues => {
  const out: ImportedValues = {}
  for (const f of IMPORTED_FIELDS) {
    const v = f === 'phone' ? phone : (s as Record<string, unknown>)[f]
    if (typeof v === 'string') out[f] = v
  }
  return out
}
/** Before/after of the audit trail: a phone is named, never written out. */
const auditValues = (v: ImportedValues, fields: readonly string[]) => Object.fromEntries(fields.map((f) => [f, f === 'phone' ? (v.phone ? maskPhone(v.phone) : null) : (v[f as ImportedField] ?? null)]))

/** A valid row of a people roster: what it says, and the ID number beside it. */
export interface ImportRow {
  idNumber: string
  values: ImportedValues & { name: string; township: string; village: string }
}
/** A row's outcome, or why its row is refused (a field refusal names the field). */
export type ImportAnswer = ImportOutcome | { error: DomainError }

/** Rows judged and updates written at once (the reads before them are batched per chunk). */
const UPDATERS = 8

/**
 * Judges (and unless `dryRun` writes) a chunk of a roster's rows, as `actor` (the officer who
 * uploaded it); the answers are in the rows' order. What a row is compared with is read for the
 * whole chunk at once: the ID numbers' uniqueness items, the files they name with their last
 * imported values (BatchGetItem, 100 keys a request), and the near-duplicates of the new rows one
 * Query per name and township. Updates are written one file a transaction (each conditional on the
 * file as read); new files together (createImported), their index rows left in `derived` for the
 * caller to add (functions/db/seekers.ts addIndexRows; it may judge its next chunks meanwhile).
 * Files of earlier imports that lack their index rows get them back (indexMissing).
 */
export async function importPeople(deps: Deps, actor: Actor, rows: readonly ImportRow[], ctx: { importId: string; dryRun: boolean }): Promise<{ answers: ImportAnswer[]; derived: Promise<IndexRows> }> {
  allow(actor, 'officer', 'admin')
  const now = deps.now()
  const out: ImportAnswer[] = new Array(rows.length)
  const inside: number[] = []
  rows.forEach((r, i) => {
    if (!inScope(actor, r.values.township)) out[i] = { outcome: 'outOfScope' }
    else if ('problem' in parseIdNumber(r.idNumber)) out[i] = { error: new DomainError('seeker.idNumber', 'invalid', '身份证号无效', 'Invalid ID number') }
    else inside.push(i)
  })
  const ids = await seekerIdsOfIdNumbers(deps.db, deps.protector, inside.map((i) => rows[i]!.idNumber))
  const known = inside.filter((i) => ids.has(rows[i]!.idNumber))
  const fresh = inside.filter((i) => !ids.has(rows[i]!.idNumber))
  const [files, alike] = await Promise.all([getSeekersWithPhones(deps.db, deps.protector, [...new Set(known.map((i) => ids.get(rows[i]!.idNumber)!))]), alikeOf(deps, fresh.map((i) => rows[i]!))])
  const lasts = await lastImportedOf(deps.db, files)
  const updates: { i: number; s: Seeker; input: SeekerInput; changed: ImportedField[]; current: ImportedValues }[] = []
  const creates: { i: number; create: PendingCreate }[] = []
  const attempt = (i: number, judge: () => void) => {
    try {
      judge()
    } catch (e) {
      if (!(e instanceof DomainError)) throw e
      out[i] = { error: e }
    }
  }
  for (const i of known) {
    const { idNumber, values } = rows[i]!
    attempt(i, () => {
      const file = files.get(ids.get(idNumber)!)
      if (!file || !inScope(actor, file.seeker.township)) return void (out[i] = { outcome: 'outOfScope' })
      const s = file.seeker
      const j = judgeChange(s, currentValues(s, values.phone ? file.phone : undefined), lasts.get(s.id), values, idNumber)
      if ('outcome' in j) out[i] = j
      else {
        updates.push({ i, s, ...j })
        out[i] = { outcome: 'updated', seekerId: s.id }
      }
    })
  }
  for (const i of fresh) {
    const { idNumber, values } = rows[i]!
    attempt(i, () => {
      const birthDate = (parseIdNumber(idNumber) as { birthDate: string }).birthDate
      const near = alike.get(alikeKey(values.name, values.township))?.find((s) => s.village === values.village && s.birthDate === birthDate)
      if (near) return void (out[i] = { outcome: 'review', review: { kind: 'nearDuplicate', seekerId: near.id, existingIdNumberMasked: near.idNumberMasked } })
      const input = parseImportInput({ ...values, idNumber, intents: values.laborCapacity === 'none' ? [] : ['employment'] })
      checkFileDates(input, now)
      creates.push({ i, create: { input, values } })
      out[i] = { outcome: 'created' }
    })
  }
  if (ctx.dryRun) return { answers: out, derived: Promise.resolve(NO_INDEX_ROWS) }
  const [, written] = await Promise.all([
    eachLimit(updates, UPDATERS, async (u) => {
      try {
        await writeImported(deps, actor, u.s, u.input, u.changed, u.current, rows[u.i]!.values, { action: 'seeker.import', importId: ctx.importId })
      } catch (e) {
        if (!(e instanceof DomainError)) throw e
        out[u.i] = { error: e }
      }
    }),
    createImported(deps, actor, creates.map((c) => c.create), ctx.importId),
  ])
  written.answers.forEach((w, k) => (out[creates[k]!.i] = 'error' in w ? { error: w.error } : { outcome: 'created', seekerId: w.seeker.id }))
  // Files an earlier import wrote but stopped before their index rows: this import puts them back
  // (after the updates, which write their own rows, so an older row never lands on a newer one).
  await indexMissing(deps.db, deps.protector, [...files.values()].filter((f) => inScope(actor, f.seeker.township)))
  return { answers: out, derived: written.derived }
}

/** One row against its file: unchanged, held for review (an officer edited a field the roster changes), or the change to write. */
function judgeChange(s: Seeker, current: ImportedValues, last: Imported | undefined, values: ImportedValues, idNumber: string): ImportOutcome | { input: SeekerInput; changed: ImportedField[]; current: ImportedValues } {
  const changed: ImportedField[] = []
  const edited: ImportedField[] = []
  for (const f of IMPORTED_FIELDS) {
    if (values[f] === undefined || values[f] === current[f]) continue
    // The roster says what it said last time: an officer's later correction stands.
    if (last && f !== 'phone' && last[f] === values[f]) continue
    if (last && f !== 'phone' && f in last && last[f] !== current[f]) edited.push(f)
    else changed.push(f)
  }
  // A 监测户's kind goes with its category: leaving it alone when the roster says 脱贫户 would be refused.
  if (changed.includes('category') && values.category !== 'monitored' && current.monitoredSubtype) changed.push('monitoredSubtype')
  if (edited.length) return { outcome: 'review', review: { kind: 'editedSince', seekerId: s.id, fields: [...edited, ...changed].map((f) => ({ field: f, current: auditValues(current, [f])[f], imported: auditValues(values, [f])[f] })) } }
  if (!changed.length) return { outcome: 'unchanged', seekerId: s.id }
  const merged: Record<string, unknown> = { ...inputOfFile(s, idNumber) }
  for (const f of changed) {
    if (values[f] === undefined) delete merged[f]
    else merged[f] = values[f]
  }
  return { input: parseImportInput(merged), changed, current }
}

const alikeKey = (name: string, township: string) => `${township}#${name}`
/** The files alike the new rows (same name and township, one of their villages and birth days), per name and township. */
async function alikeOf(deps: Deps, rows: readonly ImportRow[]): Promise<Map<string, Seeker[]>> {
  const groups = new Map<string, { name: string; township: string; villages: Set<string>; births: Set<string> }>()
  for (const { idNumber, values } of rows) {
    const k = alikeKey(values.name, values.township)
    const g = groups.get(k) ?? { name: values.name, township: values.township, villages: new Set<string>(), births: new Set<string>() }
    g.villages.add(values.village)
    g.births.add((parseIdNumber(idNumber) as { birthDate: string }).birthDate)
    groups.set(k, g)
  }
  const out = new Map<string, Seeker[]>()
  await eachLimit(groups, UPDATERS, async ([k, g]) => {
    out.set(k, await seekersAlike(deps.db, g.name, g.township, [...g.villages], [...g.births]))
  })
  return out
}

const withoutPhone = ({ phone: _p, ...v }: ImportedValues): ImportedValues => v

/** A new file a roster import judged and left to be written with the others (createImported). */
export interface PendingCreate {
  input: SeekerInput
  values: ImportedValues
}

/** Writes a roster's new files together (functions/db/seekers.ts createImportedSeekers); each answer is the file or its row's refusal. */
export async function createImported(deps: Deps, actor: Actor, rows: readonly PendingCreate[], importId: string) {
  allow(actor, 'officer', 'admin')
  const now = deps.now()
  return createImportedSeekers(
    deps.db,
    deps.protector,
    rows.map(({ input, values }) => ({
      input,
      audit: (s: Seeker) => ({ objectType: 'seeker', objectId: s.id, action: 'seeker.import', ...by(actor), after: { township: s.township, importId, ...auditValues(values, Object.keys(values)) }, history: { seekerId: s.id, type: 'file' as const, title: s.name } }),
      lastImported: lastImportedValue(importId, withoutPhone(values), now),
    })),
    actor,
    now,
  )
}

/** The roster's row as the form's input: a row the form would refuse is refused the same way (a 400 naming the field). */
function parseImportInput(raw: Record<string, unknown>): SeekerInput {
  const r = SeekerInputSchema.safeParse(raw)
  if (r.success) return r.data
  const issue = r.error.issues[0]!
  const field = issue.path.join('.') || 'file'
  const en = (issue as { params?: { en?: string } }).params?.en ?? issue.message
  throw new FieldRefusal(`import.${field}.invalid`, field, issue.message, en)
}

/** Updates a file from a roster row (or a review's decision), with before/after and the new last-imported values in its transaction. */
export async function writeImported(
  deps: Deps,
  actor: Actor,
  s: Seeker,
  input: SeekerInput,
  changed: readonly string[],
  current: ImportedValues,
  values: ImportedValues,
  ctx: { action: string; importId: string; extra?: TxItem[] },
): Promise<Seeker> {
  const now = deps.now()
  return updateSeeker(
    deps.db,
    deps.protector,
    s.id,
    input,
    actor,
    now,
    { objectType: 'seeker', objectId: s.id, action: ctx.action, ...by(actor), before: auditValues(current, changed), after: { ...auditValues(values, changed), importId: ctx.importId }, history: { seekerId: s.id, type: 'file' } },
    undefined,
    ctx.extra ?? [],
    { lastImported: lastImportedValue(ctx.importId, withoutPhone(values), now) },
  )
}

/** What an import review needs of a file: the values as the roster would compare them. */
export async function importedValuesOf(deps: Deps, s: Seeker): Promise<ImportedValues> {
  return currentValues(s, await seekerPhone(deps.db, deps.protector, s.id))
}
