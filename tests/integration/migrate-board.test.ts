import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb'
import { describe, expect, it } from 'vitest'
import { boardCountersOf } from '../../functions/db/board.js'
import { outcomeCounterKey, targetCounterKey } from '../../functions/db/keys.js'
import { targetProgress } from '../../functions/db/targets.js'
import { migrateBoardCounters } from '../../functions/jobs/migrate-board.js'
import { testApp } from '../support/app.js'

// A data directory made before the board's year partition keeps its figures: the counters under
// the first keys move once, adding to anything already counted under the new ones.
describe('moving the board counters into the year partitions', async () => {
  const t = await testApp()
  const put = (Item: Record<string, unknown>) => t.db.doc.send(new PutCommand({ TableName: t.db.table, Item }))

  it('moves targets and outcomes, merges with counts made since, deletes the old items, and runs once', async () => {
    // Three legacy items as the old code wrote them (a township no other test writes to).
    await put({ PK: 'TARGET#2021#employed', SK: 'TWP#migr', entity: 'targetCounter', township: 'migr', count: 7, m03: 4, m04: 3, c_alleviated: 7 })
    await put({ PK: 'TARGET#2021#placed', SK: 'TWP#migr', entity: 'targetCounter', township: 'migr', count: 2 })
    await put({ PK: 'OUTCOME#2021', SK: 'TWP#migr#monitored', entity: 'outcomeCounter', township: 'migr', category: 'monitored', placements: 3, 's_2021-03-02': 2, 'd_12': 1 })
    // And one count already made under the new key since the change.
    await put({ ...targetCounterKey(2021, 'employed', 'migr'), entity: 'targetCounter', township: 'migr', count: 1, m05: 1 })

    const r = await migrateBoardCounters(t.db, new Date('2026-12-01T00:00:00Z'))
    expect(r?.moved).toBeGreaterThanOrEqual(3)

    expect((await targetProgress(t.db, 'employed', 2021)).byTownship.migr).toBe(8)
    const year = await boardCountersOf(t.db, 2021)
    const employed = year.targets.employed!.find((c) => c.township === 'migr')!
    expect(employed.byMonth).toEqual({ '03': 4, '04': 3, '05': 1 })
    expect(employed.byCategory).toEqual({ alleviated: 7 })
    expect(year.targets.placed!.find((c) => c.township === 'migr')!.count).toBe(2)
    const outcome = year.outcomes.find((o) => o.township === 'migr')!
    expect(outcome).toMatchObject({ category: 'monitored', placements: 3, starts: { '2021-03-02': 2 }, days: { '12': 1 } })
    expect((await t.db.doc.send(new GetCommand({ TableName: t.db.table, Key: { PK: 'TARGET#2021#employed', SK: 'TWP#migr' } }))).Item).toBeUndefined()
    expect((await t.db.doc.send(new GetCommand({ TableName: t.db.table, Key: { PK: 'OUTCOME#2021', SK: 'TWP#migr#monitored' } }))).Item).toBeUndefined()
    expect(outcomeCounterKey(2021, 'migr', 'monitored').PK).toBe('BOARD#2021')

    // Once: a second run moves nothing and the figures stay.
    expect(await migrateBoardCounters(t.db)).toBeUndefined()
    expect((await targetProgress(t.db, 'employed', 2021)).byTownship.migr).toBe(8)
  })
})
