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

/**
 * A staff password: 10 to 64 characters, not only digits (a phone-style PIN is guessed first), kept
 * exactly as typed (no trimming: a space is part of it).
 */
export const Password = z
  .string()
  .min(10, bilingual('密码至少 10 个字符', 'A password has at least 10 characters'))
  .max(64, bilingual('密码最多 64 个字符', 'A password has at most 64 characters'))
  .refine((v) => !/^\d+$/.test(v), bilingual('密码不能全是数字', 'A password cannot be digits only'))

export const LoginRequest = z.object({
  phone: Phone,
  code: z.string().refine((v) => /^\d{6}$/.test(v), bilingual('验证码为 6 位数字', 'The code is 6 digits')),
  /** Officers, auditors and admins only, once they have set one; seekers and owners sign in by code. */
  password: z.string().min(1, bilingual('请输入密码', 'Enter the password')).max(64, bilingual('密码最多 64 个字符', 'A password has at most 64 characters')).optional(),
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
  /** Staff only: when their password was last set; absent when they have none yet (new, or reset). */
  passwordSetAt: z.string().optional(),
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

/** Setting one's password: the current one too, unless the session is the limited one after sign-in. */
export const PasswordChange = z.object({ password: Password, current: z.string().min(1, bilingual('请输入当前密码', 'Enter the current password')).max(64, bilingual('密码最多 64 个字符', 'A password has at most 64 characters')).optional() })
export type PasswordChange = z.infer<typeof PasswordChange>

export const LoginResponse = z.object({
  token: z.string(),
  user: User,
  /** The account has no password yet: the session may only set one (POST /api/me/password). */
  passwordSetupRequired: z.literal(true).optional(),
})
export type LoginResponse = z.infer<typeof LoginResponse>
