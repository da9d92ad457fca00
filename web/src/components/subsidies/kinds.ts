import type { SubsidyKind } from '../../../../shared/schemas/subsidies'

export type Kind = SubsidyKind

/** Kinds an officer proposes from a township's records (start-up subsidies are filed one by one). */
export const KINDS = ['transport', 'labor', 'training', 'publicWelfare', 'yulu', 'workshopReward'] as const satisfies readonly Kind[]

export const YEAR = '2026'

/** A kind's usual period: a year, a month (public-welfare pay) or a school term (Yulu). */
export const defaultPeriod = (kind: Kind): string => (kind === 'publicWelfare' ? `${YEAR}-11` : kind === 'yulu' ? `${YEAR}-autumn` : YEAR)
