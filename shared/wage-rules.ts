/**
 * Pay rules of posts (issue 10 part 3), over the year's policy: pure, called by functions/core/posts.ts.
 * - 帮扶车间 workshop, enterprise and 有组织劳务输出 labor-export posts pay at least the minimum monthly
 *   wage of the district's area grade; a day wage counts as 22 working days, a piece rate by the
 *   monthly pay it states it can earn.
 * - 公益性岗位 public-welfare posts are part-time and paid the year's post standard
 *   (policy.publicWelfare.monthlyFen a month), not a wage of the post's own: any other figure is refused.
 */
import type { PostKind } from './schemas/posts.js'
import type { PolicyBody } from './schemas/subsidies.js'

export const WORKING_DAYS_PER_MONTH = 22

export interface WageLike { amountFen: number; unit: 'month' | 'day' | 'piece'; expectedMonthlyFen?: number | undefined }

/** The monthly figure compared with the floor. */
export const monthlyFen = (w: WageLike): number =>
  w.unit === 'month' ? w.amountFen : w.unit === 'day' ? w.amountFen * WORKING_DAYS_PER_MONTH : (w.expectedMonthlyFen ?? 0)

export const minimumMonthlyFen = (p: Pick<PolicyBody, 'minimumWage'>): number | undefined =>
  p.minimumWage ? p.minimumWage.monthlyFenByGrade[p.minimumWage.grade as 1 | 2 | 3] : undefined

const yuan = (fen: number) => (fen / 100).toLocaleString('en-US', { maximumFractionDigits: 2 })

export interface WageRefusal { code: string; field: string; message: string; messageEn: string }

/** Why a post's pay breaks the year's rules, or undefined when it does not. */
export function wageRefusal(kind: PostKind, w: WageLike, policy: Pick<PolicyBody, 'minimumWage' | 'publicWelfare'>): WageRefusal | undefined {
  if (kind === 'publicWelfare') {
    const standard = policy.publicWelfare.monthlyFen
    if (w.unit === 'month' && w.amountFen === standard) return undefined
    return { code: 'post.publicWelfareWage', field: 'wage.amountFen', message: `公益性岗位按本年度标准发放：每月 ${yuan(standard)} 元`, messageEn: `A public-welfare post pays this year's standard: ${yuan(standard)} yuan a month` }
  }
  const floor = minimumMonthlyFen(policy)
  if (floor === undefined || monthlyFen(w) >= floor) return undefined
  const field = w.unit === 'piece' ? 'wage.expectedMonthlyFen' : 'wage.amountFen'
  const as = w.unit === 'day' ? [`（日薪按 ${WORKING_DAYS_PER_MONTH} 天计）`, ` (a day wage counts as ${WORKING_DAYS_PER_MONTH} days)`] : ['', '']
  return { code: 'post.wageBelowMinimum', field, message: `工资低于本年度最低工资标准：每月 ${yuan(floor)} 元${as[0]}`, messageEn: `The wage is below this year's minimum wage: ${yuan(floor)} yuan a month${as[1]}` }
}
