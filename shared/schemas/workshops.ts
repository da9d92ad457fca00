import * as z from 'zod'
import { PageQuery, TownshipCode, VillageCode } from './common.js'
import { bilingual } from '../validation.js'
import { MultilineText, Text } from './text.js'
import { WorkshopContactInput, WorkshopContactView } from './contacts.js'

export const WorkshopType = z.enum(['factory', 'homeBased', 'plantingBreeding', 'trade', 'tourism'])
export type WorkshopType = z.infer<typeof WorkshopType>

/** 帮扶车间 recognition: pending until an officer recognizes or rejects it. */
export const WorkshopStatus = z.enum(['pending', 'recognized', 'rejected'])
export type WorkshopStatus = z.infer<typeof WorkshopStatus>

export const WorkshopInput = z
  .object({
    name: Text(60, { min: 2 }),
    type: WorkshopType,
    township: TownshipCode,
    village: VillageCode,
    address: Text(120, { min: 2 }),
  })
  .refine((w) => w.village.startsWith(`${w.township}-`), {
    ...bilingual('村不属于所选乡镇', 'The village is not in the chosen township'),
    path: ['village'],
  })
export type WorkshopInput = z.infer<typeof WorkshopInput>

export const Workshop = z.object({
  id: z.string(),
  name: z.string(),
  type: WorkshopType,
  township: TownshipCode,
  village: z.string(),
  address: z.string(),
  ownerId: z.string(),
  status: WorkshopStatus,
  recognizedAt: z.string().optional(),
  recognizedBy: z.string().optional(),
  rejectReason: z.string().optional(),
  /** Alleviated/monitored people employed, kept by placements (drives recognition). */
  alleviatedEmployed: z.number().int().nonnegative(),
  createdAt: z.string(),
})
export type Workshop = z.infer<typeof Workshop>

/** Registration: the workshop, and the phone posts without a contact person of their own show (optional). */
export const NewWorkshop = WorkshopInput.and(z.object({ contact: WorkshopContactInput.optional() }))
export type NewWorkshop = z.infer<typeof NewWorkshop>

/** A workshop as its owner and officers read it: with its contact phone masked, or `null`. */
export const WorkshopDetail = Workshop.extend({ contact: WorkshopContactView.nullable() })
export type WorkshopDetail = z.infer<typeof WorkshopDetail>

export const WorkshopDecision = z.object({
  decision: z.enum(['recognized', 'rejected']),
  /** Why a workshop was rejected; shown to its owner. */
  reason: MultilineText(200).optional(),
})
export type WorkshopDecision = z.infer<typeof WorkshopDecision>

/** Measure 5: orders, funds, logistics. */
export const DifficultyKind = z.enum(['orders', 'funds', 'logistics', 'other'])
export const DifficultyInput = z.object({
  kind: DifficultyKind,
  description: MultilineText(1000, { min: 4 }),
})
export type DifficultyInput = z.infer<typeof DifficultyInput>

export const Difficulty = z.object({
  id: z.string(),
  workshopId: z.string(),
  workshopName: z.string(),
  township: z.string(),
  kind: DifficultyKind,
  description: z.string(),
  status: z.enum(['open', 'closed']),
  reportedBy: z.string(),
  createdAt: z.string(),
  response: z.string().optional(),
  closedBy: z.string().optional(),
  closedAt: z.string().optional(),
})
export type Difficulty = z.infer<typeof Difficulty>

export const DifficultyClose = z.object({ response: MultilineText(1000, { min: 2 }) })

/** A township's reports (or the district's), of one status; `olderThanDays` (with a status): reported more than that many days ago. */
export const DifficultyQuery = PageQuery.extend({
  township: TownshipCode.optional(),
  status: z.enum(['open', 'closed']).optional(),
  olderThanDays: z.coerce.number().int().min(1).max(365).optional(),
}).refine((q) => !q.olderThanDays || q.status, { path: ['status'], ...bilingual('按天数筛选时请选择状态', 'Choose a status to filter by age') })
export type DifficultyQuery = z.infer<typeof DifficultyQuery>
