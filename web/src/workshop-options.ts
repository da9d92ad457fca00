import type { Difficulty, Workshop } from './api/client'

export const WORKSHOP_TYPES = ['factory', 'homeBased', 'plantingBreeding', 'trade', 'tourism'] as const satisfies readonly Workshop['type'][]
export const WORKSHOP_STATUSES = ['pending', 'recognized', 'rejected'] as const satisfies readonly Workshop['status'][]
/** Measure 5: orders, funds, logistics. */
export const DIFFICULTY_KINDS = ['orders', 'funds', 'logistics', 'other'] as const satisfies readonly Difficulty['kind'][]

export type WorkshopType = (typeof WORKSHOP_TYPES)[number]
export type DifficultyKind = (typeof DIFFICULTY_KINDS)[number]
