/**
 * 一人一档 seeker files: who may read and change a file, what a seeker may change alone, and what
 * waits for an officer (household facts that decide money), each change audited in its transaction.
 */
import { addDays, birthDateRefusal, districtDate } from '../../shared/dates.js'
import { DomainError, FieldRefusal, refuseDay } from '../../shared/errors.js'
import type { Page } from '../../shared/schemas/common.js'
import type { PeopleSearch, Seeker, SeekerHit, SeekerInput, SeekerSearch } from '../../shared/schemas/seekers.js'
import { readPeopleQuery } from '../../shared/search/people-tokens.js'
import { recordAudit } from '../db/audit.js'
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
  riskEliminatedSeekerWrite,
  searchPeople,
  searchSeekers,
  seekerIdOfIdNumber,
  updateSeeker,
  verifySeekerFile,
  type HouseholdFacts,
  type IdCollision,
  type PendingChange,
} from '../db/seekers.js'
import { revealPhone } from '../db/users.js'
import { maskIdNumber, parseIdNumber } from '../../shared/id-number.js'
import { daysBefore } from '../../shared/dates.js'
import { TOWNSHIP_CODES } from '../../shared/geo.js'
import { acrossTownships } from '../db/across.js'
import { allow, by, forbidden, inScope, isOfficer, listTownship, listTownships, notFound, scopeTownship } from './access.js'
import type { Actor, Deps } from './deps.js'
import type { TxItem } from '../db/tx.js'

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
export async function ownFileIfAny(deps: Deps, actor: Actor): Promise<Seeker | undefined> {
  allow(actor, 'seeker')
  return getSeekerOfUser(deps.db, actor.userId)
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

/** PIPL art. 28: the reveal is recorded before the number is handed out. */
export async function revealId(deps: Deps, actor: Actor, id: string): Promise<string> {
  const s = await forOfficer(deps, actor, id)
  await recordAudit(deps.db, { objectType: 'seeker', objectId: s.id, action: 'idNumber.reveal', ...by(actor) }, deps.now())
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
  }, s.intents)
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
export function riskEliminatedWrites(deps: Deps, members: readonly Pick<Seeker, 'id'>[], on: string): TxItem[] {
  return members.map((m) => riskEliminatedSeekerWrite(deps.db, m.id, on, deps.now()))
}
