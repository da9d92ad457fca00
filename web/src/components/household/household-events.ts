import { districtDate } from '../../../../shared/dates'
import type { HouseholdFile } from '../../api/client'

/** One line of the household's history: the day, what happened (an i18n key and its values), the case it belongs to. */
export interface HouseholdEvent {
  on: string
  key: string
  named?: Record<string, string | number>
  /** A monitoring step's message key, translated by the caller (`monitoring.step.visit`). */
  stepKey?: string
  note?: string
  caseId?: string
}

/**
 * The household's history, newest first, from what the file holds: its registration and every
 * case's signal, steps (who did them is on the case), plan, measures carried out and closing. The
 * helper's changes are audited but not answered by the API, so they are not here.
 */
export function householdEvents(h: Pick<HouseholdFile, 'createdAt' | 'cases'>): HouseholdEvent[] {
  // Registration is a moment (UTC); the steps are district days: compare them on the district's day.
  const out: HouseholdEvent[] = [{ on: districtDate(new Date(h.createdAt)), key: 'householdPage.event.registered' }]
  for (const c of h.cases) {
    const caseId = c.id
    out.push({ on: c.signalOn, key: 'householdPage.event.signal', named: { risk: `monitoring.risk.${c.riskType}` }, ...(c.note ? { note: c.note } : {}), caseId })
    for (const s of c.steps) out.push({ on: s.on, key: '', stepKey: `monitoring.step.${s.step}`, ...(s.note ? { note: s.note } : {}), caseId })
    if (c.plannedOn) out.push({ on: c.plannedOn, key: 'householdPage.event.planned', named: { n: c.measures.length }, caseId })
    for (const m of c.measures) if (m.doneOn) out.push({ on: m.doneOn, key: 'householdPage.event.measure', named: { measure: `monitoring.measure.${m.kind}` }, ...(m.note ? { note: m.note } : {}), caseId })
    if (c.closedOn) out.push({ on: c.closedOn, key: 'householdPage.event.closed', caseId })
  }
  // Stable: events of one day keep the order they happened in, reversed with the rest.
  return out.map((e, i) => ({ e, i })).sort((a, b) => b.e.on.localeCompare(a.e.on) || b.i - a.i).map(({ e }) => e)
}
