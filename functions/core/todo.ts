/**
 * 待办 an officer's to-do list: how many records wait for them, each count with the page (and the
 * list API query) that shows exactly those records. Every count is one small read per township —
 * a `Select: COUNT` Query of one partition or range, or the last record check's summary — so the
 * list costs the same however large the district; a count past TODO_CAP is answered capped.
 */
import { daysAfter, daysBefore, districtDate } from '../../shared/dates.js'
import { TODO_CAP, TODO_DAYS, type TodoItem, type TodoKind, type TodoList, type TodoQuery } from '../../shared/schemas/todo.js'
import { lastCheck } from '../db/record-problems.js'
import { countBatchesOnNotice, countCertificatesToVerify, countClaimsToCheck, countPendingChanges, countStaleDifficulties, type Count } from '../db/todo.js'
import { countIdleSeekers } from '../db/seekers.js'
import { allow, listTownship, listTownships } from './access.js'
import type { Actor, Deps } from './deps.js'

/** The counts of several townships added up: capped when any of them was, or when the sum passes the cap. */
function sum(counts: readonly Count[]): Count {
  const n = counts.reduce((a, c) => a + c.count, 0)
  return counts.some((c) => c.capped) || n > TODO_CAP ? { count: Math.min(n, TODO_CAP), capped: true } : { count: n, capped: false }
}

/** Where each item leads: the portal route with its query, and the list API with the same filter. */
function links(kind: TodoKind, township: string | undefined, year: number): Pick<TodoItem, 'link' | 'list'> {
  const tw: Record<string, string> = township ? { township } : {}
  switch (kind) {
    case 'certificatesToVerify':
      return { link: { route: 'officer-skills', query: { tab: 'certificates', state: 'pending' } }, list: { path: '/api/certificates', query: { ...tw, state: 'pending' } } }
    case 'claimsToCheck':
      return {
        link: { route: 'officer-subsidies', query: { tab: 'ledger', year: String(year), status: 'submitted', notMine: 'true' } },
        list: { path: '/api/ledger', query: { ...tw, year: String(year), status: 'submitted', notMine: 'true' } },
      }
    case 'noticesEnding':
      return { link: { route: 'officer-subsidies', query: { tab: 'ledger', batches: 'ending' } }, list: { path: '/api/payment-batches', query: { ...tw, state: 'ending' } } }
    case 'batchesToPay':
      return { link: { route: 'officer-subsidies', query: { tab: 'ledger', batches: 'ready' } }, list: { path: '/api/payment-batches', query: { ...tw, state: 'ready' } } }
    case 'pendingChanges':
      return { link: { route: 'officer-seekers', query: { view: 'pending' } }, list: { path: '/api/seekers/pending-changes', query: tw } }
    case 'recordProblems':
      return { link: { route: 'officer-seekers', query: { view: 'problems' } }, list: { path: '/api/record-problems', query: tw } }
    case 'staleDifficulties': {
      const q = { status: 'open', olderThanDays: String(TODO_DAYS.staleDifficulty) }
      return { link: { route: 'officer-difficulties', query: q }, list: { path: '/api/difficulties', query: { ...tw, ...q } } }
    }
    case 'idleSeekers': {
      const q = { idleDays: String(TODO_DAYS.idleSeeker) }
      return { link: { route: 'officer-seekers', query: q }, list: { path: '/api/seekers', query: { ...tw, ...q } } }
    }
  }
}

/**
 * The to-do list of an officer: a township officer's own township, a district officer's whole
 * district (or the township they name). Claims to check never count the officer's own (maker ≠
 * checker); batches count for a township when all their claims are its own (who may pay them).
 */
export async function todoList(deps: Deps, actor: Actor, q: TodoQuery): Promise<TodoList> {
  allow(actor, 'officer', 'admin')
  const township = listTownship(actor, q.township)
  const townships = listTownships(actor, q.township)
  const now = deps.now()
  const year = Number(districtDate(now).slice(0, 4))
  const nowIso = now.toISOString()
  const perTownship = async (count: (t: string) => Promise<Count>) => sum(await Promise.all(townships.map(count)))
  const problems = async (): Promise<Count> => sum(await Promise.all(townships.map(async (t) => ({ count: (await lastCheck(deps.db, t))?.problems ?? 0, capped: false }))))

  const counts: Record<TodoKind, Promise<Count>> = {
    certificatesToVerify: perTownship((t) => countCertificatesToVerify(deps.db, t, TODO_CAP)),
    claimsToCheck: countClaimsToCheck(deps.db, year, township, actor.userId, TODO_CAP),
    noticesEnding: countBatchesOnNotice(deps.db, { state: 'ending', now: nowIso, until: daysAfter(now, TODO_DAYS.noticeEnding) }, township, TODO_CAP),
    batchesToPay: countBatchesOnNotice(deps.db, { state: 'ready', now: nowIso }, township, TODO_CAP),
    pendingChanges: perTownship((t) => countPendingChanges(deps.db, t, TODO_CAP)),
    recordProblems: problems(),
    staleDifficulties: perTownship((t) => countStaleDifficulties(deps.db, t, daysBefore(now, TODO_DAYS.staleDifficulty), TODO_CAP)),
    idleSeekers: perTownship((t) => countIdleSeekers(deps.db, t, daysBefore(now, TODO_DAYS.idleSeeker), TODO_CAP)),
  }
  const kinds = Object.keys(counts) as TodoKind[]
  const answered = await Promise.all(kinds.map((k) => counts[k]))
  return { township: township ?? 'district', items: kinds.map((kind, i) => ({ kind, ...answered[i]!, ...links(kind, township, year) })) }
}
