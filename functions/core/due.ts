/**
 * 到期事项 what is due and overdue, from every clock (docs/following.md). Other use cases put and
 * meet due items IN THEIR OWN TRANSACTION with `dueWrites`; the list pages them by township or by
 * helper; the daily job marks what became overdue and sends each helper one digest a day and each
 * township officer one roll-up a week.
 */
import { addDays, districtDate } from '../../shared/dates.js'
import { draft } from '../../shared/messages.js'
import type { Page } from '../../shared/schemas/common.js'
import type { DueItem } from '../../shared/schemas/monitoring.js'
import { TOWNSHIP_CODES } from '../../shared/geo.js'
import { acrossTownships } from '../db/across.js'
import { dueCompleteWrite, duePutWrite, listDue, listDueOfSubject, markOverdue, onceWith, openDueOfTownship, type DuePut, type DueRef } from '../db/due.js'
import { getHelperContact } from '../db/households.js'
import { messagePuts, newMessage } from '../db/inbox.js'
import type { TxItem } from '../db/tx.js'
import { getUser, listUsersByRole, revealPhone } from '../db/users.js'
import { fitVariable } from '../sms/templates.js'
import { allow, inScope, listTownship, listTownships } from './access.js'
import type { Actor, Deps } from './deps.js'
import { queueSms } from './sms-outbox.js'

export type { DuePut, DueRef }

/** A helper who is a named official (no account) has an id of this form; an officer's is their user id. */
export const OFFICIAL_PREFIX = 'official-'
/** A helper's digest counts what falls due within this many days, and everything overdue. */
export const DIGEST_AHEAD_DAYS = 3

/**
 * The writes that put due items on the list and take met ones off, for the caller's own
 * TransactWriteItems. A met item must be open: its condition fails the caller's transaction
 * otherwise (read `openDueOf` first when unsure it is there).
 */
export function dueWrites(deps: Deps, changes: { put?: readonly DuePut[]; complete?: readonly (DueRef & { on: string; outcome: string })[] }): TxItem[] {
  return [...(changes.put ?? []).map((d) => duePutWrite(deps.db, d, deps.now())), ...(changes.complete ?? []).map((c) => dueCompleteWrite(deps.db, c, c.on, c.outcome))]
}

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
