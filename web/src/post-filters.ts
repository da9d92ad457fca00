import type { LocationQuery } from 'vue-router'
import { TOWNSHIP_CODES, villageByCode } from '../../shared/geo'
import type { InferRequestType } from 'hono/client'
import type { api, Post } from './api/client'
import { isYuan, yuanToFen } from './money'
import { isPostKind, type PostKind } from './post-kinds'

export const INTENSITIES = ['light', 'medium', 'heavy'] as const satisfies readonly Post['intensity'][]
export const SORTS = ['newest', 'wage', 'distance'] as const
export const DISTANCES_KM = [5, 10, 20, 50] as const

export type Intensity = (typeof INTENSITIES)[number]
export type Sort = (typeof SORTS)[number]

/** The browse filters as the address holds them (money in yuan there, for people reading links). */
export interface PostFilterValues {
  township?: string
  kind?: PostKind
  q?: string
  skill?: string
  minWage?: string
  intensity?: Intensity
  accommodation?: 'true' | 'false'
  near?: string
  maxKm?: string
  sort?: Sort
}

export type PostFilterName = keyof PostFilterValues

const single = (v: LocationQuery[string] | undefined): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined)
const oneOf = <T extends string>(list: readonly T[], v: string | undefined): T | undefined => (v !== undefined && (list as readonly string[]).includes(v) ? (v as T) : undefined)

/** Reads the filters from the address; anything unknown or malformed is ignored, not sent. */
export function readPostFilters(query: LocationQuery): PostFilterValues {
  const township = single(query.township)
  const kind = single(query.kind)
  const minWage = single(query.minWage)
  const near = single(query.near)
  const maxKm = single(query.maxKm)
  const sort = oneOf(SORTS, single(query.sort))
  const values: PostFilterValues = {
    township: township && TOWNSHIP_CODES.includes(township) ? township : undefined,
    kind: isPostKind(kind) ? kind : undefined,
    q: single(query.q)?.slice(0, 30),
    skill: single(query.skill)?.slice(0, 30),
    minWage: minWage && isYuan(minWage) ? minWage : undefined,
    intensity: oneOf(INTENSITIES, single(query.intensity)),
    accommodation: oneOf(['true', 'false'] as const, single(query.accommodation)),
    near: near && villageByCode.has(near) ? near : undefined,
    maxKm: maxKm && /^\d{1,4}$/.test(maxKm) ? maxKm : undefined,
    // Newest is the default (not written); distance needs a place to measure from.
    sort: sort === 'newest' || (sort === 'distance' && !(near && villageByCode.has(near))) ? undefined : sort,
  }
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as PostFilterValues
}

export type PostsQuery = NonNullable<InferRequestType<typeof api.posts.$get>['query']>

/** The `GET /posts` query for these filters (yuan → integer fen). */
export function postQueryOf(f: PostFilterValues): PostsQuery {
  return {
    ...(f.township ? { township: f.township } : {}),
    ...(f.kind ? { kind: f.kind } : {}),
    ...(f.q ? { q: f.q } : {}),
    ...(f.skill ? { skill: f.skill } : {}),
    ...(f.minWage ? { minWageFen: String(yuanToFen(f.minWage)) } : {}),
    ...(f.intensity ? { intensity: f.intensity } : {}),
    ...(f.accommodation ? { accommodation: f.accommodation } : {}),
    ...(f.near ? { near: f.near } : {}),
    ...(f.near && f.maxKm ? { maxKm: f.maxKm } : {}),
    ...(f.sort && f.sort !== 'newest' ? { sort: f.sort } : {}),
  }
}

/** Filters behind the "more" toggle, counted on its button. */
export const MORE_FILTERS: readonly PostFilterName[] = ['skill', 'minWage', 'intensity', 'accommodation', 'near', 'maxKm']
