/**
 * 待更正记录: finds the records on file that break a rule (shared/record-checks.ts), keeps the
 * findings per township for officers to work through, and gives decisions only sound records.
 */
import { districtDate } from '../../shared/dates.js'
import { eachLimit } from '../../shared/each-limit.js'
import { TOWNSHIPS } from '../../shared/geo.js'
import { checkPerson, placementOwnProblems, soundFacts } from '../../shared/record-checks.js'
import type { PageQuery } from '../../shared/schemas/common.js'
import type { Seeker } from '../../shared/schemas/seekers.js'
import type { Workshop } from '../../shared/schemas/workshops.js'
import type { Facts } from '../../shared/subsidies/eligibility.js'
import { lastCheck, listProblems, replaceProblems, type RecordCheck, type StoredProblem } from '../db/record-problems.js'
import { listSeekersOfTownship } from '../db/seekers.js'
import { acrossTownships } from '../db/across.js'
import { allow, listTownship, listTownships } from './access.js'
import type { Actor, Deps } from './deps.js'
import { seekerFacts, workshopFacts } from './subsidy-facts.js'

const today = (deps: Deps) => districtDate(deps.now())

/** A person's facts as decisions read them: records that break a rule left out, and named. */
export async function decisionFactsOf(deps: Deps, s: Seeker): Promise<Facts> {
  const raw = await seekerFacts(deps.db, s)
  const { facts, skipped } = soundFacts(raw, checkPerson({ ...raw, seeker: s }, today(deps)))
  return skipped.length ? { ...facts, skipped } : facts
}

/** A workshop's facts for its reward, with the placements whose own dates break a rule left out. */
export async function decisionFactsOfWorkshop(deps: Deps, w: Workshop): Promise<Facts> {
  const raw = await workshopFacts(deps.db, w)
  const skipped = (raw.workshopPlacements ?? []).flatMap((p) => placementOwnProblems(p, today(deps)))
  if (!skipped.length) return raw
  const bad = new Set(skipped.map((p) => p.id))
  return { ...raw, workshopPlacements: raw.workshopPlacements!.filter((p) => !bad.has(p.id)), skipped }
}

/** Checks every person of one township, page by page, and replaces that township's findings. */
export async function checkTownship(deps: Deps, township: string): Promise<RecordCheck> {
  const day = today(deps)
  const found: StoredProblem[] = []
  let people = 0
  let records = 0
  let cursor: string | undefined
  do {
    const page = await listSeekersOfTownship(deps.db, township, { limit: 100, ...(cursor ? { cursor } : {}) })
    await eachLimit(page.items, 8, async (s) => {
      const facts = await seekerFacts(deps.db, s)
      people++
      records += 1 + facts.placements.length + facts.certificates.length + facts.trainings.length + facts.yulu.length
      for (const p of checkPerson({ ...facts, seeker: s }, day)) found.push({ ...p, township, seekerId: s.id, seekerName: s.name })
    })
    cursor = page.nextCursor ?? undefined
  } while (cursor)
  const check: RecordCheck = { township, checkedAt: deps.now().toISOString(), people, records, problems: found.length }
  await replaceProblems(deps.db, check, found)
  deps.log.info('records.checked', { township, people, records, problems: found.length })
  return check
}

/** The daily check (and `npm run check-records`): every township, one after another. */
export async function checkAll(deps: Deps): Promise<RecordCheck[]> {
  const out: RecordCheck[] = []
  for (const t of TOWNSHIPS) out.push(await checkTownship(deps, t.code))
  return out
}

/**
 * A page of a township's findings, with when the check ran (null: never yet). Without a township
 * (全区): the district's findings township after township, and one summary of the townships'
 * last checks (`township: 'district'`, the oldest time among them, the counts added up).
 */
export async function problems(deps: Deps, actor: Actor, q: PageQuery & { township?: string | undefined }) {
  allow(actor, 'officer', 'admin')
  const townships = listTownships(actor, q.township)
  const [page, checks] = await Promise.all([
    acrossTownships(deps.db, ['recordProblems'], townships, q, (t, p) => listProblems(deps.db, t, p.limit, p.cursor)),
    Promise.all(townships.map((t) => lastCheck(deps.db, t))),
  ])
  return { ...page, check: townships.length === 1 ? (checks[0] ?? null) : districtCheck(checks.filter((c): c is RecordCheck => Boolean(c))) }
}

function districtCheck(checks: readonly RecordCheck[]): RecordCheck | null {
  if (!checks.length) return null
  const oldest = checks.reduce((a, c) => (c.checkedAt < a ? c.checkedAt : a), checks[0]!.checkedAt)
  const sum = (k: 'people' | 'records' | 'problems') => checks.reduce((n, c) => n + c[k], 0)
  return { township: 'district', checkedAt: oldest, people: sum('people'), records: sum('records'), problems: sum('problems') }
}

/** An officer asks for a fresh check of a township in scope (a district officer naming none: every township); it runs as a job. */
export async function startCheck(deps: Deps, actor: Actor, requested: string | undefined): Promise<{ township: string }> {
  allow(actor, 'officer', 'admin')
  const township = listTownship(actor, requested)
  await deps.jobs.start({ type: 'checkRecords', ...(township ? { township } : {}) })
  return { township: township ?? 'district' }
}
