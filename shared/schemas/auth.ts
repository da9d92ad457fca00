import * as z from 'zod'
import { PageQuery, Phone, TownshipCode } from './common.js'
import { Text } from './text.js'
import { bilingual } from '../validation.js'

/** `auditor` reads the audit trail and ledgers, and changes nothing. */
export const Role = z.enum(['seeker', 'owner', 'officer', 'admin', 'auditor'])
export type Role = z.infer<typeof Role>

/** An officer works for one township, or for the whole district. */
export const OfficerScope = z.union([z.literal('district'), TownshipCode])
export type OfficerScope = z.infer<typeof OfficerScope>

export const OtpRequest = z.object({ phone: Phone })
export type OtpRequest = z.infer<typeof OtpRequest>

export const LoginRequest = z.object({
  phone: Phone,
  code: z.string().refine((v) => /^\d{6}$/.test(v), bilingual('验证码为 6 位数字', 'The code is 6 digits')),
})
export type LoginRequest = z.infer<typeof LoginRequest>

/** What the API shows of a user: the phone only masked. */
export const User = z.object({
  id: z.string(),
  role: Role,
  name: z.string(),
  phoneMasked: z.string(),
  scope: OfficerScope.optional(),
  /** Absent on accounts that were never deactivated. */
  status: z.enum(['active', 'deactivated']).optional(),
  createdAt: z.string(),
})
export type User = z.infer<typeof User>

/** The accounts an admin manages (用户): seekers make their own by signing in. */
export const AccountRole = z.enum(['officer', 'auditor', 'admin', 'owner'])
export type AccountRole = z.infer<typeof AccountRole>

/** An officer has a scope (the district or one township); no one else has one. */
const scopeFits = (a: { role?: AccountRole | undefined; scope?: OfficerScope | undefined }, ctx: z.RefinementCtx) => {
  if (a.role === 'officer' && !a.scope) ctx.addIssue({ code: 'custom', path: ['scope'], message: '就业专员须选择工作范围（全区或一个乡镇）', params: { en: 'An officer needs a scope: the district or one township' } })
  if (a.role && a.role !== 'officer' && a.scope) ctx.addIssue({ code: 'custom', path: ['scope'], message: '只有就业专员有工作范围', params: { en: 'Only officers have a scope' } })
}

export const NewAccount = z.object({ role: AccountRole, name: Text(20, { min: 2 }), phone: Phone, scope: OfficerScope.optional() }).superRefine(scopeFits)
export type NewAccount = z.infer<typeof NewAccount>

/** A change of name, role or scope; a role other than officer drops the scope. */
export const AccountPatch = z.object({ name: Text(20, { min: 2 }).optional(), role: AccountRole.optional(), scope: OfficerScope.optional() })
export type AccountPatch = z.infer<typeof AccountPatch>

export const UserQuery = PageQuery.extend({ role: AccountRole.default('officer'), q: Text(20).optional() })

export const OtpResponse = z.object({
  sent: z.literal(true),
  expiresInSeconds: z.number(),
  /** Only when WENGANG_ENV=local: the code itself, for development and tests. */
  devCode: z.string().optional(),
})
export type OtpResponse = z.infer<typeof OtpResponse>

export const LoginResponse = z.object({ token: z.string(), user: User })
export type LoginResponse = z.infer<typeof LoginResponse>
