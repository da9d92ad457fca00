import { describe, expect, it } from 'vitest'
import { scrub } from '../../functions/core/log.js'
import { isMobile, maskPhone, normalizePhone } from '../../shared/phone.js'

describe('mobile numbers', () => {
  it.each([
    ['13800000004', true],
    ['+86 138 0000 0004', true],
    ['86-13800000004', true],
    ['12800000004', false],
    ['1380000000', false],
    ['138000000041', false],
    ['1380000000a', false],
  ])('%s → %s', (raw, ok) => expect(isMobile(raw)).toBe(ok))

  it('normalises and masks', () => {
    expect(normalizePhone('+86 138-0000-0004')).toBe('13800000004')
    expect(maskPhone('13800000004')).toBe('138****0004')
  })
})

describe('log scrubbing (a second line of defence behind never logging people)', () => {
  it('masks ID numbers and phones wherever they appear in a string', () => {
    const line = scrub('user 411003198001010036 called from 13912345678 and +8613800000004 about 11010519491231002X')
    expect(line).not.toMatch(/411003198001010036|13912345678|13800000004|11010519491231002X/)
    expect(line).toContain('4110**********0036')
    expect(line).toContain('139****5678')
  })

  it('leaves ids, timestamps and amounts alone', () => {
    const s = 'request 01KB0000000000000000SEEKER at 2026-11-28T10:00:00Z paid 350000 fen, 12ms'
    expect(scrub(s)).toBe(s)
  })
})
