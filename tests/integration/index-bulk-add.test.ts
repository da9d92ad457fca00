/**
 * A bulk add to a chunked index (functions/db/chunked-index.ts addRows, as a roster import adds
 * its new files' rows): many rows a chunk update, the head moved once by as many updates, and a
 * container that read the index before sees every new row, one that never did sees them too.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb'
import { describe, expect, it } from 'vitest'
import { BULK_ROWS } from '../../functions/db/chunked-index.js'
import { createDb } from '../../functions/db/client.js'
import { peopleIndexChunkKey, peopleIndexHeadKey, seekerIndexShard } from '../../functions/db/keys.js'
import { addToPeopleIndex, peopleRowsOf } from '../../functions/db/people-index.js'
import { testApp } from '../support/app.js'

describe('bulk add to a chunked index', async () => {
  const t = await testApp()
  const other = () => createDb({ tableName: t.tableName, endpoint: t.endpoint, cursorSecret: t.deps.config.sessionSecret })
  // Ids that all fall in one chunk, so one chunk takes more rows than one update holds.
  const shard = seekerIndexShard('probe')
  const ids: string[] = []
  for (let i = 0; ids.length < BULK_ROWS * 2 + 50; i++) if (seekerIndexShard(`bulk-${i}`) === shard) ids.push(`bulk-${i}`)
  const row = (id: string, k: number) => ({ township: 'lingjing', row: { id, n: `n${k}`, py: `p ${k}`, v: 'lingjing-02' } })
  const version = async (key: Record<string, string>) => Number((await t.db.doc.send(new GetCommand({ TableName: t.db.table, Key: key, ConsistentRead: true }))).Item?.v ?? 0)

  it('writes a chunk’s rows BULK_ROWS an update and moves its head once, by as many, in step with the chunk', async () => {
    const reader = other()
    await addToPeopleIndex(t.db, ids.slice(0, 10).map(row))
    expect((await peopleRowsOf(reader, 'lingjing')).rows.map((r) => r.id).sort()).toEqual(ids.slice(0, 10).sort())
    const [chunk0, head0] = [await version(peopleIndexChunkKey('lingjing', shard)), await version(peopleIndexHeadKey('lingjing', shard))]
    expect(chunk0).toBe(head0)

    await addToPeopleIndex(t.db, ids.slice(10).map((id, k) => row(id, k + 10)))
    // The rest: as many updates of the chunk as BULK_ROWS makes of them, one bump of its head by as many.
    const updates = Math.ceil((ids.length - 10) / BULK_ROWS)
    expect(updates).toBeGreaterThan(1)
    expect(await version(peopleIndexChunkKey('lingjing', shard))).toBe(chunk0 + updates)
    expect(await version(peopleIndexHeadKey('lingjing', shard))).toBe(head0 + updates)
    // The container that had read the chunk before reads it again; a new one reads it whole.
    expect((await peopleRowsOf(reader, 'lingjing')).rows).toHaveLength(ids.length)
    expect((await peopleRowsOf(other(), 'lingjing')).rows.map((r) => r.id).sort()).toEqual([...ids].sort())
  })
})
