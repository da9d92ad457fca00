import { describe, expect, it } from 'vitest'
import { medianOf, mergeCounts, retention, shareOf } from '../../shared/board.js'

describe('targets board arithmetic', () => {
  it.each([
    [{}, null],
    [{ 5: 1 }, 5],
    [{ 56: 1, 292: 1 }, 56],
    [{ 3: 2, 10: 1 }, 3],
    [{ 1: 1, 2: 1, 30: 1 }, 2],
    [{ 0: 0, 7: 3 }, 7],
    [{ 100: 1, 9: 1, 20: 1 }, 20],
  ])('median of %o is %s', (h, m) => expect(medianOf(h as Record<string, number>)).toBe(m))

  it('still in work: only placements whose n months have passed are due; those ended before are lost', () => {
    const starts = { '2026-03-02': 2, '2026-05-01': 1, '2026-10-15': 4 }
    const lost3 = { '2026-03-02': 1, '2026-10-15': 1 }
    expect(retention(starts, lost3, 3, '2026-12-01')).toEqual({ due: 3, kept: 2, rate: 2 / 3 })
    // 2026-10-15 + 3 months is 2027-01-15: not due on 2026-12-01, due from that day.
    expect(retention(starts, lost3, 3, '2027-01-15')).toEqual({ due: 7, kept: 5, rate: 5 / 7 })
    expect(retention({}, {}, 6, '2026-12-01')).toEqual({ due: 0, kept: 0, rate: null })
    // Month ends clamp: 2026-08-31 + 6 months is 2027-02-28.
    expect(retention({ '2026-08-31': 1 }, {}, 6, '2027-02-27').due).toBe(0)
    expect(retention({ '2026-08-31': 1 }, {}, 6, '2027-02-28').due).toBe(1)
  })

  it('shares and merged counts', () => {
    expect(shareOf(3, 4)).toBe(0.75)
    expect(shareOf(3, 0)).toBeNull()
    expect(shareOf(3, null)).toBeNull()
    expect(mergeCounts([{ a: 1, b: 2 }, { b: 3, c: 1 }, {}])).toEqual({ a: 1, b: 5, c: 1 })
  })
})
