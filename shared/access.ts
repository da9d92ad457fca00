import { DomainError } from './errors.js'
import { TOWNSHIP_CODES } from './geo.js'
import type { OfficerScope, Role } from './schemas/auth.js'

/** Who is asking: enough to decide, loaded from the session. */
export interface Actor {
  userId: string
  role: Role
  scope?: OfficerScope
}

/** An officer of this township or of the whole district, or an admin. */
export const inScope = (a: Actor, township: string): boolean =>
  a.role === 'admin' || (a.role === 'officer' && (a.scope === 'district' || a.scope === township))

/** The one township a township officer is limited to; undefined for district officers and admins. */
export const scopeTownship = (a: Actor): string | undefined => (a.role === 'officer' && a.scope && a.scope !== 'district' ? a.scope : undefined)

/** Roles that reach payments and personal data sign in with a password beside the SMS code. */
export const needsPassword = (role: Role): boolean => role === 'officer' || role === 'admin' || role === 'auditor'

export const isOfficer = (a: Actor): boolean => a.role === 'officer' || a.role === 'admin'

const THINGS = {
  seeker: ['求职者档案', 'Seeker file'],
  post: ['岗位', 'Post'],
  workshop: ['车间', 'Workshop'],
  application: ['申请', 'Application'],
  placement: ['安置记录', 'Placement'],
  difficulty: ['诉求', 'Report'],
  certificate: ['证书', 'Certificate'],
  claim: ['补贴申请', 'Claim'],
  batch: ['支付批次', 'Payment batch'],
  matchRun: ['匹配任务', 'Match run'],
  proposal: ['匹配结果', 'Proposal'],
  pendingChange: ['待确认的变更', 'Pending change'],
  audit: ['记录', 'Record'],
  user: ['用户', 'User'],
  contact: ['联系方式', 'Contact'],
  returnee: ['返乡回流记录', 'Returnee record'],
  graduate: ['毕业生档案', 'Graduate record'],
  import: ['导入记录', 'Import'],
  upload: ['上传的文件（请重新上传）', 'Uploaded file (upload it again)'],
  importReview: ['待核对的导入行', 'Import review'],
  export: ['导出记录', 'Export'],
} as const
export type Thing = keyof typeof THINGS

/** Outside one's scope an object does not exist: 404, so that ids cannot be probed. One wording per kind. */
export const notFound = (thing: Thing) => new DomainError(`${thing}.notFound`, 'notFound', `${THINGS[thing][0]}不存在`, `${THINGS[thing][1]} not found`)

export const forbidden = (message = '没有权限执行此操作', messageEn = 'You are not allowed to do this') => new DomainError('auth.forbidden', 'forbidden', message, messageEn)

/**
 * The township a list request is about: a township officer's own (asking for another is refused),
 * or the one a district officer names. Undefined when a district officer names none.
 */
export function listTownship(a: Actor, requested: string | undefined): string | undefined {
  const own = scopeTownship(a)
  if (own && requested && requested !== own) throw forbidden('只能查看本乡镇的数据', 'You can see your own township only')
  return own ?? requested
}

/**
 * The townships a list reads: the one named (a township officer: always their own), else, for a
 * district officer or an admin, every township of the district in its fixed order (全区).
 */
export function listTownships(a: Actor, requested: string | undefined): readonly string[] {
  const one = listTownship(a, requested)
  return one ? [one] : TOWNSHIP_CODES
}
