import { describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import { householdLine, type Translate } from '../../../web/src/composables/use-household-text'
import { usePagedList } from '../../../web/src/composables/use-paged-list'
import { messages } from '../../../web/src/i18n/messages'

const translator = (locale: 'zh-CN' | 'en'): Translate => {
  const { t } = createI18n({ legacy: false, locale, fallbackLocale: 'zh-CN', messages }).global
  return (key, named) => t(key, named ?? {})
}

describe('householdLine', () => {
  it('names the category with the labels the file uses, the subtype in brackets', () => {
    const t = translator('zh-CN')
    expect(householdLine(t, { category: 'alleviated' })).toBe('脱贫户')
    expect(householdLine(t, { category: 'monitored', monitoredSubtype: 'marginal' })).toBe('防止返贫监测对象（边缘易致贫户）')
  })

  it('adds the 风险消除 date when there is one, in both languages', () => {
    const facts = { category: 'monitored', monitoredSubtype: 'unstable', riskEliminatedOn: '2025-03-01' } as const
    expect(householdLine(translator('zh-CN'), facts)).toBe('防止返贫监测对象（脱贫不稳定户），2025-03-01 风险消除')
    expect(householdLine(translator('en'), facts)).toMatch(/risk eliminated on 2025-03-01$/)
    expect(householdLine(translator('en'), facts)).not.toMatch(/[\u4e00-\u9fa5]/)
  })
})

describe('usePagedList.remove', () => {
  it('takes a decided item out without reloading, keeping the cursor', async () => {
    let calls = 0
    const list = usePagedList<{ id: string }>(async () => {
      calls++
      return { items: [{ id: 'a' }, { id: 'b' }, { id: 'c' }], nextCursor: 'next' }
    })
    await list.reload()
    list.remove((x) => x.id === 'b')
    expect(list.items.value.map((x) => x.id)).toEqual(['a', 'c'])
    expect(list.hasMore.value).toBe(true)
    expect(calls).toBe(1)
  })

  it('shows the empty state once the last item is taken out', async () => {
    const list = usePagedList<{ id: string }>(async () => ({ items: [{ id: 'a' }], nextCursor: null }))
    await list.reload()
    list.remove(() => true)
    expect(list.isEmpty.value).toBe(true)
  })
})
