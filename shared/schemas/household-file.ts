/**
 * 一户一档 a household's file as the portal shows it: the household, its members with their ID
 * numbers masked, and its monitoring cases (防止返贫动态监测) with their clocks, newest first.
 */
import * as z from 'zod'
import { CaseDetail, Household, HouseholdMember } from './monitoring.js'

export const HouseholdFileMember = HouseholdMember.extend({
  idNumberMasked: z.string(),
  /** 监测对象 subtype, so the member's category reads as on their own file. */
  monitoredSubtype: z.string().optional(),
})
export const HouseholdFile = Household.extend({ members: z.array(HouseholdFileMember), cases: z.array(CaseDetail) })
export type HouseholdFile = z.infer<typeof HouseholdFile>
