import { describe, expect, it } from 'vitest'
import { idCheckChar } from '../../shared/id-number.js'
import { readCertificateSheet } from '../../shared/import/certificates.js'
import { readEmploymentSheet } from '../../shared/import/employment.js'
import type { Cell } from '../../shared/import/values.js'

const id = (birth: string, seq: number) => {
  const body = `411003${birth}${String(seq).padStart(3, '0')}`
  return `${body}${idCheckChar(body)}`
}
const A = id('19800101', 3)
const TODAY = '2026-06-01'

/** One data row under a header: its value, or its error codes. */
function one<T>(read: (g: Cell[][], today: string) => unknown, header: string[], row: Cell[]): T | string[] {
  const s = read([header, row], TODAY) as { rows: { value?: T; errors: { code: string }[] }[] } | { problem: string }
  if ('problem' in s) return [s.problem]
  const r = s.rows[0]!
  return r.errors.length ? r.errors.map((e) => e.code) : r.value!
}

describe('务工台账 rows', () => {
  const H = ['姓名', '身份证号', '务工状态', '务工地点', '务工企业', '岗位类型', '务工时间', '结束时间']
  const row = (over: Partial<Record<'status' | 'place' | 'employer' | 'kind' | 'start' | 'end', Cell>>) =>
    one<Record<string, unknown>>(readEmploymentSheet, H, ['张三', A, over.status ?? '省外务工', over.place ?? null, over.employer ?? '某电子厂', over.kind ?? null, over.start ?? '2025-03-01', over.end ?? null])

  it.each<[string, Parameters<typeof row>[0], Record<string, unknown> | string[]]>([
    ['out of province, kind left to enterprise', {}, { destination: 'outOfProvince', kind: 'enterprise', title: '务工', startDate: '2025-03-01' }],
    ['in the county at a workshop, the township from the place', { status: '县内务工', place: '灵井镇', kind: '帮扶车间' }, { destination: 'inCounty', kind: 'workshop', township: 'lingjing' }],
    ['省内县外 reads as outside the city', { status: '省内县外务工' }, { destination: 'outOfCityInProvince' }],
    ['an end on a later day', { end: '2025年12月31日' }, { endDate: '2025-12-31' }],
    ['not working is not a job', { status: '未务工' }, ['import.workStatus.notWorking']],
    ['a workshop is never out of the county', { status: '省外务工', kind: '帮扶车间' }, ['import.workStatus.kind']],
    ['an end before the start', { end: '2025-01-01' }, ['placement.endBeforeStart']],
    ['a start after today', { start: '2026-07-01' }, ['import.date.future']],
    ['an unknown status', { status: '出国' }, ['import.workStatus.unknown']],
    ['no employer', { employer: '' }, ['import.employer.required']],
  ])('%s', (_, over, want) => {
    const got = row(over)
    if (Array.isArray(want)) expect(got).toEqual(want)
    else expect(got).toMatchObject(want)
  })

  it('a ledger without 务工状态 or 务工时间 names the columns it misses', () => {
    expect(readEmploymentSheet([['姓名', '身份证号', '务工企业'], ['张三', A, '某厂']], TODAY)).toEqual({ problem: 'missingColumns', missing: ['务工状态', '务工时间'] })
  })
})

describe('证书 rows', () => {
  const H = ['姓名', '身份证号', '工种', '证书类型', '技能等级', '证书编号', '发证单位', '发证日期']
  const row = (kind: Cell, level: Cell) => one<Record<string, unknown>>(readCertificateSheet, H, ['张三', A, '电工', kind, level, 'S0001', '许昌市鉴定中心', '2024-06-20'])

  it.each<[string, Cell, Cell, Record<string, unknown> | string[]]>([
    ['a level alone says a skill-level certificate', null, '四级/中级工', { kind: 'skillLevel', level: 4 }],
    ['高级技师 is level 1', '职业技能等级证书', '高级技师', { kind: 'skillLevel', level: 1 }],
    ['a special-ability certificate needs no level', '专项职业能力证书', null, { kind: 'specialAbility' }],
    ['no kind and no level', null, null, ['import.kind.required']],
    ['a skill-level certificate without its level', '职业技能等级证书', null, ['import.level.required']],
    ['an unknown level', null, '六级', ['import.level.unknown', 'import.kind.required']],
  ])('%s', (_, kind, level, want) => {
    const got = row(kind, level)
    if (Array.isArray(want)) expect(got).toEqual(want)
    else expect(got).toMatchObject(want)
  })

  it('the same number twice in a file: the second row is refused, naming the first', () => {
    const s = readCertificateSheet(
      [H, ['张三', A, '电工', null, '五级', 'S0001', '鉴定中心', '2024-06-20'], ['李四', id('19810101', 4), '电工', null, '五级', 'S0001', '鉴定中心', '2024-06-20']],
      TODAY,
    )
    if ('problem' in s) throw new Error(s.problem)
    expect(s.rows[1]!.errors).toMatchObject([{ code: 'import.number.repeated', zh: '证书编号与第 2 行重复', column: '证书编号' }])
  })
})
