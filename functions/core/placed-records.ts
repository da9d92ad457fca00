/**
 * A placement settles what followed the person toward it (issue 13): an open returnee record
 * (返乡回流) whose intent is employment becomes `settled` with the placement, a graduate (毕业生) who
 * was `seeking` becomes `employed` — each audited, its plan's due items met, all inside the
 * placement's own transaction (the hire's or the external placement's `follow`).
 */
import { districtDate } from '../../shared/dates.js'
import { dueItemsOf as graduateDue } from '../../shared/following/graduates.js'
import { dueItemsOf as returneeDue } from '../../shared/following/returnees.js'
import type { Placement } from '../../shared/schemas/applications.js'
import { followedReplaceWrites, getFollowed } from '../db/following.js'
import type { TxItem } from '../db/tx.js'
import { by, fromImport, type ImportSource } from './access.js'
import type { Actor, Deps } from './deps.js'
import { dueItemsOfSubject } from './due.js'
import { withNextDue as graduateNextDue } from './graduates.js'
import { planDueWritesOn } from './plan-due.js'
import { rulesOf, withNextDue as returneeNextDue } from './returnees.js'

/**
 * Reads the person's records (and their due items) now; answers the writes to add once the
 * placement exists. A record changed between this read and the placement's transaction fails it
 * (its `version` condition): the placement is then refused as a conflict, never half-written.
 */
export async function settleOnPlacement(deps: Deps, actor: Actor, seekerId: string, src?: ImportSource): Promise<(p: Placement) => TxItem[]> {
  const [returnee, graduate] = await Promise.all([getFollowed(deps.db, 'returnee', seekerId), getFollowed(deps.db, 'graduate', seekerId)])
  const settlesReturnee = returnee && returnee.status === 'following' && returnee.intent === 'employment'
  const employsGraduate = graduate && graduate.status === 'seeking'
  if (!settlesReturnee && !employsGraduate) return () => []
  const [rules, returneeItems, graduateItems] = await Promise.all([
    settlesReturnee ? rulesOf(deps) : undefined,
    settlesReturnee ? dueItemsOfSubject(deps, 'returnee', seekerId) : [],
    employsGraduate ? dueItemsOfSubject(deps, 'graduate', seekerId) : [],
  ])
  const now = deps.now()
  const today = districtDate(now)
  const at = now.toISOString()
  return (p) => {
    const writes: TxItem[] = []
    if (settlesReturnee) {
      const next = returneeNextDue({ ...returnee, status: 'settled', placementId: p.id, placedOn: p.startDate, version: returnee.version + 1, updatedAt: at }, rules ?? {})
      writes.push(
        ...followedReplaceWrites(deps.db, 'returnee', next, { objectType: 'returnee', objectId: seekerId, action: 'returnee.placed', ...by(actor), before: { status: returnee.status }, after: { status: next.status, placementId: p.id, placedOn: p.startDate, ...fromImport(src) }, history: { seekerId, type: 'service', title: 'placed', kind: 'returnee', status: 'settled', startDate: p.startDate } }, now),
        ...planDueWritesOn(deps, returneeItems, 'returnee', next, returneeDue(next, today, rules ?? {}), today),
      )
    }
    if (employsGraduate) {
      const next = graduateNextDue({ ...graduate, status: 'employed', statusSince: today, version: graduate.version + 1, updatedAt: at })
      writes.push(
        ...followedReplaceWrites(deps.db, 'graduate', next, { objectType: 'graduate', objectId: seekerId, action: 'graduate.placed', ...by(actor), before: { status: graduate.status }, after: { status: next.status, placementId: p.id, ...fromImport(src) }, history: { seekerId, type: 'service', title: 'employed', kind: 'graduate', status: 'employed', startDate: p.startDate } }, now),
        ...planDueWritesOn(deps, graduateItems, 'graduate', next, graduateDue(next, today), today),
      )
    }
    return writes
  }
}
