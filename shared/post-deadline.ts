/**
 * A post whose deadline (截止日期, a district day) has passed leaves browse and matching that day:
 * reads leave it out at once, and the daily job (functions/jobs/close-expired-posts.ts) closes it.
 */
export const isPastDeadline = (p: { deadline?: string | undefined }, today: string): boolean => Boolean(p.deadline && p.deadline < today)
