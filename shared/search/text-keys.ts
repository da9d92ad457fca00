/**
 * The keys a name or title is found by: its characters, its full pinyin and its initials
 * (刘建国 → liujianguo, ljg), and how well a query matches them. Shared by people search and post
 * search (issue 12 part 6) so both rank the same way.
 *
 * pinyin-pro is loaded on first use: its dictionary is ~320 KB minified, which a request that
 * writes no name never needs (issue 15 part 2 keeps it out of the request path's module load).
 */

export interface TextKeys {
  /** The text as written, lower-cased, without spaces. */
  text: string
  /** Full pinyin without tones or spaces: liujianguo. */
  full: string
  /** The first letter of each syllable (and each run of Latin letters or digits): ljg. */
  initials: string
}

type PinyinFn = typeof import('pinyin-pro').pinyin
let loading: Promise<PinyinFn> | undefined
const pinyinFn = (): Promise<PinyinFn> => (loading ??= import('pinyin-pro').then((m) => m.pinyin))

/** Lower case, no white space: what both keys and queries are compared as. */
export const squash = (s: string): string => s.normalize('NFKC').toLowerCase().replace(/\s+/g, '')

/**
 * Keys of a text. `name`: read the first character as a surname (曾 → zeng, 单 → shan), as people
 * are searched by how their name is said.
 */
export async function textKeys(text: string, opts: { name?: boolean } = {}): Promise<TextKeys> {
  const syllables = await syllablesOf(text, opts)
  return { text: squash(text), full: syllables.join(''), initials: syllables.map((s) => s[0]).join('') }
}

/** The text's syllables without tones (刘建国 → liu, jian, guo): where a search "from any syllable" may start. */
export async function syllablesOf(text: string, opts: { name?: boolean } = {}): Promise<string[]> {
  const pinyin = await pinyinFn()
  return pinyin(text, { toneType: 'none', type: 'array', nonZh: 'consecutive', surname: opts.name ? 'head' : 'off' }).map(squash).filter(Boolean)
}

/** How a query matches: 0 the whole text, 1 its start, 2 inside it; lower ranks first. */
export type MatchRank = 0 | 1 | 2

/** The best rank of a query against a text's keys, or undefined when it does not match. */
export function matchRank(keys: TextKeys, query: string): MatchRank | undefined {
  const q = squash(query)
  return q ? rankSquashed(keys, q) : undefined
}

/** matchRank for a query already squashed: a caller matching one query against many texts squashes it once. */
export function rankSquashed(keys: TextKeys, q: string): MatchRank | undefined {
  let best: MatchRank | undefined
  for (const key of [keys.text, keys.full, keys.initials]) {
    if (!key) continue
    const rank: MatchRank | undefined = key === q ? 0 : key.startsWith(q) ? 1 : key.includes(q) ? 2 : undefined
    if (rank !== undefined && (best === undefined || rank < best)) best = rank
  }
  return best
}
