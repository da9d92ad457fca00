/**
 * The calendar day in the district (Beijing time, UTC+8, no daylight saving): which policy version is
 * in force, a person's age, a run's day. The UTC day would still be yesterday until 08:00.
 */
export const districtDate = (at: Date): string => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)
