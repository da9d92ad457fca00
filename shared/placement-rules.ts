/** Who may hold which placements at once (issue 10 part 2): pure rules, enforced by functions/db/active-jobs.ts. */
import type { PostKind } from './schemas/posts.js'

/**
 * 帮扶车间 workshop, enterprise and 有组织劳务输出 labor-export work are full-time: one at a time.
 * 公益性岗位 public-welfare posts are part-time (¥350–800 a month), so they are a slot of their own:
 * one public-welfare post per person at a time, beside which no out-of-county work (DOMAIN.md).
 */
export type JobSlot = 'fullTime' | 'publicWelfare'
export const jobSlotOf = (kind: PostKind): JobSlot => (kind === 'publicWelfare' ? 'publicWelfare' : 'fullTime')

export type Destination = 'inCounty' | 'outOfCountyInCity' | 'outOfCityInProvince' | 'outOfProvince'
/**
 * Work away from the county: an external placement's destination says so; a platform hire on a
 * labor-export post is organised work outside the county by definition.
 */
export const isOutOfCounty = (kind: PostKind, destination?: Destination): boolean =>
  destination ? destination !== 'inCounty' : kind === 'laborExport'
