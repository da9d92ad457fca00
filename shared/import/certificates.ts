/**
 * 证书 certificate lists (kind `certificates`): one certificate of one person a row, named by their
 * ID number; written through the certificates' own use case (issued on or after the 16th birthday,
 * a number recorded once).
 */
import type { CertificateKind } from '../schemas/subsidies.js'
import type { ColumnDef } from './header.js'
import { PERSON_COLUMNS, readRecordSheet, readText, type PersonRef } from './rows.js'
import { cellText, readChoice, readDay, type Cell } from './values.js'

export type CertificateKey = 'name' | 'idNumber' | 'kind' | 'occupation' | 'level' | 'number' | 'issuer' | 'issueDate'

export const CERTIFICATE_COLUMNS: readonly ColumnDef<CertificateKey>[] = [
  ...PERSON_COLUMNS,
  { key: 'occupation', names: ['证书名称/工种', '证书名称', '工种', '职业（工种）', '职业(工种)', '职业工种', '职业'], required: true },
  { key: 'kind', names: ['证书类型', '证书类别'] },
  { key: 'level', names: ['等级', '技能等级', '证书等级', '职业技能等级'] },
  { key: 'number', names: ['证书编号', '证书号', '证书号码'], required: true },
  { key: 'issuer', names: ['发证机构', '发证单位', '颁发机构', '评价机构'], required: true },
  { key: 'issueDate', names: ['发证日期', '发证时间', '颁发日期', '取证时间'], required: true },
]

const KIND: Record<string, CertificateKind> = {
  职业资格证书: 'occupationalQualification',
  职业资格证: 'occupationalQualification',
  职业技能等级证书: 'skillLevel',
  技能等级证书: 'skillLevel',
  职业技能等级: 'skillLevel',
  专项职业能力证书: 'specialAbility',
  专项职业能力: 'specialAbility',
  特种作业操作证: 'specialOperations',
  特种作业证: 'specialOperations',
}
/** 五级/初级工 (5) to 一级/高级技师 (1), as certificates print them. */
const LEVEL: Record<string, number> = {
  五级: 5, 初级工: 5, 初级: 5, '5': 5, '五级/初级工': 5,
  四级: 4, 中级工: 4, 中级: 4, '4': 4, '四级/中级工': 4,
  三级: 3, 高级工: 3, 高级: 3, '3': 3, '三级/高级工': 3,
  二级: 2, 技师: 2, '2': 2, '二级/技师': 2,
  一级: 1, 高级技师: 1, '1': 1, '一级/高级技师': 1,
}

export const CERTIFICATE_VALUE_LISTS: { header: string; values: string[] }[] = [
  { header: '证书类型', values: ['职业技能等级证书', '职业资格证书', '专项职业能力证书', '特种作业操作证'] },
  { header: '等级', values: ['五级/初级工', '四级/中级工', '三级/高级工', '二级/技师', '一级/高级技师'] },
]

export interface CertificateRow extends PersonRef {
  row: number
  kind: CertificateKind
  level?: number
  occupation: string
  number: string
  issuer: string
  issueDate: string
}

export function readCertificateSheet(grid: readonly (readonly Cell[])[], today: string) {
  const seen = new Map<string, number>()
  return readRecordSheet<CertificateKey, CertificateRow>(grid, CERTIFICATE_COLUMNS, (c, person) => {
    const occupation = c.requireCell('occupation', '证书名称/工种', 'The certificate or trade') ? undefined : c.take('occupation', readText(c.at('occupation'), { code: 'occupation', zh: '证书名称/工种', en: 'The certificate or trade' }, 2, 40))
    const level = c.take('level', readChoice(c.at('level'), LEVEL, { code: 'level', zh: '等级', en: 'Level' }))
    // Without a 证书类型 column, a level says a skill-level certificate; anything else must say its kind.
    let kind = c.take('kind', readChoice(c.at('kind'), KIND, { code: 'kind', zh: '证书类型', en: 'Kind of certificate' }))
    if (kind === undefined && !cellText(c.at('kind'))) {
      if (level !== undefined) kind = 'skillLevel'
      else c.refuse('kind', 'import.kind.required', '没有等级的证书需填写证书类型（职业资格证书、专项职业能力证书或特种作业操作证）', 'A certificate without a level needs its kind (职业资格证书, 专项职业能力证书 or 特种作业操作证)')
    }
    if (kind === 'skillLevel' && level === undefined && !cellText(c.at('level'))) c.refuse('level', 'import.level.required', '职业技能等级证书需填写等级', 'A skill-level certificate needs its level')
    const number = c.requireCell('number', '证书编号', 'The certificate number') ? undefined : c.take('number', readText(c.at('number'), { code: 'number', zh: '证书编号', en: 'The certificate number' }, 4, 40))
    if (number && kind) {
      const first = seen.get(`${kind}#${number}`)
      if (first !== undefined) c.refuse('number', 'import.number.repeated', `证书编号与第 ${first} 行重复`, `The same certificate number as row ${first}`)
      else seen.set(`${kind}#${number}`, c.rowNo)
    }
    const issuer = c.requireCell('issuer', '发证机构', 'The issuer') ? undefined : c.take('issuer', readText(c.at('issuer'), { code: 'issuer', zh: '发证机构', en: 'The issuer' }, 2, 80))
    const issueDate = c.requireCell('issueDate', '发证日期', 'The issue date') ? undefined : c.take('issueDate', readDay(c.at('issueDate'), today))
    if (!person || !occupation || !kind || !number || !issuer || !issueDate) return undefined
    return { row: c.rowNo, ...person, kind, ...(level !== undefined && kind === 'skillLevel' ? { level } : {}), occupation, number, issuer, issueDate }
  })
}
