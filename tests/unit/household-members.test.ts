import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { countMembers, householdCategoryOf, memberDeltas, plausible, type MemberCounts, type MemberFacts } from '../../shared/household-members.js'

const file = (householdId: string | undefined, category: MemberFacts['category'], monitoredSubtype?: MemberFacts['monitoredSubtype'], township = 'lingjing'): MemberFacts => ({
  ...(householdId ? { householdId } : {}),
  township,
  category,
  ...(monitoredSubtype ? { monitoredSubtype } : {}),
})

describe('memberDeltas: what a file write moves on its households’ counters', () => {
  it.each([
    ['a new member', [{ after: file('H1', 'alleviated') }], [{ householdId: 'H1', township: 'lingjing', counts: { n: 1, category: { alleviated: 1 }, subtype: {} } }]],
    ['a file without a household', [{ after: file(undefined, 'alleviated') }], []],
    ['an edit that moves nothing', [{ before: file('H1', 'monitored', 'marginal'), after: file('H1', 'monitored', 'marginal') }], []],
    [
      'a move to another household',
      [{ before: file('H1', 'alleviated'), after: file('H2', 'alleviated') }],
      [
        { householdId: 'H1', township: 'lingjing', counts: { n: -1, category: { alleviated: -1 }, subtype: {} } },
        { householdId: 'H2', township: 'lingjing', counts: { n: 1, category: { alleviated: 1 }, subtype: {} } },
      ],
    ],
    ['a change of category in the same household', [{ before: file('H1', 'alleviated'), after: file('H1', 'monitored', 'unstable') }], [{ householdId: 'H1', township: 'lingjing', counts: { n: 0, category: { alleviated: -1, monitored: 1 }, subtype: { unstable: 1 } } }]],
    [
      'a move of township keeps the household but changes which counter',
      [{ before: file('H1', 'other'), after: file('H1', 'other', undefined, 'suqiao') }],
      [
        { householdId: 'H1', township: 'lingjing', counts: { n: -1, category: { other: -1 }, subtype: {} } },
        { householdId: 'H1', township: 'suqiao', counts: { n: 1, category: { other: 1 }, subtype: {} } },
      ],
    ],
    ['three new members of one household: one counter, once', [{ after: file('H1', 'monitored', 'marginal') }, { after: file('H1', 'monitored', 'marginal') }, { after: file('H1', 'monitored') }], [{ householdId: 'H1', township: 'lingjing', counts: { n: 3, category: { monitored: 3 }, subtype: { marginal: 2 } } }]],
    ['a subtype left on a file that is no longer monitored does not count', [{ after: file('H1', 'alleviated', 'marginal') }], [{ householdId: 'H1', township: 'lingjing', counts: { n: 1, category: { alleviated: 1 }, subtype: {} } }]],
  ])('%s', (_, changes, want) => {
    expect(memberDeltas(changes)).toEqual(want)
  })

  const facts = fc.record({
    householdId: fc.option(fc.constantFrom('H1', 'H2'), { nil: undefined }),
    township: fc.constantFrom('lingjing', 'suqiao'),
    category: fc.constantFrom('alleviated', 'monitored', 'other' as const),
    monitoredSubtype: fc.option(fc.constantFrom('unstable', 'marginal', 'suddenHardship' as const), { nil: undefined }),
  })
  it('any sequence of creations and edits leaves the counters equal to the files counted afresh', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(5), facts), { maxLength: 40 }), (steps) => {
        const files = new Map<number, MemberFacts>()
        const counters = new Map<string, MemberCounts>()
        for (const [id, after] of steps) {
          for (const d of memberDeltas([{ before: files.get(id), after }])) {
            const k = `${d.householdId}|${d.township}`
            const c = counters.get(k) ?? { n: 0, category: {}, subtype: {} }
            c.n += d.counts.n
            for (const [x, v] of Object.entries(d.counts.category)) c.category[x as 'other'] = (c.category[x as 'other'] ?? 0) + v
            for (const [x, v] of Object.entries(d.counts.subtype)) c.subtype[x as 'marginal'] = (c.subtype[x as 'marginal'] ?? 0) + v
            counters.set(k, c)
          }
          files.set(id, after)
        }
        for (const h of ['H1', 'H2'])
          for (const t of ['lingjing', 'suqiao']) {
            const fresh = countMembers([...files.values()].filter((f) => f.householdId === h && f.township === t))
            const kept = counters.get(`${h}|${t}`) ?? { n: 0, category: {}, subtype: {} }
            const nonZero = (r: Record<string, number | undefined>) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== 0))
            expect({ n: kept.n, category: nonZero(kept.category), subtype: nonZero(kept.subtype) }).toEqual(fresh)
            expect(plausible(kept)).toBe(true)
          }
      }),
    )
  })
})

describe('householdCategoryOf: 户类型 from the members’ counts', () => {
  it.each([
    ['no members: unknown', { n: 0, category: {}, subtype: {} }, undefined],
    ['all alleviated', { n: 3, category: { alleviated: 3 }, subtype: {} }, { category: 'alleviated', mixed: false }],
    ['all monitored, one subtype', { n: 2, category: { monitored: 2 }, subtype: { marginal: 2 } }, { category: 'monitored', monitoredSubtype: 'marginal', mixed: false }],
    ['monitored, a file without its subtype is not a disagreement', { n: 2, category: { monitored: 2 }, subtype: { unstable: 1 } }, { category: 'monitored', monitoredSubtype: 'unstable', mixed: false }],
    ['most members decide', { n: 3, category: { alleviated: 2, monitored: 1 }, subtype: { unstable: 1 } }, { category: 'alleviated', mixed: true }],
    ['a tie goes to the stricter category', { n: 2, category: { alleviated: 1, monitored: 1 }, subtype: { suddenHardship: 1 } }, { category: 'monitored', monitoredSubtype: 'suddenHardship', mixed: true }],
    ['subtypes that differ are mixed', { n: 3, category: { monitored: 3 }, subtype: { marginal: 2, unstable: 1 } }, { category: 'monitored', monitoredSubtype: 'marginal', mixed: true }],
  ] as const)('%s', (_, counts, want) => {
    expect(householdCategoryOf(counts)).toEqual(want)
  })

  it.each([
    ['a counter that began after some of its members went negative', { n: -1, category: { alleviated: -1 }, subtype: {} }, false],
    ['categories that do not add up to the members', { n: 3, category: { alleviated: 1 }, subtype: {} }, false],
    ['a counter kept from the start', { n: 2, category: { other: 2 }, subtype: {} }, true],
  ] as const)('plausible: %s', (_, counts, want) => {
    expect(plausible(counts)).toBe(want)
  })
})
