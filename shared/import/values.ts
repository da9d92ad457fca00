/**
 * 导入 roster import: one cell's value read and judged. Every refusal names its reason in zh-CN and
 * en; nothing is repaired by guessing (an ID number Excel has rounded is refused with the fix).
 */
import { isCalendarDay, MIN_DAY } from '../dates.js'
import { idCheckChar, parseIdNumber } from '../id-number.js'
import { normalizePhone, MOBILE_RE } from '../phone.js'

/** A cell as a reader hands it over: text, a number (an .xlsx numeric cell), or nothing. */
export type Cell = string | number | null

export interface Refusal {
  code: string
  zh: string
  en: string
}
export type Read<T> = { value: T } | { refusal: Refusal }

const refuse = (code: string, zh: string, en: string): { refusal: Refusal } => ({ refusal: { code, zh, en } })

/** The cell's text as the sheet shows it: trimmed, full-width spaces and digits folded. */
export function cellText(c: Cell): string {
  if (c === null) return ''
  if (typeof c === 'number') {
    // Beyond 15 digits a cell shows what Excel kept (15 significant digits), not the double's noise.
    if (Number.isInteger(c) && Math.abs(c) >= 1e15 && Math.abs(c) < 1e21) {
      const [m, e] = Math.abs(c).toExponential(14).split('e')
      return `${c < 0 ? '-' : ''}${m!.replace('.', '').padEnd(Number(e) + 1, '0')}`
    }
    return Number.isInteger(c) && Math.abs(c) < 1e21 ? c.toFixed(0) : String(c)
  }
  return c
    .replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[\u3000\u00a0]/g, ' ')
    .trim()
}

export const isBlank = (c: Cell) => cellText(c) === ''

const DESTROYED: Refusal = {
  code: 'import.idNumber.excelRounded',
  zh: '身份证号已被 Excel 按数字保存并截断为 15 位有效数字，无法还原：请把该列设为“文本”格式，重新录入或从原系统重新导出后再上传',
  en: 'Excel stored this ID number as a number and kept only 15 significant digits; it cannot be restored: format the column as Text, re-enter or re-export it, and upload again',
}

/**
 * 身份证号: 18 characters with the GB 11643 check character (lower-case x accepted); a 15-digit
 * number is converted (century 19, check character added). A number with 15 significant digits
 * standing for 18 (`4.11003E+17`, or 18 digits ending in 000 that fail the check) is refused.
 */
export function readIdNumber(c: Cell): Read<string> {
  if (typeof c === 'number') {
    // An 18-digit number is beyond a double's exact integers: whatever the cell holds is rounded.
    if (!Number.isInteger(c) || c >= 1e15) return { refusal: DESTROYED }
    return readIdNumber(c.toFixed(0))
  }
  const raw = cellText(c).replace(/\s+/g, '')
  if (!raw) return refuse('import.idNumber.required', '身份证号必填', 'The ID number is required')
  if (/^\d(\.\d+)?e\+?\d+$/i.test(raw)) return { refusal: DESTROYED }
  if (/^\d{15}$/.test(raw)) {
    const body = `${raw.slice(0, 6)}19${raw.slice(6)}`
    const converted = `${body}${idCheckChar(body)}`
    const r = parseIdNumber(converted)
    if ('problem' in r) return refuse('import.idNumber.birthDate', '15 位身份证号中的出生日期无效', 'The birth date inside the 15-digit ID number is not a real date')
    return { value: r.value }
  }
  const r = parseIdNumber(raw)
  if (!('problem' in r)) return { value: r.value }
  if (r.problem === 'checkDigit' && /000$/.test(raw)) return { refusal: DESTROYED }
  if (r.problem === 'format') return refuse('import.idNumber.format', '身份证号应为 18 位（最后一位可为 X）或旧的 15 位数字', 'An ID number is 18 characters (only the last may be X) or an old 15-digit number')
  if (r.problem === 'birthDate') return refuse('import.idNumber.birthDate', '身份证号中的出生日期无效', 'The birth date inside the ID number is not a real date')
  return refuse('import.idNumber.checkDigit', '身份证号校验位不正确，请与证件核对', 'The ID number’s check character is wrong; check it against the card')
}

/** 联系电话: an 11-digit mobile number (spaces, dashes and +86 allowed); blank is allowed. */
export function readPhone(c: Cell): Read<string | undefined> {
  const raw = cellText(c)
  if (!raw) return { value: undefined }
  if (typeof c === 'number' && c >= 1e11) return refuse('import.phone.format', '联系电话格式不正确（应为 11 位手机号）', 'The phone is not an 11-digit mobile number')
  const p = normalizePhone(raw)
  if (!MOBILE_RE.test(p)) return refuse('import.phone.format', '联系电话格式不正确（应为 11 位手机号）', 'The phone is not an 11-digit mobile number')
  return { value: p }
}

const pad = (n: number) => String(n).padStart(2, '0')
/** Excel's day 1 is 1900-01-01 and it counts a 29 February 1900 that never was: serial 25569 is 1970-01-01. */
export function excelSerialDay(serial: number): string {
  return new Date(Math.round((Math.floor(serial) - 25569) * 86_400_000)).toISOString().slice(0, 10)
}

/**
 * A day: an Excel serial number (a date cell), `2022/3/5`, `2022-03-05`, `2022.3.5`, `20220305` or
 * `2022年3月5日`; blank is allowed. Answers `YYYY-MM-DD`.
 */
export function readDay(c: Cell, latest?: string): Read<string | undefined> {
  let day: string | undefined
  if (typeof c === 'number') {
    if (c >= 19_000_101 && c <= 21_001_231 && Number.isInteger(c)) day = readCompact(String(c))
    else if (c > 0 && c < 2_958_466) day = excelSerialDay(c)
  } else {
    const raw = cellText(c)
    if (!raw) return { value: undefined }
    let m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(raw)
    if (m) day = `${m[1]}-${pad(Number(m[2]))}-${pad(Number(m[3]))}`
    else if (/^\d{8}$/.test(raw)) day = readCompact(raw)
    else if ((m = /^\d{5}(\.\d+)?$/.exec(raw))) day = excelSerialDay(Number(raw))
  }
  if (!day) return refuse('import.date.format', '日期格式无法识别（可用 2022-03-05、2022/3/5 或 2022年3月5日）', 'The date is not recognised (use 2022-03-05, 2022/3/5 or 2022年3月5日)')
  if (!isCalendarDay(day)) return refuse('import.date.unreal', '日期不存在', 'This day does not exist')
  if (day < MIN_DAY) return refuse('import.date.tooEarly', '日期不能早于 1900 年', 'The date cannot be before 1900')
  if (latest && day > latest) return refuse('import.date.future', `日期不能晚于今天（${latest}）`, `The date cannot be after today (${latest})`)
  return { value: day }
}
const readCompact = (s: string) => `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`

/** A value from a list: the sheet's words (after normalising) mapped to codes; blank → undefined. */
export function readChoice<T>(c: Cell, choices: Readonly<Record<string, T>>, what: { code: string; zh: string; en: string }): Read<T | undefined> {
  const raw = cellText(c).replace(/\s+/g, '')
  if (!raw) return { value: undefined }
  if (raw in choices) return { value: choices[raw]! }
  const listed = Object.keys(choices).join('、')
  return refuse(`import.${what.code}.unknown`, `${what.zh}“${raw}”不在可选值中（${listed}）`, `“${raw}” is not a known ${what.en.toLowerCase()} (${listed})`)
}

/** 是/否 yes-no cells. */
export const YES_NO: Readonly<Record<string, boolean>> = { 是: true, 否: false, Y: true, N: false, y: true, n: false, '1': true, '0': false, 已消除: true, 未消除: false }
