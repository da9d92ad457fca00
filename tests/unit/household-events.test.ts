/** The household page's history (一户一档 经过): every case's signal, steps, plan, measures and closing, newest first. */
import { describe, expect, it } from 'vitest'
import { householdEvents } from '../../web/src/components/household/household-events'

const base = { householdId: 'HH-1', headName: '王大山', township: 'lingjing', village: 'lingjing-02', note: '', openedBy: 'u', createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', clocks: [] }

describe('householdEvents', () => {
  it('a registered household without cases has one line', () => {
    expect(householdEvents({ createdAt: '2026-02-03T04:05:06Z', cases: [] })).toEqual([{ on: '2026-02-03', key: 'householdPage.event.registered' }])
    // Registered at 17:00 UTC is the next morning in the district: that is its day.
    expect(householdEvents({ createdAt: '2026-02-03T17:00:00Z', cases: [] })[0]!.on).toBe('2026-02-04')
  })

  it('puts every case event on its day, newest first, same-day events latest first', () => {
    const closed = {
      ...base,
      id: 'c1',
      source: 'cadreVisit' as const,
      riskType: 'illness' as const,
      signalOn: '2026-01-05',
      status: 'closed' as const,
      steps: [
        { step: 'visit' as const, on: '2026-01-06', by: 'u', at: '', note: '已入户' },
        { step: 'crossCheck' as const, on: '2026-01-06', by: 'u', at: '', note: '' },
      ],
      plannedOn: '2026-01-20',
      measures: [
        { kind: 'post' as const, description: '岗位', status: 'done' as const, doneOn: '2026-02-01' },
        { kind: 'training' as const, description: '培训', status: 'planned' as const },
      ],
      closedOn: '2026-08-01',
    }
    const open = { ...base, id: 'c2', source: 'application' as const, riskType: 'incomeDrop' as const, signalOn: '2026-09-01', status: 'open' as const, steps: [], measures: [] }
    const events = householdEvents({ createdAt: '2026-01-02T00:00:00Z', cases: [open, closed] })
    expect(events.map((e) => [e.on, e.key || e.stepKey])).toEqual([
      ['2026-09-01', 'householdPage.event.signal'],
      ['2026-08-01', 'householdPage.event.closed'],
      ['2026-02-01', 'householdPage.event.measure'],
      ['2026-01-20', 'householdPage.event.planned'],
      ['2026-01-06', 'monitoring.step.crossCheck'],
      ['2026-01-06', 'monitoring.step.visit'],
      ['2026-01-05', 'householdPage.event.signal'],
      ['2026-01-02', 'householdPage.event.registered'],
    ])
    // The values that are message keys themselves, and the notes, travel with their lines.
    expect(events[0]).toMatchObject({ named: { risk: 'monitoring.risk.incomeDrop' }, caseId: 'c2' })
    expect(events[3]).toMatchObject({ named: { n: 2 } })
    expect(events[5]).toMatchObject({ note: '已入户', caseId: 'c1' })
    // A planned measure not carried out is no event.
    expect(events.filter((e) => e.key === 'householdPage.event.measure')).toHaveLength(1)
  })
})
