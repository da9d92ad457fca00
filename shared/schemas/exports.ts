import * as z from 'zod'
import { bilingual } from '../validation.js'
import { Id, TownshipCode } from './common.js'
import { PlacementQuery } from './applications.js'
import { ProposalQuery } from './match-runs.js'
import { HouseholdQuery } from './monitoring.js'
import { PeopleSearch, SeekerSearch } from './seekers.js'

/**
 * 导出 Excel from an officer's list page (issue 11 part 8): the list, the filters its page uses
 * (the list endpoint's own query, without paging), and whether ID numbers are written in full.
 */
export const ExportList = z.enum(['seekers', 'placements', 'certificates', 'proposals', 'households'], bilingual('未知的名单', 'Unknown list'))
export type ExportList = z.infer<typeof ExportList>

const noPaging = { limit: true, cursor: true } as const
// Strict: a filter the list does not know is refused by name, not silently dropped from the file.
// 一人一档: the township's list (village, 待跟进 idleDays), or with `q` people search's answer, as the page shows them.
export const SeekerExportFilters = SeekerSearch.omit(noPaging)
  .extend({ q: PeopleSearch.shape.q.optional() })
  .strict()
  .superRefine((f, ctx) => {
    if (f.q && (f.idleDays || f.idLast4)) ctx.addIssue({ code: 'custom', path: ['q'], ...bilingual('按姓名查找时不能同时按待跟进天数或身份证号后 4 位筛选', 'A name search cannot be combined with idle days or the last 4 of the ID number') })
  })
export const PlacementExportFilters = PlacementQuery.omit(noPaging).strict()
export const CertificateExportFilters = z.object({ township: TownshipCode.optional(), state: z.enum(['pending', 'verified'], bilingual('状态应为 pending 或 verified', 'State is pending or verified')).optional() }).strict()
export const ProposalExportFilters = ProposalQuery.omit(noPaging).extend({ runId: Id }).strict()
export const HouseholdExportFilters = HouseholdQuery.omit(noPaging).strict()

const fullIds = z.boolean().default(false)
export const ExportRequest = z.discriminatedUnion(
  'list',
  [
    z.object({ list: z.literal('seekers'), filters: SeekerExportFilters.default({}), fullIds }),
    z.object({ list: z.literal('placements'), filters: PlacementExportFilters.default({}), fullIds }),
    z.object({ list: z.literal('certificates'), filters: CertificateExportFilters.default({}), fullIds }),
    z.object({ list: z.literal('proposals'), filters: ProposalExportFilters, fullIds }),
    // 户清单 names households by their head's name and the household number: it holds no ID number to reveal.
    z.object({ list: z.literal('households'), filters: HouseholdExportFilters.default({}), fullIds: z.boolean().default(false).refine((v) => !v, bilingual('户清单不含身份证号', 'The household list holds no ID numbers')) }),
  ],
  bilingual('请选择要导出的名单', 'Choose the list to export'),
)
export type ExportRequest = z.infer<typeof ExportRequest>

export const ExportStatus = z.enum(['queued', 'running', 'done', 'failed'])
export type ExportStatus = z.infer<typeof ExportStatus>

/** GET /api/exports/:id: the job's progress; `link` (short-lived) once done, to the officer who asked only. */
export const ExportRecord = z.object({
  id: z.string(),
  list: ExportList,
  filters: z.record(z.string(), z.unknown()),
  fullIds: z.boolean(),
  status: ExportStatus,
  percent: z.number().int().min(0).max(100),
  rows: z.number().int().min(0),
  fileName: z.string(),
  failure: z.object({ code: z.string(), message: z.string(), messageEn: z.string() }).optional(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  link: z.object({ url: z.string(), expiresAt: z.string(), fileName: z.string() }).optional(),
})
export type ExportRecord = z.infer<typeof ExportRecord>

/** Rows one export may hold: past it the job fails and says to narrow the filters (no silent cap). */
export const MAX_EXPORT_ROWS = 20_000
