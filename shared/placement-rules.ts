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

/** What the overlap rules read of a placement. */
export interface HeldJob {
  id: string
  kind: PostKind
  destination?: Destination | undefined
  title: string
  employer?: string | undefined
  startDate: string
  endDate?: string | undefined
}

/** Two jobs overlap when one starts before the other has ended (an open end runs on). The end day is the last day worked, so a new job may start on it. */
const overlap = (a: HeldJob, b: HeldJob): boolean => a.startDate < (b.endDate ?? '9999-12-31') && b.startDate < (a.endDate ?? '9999-12-31')

/** One dotted code and message for two jobs that cannot be held at once; `other` is the one already on file. */
export interface JobClash {
  code: 'placement.overlapsFullTime' | 'placement.overlapsPublicWelfare' | 'placement.awayBesidePublicWelfare'
  other: HeldJob
  message: string
  messageEn: string
}

const jobName = (j: HeldJob) => ({ zh: `${j.title}${j.employer ? `（${j.employer}）` : ''}，${j.startDate} 至 ${j.endDate ?? '今'}`, en: `${j.title}${j.employer ? ` (${j.employer})` : ''}, ${j.startDate} to ${j.endDate ?? 'now'}` })

/**
 * The first job on file that `job` could not be held beside, over their whole periods (ended ones
 * included: "two jobs at once" is as false in the past as today). The rules of `jobSlotOf` and
 * `isOutOfCounty`: one full-time job at a time, one public-welfare post at a time, and no
 * public-welfare post beside work out of the county, whichever came first.
 */
export function jobClash(job: HeldJob, onFile: readonly HeldJob[]): JobClash | undefined {
  const slot = jobSlotOf(job.kind)
  const away = isOutOfCounty(job.kind, job.destination)
  for (const other of onFile) {
    if (other.id === job.id || !overlap(job, other)) continue
    const n = jobName(other)
    const otherSlot = jobSlotOf(other.kind)
    if (slot === otherSlot) {
      return slot === 'fullTime'
        ? { code: 'placement.overlapsFullTime', other, message: `与已有的全职就业重叠：${n.zh}；同一时间只能有一份全职工作`, messageEn: `Overlaps a full-time job on file: ${n.en}; one full-time job at a time` }
        : { code: 'placement.overlapsPublicWelfare', other, message: `与已有的公益性岗位重叠：${n.zh}；每人同一时间只能有一个公益性岗位`, messageEn: `Overlaps a public-welfare post on file: ${n.en}; one public-welfare post per person at a time` }
    }
    if ((slot === 'publicWelfare' && isOutOfCounty(other.kind, other.destination)) || (away && otherSlot === 'publicWelfare')) {
      return { code: 'placement.awayBesidePublicWelfare', other, message: `公益性岗位不能与县外就业同时存在：${n.zh}`, messageEn: `A public-welfare post cannot be held while working outside the county: ${n.en}` }
    }
  }
  return undefined
}
