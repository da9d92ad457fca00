/**
 * A generated roster as a township's officer would bring it (issue 11, "Done when"): households of
 * one to five members, old 15-digit IDs among them, and 5 % bad rows of every kind an exported
 * roster has — IDs Excel destroyed (a number ending 000, scientific notation), bad dates, unknown
 * villages, an ID twice — plus rows alike an earlier one (same name, birth date and village,
 * another ID) that go to review. Deterministic, so the expected figures are known exactly.
 */
import { idCheckChar } from '../../shared/id-number.js'
import { villageByCode } from '../../shared/geo.js'
import { rosterId, type RosterRow } from './roster.js'

export type BadKind = 'excelNumber' | 'excelScientific' | 'badDate' | 'unknownVillage' | 'repeated'

export interface GeneratedPerson {
  name: string
  /** The 18-character ID the file gets (a 15-digit one converted). */
  idNumber: string
  village: string
}
export interface GeneratedHousehold {
  /** The householder's 18-character ID (the household's id is derived from it). */
  householderId: string
  headName: string
  village: string
  members: GeneratedPerson[]
}
export interface GeneratedRoster {
  rows: RosterRow[]
  households: GeneratedHousehold[]
  /** Bad rows by their name (unique), with their kind. */
  bad: Map<string, BadKind>
  /** Rows alike an earlier one: valid, held for review. */
  alike: GeneratedPerson[]
}

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗'
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰春红梅金凤'
const RELATIONS = ['配偶', '之子', '之女', '之母']
const LABOR = ['普通劳动力', '技能劳动力', '弱劳动力或半劳动力', '丧失劳动力', '无劳动力']
const EDUCATION = ['小学', '初中', '高中', '中专', '大专', '本科']
const CATEGORIES = ['脱贫户', '脱贫户', '脱贫不稳定户', '边缘易致贫户', '突发严重困难户']
/** Dates as rosters write them: an Excel serial number, slashes, dashes, 年月日. */
const ELIMINATED = [44625, '2022/3/5', '2023-07-01', '2021年12月20日']
const BAD_DATES = ['2022年13月5日', '2022/2/30', '去年三月', '2027-01-01']
const UNKNOWN_VILLAGES = ['不存在村', '新建村']

/** A small deterministic generator (a linear congruential one): the same roster every run. */
function random(seed: number) {
  let s = seed >>> 0
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

export function generateRoster(total = 2000, seed = 11): GeneratedRoster {
  const rnd = random(seed)
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!
  const villages = [...villageByCode.values()].filter((v) => v.township === 'lingjing')
  const township = '灵井镇'
  let nameNo = 0
  const names = new Set<string>()
  // Three characters, unique in the roster: a surname and two given characters walked in order.
  const nextName = (surname?: string): string => {
    const n = nameNo++
    const name = `${surname ?? SURNAMES[n % SURNAMES.length]}${GIVEN[Math.floor(n / SURNAMES.length) % GIVEN.length]}${GIVEN[Math.floor(n / (SURNAMES.length * GIVEN.length)) % GIVEN.length]}`
    if (names.has(name)) return nextName(surname)
    names.add(name)
    return name
  }
  const used = new Set<string>()
  let seq = 100
  const birth = (from: number, to: number) => {
    const y = from + Math.floor(rnd() * (to - from))
    return `${y}${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`
  }
  const newId = (b: string) => {
    let id: string
    do id = rosterId(b, seq++ % 1000)
    while (used.has(id))
    used.add(id)
    return id
  }

  const badCount = Math.round(total * 0.05)
  const alikeCount = 10
  const good = total - badCount - alikeCount
  const rows: RosterRow[] = []
  const households: GeneratedHousehold[] = []
  const row = (name: string, id: string | number, householder: string | null, relation: string, category: string | null, eliminated: string | number | null, village: string, phone: string | null = null): RosterRow => [
    rows.length + 1,
    name,
    id,
    householder,
    relation,
    category,
    category === null ? null : eliminated === null ? '否' : '是',
    eliminated,
    pick(LABOR),
    pick(EDUCATION),
    phone,
    township,
    village,
  ]

  // Households until the good rows are made; every eighth householder's ID as the old 15 digits.
  let made = 0
  while (made < good) {
    const size = Math.min(good - made, 1 + Math.floor(rnd() * 5))
    const v = pick(villages)
    const headBirth = birth(1950, 1990)
    const headId = newId(headBirth)
    const old = households.length % 8 === 0 && headBirth.startsWith('19')
    // The old 15 digits: the area, the birth day without its century, the sequence; read as the same 18.
    const shown = old ? `${headId.slice(0, 6)}${headId.slice(8, 17)}` : headId
    const category = pick(CATEGORIES)
    const eliminated = category === '脱贫户' ? pick(ELIMINATED) : null
    const headName = nextName()
    const h: GeneratedHousehold = { householderId: headId, headName, village: v.code, members: [{ name: headName, idNumber: headId, village: v.code }] }
    rows.push(row(headName, shown, shown, '户主', category, eliminated, v.name, made % 3 === 0 ? `139${String(10_000_000 + made).slice(-8)}` : null))
    for (let k = 1; k < size; k++) {
      const name = nextName(headName[0])
      const id = newId(birth(1960, 2010))
      rows.push(row(name, id, shown, pick(RELATIONS), null, null, v.name))
      h.members.push({ name, idNumber: id, village: v.code })
    }
    households.push(h)
    made += size
  }

  // Rows alike an earlier householder: the same name, birth day and village, another ID.
  const alike: GeneratedPerson[] = []
  for (let k = 0; k < alikeCount; k++) {
    const h = households[3 + k * 7]!
    const id = newId(h.householderId.slice(6, 14))
    rows.push(row(h.headName, id, id, '户主', '脱贫户', '2022/3/5', villageByCode.get(h.village)!.name))
    alike.push({ name: h.headName, idNumber: id, village: h.village })
  }

  // The bad rows, a fifth of them of each kind, scattered among the good ones.
  const bad = new Map<string, BadKind>()
  const kinds: BadKind[] = ['excelNumber', 'excelScientific', 'badDate', 'unknownVillage', 'repeated']
  for (let k = 0; k < badCount; k++) {
    const kind = kinds[k % kinds.length]!
    const name = nextName()
    const v = pick(villages)
    let r: RosterRow | undefined
    if (kind === 'excelNumber') {
      // Excel keeps 15 significant digits: the ID's last three become 000 (and the check fails).
      let id: string
      do id = newId(birth(1960, 2000))
      while (idCheckChar(`${id.slice(0, 15)}00`) === '0')
      r = row(name, Number(`${id.slice(0, 15)}000`), null, '户主', '脱贫户', null, v.name)
      r[6] = '否'
    } else if (kind === 'excelScientific') {
      r = row(name, pick(['4.11003E+17', '4.11003198E+17', '4.1100320E+17']), null, '户主', '脱贫户', null, v.name)
      r[6] = '否'
    } else if (kind === 'badDate') {
      r = row(name, newId(birth(1960, 2000)), null, '户主', '脱贫户', pick(BAD_DATES), v.name)
    } else if (kind === 'unknownVillage') {
      r = row(name, newId(birth(1960, 2000)), null, '户主', '脱贫户', null, UNKNOWN_VILLAGES[k % 2]!)
      r[6] = '否'
    }
    let after = 0
    if (kind === 'repeated') {
      // The repeat comes after the row it repeats: that one is valid, this one is the error.
      const h = pick(households)
      r = row(name, h.householderId, null, '户主', '脱贫户', null, v.name)
      r[6] = '否'
      after = rows.findIndex((x) => x[1] === h.headName) + 1
    }
    bad.set(name, kind)
    rows.splice(after + Math.floor(rnd() * (rows.length - after)) + 1, 0, r!)
  }
  rows.forEach((r, i) => (r[0] = i + 1))
  return { rows, households, bad, alike }
}
