import * as z from 'zod'
import { TOWNSHIP_CODES, villageByCode } from '../geo.js'
import { MOBILE_RE, normalizePhone } from '../phone.js'
import { bilingual } from '../validation.js'
import { isCalendarDay, MIN_DAY } from '../dates.js'

export const Id = z.string().refine((v) => /^[0-9A-HJKMNP-TV-Z]{26}$/.test(v), bilingual('编号格式不正确', 'Malformed id'))
export type Id = z.infer<typeof Id>

export const TownshipCode = z.enum(TOWNSHIP_CODES, bilingual('未知的乡镇', 'Unknown township'))
export type TownshipCode = z.infer<typeof TownshipCode>

export const VillageCode = z
  .string()
  .max(40)
  .refine((v) => villageByCode.has(v), bilingual('未知的村', 'Unknown village'))

export const Phone = z
  .string()
  .max(20)
  .transform(normalizePhone)
  .refine((v) => MOBILE_RE.test(v), bilingual('请输入正确的 11 位手机号', 'Enter a valid 11-digit mobile number'))

/** Money is integer fen (分) everywhere; yuan appear only when displayed. */
export const Fen = z.number().int().nonnegative().max(100_000_000)
export type Fen = z.infer<typeof Fen>

/**
 * A calendar day `YYYY-MM-DD` that exists and is not before 1900 (`0020-02-29` is a typing mistake).
 * Bounds that need today or the person's birth date are checked in core (a 400 naming the field).
 */
export const IsoDate = z
  .string()
  .refine((v) => isCalendarDay(v), bilingual('日期无效，请按 YYYY-MM-DD 填写真实日期', 'Not a real date; write YYYY-MM-DD'))
  .refine((v) => !isCalendarDay(v) || v >= MIN_DAY, bilingual(`日期不能早于 ${MIN_DAY}`, `The date cannot be before ${MIN_DAY}`))
export type IsoDate = z.infer<typeof IsoDate>
export const IsoDateTime = z.iso.datetime()

export const MAX_PAGE_SIZE = 50

/** Cursor pagination: `cursor` is opaque to clients, signed and valid only for the list that gave it (functions/db/cursor.ts). */
export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(20),
  cursor: z.string().max(1024).optional(),
})
export type PageQuery = z.infer<typeof PageQuery>

export interface Page<T> {
  items: T[]
  nextCursor: string | null
}

export const IdParam = z.object({ id: Id })
