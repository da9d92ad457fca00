/**
 * The data migrations a table written by an older release needs, each run once (its own marker)
 * and idempotent (a run stopped half-way is finished by the next): the board's year partitions,
 * the township due counters, the seeker index (issue 15 part 1), the people index (which replaces
 * the people-search items) and the households' member counters.
 * `npm start` runs them around its seeding (scripts/local-stack.ts); in AWS the jobs function runs
 * them on `{"type": "migrate"}` after a deploy (docs/infrastructure.md, "After a deploy").
 */
import type { Deps } from '../core/deps.js'
import { backfillDueCounts } from './due-counts-backfill.js'
import { backfillHouseholdMembers } from './household-members-backfill.js'
import { migrateBoardCounters } from './migrate-board.js'
import { backfillPeopleIndex } from './people-index-backfill.js'
import { backfillSeekerIndex } from './seeker-index-backfill.js'

/** What each migration did this time (null: already done before). */
export interface Migrated {
  boardCounters: { moved: number } | null
  dueCounters: number | null
  seekerIndex: { files: number; largestBytes: number } | null
  peopleIndex: { files: number; largestBytes: number; oldItems: number } | null
  householdMembers: { households: number; members: number } | null
}

export async function migrate(deps: Deps): Promise<Migrated> {
  const out: Migrated = {
    boardCounters: (await migrateBoardCounters(deps.db, deps.now())) ?? null,
    dueCounters: await backfillDueCounts(deps.db),
    seekerIndex: await backfillSeekerIndex(deps.db),
    peopleIndex: await backfillPeopleIndex(deps.db, deps.protector),
    householdMembers: await backfillHouseholdMembers(deps.db),
  }
  deps.log.info('migrations.done', { ...out })
  return out
}
