import { BatchGetCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb'
import { DomainError } from '../../shared/errors.js'
import { villageByCode } from '../../shared/geo.js'
import { maskIdNumber, parseIdNumber } from '../../shared/id-number.js'
import { maskPhone } from '../../shared/phone.js'
import type { Page } from '../../shared/schemas/common.js'
import { groupsOf, type Seeker, type SeekerHit, type SeekerInput, type SeekerSearch } from '../../shared/schemas/seekers.js'
import type { Protector } from '../security/protect.js'
import { batchGet, batchPut } from './batch.js'
import type { Db } from './client.js'
import { addWanting, wantingWrites } from './board.js'
import { orConflict, retryConflicts } from './errors.js'
import { newId } from './ids.js'
import {
  ACTIVEJOB_PREFIX,
  idCollisionKey,
  idCollisionsOf,
  idNumberKey,
  pendingChangeKey,
  pendingChangesOf,
  seekerIndexKeys,
  seekerKey,
  seekerPartition,
  seekersByIdLast4,
  seekersByName,
  seekersOfTownship,
  seekersWantingWork,
  stripKeys,
  userSeekerKey,
} from './keys.js'
import { auditPut, type AuditDraft } from './audit.js'
import { MAX_TX_ITEMS, transact, type TxItem } from './tx.js'
import { eachLimit } from '../../shared/each-limit.js'
import { countUpTo, queryAll, queryFilledPage, queryMarkedPage, queryPage, type PartitionQuery } from './query.js'
import { districtDate } from '../../shared/district-date.js'
import { last4Of, type PeopleQuery } from '../../shared/search/people-tokens.js'
import { addToPeopleIndex, findPeople, peopleIndexWrites, peopleRow, peopleRowsOf, type PeopleSubject } from './people-index.js'
import type { PeopleRow } from '../../shared/search/people-match.js'
import { addToSeekerIndex, rebuildSeekerIndex, seekerIndexWrites, seekerRowsOf } from './seeker-index.js'
import { addMemberCounts, memberCountWrites } from './household-members.js'
import type { LastImported } from './imports.js'
import { recentRead } from './recent-reads.js'
import { linkedFileOf } from './file-links.js'
import { CANDIDATE_FIELDS, type CandidateFile } from '../../shared/seeker-index.js'

/** The bulk-load form (seed, roster import): the file plus its full ID number. */
export interface SeekerRecord extends Omit<Seeker, 'idNumberMasked' | 'gender' | 'birthDate'> {
  idNumber: string
}

const duplicate = () => new DomainError('seeker.duplicateIdNumber', 'conflict', '该身份证号已建档', 'A file with this ID number already exists')
import { notFound as missing } from '../../shared/access.js'
const notFound = () => missing('seeker')

/** The stored form: ID number and phone sealed, indexed by keyed hash, last four, township and name. */
function seekerItem(p: Protector, r: SeekerRecord & { phone?: string }): { item: Record<string, unknown>; idHash: string } {
  const info = parseIdNumber(r.idNumber)
  if ('problem' in info) throw new Error(`seeker ${r.id}: invalid ID number (${info.problem})`)
  const idHash = p.blindIndex('idNumber', info.value)
  const { idNumber: _raw, phone, ...rest } = r
  const seeker: Seeker = {
    ...rest,
    ...(phone ? { phoneMasked: maskPhone(phone) } : {}),
    villageName: villageByCode.get(r.village)?.name,
    idNumberMasked: maskIdNumber(info.value),
    gender: info.gender,
    birthDate: info.birthDate,
  }
  return {
    idHash,
    item: {
      ...seekerKey(r.id),
      entity: 'seeker',
      ...seekerIndexKeys(r, info.value.slice(-4)),
      ...seeker,
      idHash,
      idNumberSealed: p.seal(info.value),
      ...(phone ? { phoneSealed: p.seal(phone) } : {}),
    },
  }
}

/** What a file is found by in people search: name, place, last four of the ID number and of the phone. */
const peopleSubject = (r: { id: string; name: string; township: string; village: string }, idNumber: string | undefined, phone: string | undefined): PeopleSubject => ({
  id: r.id,
  name: r.name,
  township: r.township,
  village: r.village,
  idNumber,
  phone,
})

/** The people-index row of a stored file (its ID number's last four is the masked number's; the phone is opened). */
export const peopleRowOfStored = async (p: Protector, item: Record<string, unknown>): Promise<{ township: string; row: PeopleRow }> => {
  const s = item as unknown as Seeker & { phoneSealed?: string }
  return { township: s.township, row: await peopleRow(p, peopleSubject(s, s.idNumberMasked, s.phoneSealed ? p.open(s.phoneSealed) : undefined)) }
}

export function seekerItems(p: Protector, r: SeekerRecord & { phone?: string }): Record<string, unknown>[] {
  const { item, idHash } = seekerItem(p, r)
  return [item, { ...idNumberKey(idHash), entity: 'idNumber', seekerId: r.id }, ...(r.userId ? [{ ...userSeekerKey(r.userId), entity: 'userSeeker', seekerId: r.id }] : [])]
}

/**
 * Bulk load (seed, a benchmark's district). Files created through the API use a conditional
 * transaction instead. The seeker and people indexes follow the batches (until they do, these
 * files are neither candidates nor found by a search).
 */
export async function putSeekers(db: Db, p: Protector, records: readonly (SeekerRecord & { phone?: string })[]): Promise<void> {
  const items: Record<string, unknown>[] = []
  const files: Seeker[] = []
  const people: { township: string; row: PeopleRow }[] = []
  for (const r of records) {
    const mine = seekerItems(p, r)
    files.push(toSeeker(mine[0]!))
    items.push(...mine)
    people.push({ township: r.township, row: await peopleRow(p, peopleSubject(r, r.idNumber, r.phone)) })
  }
  await batchPut(db, items, 8)
  await Promise.all([addToSeekerIndex(db, files), addToPeopleIndex(db, people)])
  await addWanting(db, records)
  await addMemberCounts(db, files)
}

const toSeeker = (item: Record<string, unknown>): Seeker => {
  const { idHash: _h, idNumberSealed: _s, phoneSealed: _p, lastImported: _l, ...s } = stripKeys<Seeker & { idHash: string; idNumberSealed: string; phoneSealed?: string; lastImported?: unknown }>(item)
  return s
}

export interface Author {
  userId: string
  role: string
}

const fromInput = (id: string, input: SeekerInput, by: Author, now: Date, extra: Partial<SeekerRecord>): SeekerRecord & { phone?: string } => {
  const info = parseIdNumber(input.idNumber)
  if ('problem' in info) throw new DomainError('seeker.idNumber', 'invalid', '身份证号无效', 'Invalid ID number')
  const { expectedWage, ...rest } = input
  return {
    ...rest,
    id,
    ...(expectedWage ? { expectedWage, expectedWageFen: expectedWage.unit === 'month' ? expectedWage.amountFen : undefined } : {}),
    groups: groupsOf(input, info.birthDate, districtDate(now)),
    enteredBy: { userId: by.userId, role: by.role, onBehalf: by.role !== 'seeker' },
    createdAt: now.toISOString(),
    ...extra,
  }
}

/**
 * Creates a file. One per ID number (and, for a seeker's own file, one per account): the file and
 * its uniqueness items are one transaction, so two people entering the same number at once get one file.
 */
export async function createSeeker(
  db: Db,
  p: Protector,
  input: SeekerInput,
  by: Author,
  opts: { userId?: string; phone?: string; now?: Date; verified?: boolean; audit?: (s: Seeker) => AuditDraft; extra?: (s: Seeker) => TxItem[]; lastImported?: LastImported } = {},
): Promise<Seeker> {
  const now = opts.now ?? new Date()
  const id = newId()
  const verified = opts.verified ? { verifiedAt: now.toISOString(), verifiedBy: by.userId } : {}
  const record = fromInput(id, input, by, now, { ...(opts.userId ? { userId: opts.userId } : {}), ...verified })
  const phone = opts.phone ?? input.phone
  const { item, idHash } = seekerItem(p, { ...record, ...(phone ? { phone } : {}) })
  delete (item as Record<string, unknown>).phone
  if (opts.lastImported) Object.assign(item, { lastImported: opts.lastImported })
  const seeker = toSeeker(item)
  const search = peopleIndexWrites(db, [{ after: { township: record.township, row: await peopleRow(p, peopleSubject(record, input.idNumber, phone)) } }])
  await orConflict(
    // Two files of one township's chunk written at the same moment: run again, not a duplicate.
    () =>
      retryConflicts(() => transact(db, [
        { Put: { TableName: db.table, Item: item, ConditionExpression: 'attribute_not_exists(PK)' } },
        ...search,
        { Put: { TableName: db.table, Item: { ...idNumberKey(idHash), entity: 'idNumber', seekerId: id }, ConditionExpression: 'attribute_not_exists(PK)' } },
        ...(opts.userId ? [{ Put: { TableName: db.table, Item: { ...userSeekerKey(opts.userId), entity: 'userSeeker', seekerId: id }, ConditionExpression: 'attribute_not_exists(PK)' } }] : []),
        ...(opts.audit ? [auditPut(db, opts.audit(seeker), now)] : []),
        ...(opts.extra ? opts.extra(seeker) : []),
        // 想就业 people who want work, per township and category (the targets board).
        ...wantingWrites(db, undefined, record),
        // 求职者索引: the file's row, for a post's candidates.
        ...seekerIndexWrites(db, [{ after: seeker }]),
        // 户成员: the household it names counts one member more.
        ...memberCountWrites(db, [{ after: seeker }]),
      ])),
    duplicate,
  )
  return seeker
}

/** The file that holds an ID number, if any (by its keyed hash). */
export async function seekerIdOfIdNumber(db: Db, p: Protector, idNumber: string): Promise<string | undefined> {
  const r = await db.doc.send(new GetCommand({ TableName: db.table, Key: idNumberKey(p.blindIndex('idNumber', idNumber.toUpperCase())) }))
  return r.Item?.seekerId as string | undefined
}

/** The files that hold these ID numbers, by their keyed hashes: BatchGetItem, 100 keys a request (a roster import's chunk). */
export async function seekerIdsOfIdNumbers(db: Db, p: Protector, idNumbers: readonly string[]): Promise<Map<string, string>> {
  const keys = idNumbers.map((n) => ({ n, key: idNumberKey(p.blindIndex('idNumber', n.toUpperCase())) }))
  const byPk = new Map(keys.map(({ n, key }) => [key.PK, n]))
  const out = new Map<string, string>()
  for (const i of await batchGet(db, keys.map((k) => k.key))) {
    const n = byPk.get(String(i.PK))
    if (n) out.set(n, String(i.seekerId))
  }
  return out
}

/** Files by id with their phones opened (what a roster row is compared with), by BatchGetItem. */
export async function getSeekersWithPhones(db: Db, p: Protector, ids: readonly string[]): Promise<Map<string, { seeker: Seeker; phone?: string; lastImported?: LastImported }>> {
  const items = await batchGet(db, ids.map((id) => seekerKey(id)))
  return new Map(
    items.map((i) => {
      const phone = typeof i.phoneSealed === 'string' ? p.open(i.phoneSealed) : undefined
      return [String(i.id), { seeker: toSeeker(i), ...(phone ? { phone } : {}), ...(i.lastImported ? { lastImported: i.lastImported as LastImported } : {}) }]
    }),
  )
}

/**
 * Puts back the index rows these files lack (a roster import stopped between writing its files and
 * their rows): the townships' seeker and people indexes are read (this container's cache, chunks
 * re-read only when they moved), and only what is missing is added.
 */
export async function indexMissing(db: Db, p: Protector, files: readonly { seeker: Seeker; phone?: string | undefined }[]): Promise<number> {
  let added = 0
  for (const township of new Set(files.map((f) => f.seeker.township))) {
    const mine = files.filter((f) => f.seeker.township === township)
    const [matching, people] = await Promise.all([seekerRowsOf(db, township), peopleRowsOf(db, township)])
    const inMatching = new Set(matching.rows.map((r) => r.id))
    const inPeople = new Set(people.rows.map((r) => r.id))
    const noRow = mine.filter((f) => !inMatching.has(f.seeker.id)).map((f) => f.seeker)
    const noPerson = await Promise.all(mine.filter((f) => !inPeople.has(f.seeker.id)).map(async (f) => ({ township, row: await peopleRow(p, peopleSubject(f.seeker, f.seeker.idNumberMasked, f.phone)) })))
    await Promise.all([addToSeekerIndex(db, noRow), addToPeopleIndex(db, noPerson)])
    added += noRow.length + noPerson.length
  }
  return added
}

/**
 * 疑似重复 candidates for a roster's new rows of one name in one township: the files of that name
 * there in one of `villages`, born on one of `birthDates` (GSI3, the name's partition read to its
 * end, narrowed by a filter), in the order the name search lists them.
 */
export async function seekersAlike(db: Db, name: string, township: string, villages: readonly string[], birthDates: readonly string[]): Promise<Seeker[]> {
  const out: Seeker[] = []
  // IN takes at most 100 values: more villages or days are read in slices.
  for (let v = 0; v < villages.length; v += 100)
    for (let b = 0; b < birthDates.length; b += 100) {
      const vs = villages.slice(v, v + 100)
      const bs = birthDates.slice(b, b + 100)
      const values = { ...Object.fromEntries(vs.map((x, i) => [`:v${i}`, x])), ...Object.fromEntries(bs.map((x, i) => [`:b${i}`, x])) }
      const expression = `village IN (${vs.map((_, i) => `:v${i}`).join(', ')}) AND birthDate IN (${bs.map((_, i) => `:b${i}`).join(', ')})`
      out.push(...(await queryAll(db, { index: 'GSI3', pk: seekersByName(name), skPrefix: `${township}#`, oldestFirst: true, filter: { expression, values } }, toSeeker)))
    }
  return out
}

/** Rewrites a file; a changed ID number moves its uniqueness item in the same transaction. */
export async function updateSeeker(
  db: Db,
  p: Protector,
  id: string,
  input: SeekerInput,
  by: Author,
  now: Date,
  audit: AuditDraft,
  pending?: PendingChange,
  extra: TxItem[] = [],
  opts: { lastImported?: LastImported } = {},
): Promise<Seeker> {
  const current = await db.doc.send(new GetCommand({ TableName: db.table, Key: seekerKey(id), ConsistentRead: true }))
  if (!current.Item) throw notFound()
  const old = current.Item as Seeker & { idHash: string; phoneSealed?: string; userId?: string; lastImported?: LastImported }
  // Kept by applications and placements, not by the form: carried over (a file from before they were kept: read from its 在岗 items).
  const holdsJob = old.holdsJob ?? (await countUpTo(db, { pk: seekerPartition(id), skPrefix: ACTIVEJOB_PREFIX }, 1)).count > 0
  const record = fromInput(id, input, by, now, {
    createdAt: old.createdAt,
    ...(old.userId ? { userId: old.userId } : {}),
    ...(old.verifiedAt ? { verifiedAt: old.verifiedAt, verifiedBy: old.verifiedBy } : {}),
    ...(old.lastActivityAt ? { lastActivityAt: old.lastActivityAt } : {}),
    holdsJob,
  })
  const phone = input.phone ?? (old.phoneSealed ? p.open(old.phoneSealed) : undefined)
  const { item, idHash } = seekerItem(p, { ...record, ...(phone ? { phone } : {}) })
  // The last import's values stay with the file through an officer's edit (a roster import passes its own).
  const lastImported = opts.lastImported ?? old.lastImported
  Object.assign(item, { updatedAt: now.toISOString(), ...(lastImported ? { lastImported } : {}) })
  const moved = idHash !== old.idHash
  // The people index follows the name, place and last fours (nothing is written when none changed).
  const search = peopleIndexWrites(db, [{ before: await peopleRowOfStored(p, current.Item), after: { township: record.township, row: await peopleRow(p, peopleSubject(record, input.idNumber, phone)) } }])
  // The write holds only if nobody changed the file since it was read (same update time).
  // …and no application or placement moved its activity meanwhile (their writes set lastActivityAt).
  const unchanged = `${old.updatedAt ? 'updatedAt = :seen' : 'attribute_not_exists(updatedAt)'} AND ${old.lastActivityAt ? 'lastActivityAt = :act' : 'attribute_not_exists(lastActivityAt)'}`
  const updated = toSeeker(item)
  await orConflict(
    () =>
      retryConflicts(() => transact(db, [
        {
          Put: {
            TableName: db.table,
            Item: item,
            ConditionExpression: `attribute_exists(PK) AND idHash = :old AND ${unchanged}`,
            ExpressionAttributeValues: { ':old': old.idHash, ...(old.updatedAt ? { ':seen': old.updatedAt } : {}), ...(old.lastActivityAt ? { ':act': old.lastActivityAt } : {}) },
          },
        },
        ...(moved
          ? [
              { Delete: { TableName: db.table, Key: idNumberKey(old.idHash), ConditionExpression: 'seekerId = :id', ExpressionAttributeValues: { ':id': id } } },
              { Put: { TableName: db.table, Item: { ...idNumberKey(idHash), entity: 'idNumber', seekerId: id }, ConditionExpression: 'attribute_not_exists(PK)' } },
            ]
          : []),
        ...search,
        ...(pending ? [{ Put: { TableName: db.table, Item: { ...pendingChangeKey(old.township, id), entity: 'pendingChange', ...pending } } }] : []),
        auditPut(db, audit, now),
        ...extra,
        ...wantingWrites(db, old, record),
        ...seekerIndexWrites(db, [{ before: old, after: updated }]),
        // 户成员: a file moved to another household or township, or of another category, moves its household counts.
        ...memberCountWrites(db, [{ before: old, after: updated }]),
      ])),
    duplicate,
  )
  return updated
}

/** Household facts that decide money: a seeker's change of them waits for an officer. */
export interface HouseholdFacts {
  category: Seeker['category']
  monitoredSubtype?: Seeker['monitoredSubtype']
  riskEliminatedOn?: string
}
export interface PendingChange {
  seekerId: string
  seekerName: string
  township: string
  current: HouseholdFacts
  requested: HouseholdFacts
  requestedBy: string
  requestedAt: string
}

export const listPendingChanges = (db: Db, township: string, limit: number, cursor?: string): Promise<Page<PendingChange>> =>
  queryPage(db, { pk: pendingChangesOf(township), oldestFirst: true }, { limit, cursor }, (i) => stripKeys<PendingChange>(i))

export async function getPendingChange(db: Db, township: string, seekerId: string): Promise<PendingChange | undefined> {
  const r = await db.doc.send(new GetCommand({ TableName: db.table, Key: pendingChangeKey(township, seekerId), ConsistentRead: true }))
  return r.Item ? stripKeys<PendingChange>(r.Item) : undefined
}

/**
 * An officer's decision on a pending change: confirmed, the file takes the requested facts; either
 * way the pending item goes, all in one transaction with its audit (the item must still be as read).
 */
export async function decidePendingChange(db: Db, change: PendingChange, confirm: boolean, now: Date, audit: AuditDraft, file: Seeker): Promise<void> {
  const f = change.requested
  const intents = file.intents
  // The file as confirmed, for its row in the seeker index (category and monitoring facts are matching facts).
  const { monitoredSubtype: _m, riskEliminatedOn: _r, ...kept } = file
  const confirmed: Seeker = { ...kept, category: f.category, ...(f.monitoredSubtype ? { monitoredSubtype: f.monitoredSubtype } : {}), ...(f.riskEliminatedOn ? { riskEliminatedOn: f.riskEliminatedOn } : {}) }
  const set = ['category = :c', 'updatedAt = :at', ...(f.monitoredSubtype ? ['monitoredSubtype = :m'] : []), ...(f.riskEliminatedOn ? ['riskEliminatedOn = :r'] : [])]
  const remove = [...(f.monitoredSubtype ? [] : ['monitoredSubtype']), ...(f.riskEliminatedOn ? [] : ['riskEliminatedOn'])]
  await orConflict(
    // The township's index chunk and the household's member counter are shared: a transaction conflict on them is run again.
    () =>
      retryConflicts(() => transact(db, [
        { Delete: { TableName: db.table, Key: pendingChangeKey(change.township, change.seekerId), ConditionExpression: 'requestedAt = :r', ExpressionAttributeValues: { ':r': change.requestedAt } } },
        ...(confirm
          ? [
              {
                Update: {
                  TableName: db.table,
                  Key: seekerKey(change.seekerId),
                  UpdateExpression: `SET ${set.join(', ')}${remove.length ? ` REMOVE ${remove.join(', ')}` : ''}`,
                  // The file as read, so that its row in the seeker index is the file's.
                  ConditionExpression: file.updatedAt ? 'updatedAt = :seen' : 'attribute_exists(PK) AND attribute_not_exists(updatedAt)',
                  ExpressionAttributeValues: { ':c': f.category, ':at': now.toISOString(), ...(f.monitoredSubtype ? { ':m': f.monitoredSubtype } : {}), ...(f.riskEliminatedOn ? { ':r': f.riskEliminatedOn } : {}), ...(file.updatedAt ? { ':seen': file.updatedAt } : {}) },
                },
              },
            ]
          : []),
        auditPut(db, audit, now),
        ...(confirm ? wantingWrites(db, { township: change.township, category: change.current.category, intents }, { township: change.township, category: f.category, intents }) : []),
        ...(confirm ? seekerIndexWrites(db, [{ after: confirmed }]) : []),
        ...(confirm ? memberCountWrites(db, [{ before: file, after: confirmed }]) : []),
      ])),
    () => new DomainError('seeker.pendingChanged', 'conflict', '该变更已被处理或已更新，请刷新', 'This change was decided or replaced meanwhile; reload'),
  )
}

/** An officer verifies a seeker-entered file: from then on its ID number is fixed. */
export async function verifySeekerFile(db: Db, seeker: Seeker, by: string, now: Date, audit: AuditDraft): Promise<Seeker> {
  const at = now.toISOString()
  await orConflict(
    () =>
      transact(db, [
        { Update: { TableName: db.table, Key: seekerKey(seeker.id), UpdateExpression: 'SET verifiedAt = :at, verifiedBy = :by', ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(verifiedAt)', ExpressionAttributeValues: { ':at': at, ':by': by } } },
        auditPut(db, audit, now),
      ]),
    () => new DomainError('seeker.alreadyVerified', 'conflict', '该档案已核实', 'This file is already verified'),
  )
  return { ...seeker, verifiedAt: at, verifiedBy: by }
}

export interface IdCollision {
  id: string
  township: string
  /** The file that holds the number. */
  existingSeekerId: string
  idNumberMasked: string
  attemptedBy: string
  attemptedRole: string
  attemptedName: string
  at: string
}

/** Records that someone tried to file an ID number another file holds (no personal number stored). */
export async function recordIdCollision(db: Db, c: Omit<IdCollision, 'id' | 'at'>, now: Date): Promise<void> {
  const at = now.toISOString()
  const id = newId()
  await db.doc.send(new PutCommand({ TableName: db.table, Item: { ...idCollisionKey(c.township, at, id), entity: 'idCollision', id, at, ...c }, ConditionExpression: 'attribute_not_exists(PK)' }))
}

export const listIdCollisions = (db: Db, township: string, limit: number, cursor?: string): Promise<Page<IdCollision>> =>
  queryPage(db, { pk: idCollisionsOf(township) }, { limit, cursor }, (i) => stripKeys<IdCollision>(i))

export async function getSeeker(db: Db, id: string): Promise<Seeker | undefined> {
  const r = await db.doc.send(new GetCommand({ TableName: db.table, Key: seekerKey(id) }))
  return r.Item ? toSeeker(r.Item) : undefined
}

/**
 * Accounts' files as this container has found them: the link is made once, with the file, and is
 * never moved or removed (createSeeker's condition), so a link found is true for good and the
 * file is one GetItem away. A missing link is not kept (the file may be made the next minute).
 */
const fileOfAccount = new WeakMap<Db, Map<string, string>>()
const LINKS_KEPT = 10_000

/**
 * An account's own file. `recent`: from this container's read of it within the recheck window
 * (recent-reads.ts; its own writes of the file are seen at once) — for reads that decide nothing,
 * such as the seeker's recommendations on every landing page.
 */
export async function getSeekerOfUser(db: Db, userId: string, opts: { recent?: boolean; seekerId?: string } = {}): Promise<Seeker | undefined> {
  let links = fileOfAccount.get(db)
  if (!links) fileOfAccount.set(db, (links = new Map()))
  // `seekerId`: the link as the session read it at sign-in (it never moves).
  let seekerId = opts.seekerId ?? links.get(userId)
  if (seekerId === undefined) {
    seekerId = await linkedFileOf(db, userId)
    if (seekerId === undefined) return undefined
    if (links.size >= LINKS_KEPT) links.delete(links.keys().next().value!)
    links.set(userId, seekerId)
  }
  const id = seekerId
  return opts.recent ? recentRead(db, seekerKey(id).PK, () => getSeeker(db, id)) : getSeeker(db, id)
}

/** The full ID number: only for a caller that has already checked the right and will audit it. */
export async function revealIdNumber(db: Db, p: Protector, id: string): Promise<string> {
  const r = await db.doc.send(new GetCommand({ TableName: db.table, Key: seekerKey(id), ProjectionExpression: 'idNumberSealed' }))
  if (!r.Item) throw notFound()
  return p.open(r.Item.idNumberSealed as string)
}

/** The phone on file, for notices (SMS). */
export async function seekerPhone(db: Db, p: Protector, id: string): Promise<string | undefined> {
  const r = await db.doc.send(new GetCommand({ TableName: db.table, Key: seekerKey(id), ProjectionExpression: 'phoneSealed' }))
  return r.Item?.phoneSealed ? p.open(r.Item.phoneSealed as string) : undefined
}

/** A township's seekers, by village then name; `village` narrows to one village. */
export const listSeekersOfTownship = (db: Db, township: string, opts: { village?: string; limit?: number; cursor?: string } = {}): Promise<Page<Seeker>> =>
  queryPage(db, { index: 'GSI1', pk: seekersOfTownship(township), oldestFirst: true, ...(opts.village ? { skPrefix: `${opts.village}#` } : {}) }, { limit: opts.limit ?? 50, cursor: opts.cursor }, toSeeker)

/** 待跟进 a township's people who want work, hold no job, and did nothing (applied, started or left a job) before `before` (an ISO time). */
export const idleSeekersRange = (township: string, before: string): PartitionQuery => ({ index: 'GSI4', pk: seekersWantingWork(township), skBetween: { from: '0', to: before } })
export const countIdleSeekers = (db: Db, township: string, before: string, cap: number) => countUpTo(db, idleSeekersRange(township, before), cap)
export const listIdleSeekersOfTownship = (db: Db, township: string, before: string, page: { limit: number; cursor?: string }): Promise<Page<Seeker>> =>
  queryPage(db, { ...idleSeekersRange(township, before), oldestFirst: true }, page, toSeeker)

/** The same list, each person with the cursor right after them (the eligibility view keeps only those who qualify). */
export const listSeekersOfTownshipMarked = (db: Db, township: string, page: { limit: number; cursor?: string }) =>
  queryMarkedPage(db, { index: 'GSI1', pk: seekersOfTownship(township), oldestFirst: true }, page, toSeeker)

/** What narrows a search by ID digits or by name beyond its index's township prefix: the village, and the name beside the ID digits. */
type SearchFilter = { village?: string; name?: string }
const searchFilter = (f: SearchFilter) => {
  const parts = [...(f.village ? ['village = :village'] : []), ...(f.name ? ['#name = :name'] : [])]
  return parts.length
    ? { filter: { expression: parts.join(' AND '), ...(f.name ? { names: { '#name': 'name' } } : {}), values: { ...(f.village ? { ':village': f.village } : {}), ...(f.name ? { ':name': f.name } : {}) } } }
    : {}
}

/** Officers find a person by the last four characters of the ID number: a page at a time (a common four digits can match hundreds across the district). */
export function findSeekersByIdLast4(db: Db, last4: string, township?: string, page: { limit: number; cursor?: string } = { limit: 50 }, f: SearchFilter = {}): Promise<Page<Seeker>> {
  const pk = seekersByIdLast4(last4.toUpperCase())
  return queryFilledPage(db, { index: 'GSI2', pk, oldestFirst: true, ...(township ? { skPrefix: `${township}#` } : {}), ...searchFilter(f) }, page, toSeeker)
}

/** Officers find a person by full name (Chinese names are short and searched whole; a common name is shared by many). */
export function findSeekersByName(db: Db, name: string, township?: string, page: { limit: number; cursor?: string } = { limit: 50 }, f: SearchFilter = {}): Promise<Page<Seeker>> {
  return queryFilledPage(db, { index: 'GSI3', pk: seekersByName(name), oldestFirst: true, ...(township ? { skPrefix: `${township}#` } : {}), ...searchFilter(f) }, page, toSeeker)
}

/**
 * The officer search: by last four of the ID number or by name (district-wide indexes), else a
 * township's list; every answer narrowed to `township` when one is given (the officer's scope),
 * and paged: a search stops at no fixed number.
 */
export async function searchSeekers(db: Db, q: SeekerSearch, township: string | undefined): Promise<Page<Seeker>> {
  const page = { limit: q.limit, ...(q.cursor ? { cursor: q.cursor } : {}) }
  if (q.idLast4) return findSeekersByIdLast4(db, q.idLast4, township, page, { ...(q.village ? { village: q.village } : {}), ...(q.q ? { name: q.q } : {}) })
  if (q.q) return findSeekersByName(db, q.q, township, page, q.village ? { village: q.village } : {})
  if (!township) throw new DomainError('seeker.searchScope', 'invalid', '请选择乡镇，或输入姓名/身份证后 4 位', 'Choose a township, or search by name or last 4 of the ID number')
  return listSeekersOfTownship(db, township, { village: q.village, limit: q.limit, cursor: q.cursor })
}

/**
 * 查找人员 people search: the token's people, ranked (exact, start, inside, then by name), a page
 * at a time, each with how they matched; their files are read by key (BatchGetItem).
 */
export async function searchPeople(db: Db, p: Protector, q: PeopleQuery, scope: { township?: string; village?: string }, page: { limit: number; cursor?: string }): Promise<Page<SeekerHit>> {
  const found = await findPeople(db, p, q, scope, page)
  const files = new Map((await batchGet(db, found.items.map((f) => seekerKey(f.seekerId)))).map((i) => [String(i.id), toSeeker(i)]))
  return {
    items: found.items.flatMap((f) => {
      const s = files.get(f.seekerId)
      return s && (!scope.township || s.township === scope.township) ? [{ ...s, match: f.match }] : []
    }),
    nextCursor: found.nextCursor,
  }
}

/**
 * 风险消除: each member's file takes the day its household's monitoring closed (eligibility and
 * matching read `riskEliminatedOn`), with its row in the seeker index, as items of the closing's
 * transaction. Each file must be as read (same `updatedAt`), so the row written is the file's; and
 * `updatedAt` moves, so an edit of the file read before the close is refused rather than writing
 * the old facts back.
 */
export const riskEliminatedSeekerWrites = (db: Db, members: readonly Seeker[], on: string, now: Date): TxItem[] => [
  ...members.map((m) => ({
    Update: {
      TableName: db.table,
      Key: seekerKey(m.id),
      UpdateExpression: 'SET riskEliminatedOn = :on, updatedAt = :at',
      ConditionExpression: m.updatedAt ? 'updatedAt = :seen' : 'attribute_exists(PK) AND attribute_not_exists(updatedAt)',
      ExpressionAttributeValues: { ':on': on, ':at': now.toISOString(), ...(m.updatedAt ? { ':seen': m.updatedAt } : {}) },
    },
  })),
  ...seekerIndexWrites(db, members.map((m) => ({ before: m, after: { ...m, riskEliminatedOn: on } }))),
]

/**
 * 导入 a roster's new files, many at once. Each file, its ID number's uniqueness item (conditional:
 * two files never share an ID number) and what the caller adds (its audit event, its last-imported
 * values) go in one transaction, and the files of several rows share a transaction up to its 100
 * items: thousands of rows are a few hundred requests. A transaction a condition cancels (an ID
 * number filed meanwhile) is run again file by file, so only that row is refused. No shared counter
 * sits in those transactions (they would all wait on one item): the 想就业 counts follow once per
 * township and category. Nor do the indexes' chunks: the files' seeker-index rows (matching) and
 * people-index rows (search) are derived data: `derived` makes them once the files are written,
 * and the caller adds them (addIndexRows), several batches' together, while it judges its next
 * rows; it must have added them before it calls the import done. In a transaction each file's row
 * would rewrite its whole chunk (on DynamoDB a write costs the item's size: a chunk of a 10,000-file township is ~100 KB, twice
 * that in a transaction), and the transactions of one township would queue on its 16 chunks; at
 * 20,000 rows that took half the import. A job stopped between the two leaves files out of the
 * indexes: importing the file again puts them back (indexMissing). Answers each file or the
 * refusal of its row.
 */
export async function createImportedSeekers(
  db: Db,
  p: Protector,
  rows: readonly { input: SeekerInput; audit: (s: Seeker) => AuditDraft; lastImported: LastImported; extra?: (s: Seeker) => TxItem[] }[],
  by: Author,
  now: Date,
  concurrency = 8,
): Promise<{ answers: ({ seeker: Seeker } | { error: DomainError })[]; derived: Promise<IndexRows> }> {
  const out: ({ seeker: Seeker } | { error: DomainError })[] = new Array(rows.length)
  const made: (SeekerRecord & { phone?: string; idNumber: string })[] = []
  const files = rows.map(({ input, audit, lastImported, extra }, i) => {
    const record = fromInput(newId(), input, by, now, { verifiedAt: now.toISOString(), verifiedBy: by.userId })
    const phone = input.phone
    const { item, idHash } = seekerItem(p, { ...record, ...(phone ? { phone } : {}) })
    delete (item as Record<string, unknown>).phone
    Object.assign(item, { lastImported })
    const seeker = toSeeker(item)
    const writes: TxItem[] = [
      { Put: { TableName: db.table, Item: item, ConditionExpression: 'attribute_not_exists(PK)' } },
      { Put: { TableName: db.table, Item: { ...idNumberKey(idHash), entity: 'idNumber', seekerId: record.id }, ConditionExpression: 'attribute_not_exists(PK)' } },
      auditPut(db, audit(seeker), now),
      ...(extra ? extra(seeker) : []),
    ]
    const member = seeker.householdId ? `${seeker.householdId}\u0000${seeker.township}` : undefined
    return { i, idHash, seeker, writes, member, made: { ...record, ...(phone ? { phone } : {}) } }
  })
  // 户成员: one counter update per household the transaction's files name (members of one household
  // are rows side by side), in the files' own transaction: a count has no repair by importing again.
  const counterWrites = (group: readonly (typeof files)[number][]) => memberCountWrites(db, group.map((f) => ({ after: f.seeker })))
  // A transaction may not name one item twice: two rows of one ID number never share one.
  // Each household a group names adds one item (its counter).
  const groups: { files: (typeof files)[number][]; size: number; ids: Set<string>; members: Set<string> }[] = []
  for (const f of files) {
    let g = groups.at(-1)
    const size = (g: { members: Set<string> }) => f.writes.length + (f.member && !g.members.has(f.member) ? 1 : 0)
    if (!g || g.size + size(g) > MAX_TX_ITEMS || g.ids.has(f.idHash)) groups.push((g = { files: [], size: 0, ids: new Set(), members: new Set() }))
    g.size += size(g)
    g.files.push(f)
    g.ids.add(f.idHash)
    if (f.member) g.members.add(f.member)
  }
  const done = (f: (typeof files)[number]) => {
    out[f.i] = { seeker: f.seeker }
    made.push(f.made)
  }
  const alone = async (f: (typeof files)[number]) => {
    try {
      // Files of one household share its counter: a transaction conflict is run again, not refused.
      await orConflict(() => retryConflicts(() => transact(db, [...f.writes, ...counterWrites([f])]), 8), duplicate)
      done(f)
    } catch (e) {
      if (!(e instanceof DomainError)) throw e
      out[f.i] = { error: e }
    }
  }
  await eachLimit(groups, concurrency, async ({ files: group }) => {
    if (group.length === 1) return alone(group[0]!)
    try {
      await retryConflicts(() => transact(db, [...group.flatMap((f) => f.writes), ...counterWrites(group)]), 8)
    } catch (e) {
      if ((e as { name?: string }).name !== 'TransactionCanceledException') throw e
      // One row's condition (or conflicts past the retries) cancels them all: each again on its own.
      for (const f of group) await alone(f)
      return
    }
    group.forEach(done)
  })
  await addWanting(db, made)
  const seekers = out.flatMap((o) => (o && 'seeker' in o ? [o.seeker] : []))
  const derived = (async (): Promise<IndexRows> => {
    const people: { township: string; row: PeopleRow }[] = []
    for (const r of made) people.push({ township: r.township, row: await peopleRow(p, peopleSubject(r, r.idNumber, r.phone)) })
    return { seekers, people }
  })()
  // Handled here as well, so a failure while the caller is still busy is not an unhandled rejection; awaiting `derived` still throws it.
  derived.catch(() => {})
  return { answers: out, derived }
}

/** New files' seeker-index and people-index rows, not yet written (createImportedSeekers). */
export interface IndexRows {
  seekers: Seeker[]
  people: { township: string; row: PeopleRow }[]
}

export const NO_INDEX_ROWS: IndexRows = { seekers: [], people: [] }

/**
 * Adds the index rows of several batches of new files at once: each index chunk takes them in as
 * few UpdateItems as chunked-index.ts addRows needs, not a few per batch (a chunk of a large
 * township is ~100 KB, rewritten whole by each update), so a roster import adds the rows of a few
 * thousand files together.
 */
export async function addIndexRows(db: Db, batches: readonly IndexRows[]): Promise<void> {
  await Promise.all([addToSeekerIndex(db, batches.flatMap((b) => b.seekers)), addToPeopleIndex(db, batches.flatMap((b) => b.people))])
}

/**
 * What a candidate answer shows of these files (shared/seeker-index.ts CANDIDATE_FIELDS), by id:
 * one BatchGetItem for a shortlist of 20 (again for keys DynamoDB leaves unprocessed).
 */
export async function candidateFiles(db: Db, ids: readonly string[]): Promise<Map<string, CandidateFile>> {
  const out = new Map<string, CandidateFile>()
  const names = Object.fromEntries(['id', ...CANDIDATE_FIELDS].map((f, i) => [`#f${i}`, f]))
  const projection = Object.keys(names).join(', ')
  for (let i = 0; i < ids.length; i += 100) {
    let keys: Record<string, unknown>[] | undefined = ids.slice(i, i + 100).map(seekerKey)
    for (let attempt = 0; keys && keys.length; attempt++) {
      if (attempt > 8) throw new Error('candidateFiles: keys still unprocessed after retries')
      if (attempt > 0) await new Promise((r) => setTimeout(r, 20 * 2 ** attempt))
      const r = await db.doc.send(new BatchGetCommand({ RequestItems: { [db.table]: { Keys: keys, ProjectionExpression: projection, ExpressionAttributeNames: names } } }))
      for (const item of r.Responses?.[db.table] ?? []) out.set(String(item.id), item as CandidateFile)
      keys = r.UnprocessedKeys?.[db.table]?.Keys as Record<string, unknown>[] | undefined
    }
  }
  return out
}

/** Rewrites a township's seeker index from its files (a table from before the index, or a repair; functions/db/seeker-index.ts). */
export async function rebuildSeekerIndexOf(db: Db, township: string) {
  const files: Seeker[] = []
  let cursor: string | undefined
  do {
    const page = await listSeekersOfTownship(db, township, { limit: 500, ...(cursor ? { cursor } : {}) })
    files.push(...page.items)
    cursor = page.nextCursor ?? undefined
  } while (cursor)
  return rebuildSeekerIndex(db, township, files)
}
