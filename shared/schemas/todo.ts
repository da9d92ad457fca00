import * as z from 'zod'
import { TownshipCode } from './common.js'

/** 待办 what an officer's to-do list counts, in the order it shows them (issue 12). */
export const TodoKind = z.enum([
  'certificatesToVerify',
  'claimsToCheck',
  'noticesEnding',
  'batchesToPay',
  'pendingChanges',
  'recordProblems',
  'staleDifficulties',
  'idleSeekers',
])
export type TodoKind = z.infer<typeof TodoKind>

/** The days behind the items that depend on time: 公示 ending within 7 days, reports open over 7 days, people idle 30 days. */
export const TODO_DAYS = { noticeEnding: 7, staleDifficulty: 7, idleSeeker: 30 } as const

/** Counts stop here: a township's to-do list is read on every visit; more is shown "99+". */
export const TODO_CAP = 99

const Query = z.record(z.string(), z.string())
export const TodoItem = z.object({
  kind: TodoKind,
  count: z.number().int().nonnegative(),
  /** More than `count` (the cap): shown as "99+". */
  capped: z.boolean(),
  /** The portal page filtered to exactly these records: a route name and its query. */
  link: z.object({ route: z.string(), query: Query }),
  /** The list API that answers exactly these records (the page reads it with this query). */
  list: z.object({ path: z.string(), query: Query }),
})
export type TodoItem = z.infer<typeof TodoItem>

export const TodoList = z.object({
  /** The township counted, or `district` for the whole district (全区). */
  township: z.string(),
  items: z.array(TodoItem),
})
export type TodoList = z.infer<typeof TodoList>

export const TodoQuery = z.object({ township: TownshipCode.optional() })
export type TodoQuery = z.infer<typeof TodoQuery>
