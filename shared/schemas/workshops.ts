import * as z from 'zod'
import { TownshipCode, VillageCode } from './common.js'
import { bilingual } from '../validation.js'

export const WorkshopType = z.enum(['factory', 'homeBased', 'plantingBreeding', 'trade', 'tourism'])
export type WorkshopType = z.infer<typeof WorkshopType>

/** 帮扶车间 recognition: pending until an officer recognizes or rejects it. */
export const WorkshopStatus = z.enum(['pending', 'recognized', 'rejected'])
export type WorkshopStatus = z.infer<typeof WorkshopStatus>

export const WorkshopInput = z
  .object({
    name: z.string().trim().min(2).max(60),
    type: WorkshopType,
    township: TownshipCode,
    village: VillageCode,
    address: z.string().trim().min(2).max(120),
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
  /** Alleviated/monitored people employed, kept by placements (drives recognition). */
  alleviatedEmployed: z.number().int().nonnegative(),
  createdAt: z.string(),
})
export type Workshop = z.infer<typeof Workshop>
