import { describe, expect, it } from 'vitest'
import { idCheckChar } from '../../shared/id-number.js'
import { decodeCsv, parseCsv } from '../../shared/import/csv.js'
import { gb18030 } from '../support/gb18030.js'
import { findHeader, normalizeHeader } from '../../shared/import/header.js'
import { PEOPLE_COLUMNS, readPeopleSheet, type PersonRow } from '../../shared/import/people.js'
import { townshipOfName, villageOfName } from '../../shared/import/places.js'
import { readDay, readIdNumber, readPhone, type Cell } from '../../shared/import/values.js'

const id = (birth: string, seq: number) => {
  const body = `411003${birth}${String(seq).padStart(3, '0')}`
  return `${body}${idCheckChar(body)}`
}
const codeOf = (r: ReturnType<typeof readIdNumber>) => ('refusal' in r ? r.refusal.code : r.value)

describe('ID numbers from a roster', () => {
  const good = id('19800101', 3)
  it.each<[string, Cell, string]>([
    ['an 18-character number', good, good],
    ['a lower-case x', '11010519491231002x', '11010519491231002X'],
    ['spaces inside', ` ${good.slice(0, 6)} ${good.slice(6)} `, good],
    ['full-width digits', good.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))), good],
    // 15 digits: 19 inserted after the region, the check character computed (GB 11643 appendix).
    ['a 15-digit number', '411003800101003', `41100319800101003${idCheckChar('41100319800101003')}`],
    ['a 15-digit numeric cell', 411003800101003, `41100319800101003${idCheckChar('41100319800101003')}`],
    ['scientific notation', '4.11003E+17', 'import.idNumber.excelRounded'],
    ['scientific notation, lower case', '4.11003198001e+17', 'import.idNumber.excelRounded'],
    ['an 18-digit numeric cell', 411003198001010000, 'import.idNumber.excelRounded'],
    ['18 digits ending 000 that fail the check', '411003198001010000', 'import.idNumber.excelRounded'],
    ['a wrong check character', `${good.slice(0, 17)}${good[17] === '1' ? '2' : '1'}`, 'import.idNumber.checkDigit'],
    ['an unreal birth date', '411003198002300013', 'import.idNumber.birthDate'],
    ['17 digits', good.slice(0, 17), 'import.idNumber.format'],
    ['blank', '', 'import.idNumber.required'],
  ])('%s', (_, cell, want) => expect(codeOf(readIdNumber(cell))).toBe(want))

  it('says what to do about an ID number Excel rounded, in both languages', () => {
    const r = readIdNumber('4.11003E+17')
    expect(r).toMatchObject({ refusal: { zh: expect.stringContaining('文本'), en: expect.stringContaining('format the column as Text') } })
  })

  it('an 18-digit number ending in 000 whose check holds is a real number, not a rounded one', () => {
    // Search a body ending in 00 whose check character is 0.
    let seq = 0
    let found = ''
    for (; seq < 1000 && !found; seq++) {
      const body = `41100319800101${String(seq).padStart(2, '0')}0`.slice(0, 17)
      if (body.endsWith('00') && idCheckChar(body) === '0') found = `${body}0`
    }
    if (found) expect(codeOf(readIdNumber(found))).toBe(found)
  })
})

describe('days, phones', () => {
  it.each<[Cell, string]>([
    [44625, '2022-03-05'],
    ['44625', '2022-03-05'],
    ['2022/3/5', '2022-03-05'],
    ['2022-03-05', '2022-03-05'],
    ['2022年3月5日', '2022-03-05'],
    ['2022.3.5', '2022-03-05'],
    ['20220305', '2022-03-05'],
    [20220305, '2022-03-05'],
    ['2022-03-05 00:00:00', '2022-03-05'],
    ['2022-02-30', 'import.date.unreal'],
    ['三月五日', 'import.date.format'],
    ['1899/12/31', 'import.date.tooEarly'],
    ['2030-01-01', 'import.date.future'],
  ])('%s → %s', (cell, want) => {
    const r = readDay(cell, '2026-06-01')
    expect('refusal' in r ? r.refusal.code : r.value).toBe(want)
  })
  it.each<[Cell, string | undefined]>([
    ['138 0013 8000', '13800138000'],
    ['+86 13800138000', '13800138000'],
    [13800138000, '13800138000'],
    ['', undefined],
    ['0374-1234567', 'import.phone.format'],
  ])('phone %s', (cell, want) => {
    const r = readPhone(cell)
    expect('refusal' in r ? r.refusal.code : r.value).toBe(want)
  })
})

describe('places', () => {
  it('finds townships by name, stem or code, and villages within them by their short name', () => {
    expect(townshipOfName('灵井镇')?.code).toBe('lingjing')
    expect(townshipOfName('灵井')?.code).toBe('lingjing')
    const v = villageOfName('灵井马庄村')
    expect(v?.township).toBe('lingjing')
    const short = v!.name.replace('灵井', '')
    expect(villageOfName(short, 'lingjing')?.code).toBe(v!.code)
    expect(villageOfName(short.replace(/村$/, ''), 'lingjing')?.code).toBe(v!.code)
    expect(villageOfName(short)).toBeUndefined()
    expect(villageOfName('不存在村', 'lingjing')).toBeUndefined()
  })
})

describe('CSV', () => {
  const text = '姓名,身份证号\r\n"张,三","41100319800101003X"\n李四,"说""是"""\n'
  it.each([
    ['UTF-8', new TextEncoder().encode(text), 'utf-8'],
    ['UTF-8 with a BOM', new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]), 'utf-8-bom'],
    // GB18030 bytes of the same text (Node decodes GB18030; the encoding is written out by hand).
    ['GB18030', gb18030(text), 'gb18030'],
  ])('%s', (_, bytes, encoding) => {
    const d = decodeCsv(bytes)
    expect(d.encoding).toBe(encoding)
    expect(parseCsv(d.text)).toEqual([
      ['姓名', '身份证号'],
      ['张,三', '41100319800101003X'],
      ['李四', '说"是"'],
    ])
  })
})

describe('the header row', () => {
  it('skips title rows, merged title cells and blank rows, and maps synonyms', () => {
    const grid: Cell[][] = [
      ['建安区2026年脱贫户及监测户家庭成员信息表', null, null, null],
      [null, null, null, null],
      ['填报单位：灵井镇', null, '填报日期：2026-05-01', null],
      ['序号', '成员姓名', '证件号码', '行政村', '劳动能力', '文化程度', '备注'],
    ]
    const h = findHeader(grid, PEOPLE_COLUMNS)!
    expect(h.index).toBe(3)
    expect(h.columns).toMatchObject({ name: 1, idNumber: 2, village: 3, laborCapacity: 4, education: 5 })
    expect(h.unknown).toEqual(['序号', '备注'])
    expect(h.missing).toEqual([])
  })
  it.each([
    ['* 身份证号（必填）', '身份证号'],
    ['联系\n电话', '联系电话'],
    ['乡镇：', '乡镇'],
  ])('normalises %j', (raw, want) => expect(normalizeHeader(raw)).toBe(want))
  it('answers no header for a sheet without one, and names missing required columns', () => {
    expect(readPeopleSheet([['一张表'], ['没有表头']], '2026-06-01')).toEqual({ problem: 'noHeader' })
    expect(readPeopleSheet([['姓名', '身份证号', '村']], '2026-06-01')).toEqual({ problem: 'missingColumns', missing: ['劳动技能', '文化程度'] })
  })
})

describe('a people roster, row by row', () => {
  const head = ['姓名', '身份证号', '户主身份证号', '与户主关系', '户类型', '是否风险消除', '风险消除时间', '劳动技能', '文化程度', '联系电话', '乡镇', '村']
  const a = id('19800101', 11)
  const b = id('19820202', 22)
  const c = id('19900303', 33)
  const vil = villageOfName('灵井马庄村')!
  const short = vil.name.replace('灵井', '')
  const grid: Cell[][] = [
    ['标题', null],
    head,
    ['张大山', a, a, '户主', '脱贫不稳定户', '否', null, '普通劳动力', '初中', '13800138000', '灵井镇', short],
    ['李小花', b, a, '配偶', null, null, null, '弱劳动力或半劳动力', '小学', null, '灵井镇', short],
    ['张明', c, a, '之子', '脱贫户', null, null, '技能劳动力', '大专', null, '灵井镇', short],
    [null, null, null],
    ['王五', '4.11003E+17', null, '户主', '脱贫户', '是', '2022年3月5日', '普通劳动力', '高中', '12345', '灵井镇', '不存在村'],
    ['赵六', a, null, '户主', '脱贫户', '是', null, '力气大', '初中', null, '灵井镇', '不存在村'],
  ]
  const r = readPeopleSheet(grid, '2026-06-01')
  if ('problem' in r) throw new Error('no header')
  const byRow = new Map(r.rows.map((x) => [x.row, x]))

  it('counts rows as Excel numbers them and skips blank ones', () => {
    expect(r.header.row).toBe(2)
    expect(r.rows.map((x) => x.row)).toEqual([3, 4, 5, 7, 8])
  })
  it('reads a member and gives them the household’s category', () => {
    expect(byRow.get(3)!.value).toMatchObject<Partial<PersonRow>>({ name: '张大山', idNumber: a, category: 'monitored', monitoredSubtype: 'unstable', township: 'lingjing', village: vil.code, phone: '13800138000', household: { householderId: a } })
    expect(byRow.get(4)!.value).toMatchObject({ category: 'monitored', monitoredSubtype: 'unstable', laborCapacity: 'half', education: 'primary' })
  })
  it('refuses a member whose category differs from the household’s', () => {
    expect(byRow.get(5)!.errors.map((e) => e.code)).toEqual(['import.category.household'])
    expect(byRow.get(5)!.cells?.[0]).toBe('张明')
  })
  it('names every error of a row with column, value and reason', () => {
    expect(byRow.get(7)!.errors.map((e) => [e.column, e.value, e.code])).toEqual([
      ['身份证号', '4.11003E+17', 'import.idNumber.excelRounded'],
      ['联系电话', '12345', 'import.phone.format'],
      ['村', '不存在村', 'import.village.unknown'],
    ])
    expect(byRow.get(8)!.errors.map((e) => e.code)).toEqual(['import.idNumber.repeated', 'import.riskEliminatedOn.required', 'import.laborCapacity.unknown', 'import.village.unknown'])
    expect(byRow.get(8)!.errors[0]!.zh).toContain('第 3 行')
  })
  it('lists an unknown village once with its row count', () => {
    expect(r.unknownPlaces).toEqual([{ column: '村', name: '不存在村', rows: 2 }])
  })
})
