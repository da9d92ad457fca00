import type { InferResponseType } from 'hono/client'
import { api } from '../../api/client'

/** Shapes of the 证书培训 page, read off the server's answers. */
export type Certificate = InferResponseType<typeof api.certificates.$get, 200>['items'][number]
export type Training = InferResponseType<(typeof api.seekers)[':id']['trainings']['$get'], 200>['items'][number]
export type YuluRecord = InferResponseType<typeof api.yulu.$get, 200>['items'][number]

/** 职业资格证书 / 职业技能等级证书 / 专项职业能力证书 / 特种作业操作证 */
export const CERT_KINDS = ['skillLevel', 'occupationalQualification', 'specialAbility', 'specialOperations'] as const satisfies readonly Certificate['kind'][]
/** Skill levels run 5 (初级工) to 1 (高级技师). */
export const CERT_LEVELS = [5, 4, 3, 2, 1] as const
export const VERIFY_METHODS = ['nationalLookup', 'paperOriginal', 'issuerConfirmation'] as const
export const TRAINING_RESULTS = ['ongoing', 'passed', 'failed'] as const satisfies readonly Training['result'][]
export const YULU_STATUSES = ['enrolled', 'suspended', 'withdrawn', 'graduated'] as const satisfies readonly YuluRecord['status'][]
export type YuluStatus = (typeof YULU_STATUSES)[number]

/** 雨露计划 terms around a year: last year's autumn to next year's spring. */
export function termsAround(year: number): string[] {
  return [`${year - 1}-autumn`, `${year}-spring`, `${year}-autumn`, `${year + 1}-spring`]
}
/** The term running in a month: spring Feb–Jul, autumn Aug–Jan (January belongs to last year's autumn). */
export function currentTerm(day: string): string {
  const year = Number(day.slice(0, 4))
  const month = Number(day.slice(5, 7))
  if (month === 1) return `${year - 1}-autumn`
  return month >= 8 ? `${year}-autumn` : `${year}-spring`
}

