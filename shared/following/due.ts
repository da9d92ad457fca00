/**
 * 待办到期 what is due: one shape for every clock (cases, placement checks, returnees' and
 * graduates' plans). Due on `dueOn` (a district day); overdue from the day after.
 */
export type DueState = 'due' | 'overdue'
export const dueStateOn = (dueOn: string, today: string): DueState => (dueOn < today ? 'overdue' : 'due')
