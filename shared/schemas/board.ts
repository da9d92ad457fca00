import * as z from 'zod'
import { bilingual } from '../validation.js'
import { PageQuery, TownshipCode } from './common.js'

/**
 * What the targets board counts (看板): 务工就业 employed and 新增持证 certified (the policy's two
 * fixed targets), people in 公益性岗位 public-welfare posts and 帮扶车间 workshops (no fewer than last
 * year), and placed: anyone with a placement that started in the year (the outcomes).
 */
export const BoardMetric = z.enum(['employed', 'certified', 'publicWelfare', 'workshop', 'placed'])
export type BoardMetric = z.infer<typeof BoardMetric>

export const BoardYear = z.coerce.number().int().min(2000).max(2100)
export const BoardMonth = z.string().refine((v) => /^(0[1-9]|1[0-2])$/.test(v), bilingual('月份应为 01–12', 'The month is 01–12'))

/** `GET /api/dashboard`: the year (default: this year in the district) and a township (a district officer's filter). */
export const DashboardQuery = z.object({ year: BoardYear.optional(), township: TownshipCode.optional() })
export type DashboardQuery = z.infer<typeof DashboardQuery>

/** `GET /api/dashboard/people`: the names behind one figure, a page at a time. */
export const DashboardPeopleQuery = PageQuery.extend({ year: BoardYear.optional(), metric: BoardMetric, township: TownshipCode.optional(), month: BoardMonth.optional() })
export type DashboardPeopleQuery = z.infer<typeof DashboardPeopleQuery>
/** The same list as an .xlsx: every row, no page. */
export const DashboardExportQuery = DashboardPeopleQuery.omit({ limit: true, cursor: true })
export type DashboardExportQuery = z.infer<typeof DashboardExportQuery>

export interface CountedPerson {
  seekerId: string
  name: string
  township: string
  month: string
  category?: string
}

const Share = z.number().nullable()
const Retained = z.object({ due: z.number().int(), kept: z.number().int(), rate: Share })
/** A target of the year: the policy's (fixed) or last year's (atLeastLastYear), beside this year's and last year's figures. */
export const TargetFigure = z.object({
  metric: z.enum(['employed', 'certified', 'publicWelfare', 'workshop']),
  targetKind: z.enum(['fixed', 'atLeastLastYear']),
  target: z.number().int().nullable(),
  actual: z.number().int(),
  lastYear: z.number().int(),
  share: Share,
  byTownship: z.array(z.object({ township: z.string(), actual: z.number().int(), lastYear: z.number().int(), target: z.number().int().nullable(), share: Share })),
  byMonth: z.array(z.object({ month: z.string(), actual: z.number().int(), lastYear: z.number().int() })),
})
export type TargetFigure = z.infer<typeof TargetFigure>
/** Outcomes of placement: 想就业 people who want work vs placed, days to a first placement, still in work at 3 and 6 months. */
export const OutcomeFigures = z.object({
  wanting: z.number().int(),
  placed: z.number().int(),
  placementRate: Share,
  placements: z.number().int(),
  placementsPerPerson: Share,
  medianDaysToFirstPlacement: z.number().int().nullable(),
  retained3: Retained,
  retained6: Retained,
})
export type OutcomeFigures = z.infer<typeof OutcomeFigures>
export const DashboardBoard = z.object({
  year: z.number().int(),
  lastYear: z.number().int(),
  asOf: z.string(),
  /** When the counters were read (ISO time): a board may be kept a few seconds (functions/core/dashboard.ts). */
  readAt: z.string(),
  townships: z.array(z.string()),
  targets: z.array(TargetFigure),
  outcomes: z.object({
    total: OutcomeFigures,
    byTownship: z.array(OutcomeFigures.extend({ township: z.string() })),
    byCategory: z.array(OutcomeFigures.extend({ category: z.string() })),
  }),
})
export type DashboardBoard = z.infer<typeof DashboardBoard>
export const CountedPersonRow = z.object({ seekerId: z.string(), name: z.string(), township: z.string(), month: z.string(), category: z.string().optional() })
