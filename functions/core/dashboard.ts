/**
 * 工作台看板 the officer's targets board and outcomes: the year's policy targets beside the year's
 * counters and last year's, by township and by month; the outcomes of placements by township and
 * household category; the names behind any figure. Every figure is a counter kept in the
 * transaction of the record it counts (functions/db/targets.ts, functions/db/board.ts), so the
 * board is four single-partition queries whatever the district's size (docs/data-model.md, "Targets board").
 */
import { mergeCounts, medianOf, retention, shareOf } from '../../shared/board.js'
import { districtDate } from '../../shared/dates.js'
import { DISTRICT, TOWNSHIP_CODES } from '../../shared/geo.js'
import type { BoardMetric, CountedPerson, DashboardBoard, DashboardExportQuery, DashboardPeopleQuery, DashboardQuery } from '../../shared/schemas/board.js'
import type { Page } from '../../shared/schemas/common.js'
import { HouseholdCategory } from '../../shared/schemas/seekers.js'
import type { Policy } from '../../shared/schemas/subsidies.js'
import { acrossTownships } from '../db/across.js'
import { allCountedPeople, boardCountersOf, countedPeoplePage, wantingCountersOf, type CountedRow, type OutcomeCounter } from '../db/board.js'
import { policyHistory, policyInForce } from '../db/policies.js'
import type { TargetCounter } from '../db/targets.js'
import { allow, listTownships } from './access.js'
import type { Actor, Deps } from './deps.js'
import { remembered } from './short-cache.js'

/** The four targets of measures 4, 5 and 9, in the board's order (people in 公益性岗位 and 帮扶车间: no fewer than last year). */
export const TARGET_METRICS = ['employed', 'certified', 'publicWelfare', 'workshop'] as const
const MONTHS = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'] as const

type Board = DashboardBoard
type OutcomeFigures = DashboardBoard['outcomes']['total']
type TargetFigure = DashboardBoard['targets'][number]

const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0)
const yearOf = (deps: Deps, year: number | undefined) => year ?? Number(districtDate(deps.now()).slice(0, 4))

/** The policy's target of a year (as in force on its last day, or today within it); null when none was entered. */
async function policyOf(deps: Deps, year: number, today: string): Promise<Policy | undefined> {
  return policyInForce(await policyHistory(deps.db, DISTRICT.code, year), today.startsWith(String(year)) ? today : `${year}-12-31`)
}

function targetFigure(metric: TargetFigure['metric'], policy: Policy | undefined, now: TargetCounter[], before: TargetCounter[], townships: readonly string[], whole: boolean): TargetFigure {
  const inScope = (rows: TargetCounter[]) => new Map(rows.filter((r) => townships.includes(r.township)).map((r) => [r.township, r]))
  const cur = inScope(now)
  const prev = inScope(before)
  const actual = sum([...cur.values()].map((r) => r.count))
  const lastYear = sum([...prev.values()].map((r) => r.count))
  const fixed = metric === 'employed' || metric === 'certified'
  const policyTarget = !policy ? null : metric === 'employed' ? policy.targets.employed : metric === 'certified' ? policy.targets.certified : metric === 'publicWelfare' ? policy.targets.lastYearPublicWelfareEmployed : policy.targets.lastYearWorkshopEmployed
  // The district's target is the policy's; a township has none of its own for the fixed targets,
  // and "no fewer than last year" means its own last year.
  const target = whole ? (policyTarget ?? (fixed ? null : lastYear)) : fixed ? null : lastYear
  return {
    metric,
    targetKind: fixed ? 'fixed' : 'atLeastLastYear',
    target,
    actual,
    lastYear,
    share: shareOf(actual, target),
    byTownship: townships.map((t) => {
      const a = cur.get(t)?.count ?? 0
      const l = prev.get(t)?.count ?? 0
      const tt = fixed ? null : l
      return { township: t, actual: a, lastYear: l, target: tt, share: shareOf(a, tt) }
    }),
    byMonth: MONTHS.map((m) => ({ month: m, actual: sum([...cur.values()].map((r) => r.byMonth[m] ?? 0)), lastYear: sum([...prev.values()].map((r) => r.byMonth[m] ?? 0)) })),
  }
}

function outcomeFigures(wanting: number, placed: number, rows: readonly OutcomeCounter[], today: string): OutcomeFigures {
  const placements = sum(rows.map((r) => r.placements))
  const starts = mergeCounts(rows.map((r) => r.starts))
  return {
    wanting,
    placed,
    placementRate: shareOf(placed, wanting),
    placements,
    placementsPerPerson: shareOf(placements, placed),
    medianDaysToFirstPlacement: medianOf(mergeCounts(rows.map((r) => r.days))),
    retained3: retention(starts, mergeCounts(rows.map((r) => r.lost3)), 3, today),
    retained6: retention(starts, mergeCounts(rows.map((r) => r.lost6)), 6, today),
  }
}

/**
 * The board of a year for the townships in the actor's scope (or the one filtered). Officers open
 * it together (the morning, a meeting): one container keeps a board it made for
 * `config.boardCacheSeconds` and says when it was read (`readAt`); the names behind a figure are
 * always read live.
 */
export async function board(deps: Deps, actor: Actor, q: DashboardQuery): Promise<Board> {
  allow(actor, 'officer', 'admin')
  const townships = [...listTownships(actor, q.township)]
  const year = yearOf(deps, q.year)
  const kept = await remembered(deps.db, `board:${year}:${townships.join(',')}`, deps.config.boardCacheSeconds, deps.now, () => readBoard(deps, year, townships))
  return { ...kept.value, readAt: kept.readAt.toISOString() }
}

async function readBoard(deps: Deps, year: number, townships: string[]): Promise<Omit<Board, 'readAt'>> {
  const whole = townships.length === TOWNSHIP_CODES.length
  const today = districtDate(deps.now())
  const lastYear = year - 1
  // Four single-partition queries at once: the year's policy, the year's board partition (targets
  // and outcomes), last year's targets, the people who want work now.
  const [policy, counters, before, wantingRows] = await Promise.all([
    policyOf(deps, year, today),
    boardCountersOf(deps.db, year),
    boardCountersOf(deps.db, lastYear, true),
    wantingCountersOf(deps.db),
  ])
  const targets = TARGET_METRICS.map((m) => targetFigure(m, policy, counters.targets[m] ?? [], before.targets[m] ?? [], townships, whole))
  const placedRows = (counters.targets.placed ?? []).filter((r) => townships.includes(r.township))
  const outcomes = counters.outcomes.filter((r) => townships.includes(r.township))
  const wanting = wantingRows.filter((r) => townships.includes(r.township))
  const wantingOf = (keep: (r: { township: string; category: string }) => boolean) => sum(wanting.filter(keep).map((r) => r.count))
  return {
    year,
    lastYear,
    asOf: today,
    townships,
    targets,
    outcomes: {
      total: outcomeFigures(wantingOf(() => true), sum(placedRows.map((r) => r.count)), outcomes, today),
      byTownship: townships.map((t) => ({ township: t, ...outcomeFigures(wantingOf((r) => r.township === t), placedRows.find((r) => r.township === t)?.count ?? 0, outcomes.filter((r) => r.township === t), today) })),
      byCategory: HouseholdCategory.options.map((c) => ({
        category: c,
        ...outcomeFigures(wantingOf((r) => r.category === c), sum(placedRows.map((r) => r.byCategory[c] ?? 0)), outcomes.filter((r) => r.category === c), today),
      })),
    },
  }
}

const toPerson = (r: CountedRow): CountedPerson => ({ seekerId: r.seekerId, name: r.name, township: r.township, month: r.month, ...(r.category ? { category: r.category } : {}) })

/** The names behind a figure (a metric, a year, a township or all in scope, a month or the year), a page at a time. */
export async function people(deps: Deps, actor: Actor, q: DashboardPeopleQuery): Promise<Page<CountedPerson>> {
  allow(actor, 'officer', 'admin')
  const year = yearOf(deps, q.year)
  const page = await acrossTownships(deps.db, ['boardPeople', year, q.metric, q.month ?? null], listTownships(actor, q.township), q, (t, p) => countedPeoplePage(deps.db, year, q.metric, t, q.month, p))
  return { items: page.items.map(toPerson), nextCursor: page.nextCursor }
}

/** Every name of the same list, in the same order, for its .xlsx. */
export async function peopleRows(deps: Deps, actor: Actor, q: DashboardExportQuery): Promise<{ year: number; metric: BoardMetric; rows: CountedPerson[] }> {
  allow(actor, 'officer', 'admin')
  const year = yearOf(deps, q.year)
  const rows: CountedPerson[] = []
  for (const t of listTownships(actor, q.township)) rows.push(...(await allCountedPeople(deps.db, year, q.metric, t, q.month)).map(toPerson))
  return { year, metric: q.metric, rows }
}
