import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { compareHits, findInRows, matchPerson, peopleRowOf, startAfter, type PeopleRow } from '../../shared/search/people-match.js'
import { LATIN_TOKEN_MAX, longQueryRank, nameTokens, readPeopleQuery, type PeopleQuery } from '../../shared/search/people-tokens.js'

// The people index replaced one search item per token (shared/search/people-tokens.ts). The tokens
// stay the specification: a row matches a query exactly when the person has its token, with its rank and via.
const NAMES = ['刘建国', '刘建', '王芳', '王王', '诸葛亮亮', '吕丽', '曾小明', '单田芳', '欧阳娜娜', '李', 'Anna', '阿不都热依木', '张三丰', '建国刘']
// Any keyed hash will do here; the database layer uses the protector's blind index.
const hash = (x: string) => createHash('sha256').update(`k:${x}`).digest('base64url')
const rowOf = (name: string, i: number) => peopleRowOf({ id: `S${String(i).padStart(3, '0')}`, name, village: 'v1', idLast4: '123X', phoneLast4: i % 2 ? '5678' : '123X' }, hash)
const query = (text: string) => readPeopleQuery(text) as PeopleQuery

describe('people index matching (agrees with the tokens)', () => {
  it('matches every token of a name with the token’s rank and via', async () => {
    for (const [i, name] of NAMES.entries()) {
      const row = await rowOf(name, i)
      for (const t of (await nameTokens(name)).tokens) {
        const q = query(t.token)
        expect('problem' in q, `${name} ${t.token}`).toBe(false)
        expect(matchPerson(row, q), `${name} ${t.kind}:${t.token}`).toEqual({ rank: t.rank, via: t.via })
      }
    }
  })

  it('matches a query no token has nowhere', async () => {
    const rows = await Promise.all(NAMES.map(rowOf))
    for (const text of ['ianguo', '建军', '刘建国国', 'xyz', 'gl', 'liujianjun', 'zhuge liangx']) {
      const q = query(text)
      for (const [i, row] of rows.entries()) {
        const tokens = (await nameTokens(NAMES[i]!)).tokens
        // A long Latin query is read from its first letters' token; every other query is a token itself.
        const has = q.kind === 'latin' && q.long ? tokens.some((t) => t.token === q.token && t.tails && longQueryRank(t.tails, q.text) !== undefined) : tokens.some((t) => t.kind === q.kind && t.token === q.token)
        expect(matchPerson(row, q) !== undefined, `${NAMES[i]} ${text}`).toBe(has)
      }
    }
  })

  it('ranks a query longer than the tokens by what it begins, as the tails did', async () => {
    for (const [i, name] of NAMES.entries()) {
      const row = await rowOf(name, i)
      const tokens = (await nameTokens(name)).tokens.filter((t) => t.kind === 'latin' && t.token.length === LATIN_TOKEN_MAX && t.tails)
      for (const t of tokens)
        for (const tail of t.tails!.trim().split(' ')) {
          const text = tail.replace('^', '')
          if (text.length <= LATIN_TOKEN_MAX) continue
          for (const cut of [text.length, text.length - 1]) {
            const q = query(text.slice(0, cut))
            if (q.kind !== 'latin' || !q.long) continue
            expect(matchPerson(row, q), `${name} ${q.text}`).toEqual({ rank: longQueryRank(t.tails!, q.text), via: t.via })
          }
        }
    }
    expect(matchPerson(await rowOf('刘建国', 0), query('liujianguo'))).toEqual({ rank: 0, via: 'pinyin' })
    expect(matchPerson(await rowOf('王建国', 0), query('jianguo'))).toEqual({ rank: 2, via: 'pinyin' })
  })

  it('finds a last four by its hash, the ID number’s before the phone’s', async () => {
    const both = await rowOf('刘建国', 1)
    const same = await rowOf('刘建国', 2)
    expect(matchPerson(both, query('123x'), hash('123X').slice(0, 12))).toEqual({ rank: 0, via: 'idLast4' })
    expect(matchPerson(both, query('5678'), hash('5678').slice(0, 12))).toEqual({ rank: 0, via: 'phoneLast4' })
    expect(same.p4).toBeUndefined()
    expect(matchPerson(same, query('5678'), hash('5678').slice(0, 12))).toBeUndefined()
    expect(JSON.stringify(both)).not.toContain('5678')
  })

  it('orders exact, start, inside, then by pinyin, and a cursor resumes after its hit even when a row came in between', async () => {
    const rows: PeopleRow[] = await Promise.all(['刘建军', '刘建', '王建国', '刘建国', '钱刘建'].map(rowOf))
    const hits = findInRows(rows, query('刘建'))
    expect(hits.map((h) => `${rows.find((r) => r.id === h.seekerId)!.n}:${h.match.rank}`)).toEqual(['刘建:0', '刘建国:1', '刘建军:1', '钱刘建:2'])
    expect([...hits].sort(compareHits)).toEqual(hits)
    expect(startAfter(hits, hits[1])).toBe(2)
    // 刘建安 sorts before 刘建国: a page that ended at 刘建国 resumes at 刘建军, not on 刘建国 again.
    const more = findInRows([...rows, await rowOf('刘建安', 9)], query('刘建'))
    expect(more[startAfter(more, hits[1])]!.seekerId).toBe(hits[2]!.seekerId)
    expect(startAfter(hits, undefined)).toBe(0)
    expect(findInRows(rows, query('刘建'), { village: 'elsewhere' })).toEqual([])
  })
})
