import { describe, expect, it } from 'vitest'
import { matchRank, textKeys } from '../../shared/search/text-keys.js'

describe('text keys (issue 12 part 6)', () => {
  it('gives a name its characters, full pinyin and initials', async () => {
    expect(await textKeys('刘建国', { name: true })).toEqual({ text: '刘建国', full: 'liujianguo', initials: 'ljg' })
  })

  it('reads a surname as a surname', async () => {
    expect((await textKeys('曾小明', { name: true })).full).toBe('zengxiaoming')
    expect((await textKeys('单丽', { name: true })).full).toBe('shanli')
  })

  it('keeps Latin letters and digits as runs in a title', async () => {
    const keys = await textKeys('电工 A 班')
    expect(keys.text).toBe('电工a班')
    expect(keys.full).toBe('diangongaban')
    expect(keys.initials).toBe('dgab')
  })

  it('ranks exact before start before inside, and misses what is not there', async () => {
    const keys = await textKeys('刘建国', { name: true })
    expect(matchRank(keys, '刘建国')).toBe(0)
    expect(matchRank(keys, 'LJG')).toBe(0)
    expect(matchRank(keys, '刘建')).toBe(1)
    expect(matchRank(keys, 'liujian')).toBe(1)
    expect(matchRank(keys, '建国')).toBe(2)
    expect(matchRank(keys, 'jianguo')).toBe(2)
    expect(matchRank(keys, '王')).toBeUndefined()
    expect(matchRank(keys, '  ')).toBeUndefined()
  })
})
