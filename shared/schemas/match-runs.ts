import * as z from 'zod'
import { PageQuery, TownshipCode } from './common.js'
import { PostKind } from './posts.js'

/** An officer's batch match over a scope: a township (or the district), post kinds, optional posts. */
export const MatchRunInput = z.object({
  township: TownshipCode.optional(),
  kinds: z.array(PostKind).min(1).max(4).default(['workshop', 'publicWelfare', 'enterprise', 'laborExport']),
  postIds: z.array(z.string().max(40)).max(500).optional(),
  mode: z.enum(['optimal', 'stable']).default('optimal'),
})
export type MatchRunInput = z.infer<typeof MatchRunInput>

/** queued → running → done (or failed); done → publishing (invitations go out in the background) → published. */
export const MatchRunStatus = z.enum(['queued', 'running', 'done', 'failed', 'publishing', 'published'])

export const MatchRun = z.object({
  id: z.string(),
  scope: z.string(),
  params: MatchRunInput,
  status: MatchRunStatus,
  progress: z.object({ phase: z.string(), percent: z.number() }),
  inputSummary: z.object({ seekers: z.number().int(), posts: z.number().int(), slots: z.number().int() }).optional(),
  totals: z.record(z.string(), z.unknown()).optional(),
  objective: z.record(z.string(), z.number()).optional(),
  timingsMs: z.record(z.string(), z.number()).optional(),
  error: z.string().optional(),
  createdBy: z.string(),
  createdAt: z.string(),
  finishedAt: z.string().optional(),
  publishedAt: z.string().optional(),
  invitations: z.number().int().optional(),
})
export type MatchRun = z.infer<typeof MatchRun>

export const MatchReason = z.object({ code: z.string(), text: z.string(), textEn: z.string() })

/** One person's line in a run: the proposed post (or none, with why), editable before publishing. */
export const Proposal = z.object({
  runId: z.string(),
  seekerId: z.string(),
  seekerName: z.string(),
  township: z.string(),
  village: z.string(),
  category: z.string(),
  groups: z.array(z.string()),
  priority: z.boolean(),
  postId: z.string().nullable(),
  postTitle: z.string().optional(),
  postTownship: z.string().optional(),
  score: z.number().int().nullable(),
  reasons: z.array(MatchReason),
  edited: z.boolean().optional(),
  /** When the invitation to apply went to this person's inbox (once, see inviteOnce). */
  invitedAt: z.string().optional(),
})
export type Proposal = z.infer<typeof Proposal>

export const ProposalQuery = PageQuery.extend({
  township: TownshipCode.optional(),
  category: z.enum(['alleviated', 'monitored', 'other']).optional(),
  placed: z.enum(['true', 'false']).optional(),
})

export const ProposalEdit = z.object({ postId: z.string().max(40).nullable() })

/** A post recommended to a seeker, or a candidate for a post, with the score's reasons. */
export const Recommendation = z.object({ score: z.number().int(), reasons: z.array(MatchReason) })
