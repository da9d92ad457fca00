/** Mainland China mobile numbers: 11 digits starting 13–19. */
export const MOBILE_RE = /^1[3-9]\d{9}$/

export const normalizePhone = (raw: string): string => raw.replace(/[\s-]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '')

export const isMobile = (raw: string): boolean => MOBILE_RE.test(normalizePhone(raw))

/** `13800000004` → `138****0004`. */
export const maskPhone = (phone: string): string =>
  phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : '*'.repeat(phone.length)
