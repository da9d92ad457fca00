import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { idCheckChar, maskIdNumber, parseIdNumber } from '../../shared/id-number.js'

describe('resident ID numbers (GB 11643, ISO 7064 MOD 11-2)', () => {
  it.each([
    // Published GB 11643 examples and hand-checked numbers.
    ['11010519491231002X', { birthDate: '1949-12-31', gender: 'female' }],
    ['440524188001010014', { birthDate: '1880-01-01', problem: 'birthDate' }],
    ['411003198001010036', { birthDate: '1980-01-01', gender: 'male' }],
    ['41100319800101001X', { birthDate: '1980-01-01', gender: 'male' }],
    ['11010519491231002x', { birthDate: '1949-12-31', gender: 'female' }],
  ])('%s', (value, expected) => {
    const r = parseIdNumber(value)
    if ('problem' in expected) expect(r).toEqual({ problem: expected.problem })
    else expect(r).toMatchObject({ value: value.toUpperCase(), ...expected })
  })

  it.each([
    ['', 'format'],
    ['41100319800101001', 'format'],
    ['4110031980010100166', 'format'],
    ['011003198001010016', 'format'],
    ['41100319800101001A', 'format'],
    ['411003198002300013', 'birthDate'],
    ['411003198013010018', 'birthDate'],
    ['411003198001010037', 'checkDigit'],
    ['411003198001010019', 'checkDigit'],
  ])('rejects %s as %s', (value, problem) => {
    expect(parseIdNumber(value)).toEqual({ problem })
  })

  const body17 = fc
    .record({
      region: fc.integer({ min: 110000, max: 659999 }),
      date: fc.date({ min: new Date('1920-01-01'), max: new Date('2020-12-31'), noInvalidDate: true }),
      seq: fc.integer({ min: 0, max: 999 }),
    })
    .map(({ region, date, seq }) => `${region}${date.toISOString().slice(0, 10).replace(/-/g, '')}${String(seq).padStart(3, '0')}`)

  it('accepts every number whose check character is computed, and no other check character', () => {
    fc.assert(
      fc.property(body17, fc.constantFrom(...'0123456789X'.split('')), (body, c) => {
        const ok = !('problem' in parseIdNumber(`${body}${c}`))
        expect(ok).toBe(c === idCheckChar(body))
      }),
    )
  })

  it('catches every single-digit typo', () => {
    fc.assert(
      fc.property(body17, fc.integer({ min: 6, max: 16 }), fc.integer({ min: 1, max: 9 }), (body, pos, delta) => {
        const good = `${body}${idCheckChar(body)}`
        const typo = good.slice(0, pos) + String((Number(good[pos]) + delta) % 10) + good.slice(pos + 1)
        expect(parseIdNumber(typo)).toHaveProperty('problem')
      }),
    )
  })

  it('masks all but the first four and last four characters', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('1101**********002X')
    fc.assert(
      fc.property(body17, (body) => {
        const masked = maskIdNumber(`${body}${idCheckChar(body)}`)
        expect(masked).toHaveLength(18)
        expect(masked.slice(4, 14)).toBe('*'.repeat(10))
      }),
    )
  })
})
