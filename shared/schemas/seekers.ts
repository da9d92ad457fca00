import * as z from 'zod'
import { ageOn } from '../dates.js'
import { parseIdNumber } from '../id-number.js'
import { bilingual } from '../validation.js'
import { Fen, IsoDate, PageQuery, Phone, TownshipCode, VillageCode } from './common.js'
import { WageUnit } from './posts.js'
import { Text } from './text.js'
import { MATCH_VIA, readPeopleQuery } from '../search/people-tokens.js'

/** 脱贫户 alleviated, 防止返贫监测对象 monitored, or neither. */
export const HouseholdCategory = z.enum(['alleviated', 'monitored', 'other'])
/** 脱贫不稳定户 unstable, 边缘易致贫户 marginal, 突发严重困难户 suddenHardship. */
export const MonitoredSubtype = z.enum(['unstable', 'marginal', 'suddenHardship'])
export const LaborCapacity = z.enum(['full', 'half', 'weak', 'none'])
export const Education = z.enum(['primary', 'junior', 'senior', 'vocational', 'college', 'bachelor'])
/** 返乡回流 returnee, 高校毕业生 graduate, 雨露计划 yulu trainee, 新成长劳动力 new entrant. */
export const SeekerGroup = z.enum(['returnee', 'graduate', 'yulu', 'newEntrant'])
export const Intent = z.enum(['employment', 'entrepreneurship', 'industry'])

/** A resident ID number, checked per GB 11643 (format, birth date, check character). */
export const IdNumber = z
  .string()
  .trim()
  .max(18, bilingual('身份证号为 18 位', 'An ID number has 18 characters'))
  .superRefine((v, ctx) => {
    const r = parseIdNumber(v)
    if (!('problem' in r)) return
    const [zh, en] =
      r.problem === 'format'
        ? ['身份证号应为 18 位（最后一位可为 X）', 'An ID number is 18 characters; only the last may be X']
        : r.problem === 'birthDate'
          ? ['身份证号中的出生日期无效', 'The birth date inside the ID number is not a real date']
          : ['身份证号校验位不正确，请核对', 'The ID number’s check character is wrong; check for a typo']
    ctx.addIssue({ code: 'custom', message: zh, params: { en } })
  })
  .transform((v) => v.toUpperCase())

const shortText = (max: number) => Text(max, { min: 1 })

export const ReturneeInfo = z.object({
  returnDate: IsoDate,
  reason: Text(200).default(''),
  previousWork: Text(200).default(''),
})
export const GraduateInfo = z.object({
  school: shortText(60),
  major: shortText(60),
  graduationYear: z.number().int().min(1990).max(2100),
})
export const YuluInfo = z.object({
  school: shortText(60),
  major: shortText(60),
  expectedGraduation: z.number().int().min(2000).max(2100),
})

/** What a seeker (or an officer on their behalf) writes into the file 一人一档. */
export const SeekerInput = z
  .object({
    name: Text(20, { min: 2 }),
    idNumber: IdNumber,
    category: HouseholdCategory,
    monitoredSubtype: MonitoredSubtype.optional(),
    householdId: Text(40).optional(),
    township: TownshipCode,
    village: VillageCode,
    laborCapacity: LaborCapacity,
    education: Education,
    skills: z.array(shortText(30)).max(20).default([]),
    certificates: z.array(shortText(40)).max(20).default([]),
    intents: z.array(Intent).max(3).default(['employment']),
    preferredTownships: z.array(TownshipCode).max(17).default([]),
    maxCommuteKm: z.number().min(0).max(2000).default(20),
    /** Willing to work away from home with organised labor export 有组织劳务输出. */
    willingToMigrate: z.boolean().optional(),
    expectedWage: z.object({ amountFen: Fen, unit: WageUnit }).optional(),
    availableFrom: IsoDate.optional(),
    returnee: ReturneeInfo.optional(),
    graduate: GraduateInfo.optional(),
    yulu: YuluInfo.optional(),
    helperName: Text(20).optional(),
    riskEliminatedOn: IsoDate.optional(),
    /** Only when an officer creates the file: the seeker's own phone, for notices. */
    phone: Phone.optional(),
  })
  .refine((s) => s.category !== 'monitored' || s.monitoredSubtype, {
    ...bilingual('监测对象需选择类型', 'Choose the kind of monitored household'),
    path: ['monitoredSubtype'],
  })
  .refine((s) => s.village.startsWith(`${s.township}-`), {
    ...bilingual('村不属于所选乡镇', 'The village is not in the chosen township'),
    path: ['village'],
  })
export type SeekerInput = z.infer<typeof SeekerInput>

/**
 * The seeker file (一人一档) as stored and shown: the ID number and phone only masked.
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
  villageName: z.string().optional(),
  laborCapacity: LaborCapacity,
  education: Education,
  skills: z.array(z.string()),
  certificates: z.array(z.string()).optional(),
  groups: z.array(SeekerGroup),
  intents: z.array(Intent),
  preferredTownships: z.array(z.string()).optional(),
  expectedWageFen: z.number().int().nonnegative().optional(),
  expectedWage: z.object({ amountFen: z.number().int(), unit: WageUnit }).optional(),
  maxCommuteKm: z.number().nonnegative().optional(),
  willingToMigrate: z.boolean().optional(),
  availableFrom: z.string().optional(),
  returnee: ReturneeInfo.optional(),
  graduate: GraduateInfo.optional(),
  yulu: YuluInfo.optional(),
  helperName: z.string().optional(),
  /** 风险消除: the date a monitored household's risk was closed (matters for Yulu eligibility). */
  riskEliminatedOn: z.string().optional(),
  /** Graduates and Yulu trainees (seeded files). */
  school: z.string().optional(),
  major: z.string().optional(),
  /** Who wrote the file last: the seeker, or an officer on their behalf. */
  enteredBy: z.object({ userId: z.string(), role: z.string(), onBehalf: z.boolean() }).optional(),
  /** Set when an officer created or checked the file: from then on the ID number is fixed. */
  verifiedAt: z.string().optional(),
  verifiedBy: z.string().optional(),
  /** The person's last application, or a placement's start or end (the file's creation before any): 求职 idle time counts from it. */
  lastActivityAt: z.string().optional(),
  /** Holds an active placement now (kept by the placement's transactions). */
  holdsJob: z.boolean().optional(),
  createdAt: z.string(),
  updatedAt: z.string().optional(),
})
export type Seeker = z.infer<typeof Seeker>

/** An officer's answer to a seeker's change of household facts. */
export const PendingDecision = z.object({ decision: z.enum(['confirm', 'reject']) })

/** Groups follow from the file: a returnee section makes a returnee, and so on. */
export const groupsOf = (s: Pick<SeekerInput, 'returnee' | 'graduate' | 'yulu'>, birthDate: string, today: string): Seeker['groups'] => {
  const age = ageOn(birthDate, today)
  const groups: Seeker['groups'] = []
  if (s.returnee) groups.push('returnee')
  if (s.graduate) groups.push('graduate')
  if (s.yulu) groups.push('yulu')
  if (groups.length === 0 && age <= 22) groups.push('newEntrant')
  return groups
}

export const SeekerSearch = PageQuery.extend({
  q: Text(20, { min: 1 }).optional(),
  township: TownshipCode.optional(),
  village: VillageCode.optional(),
  idLast4: z
    .string()
    .trim()
    .refine((v) => /^\d{3}[\dXx]$/.test(v), bilingual('请输入身份证号后 4 位', 'Enter the last 4 characters of the ID number'))
    .optional(),
  /** People who want work, hold no job and have not applied or been placed for this many days (待跟进). */
  idleDays: z.coerce.number().int().min(1).max(365).optional(),
})
export type SeekerSearch = z.infer<typeof SeekerSearch>

/**
 * 查找人员 people search: one box for a name or part of it, full pinyin or initials, or the last 4
 * of the ID number or phone (shared/search/people-tokens.ts reads it), narrowed by township and village.
 */
export const PeopleSearch = PageQuery.extend({
  q: Text(20, { min: 1 }).superRefine((v, ctx) => {
    const read = readPeopleQuery(v)
    if (!('problem' in read)) return
    const [zh, en] =
      read.problem === 'latinTooShort'
        ? ['拼音或首字母请至少输入 2 个字母（1 个字母会找到太多人）', 'Enter at least 2 letters of pinyin or initials (one letter finds too many people)']
        : read.problem === 'digitsNotFour'
          ? ['数字请输入身份证号或手机号的后 4 位', 'Digits search the last 4 of the ID number or phone: enter exactly 4']
          : ['请输入姓名、拼音、首字母或后 4 位', 'Enter a name, pinyin, initials or a last 4']
    ctx.addIssue({ code: 'custom', ...bilingual(zh, en) })
  }),
  township: TownshipCode.optional(),
  village: VillageCode.optional(),
})
export type PeopleSearch = z.infer<typeof PeopleSearch>

/** How a person in the answer matched: rank 0 the whole, 1 its start, 2 inside; and by what. */
export const PeopleMatch = z.object({ rank: z.union([z.literal(0), z.literal(1), z.literal(2)]), via: z.enum(MATCH_VIA) })
export type PeopleMatch = z.infer<typeof PeopleMatch>
export const SeekerHit = Seeker.extend({ match: PeopleMatch })
export type SeekerHit = z.infer<typeof SeekerHit>
