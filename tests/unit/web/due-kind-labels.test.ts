import { describe, expect, it } from 'vitest'
import { graduateItems } from '../../../shared/following/graduates'
import { returneeItems } from '../../../shared/following/returnees'
import monitoring from '../../../web/src/i18n/modules/monitoring'

// 到期事项 shows `monitoring.kind.<subject>.<kind>`: every kind a returnee's or graduate's plan can
// owe has a label in both languages (a raw key overflowed the phone's card).
const label = (locale: 'zh-CN' | 'en', path: string) => path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], monitoring[locale].monitoring.kind)

describe('labels of the plans’ due kinds', () => {
  const today = '2026-12-01'
  const services = {}
  const returneeKinds = new Set<string>()
  for (const intent of ['employment', 'entrepreneurship', 'industry', 'undecided'] as const) {
    const items = returneeItems({ intent, intentSince: '2026-06-01', status: 'following', services, wantsLoan: true, business: { registeredOn: '2026-07-01', firstBusiness: true } as never }, today, { startupMonthsOperating: 12 })
    for (const i of items) returneeKinds.add(i.kind)
  }
  const graduateKinds = new Set(graduateItems({ plan: [{ kind: 'guidance', dueOn: '2026-08-01' }, { kind: 'jobOffer', dueOn: '2026-09-01' }, { kind: 'training', dueOn: '2026-10-01' }, { kind: 'internship', dueOn: '2026-10-01' }], services: {}, status: 'seeking', statusSince: '2026-07-01', goalBy: '2027-01-01', wantsTraining: true, wantsInternship: true } as never, today).map((i) => i.kind))

  it.each([...[...returneeKinds].map((k) => `returnee.${k}`), ...[...graduateKinds].map((k) => `graduate.${k}`)])('%s has zh-CN and en labels', (path) => {
    expect(typeof label('zh-CN', path)).toBe('string')
    expect(typeof label('en', path)).toBe('string')
  })
  it('covers every kind', () => {
    expect([...returneeKinds].sort()).toEqual(['consult', 'industrySupport', 'jobOffer', 'loan', 'projectPlan', 'registration', 'startupSubsidy', 'startupTraining', 'visit'])
    expect([...graduateKinds].sort()).toEqual(['goal', 'guidance', 'internship', 'jobOffer', 'training'])
  })
})
