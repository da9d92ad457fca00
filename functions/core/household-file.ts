/**
 * 一户一档 the household's file in one read: the household (its access rule: officers of its
 * township), members masked as every list, and its cases with their clocks. A household holds a
 * handful of files and of cases over the years, so both reads are small whatever the district's size.
 */
import { districtDate } from '../../shared/dates.js'
import { casesOfHouseholdAll } from '../db/cases.js'
import { membersOf } from '../db/households.js'
import { withClocks } from './cases.js'
import type { Actor, Deps } from './deps.js'
import { fromId } from './households.js'

// The answer's type is inferred (as Cases.detail's), so the portal sees the clocks' kinds, not strings;
// the API document checks it against `HouseholdFile` (shared/schemas/household-file.ts).
export async function householdFile(deps: Deps, actor: Actor, id: string) {
  const h = await fromId(deps, actor, id)
  const [members, cases] = await Promise.all([membersOf(deps.db, h), casesOfHouseholdAll(deps.db, h.id)])
  const today = districtDate(deps.now())
  return {
    ...h,
    members: members.map((m) => ({
      id: m.id,
      name: m.name,
      idNumberMasked: m.idNumberMasked,
      village: m.village,
      category: m.category,
      ...(m.monitoredSubtype ? { monitoredSubtype: m.monitoredSubtype } : {}),
      ...(m.riskEliminatedOn ? { riskEliminatedOn: m.riskEliminatedOn } : {}),
    })),
    // Newest signal first: the open case (at most one) leads.
    cases: cases.sort((a, b) => b.signalOn.localeCompare(a.signalOn) || b.createdAt.localeCompare(a.createdAt)).map((c) => withClocks(c, today)),
  }
}
