/**
 * Chinese resident ID numbers (居民身份证号码), GB 11643-1999: 17 digits and an
 * ISO 7064 MOD 11-2 check character (0-9 or X).
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK = '10X98765432'

export function idCheckChar(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!
  return CHECK[sum % 11]!
}

export type IdNumberProblem = 'format' | 'birthDate' | 'checkDigit'

export interface IdNumberInfo {
  /** Normalised: upper-case X. */
  value: string
  birthDate: string
  gender: 'male' | 'female'
  regionCode: string
}

/** Parses and validates an ID number; answers the problem instead of throwing. */
export function parseIdNumber(raw: string): IdNumberInfo | { problem: IdNumberProblem } {
  const value = raw.trim().toUpperCase()
  if (!/^[1-9]\d{16}[\dX]$/.test(value)) return { problem: 'format' }
  const y = Number(value.slice(6, 10))
  const m = Number(value.slice(10, 12))
  const d = Number(value.slice(12, 14))
  const date = new Date(Date.UTC(y, m - 1, d))
  const valid =
    y >= 1900 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
  if (!valid) return { problem: 'birthDate' }
  if (idCheckChar(value) !== value[17]) return { problem: 'checkDigit' }
  return {
    value,
    birthDate: `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`,
    // The 17th character is the sequence number: odd for men, even for women.
    gender: Number(value[16]) % 2 === 1 ? 'male' : 'female',
    regionCode: value.slice(0, 6),
  }
}

/** `411023198001011234` → `4110**********1234`: the form shown to everyone by default. */
export function maskIdNumber(value: string): string {
  if (value.length < 8) return '*'.repeat(value.length)
  return `${value.slice(0, 4)}${'*'.repeat(value.length - 8)}${value.slice(-4)}`
}
