/**
 * Gives a table from before the household member counters (functions/db/household-members.ts)
 * its counters: per township, its files counted by the household they name, each counter put
 * whole, and a zero counter for each registered household no file names; then a marker.
 * Idempotent (a second run puts the same counts; the marker goes last). A counter a file's write
 * began before this ran (it counts only what came after) is overwritten with the whole count.
 * For a quiet table, as the other backfills: the local start, or the `migrate` job after a deploy.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb'
import { eachLimit } from '../../shared/each-limit.js'
import { TOWNSHIP_CODES } from '../../shared/geo.js'
import { countMembers, type MemberFacts } from '../../shared/household-members.js'
import type { Household } from '../../shared/schemas/monitoring.js'
import type { Db } from '../db/client.js'
import { putMemberCounts } from '../db/household-members.js'
import { listHouseholdsOfTownship } from '../db/households.js'
import { householdMembersBackfillKey } from '../db/keys.js'
import { listSeekersOfTownship } from '../db/seekers.js'

export const HOUSEHOLD_MEMBERS_VERSION = 'v1'
const MARKER = householdMembersBackfillKey(HOUSEHOLD_MEMBERS_VERSION)

async function all<T>(read: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor?: string | null | undefined }>): Promise<T[]> {
  const out: T[] = []
  let cursor: string | undefined
  do {
    const page = await read(cursor)
    out.push(...page.items)
    cursor = page.nextCursor ?? undefined
  } while (cursor)
  return out
}

/** Counts every township's households from their files unless the marker says it was done (or `seededNow`: the seed counted its files as it wrote them). */
export async function backfillHouseholdMembers(db: Db, opts: { seededNow?: boolean } = {}): Promise<{ households: number; members: number } | null> {
  if ((await db.doc.send(new GetCommand({ TableName: db.table, Key: MARKER }))).Item) return null
  let households = 0
  let members = 0
  if (!opts.seededNow) {
    for (const township of TOWNSHIP_CODES) {
      const files = await all((cursor) => listSeekersOfTownship(db, township, { limit: 500, ...(cursor ? { cursor } : {}) }))
      const registered = await all<Household>((cursor) => listHouseholdsOfTownship(db, township, { limit: 500, ...(cursor ? { cursor } : {}) }))
      const byHousehold = new Map<string, MemberFacts[]>()
      for (const f of files) if (f.householdId) byHousehold.set(f.householdId, [...(byHousehold.get(f.householdId) ?? []), f])
      for (const h of registered) if (!byHousehold.has(h.id)) byHousehold.set(h.id, [])
      await eachLimit(byHousehold, 8, async ([id, of]) => {
        await putMemberCounts(db, id, township, countMembers(of))
      })
      households += byHousehold.size
      members += [...byHousehold.values()].reduce((a, m) => a + m.length, 0)
    }
  }
  await db.doc.send(new PutCommand({ TableName: db.table, Item: { ...MARKER, entity: 'migration', at: new Date().toISOString(), households, members } }))
  return opts.seededNow ? null : { households, members }
}
