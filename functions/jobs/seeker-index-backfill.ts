/**
 * Gives a table from before the seeker index (issue 15 part 1) its index: each township's chunks
 * written whole from its files (rebuildSeekerIndexOf), then a marker. Idempotent: a second run
 * writes the same rows; the marker goes last, so a run stopped half-way is finished by the next.
 * For a quiet table: the local start path before it serves (scripts/local-stack.ts), the jobs
 * function's `migrate` job in AWS (functions/jobs/migrations.ts) right after a deploy.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb'
import { TOWNSHIP_CODES } from '../../shared/geo.js'
import type { Db } from '../db/client.js'
import { seekerIndexBackfillKey } from '../db/keys.js'
import { rebuildSeekerIndexOf } from '../db/seekers.js'

/** Bump when a row's fields change: the next start rewrites every township's index. */
export const SEEKER_INDEX_VERSION = 'v1'

const MARKER = seekerIndexBackfillKey(SEEKER_INDEX_VERSION)

/** Rebuilds every township's seeker index unless the marker says it was (or `seededNow`: the seed wrote the rows with the files). */
export async function backfillSeekerIndex(db: Db, opts: { seededNow?: boolean } = {}): Promise<{ files: number; largestBytes: number } | null> {
  if ((await db.doc.send(new GetCommand({ TableName: db.table, Key: MARKER }))).Item) return null
  let files = 0
  let largestBytes = 0
  if (!opts.seededNow) {
    for (const township of TOWNSHIP_CODES) {
      const r = await rebuildSeekerIndexOf(db, township)
      files += r.rows
      largestBytes = Math.max(largestBytes, r.largestBytes)
    }
  }
  await db.doc.send(new PutCommand({ TableName: db.table, Item: { ...MARKER, entity: 'migration', at: new Date().toISOString(), files } }))
  return opts.seededNow ? null : { files, largestBytes }
}
