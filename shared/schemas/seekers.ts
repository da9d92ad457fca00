import * as z from 'zod'
import { TownshipCode } from './common.js'

/** 脱贫户 alleviated, 防止返贫监测对象 monitored, or neither. */
export const HouseholdCategory = z.enum(['alleviated', 'monitored', 'other'])
/** 脱贫不稳定户 unstable, 边缘易致贫户 marginal, 突发严重困难户 suddenHardship. */
export const MonitoredSubtype = z.enum(['unstable', 'marginal', 'suddenHardship'])
export const LaborCapacity = z.enum(['full', 'half', 'weak', 'none'])
export const Education = z.enum(['primary', 'junior', 'senior', 'vocational', 'college', 'bachelor'])
/** 返乡回流 returnee, 高校毕业生 graduate, 雨露计划 yulu trainee, 新成长劳动力 new entrant. */
export const SeekerGroup = z.enum(['returnee', 'graduate', 'yulu', 'newEntrant'])
export const Intent = z.enum(['employment', 'entrepreneurship', 'industry'])

/**
 * The seeker file (一人一档) as stored and shown: the ID number only masked. The marketplace
 * issue adds the editing API; the foundation seeds these so every later feature has people.
 */
export const Seeker = z.object({
  id: z.string(),
  userId: z.string().optional(),
  name: z.string(),
  idNumberMasked: z.string(),
  gender: z.enum(['male', 'female']),
  birthDate: z.string(),
  phoneMasked: z.string().optional(),
  category: HouseholdCategory,
  monitoredSubtype: MonitoredSubtype.optional(),
  householdId: z.string().optional(),
  township: TownshipCode,
  village: z.string(),
  laborCapacity: LaborCapacity,
  education: Education,
  skills: z.array(z.string()),
  groups: z.array(SeekerGroup),
  intents: z.array(Intent),
  expectedWageFen: z.number().int().nonnegative().optional(),
  maxCommuteKm: z.number().nonnegative().optional(),
  helperName: z.string().optional(),
  /** Graduates and Yulu trainees. */
  school: z.string().optional(),
  major: z.string().optional(),
  createdAt: z.string(),
})
export type Seeker = z.infer<typeof Seeker>
