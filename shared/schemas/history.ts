/**
 * 一人一档 a person's history: one entry per change that belongs on their timeline. An entry is a
 * small summary (what, when, who, a title, dates, an amount in fen, the object to link to), never
 * the record itself: no ID number, no phone, nothing the masked file does not already show.
 */
import * as z from 'zod'
import { PageQuery } from './common.js'

/**
 * The kinds of entry, in the order the portal's filter chips show them. `service` and `followUp`
 * (服务记录 and 回访, issue 13) have no writer yet: the timeline already reads and filters them.
 */
export const HistoryType = z.enum(['file', 'household', 'application', 'invitation', 'placement', 'certificate', 'training', 'yulu', 'claim', 'service', 'followUp'])
export type HistoryType = z.infer<typeof HistoryType>

/** What a change says about itself on the person's timeline (written with its audit event). */
export const HistoryNote = z.object({
  seekerId: z.string(),
  type: HistoryType,
  /** A post's title, a certificate's kind, a course, a Yulu term, a claim's kind… */
  title: z.string().max(200).optional(),
  /** The record's own kind: a certificate's, a subsidy's, a placement's (`fullTime`, `transport`…). */
  kind: z.string().max(40).optional(),
  /** A status the change moved to (`shortlisted`, `ended`, `approved`…). */
  status: z.string().max(40).optional(),
  startDate: z.string().optional(),
  endDate: z.string().optional(),
  reason: z.string().max(500).optional(),
  amountFen: z.number().int().optional(),
})
export type HistoryNote = z.infer<typeof HistoryNote>

export const HistoryEntry = HistoryNote.omit({ seekerId: true }).extend({
  id: z.string(),
  at: z.string(),
  /** The change, as the audit trail names it (`placement.end`, `certificate.verify`…). */
  action: z.string(),
  objectType: z.string(),
  objectId: z.string(),
  actorRole: z.string(),
  actorName: z.string().optional(),
  /** Rebuilt from a record made before the timeline existed (functions/jobs/backfill-history.ts). */
  backfilled: z.boolean().optional(),
})
export type HistoryEntry = z.infer<typeof HistoryEntry>

export const HistoryQuery = PageQuery.extend({ type: HistoryType.optional() })
export type HistoryQuery = z.infer<typeof HistoryQuery>
