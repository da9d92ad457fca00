import { ageOn as sharedAgeOn } from '../../shared/dates'
// Dates in forms are the district's calendar days (Asia/Shanghai), whatever the device's zone.
const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' })

/** Today as `YYYY-MM-DD` in the district. */
export const today = (): string => dayFormat.format(new Date())

/** Whole years between a `YYYY-MM-DD` birth date and today (the one rule, shared/dates.ts). */
export const ageOn = (birthDate: string, on = today()): number => sharedAgeOn(birthDate, on)
