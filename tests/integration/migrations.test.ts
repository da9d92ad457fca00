import { describe, expect, it } from 'vitest'
import { TOWNSHIPS, VILLAGES } from '../../shared/geo.js'
import { batchPut } from '../../functions/db/batch.js'
import { createDb } from '../../functions/db/client.js'
import { putGeography } from '../../functions/db/geo.js'
import { seekerRowsOf } from '../../functions/db/seeker-index.js'
import { seekerItems } from '../../functions/db/seekers.js'
import { oldSearchKeys, peopleIndexBackfilled } from '../../functions/jobs/people-index-backfill.js'
import { peopleRowsOf } from '../../functions/db/people-index.js'
import { ScanCommand } from '@aws-sdk/lib-dynamodb'
import { runJob } from '../../functions/jobs/runner.js'
import { generateSeedData } from '../../functions/jobs/seed-data.js'
import { testApp } from '../support/app.js'

// In AWS the data migrations run as the jobs function's `migrate` job after a deploy (npm start
// runs them itself): a table written by an older release gets its seeker index and its people index,
// and loses the search items people search used before the people index.
describe('the migrate job', () => {
  it('gives files from before the seeker and people indexes their rows, removes the old search items, once', async () => {
    const t = await testApp()
    await putGeography(t.db, TOWNSHIPS, VILLAGES)
    const data = generateSeedData({ seekers: 120, posts: 1, workshops: 1 })
    const items: Record<string, unknown>[] = []
    for (const r of data.seekers) items.push(...seekerItems(t.deps.protector, r))
    // The search items an older release wrote with each file.
    for (const i of items.filter((x) => x.entity === 'seeker')) items.push(...(await oldSearchKeys(t.deps.protector, i)).map((k) => ({ ...k, entity: 'peopleSearch', seekerId: i.id })))
    await batchPut(t.db, items, 8)
    const oldItems = async () => {
      let n = 0
      let start: Record<string, unknown> | undefined
      do {
        const r = await t.db.doc.send(new ScanCommand({ TableName: t.db.table, FilterExpression: 'entity = :e', ExpressionAttributeValues: { ':e': 'peopleSearch' }, ...(start ? { ExclusiveStartKey: start } : {}) }))
        n += r.Items?.length ?? 0
        start = r.LastEvaluatedKey
      } while (start)
      return n
    }
    expect(await oldItems()).toBeGreaterThan(data.seekers.length * 10)
    const other = () => createDb({ tableName: t.tableName, endpoint: t.endpoint, cursorSecret: t.deps.config.sessionSecret })
    expect((await seekerRowsOf(other(), 'lingjing')).rows).toHaveLength(0)
    expect(await peopleIndexBackfilled(t.db)).toBe(false)

    await runJob(t.deps, { type: 'migrate' })
    const c = other()
    for (const tw of TOWNSHIPS) expect((await seekerRowsOf(c, tw.code)).rows.map((r) => r.id).sort()).toEqual(data.seekers.filter((s) => s.township === tw.code).map((s) => s.id).sort())
    for (const tw of TOWNSHIPS) expect((await peopleRowsOf(c, tw.code)).rows.map((r) => r.id).sort()).toEqual(data.seekers.filter((s) => s.township === tw.code).map((s) => s.id).sort())
    expect(await peopleIndexBackfilled(t.db)).toBe(true)
    expect(await oldItems()).toBe(0)
    const done = t.captured.lines.map((l) => JSON.parse(l)).find((l) => l.message === 'migrations.done')
    expect(done).toMatchObject({ seekerIndex: { files: data.seekers.length }, peopleIndex: { files: data.seekers.length } })

    // Again: every marker is there, nothing is written.
    t.captured.lines.length = 0
    await runJob(t.deps, { type: 'migrate' })
    expect(t.captured.lines.map((l) => JSON.parse(l)).find((l) => l.message === 'migrations.done')).toMatchObject({ boardCounters: null, dueCounters: null, seekerIndex: null, peopleIndex: null })
  }, 120_000)
})
