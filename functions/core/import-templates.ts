/**
 * 导入模板 the import templates: one sheet with the headers and an example row (read back by the
 * import itself: the header is row 1), and 填写说明 with the required columns, the synonyms and the
 * value lists. Plain SheetSpecs: the renderer writes them.
 */
import { CERTIFICATE_COLUMNS, CERTIFICATE_VALUE_LISTS } from '../../shared/import/certificates.js'
import { EMPLOYMENT_COLUMNS, EMPLOYMENT_VALUE_LISTS } from '../../shared/import/employment.js'
import type { ColumnDef } from '../../shared/import/header.js'
import { PEOPLE_COLUMNS, PEOPLE_VALUE_LISTS } from '../../shared/import/people.js'
import type { ImportKind } from '../../shared/schemas/imports.js'
import type { SheetSpec } from '../../shared/sheet.js'

interface Template {
  sheetName: string
  fileName: string
  columns: readonly ColumnDef[]
  example: Partial<Record<string, string>>
  lists: { header: string; values: string[] }[]
  notes: string[][]
}

const DAYS = ['日期', '2022-03-05、2022/3/5 或 2022年3月5日']

const TEMPLATES: Record<ImportKind, Template> = {
  people: {
    sheetName: '一户一档',
    fileName: '一户一档导入模板.xlsx',
    columns: PEOPLE_COLUMNS,
    example: {
      姓名: '张大山',
      身份证号: '411003198001010036',
      户主姓名: '张大山',
      户主身份证号: '411003198001010036',
      户编号: '',
      与户主关系: '户主',
      户类型: '脱贫户',
      是否风险消除: '否',
      劳动技能: '普通劳动力',
      文化程度: '初中',
      在校生状况: '非在校生',
      务工状态: '省外务工',
      联系电话: '13800138000',
      乡镇: '灵井镇',
      村: '马庄村',
    },
    lists: PEOPLE_VALUE_LISTS,
    notes: [DAYS],
  },
  employment: {
    sheetName: '务工台账',
    fileName: '务工台账导入模板.xlsx',
    columns: EMPLOYMENT_COLUMNS,
    example: { 姓名: '张大山', 身份证号: '411003198001010036', 务工状态: '省外务工', 务工地点: '江苏省昆山市', 务工企业: '昆山某电子有限公司', 岗位: '电子厂普工', 岗位类型: '企业', 务工时间: '2025-03-01', 结束时间: '' },
    lists: EMPLOYMENT_VALUE_LISTS,
    notes: [
      ['人员', '按身份证号查找已有档案（姓名须一致）；没有档案的人请先导入一户一档'],
      ['结束时间', '仍在务工的留空；同一人同一时间只能有一份全职工作'],
      DAYS,
    ],
  },
  certificates: {
    sheetName: '证书',
    fileName: '证书导入模板.xlsx',
    columns: CERTIFICATE_COLUMNS,
    example: { 姓名: '张大山', 身份证号: '411003198001010036', '证书名称/工种': '电工', 证书类型: '职业技能等级证书', 等级: '四级/中级工', 证书编号: 'S000041100300001', 发证机构: '许昌市职业技能鉴定中心', 发证日期: '2024-06-20' },
    lists: CERTIFICATE_VALUE_LISTS,
    notes: [
      ['人员', '按身份证号查找已有档案（姓名须一致）；没有档案的人请先导入一户一档'],
      ['证书类型', '有等级的可留空（视为职业技能等级证书）；已登记的证书编号不会被重复导入'],
      DAYS,
    ],
  },
}

export const templateFileName = (kind: ImportKind) => TEMPLATES[kind].fileName

export function templateSheet(kind: ImportKind): SheetSpec {
  const t = TEMPLATES[kind]
  const headers = t.columns.map((c) => c.names[0]!)
  return {
    sheetName: t.sheetName,
    title: '',
    noTitle: true,
    columns: headers.map((h) => ({ header: h, width: Math.max(10, h.length * 3), type: 'text' as const })),
    rows: [headers.map((h) => t.example[h] ?? '')],
    notes: {
      sheetName: '填写说明',
      rows: [
        ['填写说明'],
        ['第 1 行为表头，请勿改动；第 2 行为示例，导入前请删除。身份证号、联系电话列已设为文本格式，请勿改为数字。'],
        ['必填列', t.columns.filter((c) => c.required).map((c) => c.names[0]).join('、')],
        ['列名也可用', t.columns.filter((c) => c.names.length > 1).map((c) => `${c.names[0]}：${c.names.slice(1).join('/')}`).join('；')],
        ...t.notes,
        [],
        ['可选值'],
        ...t.lists.map((l) => [l.header, l.values.join('、')]),
      ],
    },
  }
}
