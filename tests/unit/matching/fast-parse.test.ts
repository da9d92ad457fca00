import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fastPost, fastSeeker } from '../../../shared/matching/fast-parse.js'
import { MatchPost, MatchSeeker, syntheticInstance } from '../../../shared/matching/index.js'

const inst = JSON.parse(JSON.stringify(syntheticInstance({ seekers: 300, posts: 60, seed: 5 })))

// Values that are right for some field and wrong for most.
const pool = [
  undefined,
  null,
  '',
  '  ',
  ' 电工 ',
  'x'.repeat(41),
  'x'.repeat(65),
  'abc',
  -1,
  0,
  1.5,
  35,
  120,
  121,
  2000,
  2001,
  100_000_001,
  true,
  false,
  [],
  ['电工'],
  ['  焊工证 '],
  [''],
  Array.from({ length: 51 }, (_, k) => `s${k}`),
  ['employment', 'industry'],
  ['employment', 'industry', 'entrepreneurship', 'employment'],
  ['graduate'],
  ['nope'],
  {},
  { kind: 'workshop', fullTime: true },
  { kind: 'publicWelfare', fullTime: 'yes' },
  { amountFen: 300_000, unit: 'month' },
  { amountFen: 1.5, unit: 'day' },
  { amountFen: 0, unit: 'month' },
  { amountFen: 300, unit: 'piece' },
  { amountFen: 300, unit: 'piece', expectedMonthlyFen: 250_000 },
  'monitored',
  'unstable',
  'full',
  'none',
  'heavy',
  'laborExport',
  '2026-02-30',
  '2024-02-29',
  '2023-02-29',
  '1990-07-01',
  'lingjing-01',
  'nowhere-99',
  34.02,
  113.7,
  -91,
  181,
]

const mutated = <T extends object>(base: T[], keys: string[]) =>
  fc
    .tuple(
      fc.constantFrom(...base),
      fc.array(fc.tuple(fc.constantFrom(...keys, 'extra'), fc.constantFrom(...pool)), { maxLength: 3 }),
    )
    .map(([b, changes]) => {
      const x: Record<string, unknown> = { ...(b as Record<string, unknown>) }
      for (const [k, v] of changes) {
        if (v === undefined) delete x[k]
        else x[k] = v
      }
      return x
    })

const seekerKeys = Object.keys(MatchSeeker.shape)
const postKeys = Object.keys(MatchPost.shape)

describe('the fast path of validation', () => {
  it('accepts every generated seeker and post, exactly as zod parses them', () => {
    for (const s of inst.seekers) expect(fastSeeker(s)).toEqual(MatchSeeker.parse(s))
    for (const p of inst.posts) expect(fastPost(p)).toEqual(MatchPost.parse(p))
  })

  it('accepts a seeker only when zod does, with the same result; and everything zod accepts', () => {
    fc.assert(
      fc.property(mutated(inst.seekers, seekerKeys), (x) => {
        const z = MatchSeeker.safeParse(x)
        const fast = fastSeeker(x)
        expect(fast !== undefined).toBe(z.success)
        if (fast) expect(fast).toEqual(z.data)
      }),
      { numRuns: 1500 },
    )
  })

  it('accepts a post only when zod does, with the same result; and everything zod accepts', () => {
    fc.assert(
      fc.property(mutated(inst.posts, postKeys), (x) => {
        const z = MatchPost.safeParse(x)
        const fast = fastPost(x)
        expect(fast !== undefined).toBe(z.success)
        if (fast) expect(fast).toEqual(z.data)
      }),
      { numRuns: 1500 },
    )
  })
})
