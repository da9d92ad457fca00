import * as z from 'zod'
import { PageQuery, TownshipCode, VillageCode } from './common.js'
import { bilingual } from '../validation.js'
import { MultilineText, Text } from './text.js'
import { ContactView, PostContactInput } from './contacts.js'

/** 帮扶车间 workshop, 公益性岗位 public-welfare, enterprise, 有组织劳务输出 labor export. */
export const PostKind = z.enum(['workshop', 'publicWelfare', 'enterprise', 'laborExport'])
export type PostKind = z.infer<typeof PostKind>

export const PostStatus = z.enum(['draft', 'open', 'paused', 'closed', 'filled'])
export type PostStatus = z.infer<typeof PostStatus>

export const WageUnit = z.enum(['month', 'day', 'piece'])
export const Intensity = z.enum(['light', 'medium', 'heavy'])

/**
 * A whole number in bounds, each refusal with its own message in both languages (refinements, as
 * zod's own checks do not carry the English text); never rounded or clamped for the sender.
 */
const boundedInt = (min: number, max: number, m: { required: [string, string]; whole: [string, string]; low: [string, string]; high: [string, string] }) =>
  z
    .number(bilingual(...m.required))
    .refine((v) => Number.isInteger(v), bilingual(...m.whole))
    .refine((v) => v >= min, bilingual(...m.low))
    .refine((v) => v <= max, bilingual(...m.high))

/** An amount of pay: a positive whole number of fen (at most 100,000 yuan). */
const PayFen = boundedInt(1, 10_000_000, {
  required: ['请填写金额（元）', 'Enter an amount (yuan)'],
  whole: ['金额最多精确到分', 'An amount has at most two decimals (fen)'],
  low: ['金额必须大于 0', 'An amount must be more than 0'],
  high: ['金额不能超过 100,000 元', 'An amount cannot exceed 100,000 yuan'],
})

/**
 * Pay per month, per day or per piece. A piece rate states the monthly pay a worker can expect
 * (`expectedMonthlyFen`), which is what the year's minimum wage is compared with (shared/wage-rules.ts).
 */
export const Wage = z
  .object({ amountFen: PayFen, unit: WageUnit, expectedMonthlyFen: PayFen.optional() })
  .refine((w) => w.unit !== 'piece' || w.expectedMonthlyFen !== undefined, {
    ...bilingual('计件工资请填写预计月收入', 'A piece rate needs the expected monthly pay'),
    path: ['expectedMonthlyFen'],
  })
/** 招聘人数 headcount: 1–500 people, refused (never made 1) outside that. */
const Headcount = boundedInt(1, 500, {
  required: ['请填写招聘人数', 'Enter the number of people'],
  whole: ['招聘人数须为整数', 'The number of people is a whole number'],
  low: ['招聘人数至少 1 人', 'At least 1 person'],
  high: ['招聘人数最多 500 人', 'At most 500 people'],
})

export const PostInput = z
  .object({
    kind: PostKind,
    title: Text(60, { min: 2 }),
    description: MultilineText(2000).default(''),
    workshopId: z.string().optional(),
    township: TownshipCode,
    village: VillageCode.optional(),
    headcount: Headcount,
    wage: Wage,
    skills: z.array(Text(30, { min: 1 })).max(20).default([]),
    intensity: Intensity.default('medium'),
    accommodation: z.boolean().default(false),
    meals: z.boolean().default(false),
    ageMin: z.number().int().min(16).max(70).default(16),
    ageMax: z.number().int().min(16).max(70).default(60),
    deadline: z.iso.date().optional(),
  })
  .refine((p) => p.ageMin <= p.ageMax, { ...bilingual('年龄下限不能大于上限', 'Minimum age exceeds maximum age'), path: ['ageMin'] })
  .refine((p) => !p.village || p.village.startsWith(`${p.township}-`), {
    ...bilingual('村不属于所选乡镇', 'The village is not in the chosen township'),
    path: ['village'],
  })
export type PostInput = z.infer<typeof PostInput>

export const Post = z.object({
  id: z.string(),
  kind: PostKind,
  title: z.string(),
  description: z.string(),
  workshopId: z.string().optional(),
  workshopName: z.string().optional(),
  township: TownshipCode,
  village: z.string().optional(),
  /** Denormalised so a list or detail names the place without another call. */
  villageName: z.string().optional(),
  headcount: z.number().int(),
  filled: z.number().int(),
  /** As stored: posts saved before the expected monthly pay of piece rates still read. */
  wage: z.object({ amountFen: z.number().int(), unit: WageUnit, expectedMonthlyFen: z.number().int().optional() }),
  skills: z.array(z.string()),
  intensity: Intensity,
  accommodation: z.boolean(),
  meals: z.boolean(),
  ageMin: z.number().int(),
  ageMax: z.number().int(),
  deadline: z.string().optional(),
  status: PostStatus,
  createdBy: z.string(),
  createdAt: z.string(),
  publishedAt: z.string().optional(),
  /** Only for the post's own side (owner, officers): the distance is added in browse when `near` is set. */
  distanceKm: z.number().optional(),
})
export type Post = z.infer<typeof Post>

const flag = z.enum(['true', 'false']).transform((v) => v === 'true')

/**
 * Public browse of open posts. Township and kind pick the index; the rest filter and sort the
 * (small) open listing of that partition in memory. `q` is a substring match, as Chinese has no spaces.
 */
export const PostQuery = PageQuery.extend({
  township: TownshipCode.optional(),
  kind: PostKind.optional(),
  q: Text(30, { min: 1 }).optional(),
  skill: Text(30, { min: 1 }).optional(),
  minWageFen: z.coerce.number().int().min(0).max(100_000_000).optional(),
  intensity: Intensity.optional(),
  accommodation: flag.optional(),
  /** Distance is measured from this village (the seeker's own, usually). */
  near: VillageCode.optional(),
  maxKm: z.coerce.number().min(0).max(2000).optional(),
  sort: z.enum(['newest', 'wage', 'distance']).default('newest'),
})
export type PostQuery = z.infer<typeof PostQuery>

/** Edits by the post's owner or an officer in scope; `status` moves it through its lifecycle. */
export const PostPatch = z
  .object({
    title: Text(60, { min: 2 }),
    description: MultilineText(2000),
    headcount: Headcount,
    wage: Wage,
    skills: z.array(Text(30, { min: 1 })).max(20),
    intensity: Intensity,
    accommodation: z.boolean(),
    meals: z.boolean(),
    ageMin: z.number().int().min(16).max(70),
    ageMax: z.number().int().min(16).max(70),
    deadline: z.iso.date().nullable(),
    status: z.enum(['open', 'paused', 'closed']),
    /** The post's own contact person; `null` removes it (a workshop post then shows its workshop's phone). */
    contact: PostContactInput.nullable(),
  })
  .partial()
  .refine((p) => Object.keys(p).length > 0, bilingual('没有要修改的内容', 'Nothing to change'))
export type PostPatch = z.infer<typeof PostPatch>

/** `contact`: the post's own contact person; without one a workshop post shows its workshop's phone. */
export const NewPost = PostInput.and(z.object({ publish: z.boolean().default(false), contact: PostContactInput.optional() }))

/** A post as one reads it on its own page: with its contact (masked), or `null` when it has none. */
export const PostDetail = Post.extend({ contact: ContactView.nullable() })
export type PostDetail = z.infer<typeof PostDetail>
