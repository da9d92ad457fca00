import { describe, expect, it } from 'vitest'
import { claimFactsOf } from '../../../shared/subsidies/claim-facts.js'
import type { Facts } from '../../../shared/subsidies/eligibility.js'

const placement = (over: Record<string, unknown>) =>
  ({ id: 'p', seekerId: 's', seekerName: '甲', title: '普工', kind: 'enterprise', township: 'lingjing', seekerTownship: 'lingjing', startDate: '2026-03-01', status: 'active', source: 'external', createdBy: 'u', createdAt: '2026-03-01T00:00:00Z', ...over }) as Facts['placements'][number]

const facts: Facts = {
  seeker: { id: 's', category: 'alleviated' },
  placements: [
    placement({ id: 'away', destination: 'outOfProvince', employer: '昆山某电子有限公司', kind: 'laborExport' }),
    placement({ id: 'home', destination: 'inCounty' }),
    placement({ id: 'old', destination: 'outOfProvince', startDate: '2024-01-01', endDate: '2025-06-30' }),
    placement({ id: 'post', kind: 'publicWelfare', title: '保洁员', startDate: '2026-04-10' }),
  ],
  certificates: [],
  trainings: [],
  yulu: [{ seekerId: 's', term: '2026-autumn', school: '许昌职业技术学院', major: '护理', grade: 1, status: 'enrolled', township: 'lingjing', updatedBy: 'u', updatedAt: '2026-09-01T00:00:00Z' }],
}

describe('the facts a claim rests on', () => {
  it('a transport claim: the year’s work out of the county only', () => {
    expect(claimFactsOf('transport', '2026', facts).placements.map((p) => p.id)).toEqual(['away'])
  })
  it('a public-welfare claim: the post held in that month', () => {
    expect(claimFactsOf('publicWelfare', '2026-04', facts).placements.map((p) => p.id)).toEqual(['post'])
    expect(claimFactsOf('publicWelfare', '2026-03', facts).placements).toEqual([])
  })
  it('a Yulu claim: the term, in words, with the day it starts', () => {
    expect(claimFactsOf('yulu', '2026-autumn', facts).yulu).toEqual([{ term: '2026-autumn', termWords: '2026 年秋季学期', termWordsEn: 'Autumn term 2026', termStart: '2026-09-01', school: '许昌职业技术学院', major: '护理', grade: 1, status: 'enrolled' }])
    expect(claimFactsOf('yulu', '2027-spring', facts).yulu).toEqual([])
  })
})
