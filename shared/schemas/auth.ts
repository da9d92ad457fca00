import * as z from 'zod'
import { Phone, TownshipCode } from './common.js'
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
  createdAt: z.string(),
})
export type User = z.infer<typeof User>

export const OtpResponse = z.object({
  sent: z.literal(true),
  expiresInSeconds: z.number(),
  /** Only when WENGANG_ENV=local: the code itself, for development and tests. */
  devCode: z.string().optional(),
})
export type OtpResponse = z.infer<typeof OtpResponse>

export const LoginResponse = z.object({ token: z.string(), user: User })
export type LoginResponse = z.infer<typeof LoginResponse>
