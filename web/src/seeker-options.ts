import type { Seeker } from './api/client'

// The choices of a seeker file, in the order forms show them. Plain lists (not the zod schemas),
// so the browser bundle does not carry zod; `satisfies` ties them to the server's types.
export const CATEGORIES = ['alleviated', 'monitored', 'other'] as const satisfies readonly Seeker['category'][]
export const MONITORED_SUBTYPES = ['unstable', 'marginal', 'suddenHardship'] as const satisfies readonly NonNullable<Seeker['monitoredSubtype']>[]
export const LABOR_CAPACITIES = ['full', 'half', 'weak', 'none'] as const satisfies readonly Seeker['laborCapacity'][]
export const EDUCATIONS = ['primary', 'junior', 'senior', 'vocational', 'college', 'bachelor'] as const satisfies readonly Seeker['education'][]
export const INTENTS = ['employment', 'entrepreneurship', 'industry'] as const satisfies readonly Seeker['intents'][number][]
export const WAGE_UNITS = ['month', 'day', 'piece'] as const satisfies readonly NonNullable<Seeker['expectedWage']>['unit'][]

export type Category = (typeof CATEGORIES)[number]
export type MonitoredSubtype = (typeof MONITORED_SUBTYPES)[number]
export type LaborCapacity = (typeof LABOR_CAPACITIES)[number]
export type Education = (typeof EDUCATIONS)[number]
export type Intent = (typeof INTENTS)[number]
export type WageUnit = (typeof WAGE_UNITS)[number]

/** Tags typed with a Chinese or Latin comma or 、 split there, as people list things either way. */
export const TAG_DELIMITER = /[,，、;；]/
