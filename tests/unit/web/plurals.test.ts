import { createI18n } from 'vue-i18n'
import { describe, expect, it } from 'vitest'
import { messages } from '../../../web/src/i18n/messages'

// The messages as the portal merges them, through vue-i18n itself: English counts agree with
// their number ("1 place left", not "1 places left"); Chinese has one form and ignores the count.
const i18n = createI18n({ legacy: false, locale: 'en', fallbackLocale: 'zh-CN', messages: messages as never })
// Typed loosely on purpose: the full message schema makes tsc's key types too deep for a table of keys.
const global = i18n.global as unknown as { locale: { value: string }; t: (key: string, named: Record<string, unknown>, plural: number) => string }
const t = (locale: 'en' | 'zh-CN', key: string, named: Record<string, unknown>, n: number) => {
  global.locale.value = locale
  return global.t(key, named, n)
}

describe('counted English messages agree with their number', () => {
  it.each([
    ['posts.headcountLeft', { n: 1 }, 1, '1 place left'],
    ['posts.headcountLeft', { n: 3 }, 3, '3 places left'],
    ['matching.shown', { n: 1 }, 1, '1 person shown'],
    ['matching.shown', { n: 12 }, 12, '12 people shown'],
    ['board.days', { n: 1 }, 1, '1 day'],
    ['subsidies.paid', { n: 1 }, 1, '1 claim paid'],
    ['subsidies.paid', { n: 0 }, 0, '0 claims paid'],
    ['subsidies.totals', { count: 1, total: '¥800.00' }, 1, '1 claim, ¥800.00 in all'],
    ['subsidies.batchLine', { count: 2, total: '¥1,600.00' }, 2, '2 people, ¥1,600.00 in all'],
    ['workshops.employed', { n: 1 }, 1, '1 alleviated person employed'],
    ['listExport.rows', { n: 1 }, 1, '1 row'],
    ['listExport.rows', { n: 55 }, 55, '55 rows'],
  ])('%s with %j', (key, named, n, want) => {
    expect(t('en', key, named, n)).toBe(want)
  })

  it('Chinese messages of the same keys have one form, whatever the count', () => {
    expect(t('zh-CN', 'posts.headcountLeft', { n: 1 }, 1)).not.toContain('|')
    expect(t('zh-CN', 'posts.headcountLeft', { n: 1 }, 1)).toBe(t('zh-CN', 'posts.headcountLeft', { n: 1 }, 2))
  })
})
