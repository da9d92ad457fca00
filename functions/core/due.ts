/**
 * 到期事项 what is due and overdue, from every clock (docs/following.md). Other use cases put and
 * meet due items IN THEIR OWN TRANSACTION with `dueWrites`; the list pages them by township or by
 * helper; the daily job marks what became overdue and sends each helper one digest a day and each
 * township officer one roll-up a week.
 */
import { addDays, districtDate } from '../../shared/dates.js'
import { DomainError } from '../../shared/errors.js'
import { draft } from '../../shared/messages.js'
import type { Page } from '../../shared/schemas/common.js'
import type { DueItem, DueSummary } from '../../shared/schemas/monitoring.js'
import { TOWNSHIP_CODES } from '../../shared/geo.js'
import { acrossTownships } from '../db/across.js'
import { dueCompleteWrite, dueCountsOf, dueCountWrites, duePutWrite, listDue, listDueOfSubject, markOverdue, onceWith, openDueOfTownship, sweepDueCounts, type CountDelta, type DuePut, type DueRef, type Stored as StoredDue } from '../db/due.js'
import { getHelperContact } from '../db/households.js'
import { messagePuts, newMessage } from '../db/inbox.js'
import type { TxItem } from '../db/tx.js'
import { getUser, listUsersByRole, revealPhone } from '../db/users.js'
import { fitVariable } from '../sms/templates.js'
import { allow, inScope, listTownship, listTownships } from './access.js'
import type { Actor, Deps } from './deps.js'
import { queueSms } from './sms-outbox.js'

export type { DuePut, DueRef, StoredDue }

/** A helper who is a named official (no account) has an id of this form; an officer's is their user id. */
export const OFFICIAL_PREFIX = 'official-'
/** A helper's digest counts what falls due within this many days, and everything overdue. */
export const DIGEST_AHEAD_DAYS = 3

export type DueComplete = DueRef & { on: string; outcome: string }

const subjectOf = (r: DueRef) => `${r.subjectType}#${r.subjectId}`
const notOpen = (r: DueRef) => new DomainError('due.notOpen', 'conflict', '该待办事项已办结或不存在', 'This due item is already met or does not exist')

/**
 * The writes that put due items on the list and take met ones off, with the township counters
 * they move, for the caller's own TransactWriteItems. Built on the subjects' items as read
 * (`current`, every state): a put of a kind already open replaces it, a complete meets the open
 * one (none open: 409 `due.notOpen`), and each write is conditioned on what was read.
 */
export function dueWritesOn(deps: Deps, current: readonly StoredDue[], changes: { put?: readonly DuePut[]; complete?: readonly DueComplete[] }): TxItem[] {
  const openOf = (r: DueRef) => current.find((c) => c.state === 'open' && c.subjectType === r.subjectType && c.subjectId === r.subjectId && c.kind === r.kind)
  const writes: TxItem[] = []
  const deltas: CountDelta[] = []
  for (const d of changes.put ?? []) {
    const was = openOf(d)
    if (was && was.dueOn === d.dueOn && was.township === d.township && was.helperId === d.helperId && was.title === d.title) continue
    writes.push(duePutWrite(deps.db, d, deps.now(), was))
    if (was) deltas.push({ township: was.township, kind: was.kind, dueOn: was.dueOn, by: -1 })
    deltas.push({ township: d.township, kind: d.kind, dueOn: d.dueOn, by: 1 })
  }
  for (const c of changes.complete ?? []) {
    const was = openOf(c)
    if (!was) throw notOpen(c)
    writes.push(dueCompleteWrite(deps.db, { ...c, dueOn: was.dueOn }, c.on, c.outcome))
    deltas.push({ township: was.township, kind: was.kind, dueOn: was.dueOn, by: -1 })
  }
  return [...writes, ...dueCountWrites(deps.db, deltas)]
}

/** `dueWritesOn` after reading the subjects' items (one consistent query per subject: a handful of items each). */
export async function dueWrites(deps: Deps, changes: { put?: readonly DuePut[]; complete?: readonly DueComplete[] }): Promise<TxItem[]> {
  const subjects = new Map<string, DueRef>()
  for (const r of [...(changes.put ?? []), ...(changes.complete ?? [])]) subjects.set(subjectOf(r), r)
  const current = (await Promise.all([...subjects.values()].map((r) => listDueOfSubject(deps.db, r.subjectType, r.subjectId)))).flat()
  return dueWritesOn(deps, current, changes)
}

/**
 * Makes a subject's open items exactly `want` (one per kind): new kinds put, changed ones put again,
 * open kinds no longer wanted met on `on` with `outcome`. Built on the subject's items as read
 * (`current`), for records whose plan is recomputed whole on every change (returnees, graduates).
 */
export function syncDueOn(deps: Deps, current: readonly StoredDue[], subject: { subjectType: string; subjectId: string }, want: readonly DuePut[], on: string, outcome: string): TxItem[] {
  const mine = current.filter((c) => c.subjectType === subject.subjectType && c.subjectId === subject.subjectId)
  const complete = mine.filter((c) => c.state === 'open' && !want.some((w) => w.kind === c.kind)).map((c) => ({ kind: c.kind, subjectType: c.subjectType, subjectId: c.subjectId, on, outcome }))
  return dueWritesOn(deps, mine, { put: want, complete })
}

/** A subject's items, every state, read consistently (what `dueWritesOn` and `syncDueOn` are built on). */
export const dueItemsOfSubject = (deps: Deps, subjectType: string, subjectId: string): Promise<StoredDue[]> => listDueOfSubject(deps.db, subjectType, subjectId)

/** The first due items of a subject made in the same transaction (a new case, a new placement): nothing to read. */
export const newSubjectDueWrites = (deps: Deps, put: readonly DuePut[]): TxItem[] => dueWritesOn(deps, [], { put })

/** A subject's open due items (a handful), as the list shows them. */
export async function openDueOf(deps: Deps, subjectType: string, subjectId: string): Promise<DueItem[]> {
  const today = districtDate(deps.now())
  return (await listDueOfSubject(deps.db, subjectType, subjectId)).filter((d) => d.state === 'open').map((d) => ({ ...d, state: d.dueOn < today ? 'overdue' : 'due' }))
}

/**
 * GET /api/due: open items due from today on (`due`) or before today (`overdue`), soonest first, of
 * a township (a township officer: theirs) or of one helper (`helper=me`: the caller), a page at a time.
 */
export async function list(deps: Deps, actor: Actor, q: { township?: string | undefined; helper?: string | undefined; state: 'due' | 'overdue'; limit: number; cursor?: string | undefined }): Promise<Page<DueItem>> {
  allow(actor, 'officer', 'admin')
  const today = districtDate(deps.now())
  const page = { limit: q.limit, ...(q.cursor ? { cursor: q.cursor } : {}) }
  if (q.helper) {
    const helperId = q.helper === 'me' ? actor.userId : q.helper
    return listDue(deps.db, { helperId, township: listTownship(actor, q.township) }, q.state, today, page)
  }
  return acrossTownships(deps.db, ['due', q.state, today], listTownships(actor, q.township), page, (t, p) => listDue(deps.db, { township: t }, q.state, today, p))
}

/**
 * GET /api/due/summary: for each township in scope, how many open items are due (from today on)
 * and overdue, in all and by kind — read from the counters kept with the items, two small queries
 * per township whatever the number of items.
 */
export async function summary(deps: Deps, actor: Actor, q: { township?: string | undefined }): Promise<DueSummary> {
  allow(actor, 'officer', 'admin')
  const today = districtDate(deps.now())
  const townships = await Promise.all(
    listTownships(actor, q.township).map(async (township) => {
      const { open, overdue } = await dueCountsOf(deps.db, township, today)
      const byKind = [...new Set([...open.keys(), ...overdue.keys()])].sort().map((kind) => {
        const late = Math.max(0, overdue.get(kind) ?? 0)
        return { kind, due: Math.max(0, (open.get(kind) ?? 0) - late), overdue: late }
      })
      const sum = byKind.reduce((s, k) => ({ due: s.due + k.due, overdue: s.overdue + k.overdue }), { due: 0, overdue: 0 })
      return { township, ...sum, byKind: byKind.filter((k) => k.due || k.overdue) }
    }),
  )
  const total = townships.reduce((s, t) => ({ due: s.due + t.due, overdue: s.overdue + t.overdue }), { due: 0, overdue: 0 })
  return { today, total, townships }
}

interface Counts {
  due: number
  overdue: number
}

/**
 * The daily step: every township's open items are read (a job, not a request); those first seen
 * overdue are marked; each helper with something due within 3 days or overdue gets ONE digest
 * (inbox for an officer, and a text), and on Mondays each township officer a roll-up of their
 * township(s). Each notice is sent with its marker item in one transaction, so a second run on the
 * same day (or week) sends nothing.
 */
export async function dailyDigest(deps: Deps): Promise<{ markedOverdue: number; digests: number; rollups: number }> {
  const now = deps.now()
  const today = districtDate(now)
  const soon = addDays(today, DIGEST_AHEAD_DAYS)
  const helpers = new Map<string, Counts>()
  const townships = new Map<string, Counts>()
  let markedOverdue = 0
  for (const t of TOWNSHIP_CODES) {
    const c: Counts = { due: 0, overdue: 0 }
    for (const d of await openDueOfTownship(deps.db, t)) {
      const overdue = d.dueOn < today
      if (overdue) c.overdue++
      else c.due++
      if (overdue && !d.overdueMarkedOn && (await markOverdue(deps.db, d, today))) markedOverdue++
      if (d.helperId && (overdue || d.dueOn <= soon)) {
        const h = helpers.get(d.helperId) ?? { due: 0, overdue: 0 }
        if (overdue) h.overdue++
        else h.due++
        helpers.set(d.helperId, h)
      }
    }
    townships.set(t, c)
    await sweepDueCounts(deps.db, t, today)
  }
  let digests = 0
  for (const [helperId, c] of helpers) {
    try {
      if (await sendDigest(deps, helperId, c, today)) digests++
    } catch (e) {
      deps.log.warn('due.digestFailed', { helperId, error: (e as Error).name })
    }
  }
  let rollups = 0
  if (new Date(`${today}T00:00:00Z`).getUTCDay() === 1) rollups = await sendRollups(deps, townships, today)
  deps.log.info('due.daily', { today, markedOverdue, digests, rollups })
  return { markedOverdue, digests, rollups }
}

async function sendDigest(deps: Deps, helperId: string, c: Counts, today: string): Promise<boolean> {
  const m = draft('due.digest', { due: String(c.due), overdue: String(c.overdue) }, '/officer/due')
  const marker = { kind: 'day' as const, recipientId: helperId, day: today }
  if (helperId.startsWith(OFFICIAL_PREFIX)) {
    const contact = await getHelperContact(deps.db, helperId)
    if (!contact) return false
    if (!(await onceWith(deps.db, marker, [], deps.now()))) return false
    await queueSms(deps, deps.protector.open(contact.phoneSealed), digestText(c))
    return true
  }
  const user = await getUser(deps.db, helperId)
  if (!user || user.status === 'deactivated') return false
  // The officer's inbox is the same INBOX#<id> partition a seeker's is, keyed by the account.
  if (!(await onceWith(deps.db, marker, messagePuts(deps.db, helperId, newMessage(m, deps.now())), deps.now()))) return false
  const phone = await revealPhone(deps.db, deps.protector, helperId)
  if (phone) await queueSms(deps, phone, digestText(c))
  return true
}

const digestText = (c: Counts) => ({ template: 'notice' as const, vars: { title: fitVariable(`帮扶事项：${c.due}项将到期、${c.overdue}项已逾期`) } })

/** The weekly roll-up: each active township or district officer, their township's (or every township's) counts, in the inbox. */
async function sendRollups(deps: Deps, townships: Map<string, Counts>, today: string): Promise<number> {
  let sent = 0
  let cursor: string | undefined
  do {
    const page = await listUsersByRole(deps.db, 'officer', 50, cursor)
    for (const u of page.items) {
      if (u.status === 'deactivated' || !u.scope) continue
      const actor = { userId: u.id, role: u.role, scope: u.scope }
      const sum = [...townships].filter(([t]) => inScope(actor, t)).reduce((s, [, c]) => ({ due: s.due + c.due, overdue: s.overdue + c.overdue }), { due: 0, overdue: 0 })
      const m = draft('due.rollup', { due: String(sum.due), overdue: String(sum.overdue) }, '/officer/due')
      if (await onceWith(deps.db, { kind: 'week', recipientId: u.id, weekOf: today }, messagePuts(deps.db, u.id, newMessage(m, deps.now())), deps.now())) sent++
    }
    cursor = page.nextCursor ?? undefined
  } while (cursor)
  return sent
}
