import { describe, expect, it } from 'vitest'
import { districtDate } from '../../shared/district-date'

describe('districtDate', () => {
  it('is the Beijing calendar day: 00:00–08:00 Beijing is still the previous day in UTC', () => {
    expect(districtDate(new Date('2026-12-31T15:59:59Z'))).toBe('2026-12-31')
    expect(districtDate(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01')
    expect(districtDate(new Date('2026-03-01T00:00:00Z'))).toBe('2026-03-01')
  })
})
