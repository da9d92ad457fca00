import { describe, expect, it } from 'vitest'
import { fenToYuanText, parseYuanToFen } from '../../../web/src/money'
import { auditDiff, shownAsChange } from '../../../web/src/components/oversight/audit-diff'
import { blankPolicy, POLICY_FIELDS, valueAt, withValueAt } from '../../../web/src/components/oversight/policy-fields'

describe('parseYuanToFen', () => {
  it.each([
    ['1234.5', 123450],
    ['1234.50', 123450],
    ['0.07', 7],
    ['0.1', 10],
    ['800', 80000],
    ['19.99', 1999],
    ['1.00', 100],
    [' 801.00 ', 80100],
    ['0', 0],
    ['9999999.99', 999999999],
  ])('%s yuan → %i fen', (text, fen) => {
    expect(parseYuanToFen(text)).toBe(fen)
  })

  it.each(['', '.5', '1.', '1.234', '-1', '1e3', '1,000', 'abc', '12345678', '¥5'])('refuses %j', (text) => {
    expect(parseYuanToFen(text)).toBeNull()
  })

  it('reads every amount with two decimals exactly, where float arithmetic drifts', () => {
    // 0.29 * 100 = 28.999999999999996 in floating point: the digits are read, never multiplied.
    const wrong: number[] = []
    for (let fen = 0; fen <= 200_000; fen++) if (parseYuanToFen(fenToYuanText(fen)) !== fen) wrong.push(fen)
    expect(wrong).toEqual([])
    expect(parseYuanToFen('0.29')).toBe(29)
  })

  it('shows fen as yuan with two decimals', () => {
    expect(fenToYuanText(80000)).toBe('800.00')
    expect(fenToYuanText(5)).toBe('0.05')
    expect(fenToYuanText(123450)).toBe('1234.50')
  })
})

describe('auditDiff', () => {
  it('lists only the leaves that changed, by dotted path', () => {
    const before = { transport: { amountFenByDestination: { inCounty: 0, outOfProvince: 80000 }, minMonthsWorked: 3 }, version: 1, note: 'a' }
    const after = { transport: { amountFenByDestination: { inCounty: 0, outOfProvince: 80100 }, minMonthsWorked: 3 }, version: 2, note: 'a' }
    expect(auditDiff(before, after)).toEqual([
      { path: 'transport.amountFenByDestination.outOfProvince', before: 80000, after: 80100 },
      { path: 'version', before: 1, after: 2 },
    ])
  })

  it('shows added and removed values, and compares arrays whole', () => {
    expect(auditDiff({ status: 'submitted', tags: ['a'] }, { status: 'approved', amountFen: 500, tags: ['a'] })).toEqual([
      { path: 'status', before: 'submitted', after: 'approved' },
      { path: 'amountFen', before: undefined, after: 500 },
    ])
    expect(auditDiff({ a: 1, gone: true }, { a: 1 })).toEqual([{ path: 'gone', before: true, after: undefined }])
    expect(auditDiff({ list: [1, 2] }, { list: [2, 1] })).toEqual([{ path: 'list', before: [1, 2], after: [2, 1] }])
  })

  it('treats an event with no before as everything set', () => {
    expect(auditDiff(undefined, { count: 2, totalFen: 100 })).toEqual([
      { path: 'count', before: undefined, after: 2 },
      { path: 'totalFen', before: undefined, after: 100 },
    ])
    expect(auditDiff(undefined, undefined)).toEqual([])
  })
})

describe('policy fields', () => {
  it('name paths that exist in a policy, and write them without touching the source', () => {
    const p = blankPolicy(2026)
    for (const f of POLICY_FIELDS.filter((x) => !x.path.startsWith('matching.'))) expect(typeof valueAt(p, f.path), f.path).toBe('number')
    const q = withValueAt(p, 'transport.amountFenByDestination.outOfProvince', 80100)
    expect(q.transport.amountFenByDestination.outOfProvince).toBe(80100)
    expect(p.transport.amountFenByDestination.outOfProvince).toBe(0)
    expect(q.labor).toBe(p.labor)
  })
})

describe('an audit line reads before → after only on a real change', () => {
  it('a claim created with its amount shows the amount once, not “— → ¥800.00”', () => {
    const [status, amount] = auditDiff({ status: 'draft' }, { status: 'submitted', amountFen: 80_000 })
    expect(shownAsChange(status!)).toBe(true)
    expect(amount).toEqual({ path: 'amountFen', before: undefined, after: 80_000 })
    expect(shownAsChange(amount!)).toBe(false)
  })

  it('a changed amount shows both; a removed value shows what it was', () => {
    expect(shownAsChange({ path: 'labor.amountFen', before: 100_000, after: 120_000 })).toBe(true)
    expect(shownAsChange({ path: 'note', before: 'a', after: undefined })).toBe(true)
    expect(shownAsChange({ path: 'note', before: undefined, after: 'a' })).toBe(false)
  })
})
