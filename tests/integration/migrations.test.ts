import { describe, expect, it } from 'vitest'
import { TOWNSHIPS, VILLAGES } from '../../shared/geo.js'
import { batchPut } from '../../functions/db/batch.js'
import { createDb } from '../../functions/db/client.js'
import { putGeography } from '../../functions/db/geo.js'
import { seekerRowsOf } from '../../functions/db/seeker-index.js'
import { seekerItems } from '../../functions/db/seekers.js'
import { peopleSearchBackfilled } from '../../functions/jobs/people-search-backfill.js'
import { runJob } from '../../functions/jobs/runner.js'
import { generateSeedData } from '../../functions/jobs/seed-data.js'
import { testApp } from '../support/app.js'

// In AWS the data migrations run as the jobs function's `migrate` job after a deploy (npm start
// runs them itself): a table written by an older release gets its seeker index and its search items.
describe('the migrate job', () => {
  it('gives files from before the seeker index and people search their rows and items, once', async () => {
    const t = await testApp()
    await putGeography(t.db, TOWNSHIPS, VILLAGES)
    const data = generateSeedData({ seekers: 120, posts: 1, workshops: 1 })
    const items: Record<string, unknown>[] = []
    for (const r of data.seekers) items.push(...(await seekerItems(t.deps.protector, r, { search: false })))
    await batchPut(t.db, items, 8)
    const other = () => createDb({ tableName: t.tableName, endpoint: t.endpoint, cursorSecret: t.deps.config.sessionSecret })
    expect((await seekerRowsOf(other(), 'lingjing')).rows).toHaveLength(0)
    expect(await peopleSearchBackfilled(t.db)).toBe(false)

    await runJob(t.deps, { type: 'migrate' })
    const c = other()
    for (const tw of TOWNSHIPS) expect((await seekerRowsOf(c, tw.code)).rows.map((r) => r.id).sort()).toEqual(data.seekers.filter((s) => s.township === tw.code).map((s) => s.id).sort())
    expect(await peopleSearchBackfilled(t.db)).toBe(true)
    const done = t.captured.lines.map((l) => JSON.parse(l)).find((l) => l.message === 'migrations.done')
    expect(done).toMatchObject({ seekerIndex: { files: data.seekers.length }, peopleSearch: { seekers: data.seekers.length } })

    // Again: every marker is there, nothing is written.
    t.captured.lines.length = 0
    await runJob(t.deps, { type: 'migrate' })
    expect(t.captured.lines.map((l) => JSON.parse(l)).find((l) => l.message === 'migrations.done')).toMatchObject({ boardCounters: null, dueCounters: null, seekerIndex: null, peopleSearch: null })
  }, 120_000)
})
