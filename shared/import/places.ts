/**
 * 乡镇 / 村 names as rosters write them, to the codes of shared/geo.ts: a township by its full name
 * (灵井镇), its stem (灵井) or its code; a village by its full name (灵井王庄村), or within its
 * township by the short name (王庄村, 王庄).
 */
import { TOWNSHIPS, VILLAGES, type Township, type Village } from '../geo.js'

const stem = (name: string) => name.replace(/(街道|镇|回族乡|乡)$/, '')
const short = (v: Village, t: Township) => v.name.replace(new RegExp(`^${stem(t.name)}`), '')
const fold = (s: string) => s.replace(/\s+/g, '')

const townships = new Map<string, Township>()
for (const t of TOWNSHIPS) for (const n of [t.name, stem(t.name), t.code]) townships.set(n, t)

const villagesIn = new Map<string, Map<string, Village>>()
const villagesAll = new Map<string, Village>()
for (const v of VILLAGES) {
  const t = TOWNSHIPS.find((x) => x.code === v.township)!
  const m = villagesIn.get(t.code) ?? new Map<string, Village>()
  for (const n of [v.name, v.name.replace(/村$/, ''), short(v, t), short(v, t).replace(/村$/, ''), v.code]) m.set(n, v)
  villagesIn.set(t.code, m)
  for (const n of [v.name, v.name.replace(/村$/, ''), v.code]) villagesAll.set(n, v)
}

export const townshipOfName = (name: string): Township | undefined => townships.get(fold(name))

/** The village a name means, inside the township when it is known. */
export function villageOfName(name: string, township?: string): Village | undefined {
  const n = fold(name).replace(/(村委会|村民委员会)$/, '村')
  return township ? villagesIn.get(township)?.get(n) : villagesAll.get(n)
}
