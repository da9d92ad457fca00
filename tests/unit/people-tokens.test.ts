import { describe, expect, it } from 'vitest'
import { digitTokens, LATIN_TOKEN_MAX, longQueryRank, nameTokens, readPeopleQuery } from '../../shared/search/people-tokens.js'

const tokensOf = async (name: string) => new Map((await nameTokens(name)).tokens.map((t) => [`${t.kind}:${t.token}`, t]))

describe('people search tokens (issue 12 part 6)', () => {
  it('gives a name every part, its pinyin from each syllable and its initials, each with its rank', async () => {
    const t = await tokensOf('刘建国')
    const rank = (k: string) => t.get(k)?.rank
    expect([rank('name:刘建国'), rank('name:刘建'), rank('name:刘'), rank('name:建国'), rank('name:国')]).toEqual([0, 1, 1, 2, 2])
    expect([rank('latin:liujia'), rank('latin:li'), rank('latin:jiangu'), rank('latin:guo')]).toEqual([1, 1, 2, 2])
    expect([rank('latin:ljg'), rank('latin:lj'), rank('latin:jg')]).toEqual([0, 1, 2])
    expect(t.has('latin:ianguo')).toBe(false)
    // Tokens stop at LATIN_TOKEN_MAX letters; the longest carry what they start, for longer queries.
    expect([...t.keys()].filter((k) => k.startsWith('latin:')).every((k) => k.length - 'latin:'.length <= LATIN_TOKEN_MAX)).toBe(true)
    expect(t.get('latin:liujia')?.tails).toBe(' ^liujianguo ')
    expect(t.get('latin:jiangu')?.tails).toBe(' jianguo ')
    expect(t.size).toBe(21)
    expect((await nameTokens('刘建国')).sort).toBe('liujianguo')
  })

  it('types ü as v and reads a surname as a surname', async () => {
    const t = await tokensOf('吕丽')
    expect(t.get('latin:lvli')?.rank).toBe(0)
    expect((await tokensOf('曾小明')).get('latin:zengxi')?.rank).toBe(1)
  })

  it('ranks a long query from the tails of its token', () => {
    expect(longQueryRank(' ^liujianguo ', 'liujianguo')).toBe(0)
    expect(longQueryRank(' ^liujianguo ', 'liujiang')).toBe(1)
    expect(longQueryRank(' ^wangjianguo jianguo ', 'jianguo')).toBe(2)
    expect(longQueryRank(' ^liujianjun ', 'liujiangu')).toBeUndefined()
  })

  it('keeps one digits token when the ID number and phone end alike', () => {
    expect(digitTokens({ idLast4: '123x', phoneLast4: '5678' }).map((t) => [t.token, t.via])).toEqual([['123X', 'idLast4'], ['5678', 'phoneLast4']])
    expect(digitTokens({ idLast4: '5678', phoneLast4: '5678' })).toHaveLength(1)
  })

  it.each([
    ['刘', { kind: 'name', token: '刘' }],
    [' 刘 建 ', { kind: 'name', token: '刘建' }],
    ['LJG', { kind: 'latin', token: 'ljg', long: false }],
    ['liujianguo', { kind: 'latin', token: 'liujia', long: true }],
    ['123x', { kind: 'digits', token: '123X' }],
    ['l', { problem: 'latinTooShort' }],
    ['123', { problem: 'digitsNotFour' }],
    ['12345', { problem: 'digitsNotFour' }],
    ['  ', { problem: 'empty' }],
  ])('reads %j', (q, want) => {
    expect(readPeopleQuery(q)).toMatchObject(want)
  })
})
