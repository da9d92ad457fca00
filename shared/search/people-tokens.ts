/**
 * People search (issue 12 part 6): the tokens a person is found by, each with its rank, and how a
 * query is read. Pure. Since the people index (shared/search/people-match.ts) no item is written
 * per token: the tokens are the specification its matching is tested against, and the keys of the
 * old items the people-index backfill deletes.
 *
 * A person is found by any part of the name (刘建 → 刘建国), by full pinyin from its start or from
 * any syllable start (liujian, jianguo), by initials (ljg, lj, jg), or by the last 4 of the ID
 * number or phone. Every token is written with the rank the person has for a query equal to it —
 * 0 the whole, 1 its start, 2 inside — so one Query reads people already ranked.
 */
import { squash, syllablesOf, type MatchRank } from './text-keys.js'

/** How a person matched, shown beside them (拼音匹配 …). */
export const MATCH_VIA = ['name', 'pinyin', 'initials', 'idLast4', 'phoneLast4'] as const
export type MatchVia = (typeof MATCH_VIA)[number]

/** `name`: characters of the name; `latin`: pinyin and initials; `digits`: a last four (kept hashed by the database layer). */
export type TokenKind = 'name' | 'latin' | 'digits'

export interface SearchToken {
  kind: TokenKind
  token: string
  rank: MatchRank
  via: MatchVia
  /**
   * Latin tokens of LATIN_TOKEN_MAX letters only: the whole pinyin or initials they start, each
   * after a space, `^` marking the person's start ("^liujianguo jianguo "): a longer query is read
   * from the token of its first letters and kept when one of these begins with it.
   */
  tails?: string
}

/** Latin tokens are written up to this many letters; a longer query reads the shorter token's people and filters them. */
export const LATIN_TOKEN_MAX = 6
/** Name tokens: every part of the name up to this many characters, and the whole name. */
export const NAME_TOKEN_MAX = 4

const HAN = /\p{Script=Han}/u
/** ü is typed v (lü → lv), as on every pinyin keyboard. */
const latin = (s: string) => squash(s).replace(/ü/g, 'v')

/** The last four of an ID number (X upper-cased) or of a phone. */
export const last4Of = (s: string): string => s.trim().slice(-4).toUpperCase()

const keep = (by: Map<string, SearchToken>, t: SearchToken) => {
  const key = `${t.kind}:${t.token}`
  const had = by.get(key)
  if (!had) return void by.set(key, t)
  const tails = had.tails || t.tails ? `${had.tails ?? ' '}${(t.tails ?? ' ').slice(1)}` : undefined
  const best = t.rank < had.rank ? t : had
  by.set(key, { ...best, ...(tails ? { tails } : {}) })
}

/**
 * The tokens of a name. Names are 2–4 characters, so their parts are few: 刘建国 has 6 name tokens,
 * 12 pinyin tokens and 3 initials tokens; `sort` is the full pinyin, the order within a rank (see docs/data-model.md for the counts and costs).
 */
export async function nameTokens(name: string): Promise<{ tokens: SearchToken[]; sort: string }> {
  const by = new Map<string, SearchToken>()
  const text = squash(name)
  if (HAN.test(text)) {
    const chars = [...text]
    for (let i = 0; i < chars.length; i++)
      for (let n = 1; n <= Math.min(NAME_TOKEN_MAX, chars.length - i); n++) {
        const token = chars.slice(i, i + n).join('')
        keep(by, { kind: 'name', token, rank: token === text ? 0 : i === 0 ? 1 : 2, via: 'name' })
      }
    keep(by, { kind: 'name', token: text, rank: 0, via: 'name' })
  }
  const syllables = (await syllablesOf(name, { name: true })).map(latin)
  const initials = syllables.map((s) => s[0]).join('')
  const runs: { whole: string; via: MatchVia; starts: number[] }[] = [
    { whole: syllables.join(''), via: 'pinyin', starts: syllables.map((_, i) => syllables.slice(0, i).join('').length) },
    { whole: initials, via: 'initials', starts: syllables.map((_, i) => i) },
  ]
  for (const { whole, via, starts } of runs)
    for (const at of starts) {
      const tail = whole.slice(at)
      for (let n = 2; n <= Math.min(LATIN_TOKEN_MAX, tail.length); n++) {
        const token = tail.slice(0, n)
        const rank: MatchRank = at > 0 ? 2 : token === whole ? 0 : 1
        keep(by, { kind: 'latin', token, rank, via, ...(n === LATIN_TOKEN_MAX ? { tails: ` ${at === 0 ? '^' : ''}${tail} ` } : {}) })
      }
    }
  // People of one rank are listed by the pinyin of their name, the usual order of a Chinese list.
  return { tokens: [...by.values()], sort: runs[0]!.whole || text }
}

/** The last-four tokens: of the ID number and of the phone (one token when they are the same digits). */
export function digitTokens(f: { idLast4?: string; phoneLast4?: string }): SearchToken[] {
  const out: SearchToken[] = []
  if (f.idLast4) out.push({ kind: 'digits', token: last4Of(f.idLast4), rank: 0, via: 'idLast4' })
  if (f.phoneLast4 && last4Of(f.phoneLast4) !== out[0]?.token) out.push({ kind: 'digits', token: last4Of(f.phoneLast4), rank: 0, via: 'phoneLast4' })
  return out
}

/** A query, read: which token to look up and, for a long Latin query, what the people read must begin with. */
export type PeopleQuery =
  | { kind: 'name'; token: string; text: string }
  | { kind: 'latin'; token: string; text: string; long: boolean }
  | { kind: 'digits'; token: string; text: string }

export type PeopleQueryProblem = 'empty' | 'latinTooShort' | 'digitsNotFour'

/** One Chinese character is a fine query (刘); one Latin letter matches too many to be useful; digits are a last four. */
export function readPeopleQuery(raw: string): PeopleQuery | { problem: PeopleQueryProblem } {
  const text = squash(raw)
  if (!text) return { problem: 'empty' }
  if (/^\d+x?$/.test(text)) return /^\d{3}[\dx]$/.test(text) ? { kind: 'digits', token: text.toUpperCase(), text } : { problem: 'digitsNotFour' }
  // Longer than NAME_TOKEN_MAX characters: only a whole name of that length can match.
  if (HAN.test(text)) return { kind: 'name', token: text, text }
  const l = latin(text)
  if (l.length < 2) return { problem: 'latinTooShort' }
  return { kind: 'latin', token: l.slice(0, LATIN_TOKEN_MAX), text: l, long: l.length > LATIN_TOKEN_MAX }
}

/**
 * The rank a long Latin query has for a person, from the tails of the token it was read from
 * (undefined: the person does not match it).
 */
export function longQueryRank(tails: string, text: string): MatchRank | undefined {
  if (tails.includes(`^${text} `)) return 0
  if (tails.includes(`^${text}`)) return 1
  if (tails.includes(` ${text}`)) return 2
  return undefined
}
