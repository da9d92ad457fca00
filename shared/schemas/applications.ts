import * as z from 'zod'
import { LANGS } from '../messages.js'
import { bilingual } from '../validation.js'
import { IsoDate, PageQuery, TownshipCode } from './common.js'
import { PostKind } from './posts.js'
import { MultilineText, Text } from './text.js'

export const ApplicationStatus = z.enum(['applied', 'shortlisted', 'rejected', 'hired', 'withdrawn'])
export type ApplicationStatus = z.infer<typeof ApplicationStatus>

/** An application's id names its post and seeker: one application per person and post. */
export const ApplicationId = z
  .string()
  .refine((v) => /^[0-9A-HJKMNP-TV-Z]{26}\.[0-9A-HJKMNP-TV-Z]{26}$/.test(v), bilingual('申请编号格式不正确', 'Malformed application id'))
export const applicationId = (postId: string, seekerId: string) => `${postId}.${seekerId}`
export const splitApplicationId = (id: string) => {
  const [postId, seekerId] = id.split('.') as [string, string]
  return { postId, seekerId }
}

/** What the post's side sees of an applicant: no full ID number, no phone. */
export const ApplicantView = z.object({
  seekerId: z.string(),
  name: z.string(),
  idNumberMasked: z.string(),
  phoneMasked: z.string().optional(),
  gender: z.enum(['male', 'female']),
  age: z.number().int(),
  category: z.string(),
  township: z.string(),
  village: z.string(),
  villageName: z.string().optional(),
  laborCapacity: z.string(),
  skills: z.array(z.string()),
  groups: z.array(z.string()),
})

export const Application = z.object({
  id: z.string(),
  postId: z.string(),
  postTitle: z.string(),
  postKind: PostKind,
  workshopId: z.string().optional(),
  workshopName: z.string().optional(),
  township: z.string(),
  seekerId: z.string(),
  status: ApplicationStatus,
  note: z.string().optional(),
  reason: z.string().optional(),
  applicant: ApplicantView,
  placementId: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
})
export type Application = z.infer<typeof Application>

export const ApplyInput = z.object({ note: MultilineText(300).optional() })
export const RejectInput = z.object({ reason: MultilineText(200, { min: 2 }) })
export const HireInput = z.object({ startDate: IsoDate })

export const Placement = z.object({
  id: z.string(),
  seekerId: z.string(),
  seekerName: z.string(),
  postId: z.string().optional(),
  applicationId: z.string().optional(),
  title: z.string(),
  kind: PostKind,
  workshopId: z.string().optional(),
  employer: z.string().optional(),
  township: z.string(),
  seekerTownship: z.string(),
  startDate: z.string(),
  endDate: z.string().optional(),
  endReason: z.string().optional(),
  status: z.enum(['active', 'ended']),
  source: z.enum(['platform', 'external']),
  destination: z.enum(['inCounty', 'outOfCountyInCity', 'outOfCityInProvince', 'outOfProvince']).optional(),
  createdBy: z.string(),
  createdAt: z.string(),
})
export type Placement = z.infer<typeof Placement>

export const EndPlacementInput = z.object({ endDate: IsoDate, reason: MultilineText(200, { min: 2 }) })

/** A placement made outside the platform, e.g. organised labor export 有组织劳务输出. */
export const ExternalPlacementInput = z.object({
  seekerId: z.string().min(1).max(40),
  title: Text(60, { min: 2 }),
  kind: PostKind,
  employer: Text(80, { min: 2 }),
  township: TownshipCode,
  destination: z.enum(['inCounty', 'outOfCountyInCity', 'outOfCityInProvince', 'outOfProvince']),
  startDate: IsoDate,
  /** A job that has already ended (a ledger's past work): recorded ended, with its reason, in one write. */
  endDate: IsoDate.optional(),
  endReason: MultilineText(200, { min: 2 }).optional(),
})

export const PlacementQuery = PageQuery.extend({
  township: TownshipCode.optional(),
  status: z.enum(['active', 'ended']).optional(),
  postId: z.string().max(40).optional(),
})

export const InboxMessage = z.object({
  id: z.string(),
  kind: z.enum(['application', 'invitation', 'system']),
  /** What the message says (shared/messages.ts); absent on an old message whose wording is not recognised. */
  code: z.string().optional(),
  params: z.record(z.string(), z.string()).optional(),
  /** Rendered in the reader's language (`?lang=` or Accept-Language). */
  title: z.string(),
  body: z.string(),
  /** An old message shown as it was written, in Chinese, to a reader of another language. */
  untranslated: z.literal(true).optional(),
  link: z.string().optional(),
  read: z.boolean(),
  createdAt: z.string(),
})
export type InboxMessage = z.infer<typeof InboxMessage>

/** A page of the inbox, in the reader's language (else Accept-Language decides). */
export const InboxQuery = PageQuery.extend({ lang: z.enum(LANGS).optional() })
