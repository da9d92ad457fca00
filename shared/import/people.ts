/**
 * 一户一档 the people roster (kind `people`): the national monitoring system's export of
 * households and their members, read row by row. Each row becomes a person or a list of errors
 * (row, column, value, reason in zh-CN and en); one bad row never stops the others.
 */
import type * as z from 'zod'
import type { Education as EducationSchema, HouseholdCategory as CategorySchema, LaborCapacity as LaborSchema, MonitoredSubtype as SubtypeSchema } from '../schemas/seekers.js'
import { findHeader, type ColumnDef, type HeaderFound } from './header.js'
import { townshipOfName, villageOfName } from './places.js'
import { cellText, isBlank, readChoice, readDay, readIdNumber, readPhone, YES_NO, type Cell, type Read, type Refusal } from './values.js'

type Education = z.infer<typeof EducationSchema>
type HouseholdCategory = z.infer<typeof CategorySchema>
type LaborCapacity = z.infer<typeof LaborSchema>
type MonitoredSubtype = z.infer<typeof SubtypeSchema>

export type PeopleKey =
  | 'name'
  | 'idNumber'
  | 'householderName'
  | 'householderId'
  | 'householdNo'
  | 'relation'
  | 'category'
  | 'monitoredType'
  | 'riskEliminated'
  | 'riskEliminatedOn'
  | 'laborCapacity'
  | 'education'
  | 'studentStatus'
  | 'workStatus'
  | 'workPlace'
  | 'workSince'
  | 'employer'
  | 'phone'
  | 'township'
  | 'village'

/** The columns, the template's header first, then the synonyms found in real rosters. */
export const PEOPLE_COLUMNS: readonly ColumnDef<PeopleKey>[] = [
  { key: 'name', names: ['姓名', '成员姓名', '人员姓名'], required: true },
  { key: 'idNumber', names: ['身份证号', '证件号码', '身份证件号码', '身份证号码', '成员身份证号', '公民身份号码'], required: true },
  { key: 'householderName', names: ['户主姓名'] },
  { key: 'householderId', names: ['户主身份证号', '户主证件号码', '户主身份证件号码', '户主身份证号码'] },
  { key: 'householdNo', names: ['户编号', '户号', '家庭编号'] },
  { key: 'relation', names: ['与户主关系', '与户主的关系'] },
  { key: 'category', names: ['户类型', '家庭类别', '户类别', '人口类型'] },
  { key: 'monitoredType', names: ['监测对象类别', '监测类型', '监测户类型'] },
  { key: 'riskEliminated', names: ['是否风险消除', '风险是否消除'] },
  { key: 'riskEliminatedOn', names: ['风险消除时间', '风险消除日期'] },
  { key: 'laborCapacity', names: ['劳动技能', '劳动能力'], required: true },
  { key: 'education', names: ['文化程度', '学历'], required: true },
  { key: 'studentStatus', names: ['在校生状况', '在校生情况'] },
  { key: 'workStatus', names: ['务工状态', '务工情况'] },
  { key: 'workPlace', names: ['务工地点', '务工地区'] },
  { key: 'workSince', names: ['务工时间', '务工开始时间'] },
  { key: 'employer', names: ['务工企业', '务工单位', '就业单位'] },
  { key: 'phone', names: ['联系电话', '手机号码', '手机号', '电话'] },
  { key: 'township', names: ['乡镇', '镇', '乡', '乡（镇）', '乡镇（街道）'] },
  { key: 'village', names: ['村', '行政村', '村（社区）'], required: true },
]

const CATEGORY: Record<string, { category: HouseholdCategory; monitoredSubtype?: MonitoredSubtype } | 'monitored'> = {
  脱贫户: { category: 'alleviated' },
  脱贫人口: { category: 'alleviated' },
  监测户: 'monitored',
  监测对象: 'monitored',
  防止返贫监测对象: 'monitored',
  脱贫不稳定户: { category: 'monitored', monitoredSubtype: 'unstable' },
  边缘易致贫户: { category: 'monitored', monitoredSubtype: 'marginal' },
  突发严重困难户: { category: 'monitored', monitoredSubtype: 'suddenHardship' },
  一般户: { category: 'other' },
  一般农户: { category: 'other' },
  其他农户: { category: 'other' },
  其他: { category: 'other' },
}
const SUBTYPE: Record<string, MonitoredSubtype> = { 脱贫不稳定户: 'unstable', 边缘易致贫户: 'marginal', 突发严重困难户: 'suddenHardship' }
export const LABOR: Record<string, LaborCapacity> = {
  普通劳动力: 'full',
  技能劳动力: 'full',
  弱劳动力或半劳动力: 'half',
  半劳动力: 'half',
  弱劳动力: 'weak',
  丧失劳动力: 'none',
  无劳动力: 'none',
}
/** 文化程度. The file knows no level below primary school: 文盲或半文盲 and 学龄前 are kept as primary, the lowest it has. */
export const EDUCATION: Record<string, Education> = {
  文盲或半文盲: 'primary',
  学龄前儿童: 'primary',
  学龄前: 'primary',
  小学: 'primary',
  初中: 'junior',
  高中: 'senior',
  中专: 'vocational',
  中职: 'vocational',
  职高: 'vocational',
  技工学校: 'vocational',
  技校: 'vocational',
  中专或中职: 'vocational',
  大专: 'college',
  高职: 'college',
  大专或高职: 'college',
  本科: 'bachelor',
  本科及以上: 'bachelor',
  研究生: 'bachelor',
  研究生及以上: 'bachelor',
}

/** The value lists the template shows beside the headers. */
export const PEOPLE_VALUE_LISTS: { header: string; values: string[] }[] = [
  { header: '户类型', values: ['脱贫户', '脱贫不稳定户', '边缘易致贫户', '突发严重困难户', '一般农户'] },
  { header: '是否风险消除', values: ['是', '否'] },
  { header: '劳动技能', values: Object.keys(LABOR).filter((k) => k !== '半劳动力' && k !== '弱劳动力') },
  { header: '文化程度', values: ['文盲或半文盲', '学龄前儿童', '小学', '初中', '高中', '中专', '大专', '本科', '研究生'] },
  { header: '与户主关系', values: ['户主', '配偶', '之子', '之女', '儿媳', '女婿', '之孙子', '之孙女', '之父', '之母', '其他'] },
]

export interface RowError extends Refusal {
  /** 1-based row number in the sheet, as Excel shows it. */
  row: number
  /** The column's header as the file wrote it (or the template's name when the column is absent). */
  column: string
  value: string
}

/** One valid person of the roster. */
export interface PersonRow {
  row: number
  name: string
  idNumber: string
  category: HouseholdCategory
  monitoredSubtype?: MonitoredSubtype
  riskEliminatedOn?: string
  laborCapacity: LaborCapacity
  education: Education
  phone?: string
  township: string
  village: string
  /** Whose household: the householder's ID number (normalised), or the sheet's 户编号 when it has one. */
  household?: { householderId?: string; householdNo?: string; householderName?: string }
}

export interface ReadRow<T> {
  row: number
  /** The row's cells as text, for the error report (kept for invalid rows only). */
  cells?: string[]
  value?: T
  errors: RowError[]
}

export interface SheetReport<K extends string> {
  header: HeaderFound<K> & { row: number }
  rows: ReadRow<PersonRow>[]
  /** Township and village names that match nothing, each once with how many rows carry it. */
  unknownPlaces: { column: string; name: string; rows: number }[]
}

export type SheetProblem = { problem: 'noHeader' } | { problem: 'missingColumns'; missing: string[] }

const nameOk = (s: string) => /^[\p{Script=Han}·•A-Za-z\s]{2,20}$/u.test(s)

/**
 * Reads the whole sheet: the header, then every data row. `today` bounds the dates (no day after it).
 */
export function readPeopleSheet(grid: readonly (readonly Cell[])[], today: string): SheetReport<PeopleKey> | SheetProblem {
  const header = findHeader(grid, PEOPLE_COLUMNS)
  if (!header) return { problem: 'noHeader' }
  if (header.missing.length) return { problem: 'missingColumns', missing: header.missing.map((k) => PEOPLE_COLUMNS.find((d) => d.key === k)!.names[0]!) }
  const col = (k: PeopleKey) => header.columns[k]
  const headerOf = (k: PeopleKey) => (col(k) !== undefined ? header.headers[col(k)!]! : PEOPLE_COLUMNS.find((d) => d.key === k)!.names[0]!)
  const places = new Map<string, { column: string; name: string; rows: number }>()
  const seenIds = new Map<string, number>()
  const rows: ReadRow<PersonRow>[] = []
  for (let i = header.index + 1; i < grid.length; i++) {
    const cells = grid[i]!
    if (cells.every(isBlank)) continue
    const rowNo = i + 1
    const errors: RowError[] = []
    const at = (k: PeopleKey): Cell => (col(k) === undefined ? null : (cells[col(k)!] ?? null))
    const take = <T>(k: PeopleKey, r: Read<T>): T | undefined => {
      if ('refusal' in r) {
        errors.push({ row: rowNo, column: headerOf(k), value: cellText(at(k)), ...r.refusal })
        return undefined
      }
      return r.value
    }
    const required = <T>(k: PeopleKey, v: T | undefined, zh: string, en: string): T | undefined => {
      if (v === undefined && isBlank(at(k))) errors.push({ row: rowNo, column: headerOf(k), value: '', code: `import.${k}.required`, zh: `${zh}必填`, en: `${en} is required` })
      return v
    }
    const name = cellText(at('name')).replace(/\s+/g, '')
    if (!name) errors.push({ row: rowNo, column: headerOf('name'), value: '', code: 'import.name.required', zh: '姓名必填', en: 'The name is required' })
    else if (!nameOk(name)) errors.push({ row: rowNo, column: headerOf('name'), value: name, code: 'import.name.format', zh: '姓名应为 2–20 个汉字或字母', en: 'A name is 2–20 Chinese characters or letters' })
    const idNumber = take('idNumber', readIdNumber(at('idNumber')))
    if (idNumber) {
      const first = seenIds.get(idNumber)
      if (first !== undefined) errors.push({ row: rowNo, column: headerOf('idNumber'), value: cellText(at('idNumber')), code: 'import.idNumber.repeated', zh: `身份证号与第 ${first} 行重复`, en: `The same ID number as row ${first}` })
      else seenIds.set(idNumber, rowNo)
    }
    // 户类型 and, for a 监测户, its kind (in the same cell or in 监测对象类别).
    const cat = take('category', readChoice(at('category'), CATEGORY, { code: 'category', zh: '户类型', en: 'Household type' }))
    let category: PersonRow['category'] | undefined
    let monitoredSubtype: MonitoredSubtype | undefined
    if (cat === 'monitored') {
      category = 'monitored'
      monitoredSubtype = take('monitoredType', readChoice(at('monitoredType'), SUBTYPE, { code: 'monitoredType', zh: '监测对象类别', en: 'Monitored household kind' }))
      if (!monitoredSubtype && isBlank(at('monitoredType')))
        errors.push({ row: rowNo, column: headerOf('category'), value: cellText(at('category')), code: 'import.category.subtype', zh: '监测户需注明类别：脱贫不稳定户、边缘易致贫户或突发严重困难户', en: 'A monitored household needs its kind: 脱贫不稳定户, 边缘易致贫户 or 突发严重困难户' })
    } else if (cat) {
      category = cat.category
      monitoredSubtype = cat.monitoredSubtype
    }
    const eliminated = take('riskEliminated', readChoice(at('riskEliminated'), YES_NO, { code: 'riskEliminated', zh: '是否风险消除', en: 'Risk eliminated (yes/no)' }))
    const eliminatedOn = take('riskEliminatedOn', readDay(at('riskEliminatedOn'), today))
    if (eliminated === false && eliminatedOn)
      errors.push({ row: rowNo, column: headerOf('riskEliminatedOn'), value: cellText(at('riskEliminatedOn')), code: 'import.riskEliminatedOn.notEliminated', zh: '未消除风险的户不应有风险消除时间', en: 'A household whose risk is not eliminated has no elimination date' })
    if (eliminated === true && isBlank(at('riskEliminatedOn')))
      errors.push({ row: rowNo, column: headerOf('riskEliminatedOn'), value: '', code: 'import.riskEliminatedOn.required', zh: '风险已消除的户需填写风险消除时间', en: 'The date the risk was eliminated is required' })
    const laborCapacity = required('laborCapacity', take('laborCapacity', readChoice(at('laborCapacity'), LABOR, { code: 'laborCapacity', zh: '劳动技能', en: 'Labour capacity' })), '劳动技能', 'The labour capacity')
    const education = required('education', take('education', readChoice(at('education'), EDUCATION, { code: 'education', zh: '文化程度', en: 'Education' })), '文化程度', 'The education')
    const phone = take('phone', readPhone(at('phone')))
    // 乡镇 then 村: the village is looked up inside the township when the sheet names one.
    const twpName = cellText(at('township'))
    const township = twpName ? townshipOfName(twpName) : undefined
    const unknownPlace = (k: PeopleKey, name: string, zh: string, en: string) => {
      const key = `${k}#${name}`
      const p = places.get(key) ?? { column: headerOf(k), name, rows: 0 }
      p.rows++
      places.set(key, p)
      errors.push({ row: rowNo, column: headerOf(k), value: name, code: `import.${k}.unknown`, zh, en })
    }
    if (twpName && !township) unknownPlace('township', twpName, `本区没有名为“${twpName}”的乡镇`, `No township of the district is called “${twpName}”`)
    const vilName = cellText(at('village'))
    const village = vilName && (township || !twpName) ? villageOfName(vilName, township?.code) : undefined
    if (!vilName) errors.push({ row: rowNo, column: headerOf('village'), value: '', code: 'import.village.required', zh: '村必填', en: 'The village is required' })
    else if (!village && (township || !twpName)) unknownPlace('village', vilName, `${township ? township.name : '本区'}没有名为“${vilName}”的村`, `${township ? township.nameEn : 'The district'} has no village called “${vilName}”`)
    // 户主身份证号 / 户编号: a householder's own row names their household by their own ID.
    const relation = cellText(at('relation'))
    const householderCell = at('householderId')
    let householderId = isBlank(householderCell) ? undefined : take('householderId', readIdNumber(householderCell))
    if (!householderId && relation === '户主' && idNumber) householderId = idNumber
    const householdNo = cellText(at('householdNo')) || undefined
    const householderName = cellText(at('householderName')) || undefined
    if (errors.length === 0) {
      rows.push({
        row: rowNo,
        errors,
        cells: header.headers.map((_, c) => cellText(cells[c] ?? null)),
        value: {
          row: rowNo,
          name,
          idNumber: idNumber!,
          category: category ?? 'other',
          ...(monitoredSubtype ? { monitoredSubtype } : {}),
          ...(eliminatedOn ? { riskEliminatedOn: eliminatedOn } : {}),
          laborCapacity: laborCapacity!,
          education: education!,
          ...(phone ? { phone } : {}),
          township: village!.township,
          village: village!.code,
          ...(householderId || householdNo ? { household: { ...(householderId ? { householderId } : {}), ...(householdNo ? { householdNo } : {}), ...(householderName ? { householderName } : {}) } } : {}),
        },
        ...(category === undefined ? { blankCategory: true } : {}),
      } as ReadRow<PersonRow>)
    } else rows.push({ row: rowNo, cells: header.headers.map((_, c) => cellText(cells[c] ?? null)), errors })
  }
  householdCategories(rows, headerOf('category'))
  return { header: { ...header, row: header.index + 1 }, rows, unknownPlaces: [...places.values()] }
}

/**
 * 户类型 is the household's: a member whose row leaves it blank takes the householder's (or the
 * first member's that names one); a member naming a different one is an error of that row.
 */
function householdCategories(rows: ReadRow<PersonRow>[], column: string): void {
  const keyOf = (p: PersonRow) => (p.household?.householdNo ? `no#${p.household.householdNo}` : p.household?.householderId ? `id#${p.household.householderId}` : undefined)
  const facts = new Map<string, { category: HouseholdCategory; monitoredSubtype?: MonitoredSubtype; riskEliminatedOn?: string; byHead: boolean }>()
  for (const r of rows) {
    const p = r.value
    if (!p || (r as { blankCategory?: boolean }).blankCategory) continue
    const k = keyOf(p)
    if (!k) continue
    const head = p.household?.householderId === p.idNumber
    const had = facts.get(k)
    if (!had || (head && !had.byHead)) facts.set(k, { category: p.category, ...(p.monitoredSubtype ? { monitoredSubtype: p.monitoredSubtype } : {}), ...(p.riskEliminatedOn ? { riskEliminatedOn: p.riskEliminatedOn } : {}), byHead: head })
  }
  for (const r of rows) {
    const p = r.value
    if (!p) continue
    const k = keyOf(p)
    const f = k ? facts.get(k) : undefined
    const blank = (r as { blankCategory?: boolean }).blankCategory
    delete (r as { blankCategory?: boolean }).blankCategory
    if (!f) continue
    if (blank) {
      p.category = f.category
      if (f.monitoredSubtype) p.monitoredSubtype = f.monitoredSubtype
      if (f.riskEliminatedOn && !p.riskEliminatedOn) p.riskEliminatedOn = f.riskEliminatedOn
    } else if (p.category !== f.category || p.monitoredSubtype !== f.monitoredSubtype) {
      r.errors.push({ row: r.row, column, value: '', code: 'import.category.household', zh: '同一户的成员户类型不一致，请以户主为准', en: 'Members of one household have different household types; use the householder’s' })
    }
  }
  for (const r of rows) {
    if (r.errors.length) delete r.value
    else delete r.cells
  }
}

/**
 * 疑似重复 within one file: rows with the same name, village and birth day (from the ID number) as an
 * earlier row but another ID number. They are judged after the rest of the file, so the earlier
 * row's new file exists and they go to review against it, as they would against a file made before.
 * Answers each such row's number and the row it resembles.
 */
export function alikeInFile(rows: readonly Pick<PersonRow, 'row' | 'name' | 'idNumber' | 'township' | 'village'>[]): Map<number, number> {
  const first = new Map<string, { row: number; idNumber: string }>()
  const later = new Map<number, number>()
  for (const r of rows) {
    // The ID numbers here are valid 18-character ones: positions 7–14 are the birth day.
    const key = [r.township, r.village, r.name, r.idNumber.slice(6, 14)].join('#')
    const seen = first.get(key)
    if (!seen) first.set(key, { row: r.row, idNumber: r.idNumber })
    else if (seen.idNumber !== r.idNumber) later.set(r.row, seen.row)
  }
  return later
}

/** A household as a roster names it: where it lives and who heads it, from its members' rows. */
export interface RosterHousehold {
  id: string
  township: string
  village: string
  /** The householder's name: their own row's, else the 户主姓名 column's; none when the roster holds neither. */
  headName?: string
}

/**
 * 一户一档: the households the rows name (by `idOf`, the id the files get), each once. The place is
 * the householder's row's when the roster has it, else the first member's; a household is of
 * one township (a member elsewhere does not move it).
 */
export function householdsOf(rows: readonly PersonRow[], idOf: (h: NonNullable<PersonRow['household']>) => string | undefined): RosterHousehold[] {
  const out = new Map<string, RosterHousehold & { fromHead: boolean }>()
  for (const p of rows) {
    if (!p.household) continue
    const id = idOf(p.household)
    if (!id) continue
    const head = p.household.householderId === p.idNumber
    const seen = out.get(id)
    const headName = head ? p.name : (seen?.headName ?? p.household.householderName)
    if (!seen || (head && !seen.fromHead)) out.set(id, { id, township: p.township, village: p.village, fromHead: head, ...(headName ? { headName } : {}) })
    else if (!seen.headName && headName) seen.headName = headName
  }
  return [...out.values()].map(({ fromHead: _f, ...h }) => h)
}
