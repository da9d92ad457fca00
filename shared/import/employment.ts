/**
 * 务工台账 the employment ledger (kind `employment`): who works where since when. Each row is one
 * job of one person, named by their ID number; it becomes an external placement (就业安置) through
 * the placements' own use case, so the rules of working age and of two jobs at once hold.
 */
import type { Destination } from '../placement-rules.js'
import type { PostKind } from '../schemas/posts.js'
import type { ColumnDef } from './header.js'
import { townshipOfName } from './places.js'
import { PERSON_COLUMNS, readRecordSheet, readText, type PersonRef } from './rows.js'
import { cellText, readChoice, readDay, type Cell } from './values.js'

export type EmploymentKey = 'name' | 'idNumber' | 'workStatus' | 'workPlace' | 'employer' | 'title' | 'kind' | 'startDate' | 'endDate'

export const EMPLOYMENT_COLUMNS: readonly ColumnDef<EmploymentKey>[] = [
  ...PERSON_COLUMNS,
  { key: 'workStatus', names: ['务工状态', '务工情况', '务工区域', '就业区域'], required: true },
  { key: 'workPlace', names: ['务工地点', '务工地区', '就业地点'] },
  { key: 'employer', names: ['务工企业', '务工单位', '就业单位', '用工单位'], required: true },
  { key: 'title', names: ['岗位', '岗位名称', '从事工种', '工作内容'] },
  { key: 'kind', names: ['岗位类型', '就业类型', '就业形式', '就业渠道'] },
  { key: 'startDate', names: ['务工时间', '开始时间', '务工开始时间', '上岗时间', '就业时间'], required: true },
  { key: 'endDate', names: ['结束时间', '务工结束时间', '离岗时间'] },
]

/** 务工状态 → where the work is; 未务工 and the like are not a job (the row is refused with that reason). */
const DESTINATION: Record<string, Destination | 'none'> = {
  县内务工: 'inCounty',
  县内就业: 'inCounty',
  县内: 'inCounty',
  本县: 'inCounty',
  就近就业: 'inCounty',
  市内县外务工: 'outOfCountyInCity',
  县外市内务工: 'outOfCountyInCity',
  市内县外: 'outOfCountyInCity',
  // The national system's 省内县外 does not say whether the city is left: the farther of the two, as its transport subsidy reads it.
  省内县外务工: 'outOfCityInProvince',
  省内县外: 'outOfCityInProvince',
  省内市外务工: 'outOfCityInProvince',
  省内市外: 'outOfCityInProvince',
  省外务工: 'outOfProvince',
  省外: 'outOfProvince',
  未务工: 'none',
  无: 'none',
  待业: 'none',
}
const KIND: Record<string, PostKind> = {
  帮扶车间: 'workshop',
  就业帮扶车间: 'workshop',
  公益性岗位: 'publicWelfare',
  公益岗位: 'publicWelfare',
  乡村公益性岗位: 'publicWelfare',
  企业: 'enterprise',
  企业就业: 'enterprise',
  企业务工: 'enterprise',
  自主务工: 'enterprise',
  有组织劳务输出: 'laborExport',
  劳务输出: 'laborExport',
}

export const EMPLOYMENT_VALUE_LISTS: { header: string; values: string[] }[] = [
  { header: '务工状态', values: ['县内务工', '市内县外务工', '省内市外务工', '省外务工'] },
  { header: '岗位类型', values: ['帮扶车间', '公益性岗位', '企业', '有组织劳务输出'] },
]

export interface EmploymentRow extends PersonRef {
  row: number
  destination: Destination
  kind: PostKind
  title: string
  employer: string
  /** The township the job is in, when 务工地点 names one of the district's; else the person's own. */
  township?: string
  startDate: string
  endDate?: string
}

export function readEmploymentSheet(grid: readonly (readonly Cell[])[], today: string) {
  return readRecordSheet<EmploymentKey, EmploymentRow>(grid, EMPLOYMENT_COLUMNS, (c, person) => {
    const status = c.requireCell('workStatus', '务工状态', 'The work status') ? undefined : c.take('workStatus', readChoice(c.at('workStatus'), DESTINATION, { code: 'workStatus', zh: '务工状态', en: 'Work status' }))
    if (status === 'none') c.refuse('workStatus', 'import.workStatus.notWorking', '务工状态为未务工：这一行不是一份工作，务工台账只导入在务工或务工过的记录', 'The work status says not working: the row is not a job; the ledger imports jobs only')
    const employer = c.requireCell('employer', '务工企业', 'The employer') ? undefined : c.take('employer', readText(c.at('employer'), { code: 'employer', zh: '务工企业', en: 'The employer' }, 2, 80))
    const title = c.take('title', readText(c.at('title'), { code: 'title', zh: '岗位', en: 'The post' }, 2, 60))
    const kind = c.take('kind', readChoice(c.at('kind'), KIND, { code: 'kind', zh: '岗位类型', en: 'Kind of post' }))
    const startDate = c.requireCell('startDate', '务工时间', 'The start date') ? undefined : c.take('startDate', readDay(c.at('startDate'), today))
    const endDate = c.take('endDate', readDay(c.at('endDate'), today))
    if (startDate && endDate && endDate < startDate) c.refuse('endDate', 'placement.endBeforeStart', '结束时间不能早于务工时间', 'The end date is before the start date')
    const place = c.at('workPlace')
    const township = place === null ? undefined : townshipOfName(cellText(place))?.code
    // A workshop or a public-welfare post is in the county whatever the status cell says.
    if ((kind === 'workshop' || kind === 'publicWelfare') && status && status !== 'none' && status !== 'inCounty')
      c.refuse('workStatus', 'import.workStatus.kind', '帮扶车间和公益性岗位都在县内：务工状态应为县内务工', 'A workshop or public-welfare post is in the county: the work status should be 县内务工')
    // Any error recorded above makes the row invalid whatever is answered here (readRecordSheet).
    if (!person || !status || status === 'none' || !employer || !startDate) return undefined
    return {
      row: c.rowNo,
      ...person,
      destination: status,
      kind: kind ?? 'enterprise',
      title: title ?? '务工',
      employer,
      ...(township ? { township } : {}),
      startDate,
      ...(endDate ? { endDate } : {}),
    }
  })
}
