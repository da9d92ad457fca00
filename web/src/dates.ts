// Dates in forms are the district's calendar days (Asia/Shanghai), whatever the device's zone.
const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' })

/** Today as `YYYY-MM-DD` in the district. */
export const today = (): string => dayFormat.format(new Date())

/** Whole years between a `YYYY-MM-DD` birth date and today. */
export function ageOn(birthDate: string, on = today()): number {
  const years = Number(on.slice(0, 4)) - Number(birthDate.slice(0, 4))
  return on.slice(5) < birthDate.slice(5) ? years - 1 : years
}
