/**
 * The sheets of the officer's list exports (导出 Excel, functions/core/list-exports.ts): one per
 * list, Chinese headers, the portal's own Chinese names for enum values (web/src/i18n), and the
 * ID number as given (masked unless the officer asked for full IDs, which is audited).
 */
import { townshipByCode, villageByCode } from '../../shared/geo.js'
import type { Placement } from '../../shared/schemas/applications.js'
import type { Proposal } from '../../shared/schemas/match-runs.js'
import type { HouseholdListItem } from '../../shared/schemas/monitoring.js'
import type { Seeker } from '../../shared/schemas/seekers.js'
import type { Certificate } from '../../shared/schemas/subsidies.js'
import type { SheetColumn, SheetSpec } from '../../shared/sheet.js'

const col = (header: string, width: number, type: SheetColumn['type'] = 'text'): SheetColumn => ({ header, width, type })
const townshipName = (code: string) => townshipByCode.get(code)?.name ?? code
const villageName = (code: string) => villageByCode.get(code)?.name ?? code
const day = (iso: string | undefined) => (iso ? iso.slice(0, 10) : '')

const CATEGORY_ZH: Record<string, string> = { alleviated: '脱贫户', monitored: '防止返贫监测对象', other: '其他农户' }
const SUBTYPE_ZH: Record<string, string> = { unstable: '脱贫不稳定户', marginal: '边缘易致贫户', suddenHardship: '突发严重困难户' }
const LABOR_ZH: Record<Seeker['laborCapacity'], string> = { full: '全劳力', half: '半劳力', weak: '弱劳力', none: '无劳动能力' }
const EDUCATION_ZH: Record<Seeker['education'], string> = { primary: '小学及以下', junior: '初中', senior: '高中', vocational: '中专/职高', college: '大专', bachelor: '本科及以上' }
const POST_KIND_ZH: Record<Placement['kind'], string> = { workshop: '帮扶车间', publicWelfare: '公益性岗位', enterprise: '企业岗位', laborExport: '劳务输出' }
const DESTINATION_ZH: Record<NonNullable<Placement['destination']>, string> = { inCounty: '县内', outOfCountyInCity: '市内县外', outOfCityInProvince: '省内市外', outOfProvince: '省外' }
const CERT_KIND_ZH: Record<Certificate['kind'], string> = { occupationalQualification: '职业资格证书', skillLevel: '职业技能等级证书', specialAbility: '专项职业能力证书', specialOperations: '特种作业操作证' }

/** A sheet from a list of [column, value-of-row] pairs, numbered 序号 from 1. */
function sheet<T>(sheetName: string, title: string, fields: [SheetColumn, (r: T) => string | number][], rows: readonly T[]): SheetSpec {
  return {
    sheetName,
    title,
    columns: [col('序号', 6, 'int'), ...fields.map(([c]) => c)],
    rows: rows.map((r, i) => [i + 1, ...fields.map(([, value]) => value(r))]),
  }
}

export type WithId<T> = T & { idNumber: string }

/** 一人一档 the seeker list. */
export const seekersSheet = (title: string, rows: readonly WithId<Seeker>[]): SheetSpec =>
  sheet('一人一档', title, [
    [col('姓名', 12), (s) => s.name],
    [col('身份证号', 22), (s) => s.idNumber],
    [col('性别', 6), (s) => (s.gender === 'male' ? '男' : '女')],
    [col('出生日期', 12, 'date'), (s) => s.birthDate],
    [col('乡镇', 12), (s) => townshipName(s.township)],
    [col('村', 14), (s) => s.villageName ?? villageName(s.village)],
    [col('户类型', 18), (s) => (s.monitoredSubtype ? `${CATEGORY_ZH[s.category]}（${SUBTYPE_ZH[s.monitoredSubtype]}）` : (CATEGORY_ZH[s.category] ?? s.category))],
    [col('劳动能力', 10), (s) => LABOR_ZH[s.laborCapacity]],
    [col('文化程度', 10), (s) => EDUCATION_ZH[s.education]],
    [col('技能', 20), (s) => s.skills.join('、')],
    // Masked always: a full-ID export reveals the ID number only (the phone has its own audited reveal).
    [col('联系电话', 14), (s) => s.phoneMasked ?? ''],
    [col('档案编号', 28), (s) => s.id],
  ], rows)

/** 务工台账 the placements ledger. */
export const placementsSheet = (title: string, rows: readonly WithId<Placement>[]): SheetSpec =>
  sheet('务工台账', title, [
    [col('姓名', 12), (p) => p.seekerName],
    [col('身份证号', 22), (p) => p.idNumber],
    [col('户籍乡镇', 12), (p) => townshipName(p.seekerTownship)],
    [col('岗位', 20), (p) => p.title],
    [col('岗位类型', 12), (p) => POST_KIND_ZH[p.kind]],
    [col('用工单位', 24), (p) => p.employer ?? ''],
    [col('岗位所在乡镇', 12), (p) => townshipName(p.township)],
    [col('务工地域', 10), (p) => (p.destination ? DESTINATION_ZH[p.destination] : '')],
    [col('开始日期', 12, 'date'), (p) => p.startDate],
    [col('结束日期', 12, 'date'), (p) => p.endDate ?? ''],
    [col('状态', 8), (p) => (p.status === 'active' ? '在岗' : '已离岗')],
    [col('来源', 10), (p) => (p.source === 'platform' ? '平台录用' : '外部安置')],
    [col('记录编号', 28), (p) => p.id],
  ], rows)

/** 证书名单 the certificates list (with the verifying officer's name, as the list shows it). */
export const certificatesSheet = (title: string, rows: readonly WithId<Certificate & { verifier?: { name: string } }>[]): SheetSpec =>
  sheet('证书名单', title, [
    [col('乡镇', 12), (c) => townshipName(c.township)],
    [col('姓名', 12), (c) => c.seekerName],
    [col('身份证号', 22), (c) => c.idNumber],
    [col('证书类别', 18), (c) => CERT_KIND_ZH[c.kind]],
    [col('等级', 6), (c) => (c.level === undefined ? '' : c.level)],
    [col('职业（工种）', 16), (c) => c.occupation],
    [col('证书编号', 22), (c) => c.number],
    [col('发证机构', 22), (c) => c.issuer],
    [col('发证日期', 12, 'date'), (c) => c.issueDate],
    [col('核验状态', 10), (c) => (c.verifiedAt ? '已核验' : '待核验')],
    [col('核验人', 12), (c) => c.verifier?.name ?? ''],
    [col('记录编号', 28), (c) => c.id],
  ], rows)

/** 匹配建议 a match run's proposals. */
export const proposalsSheet = (title: string, rows: readonly WithId<Proposal>[]): SheetSpec =>
  sheet('匹配建议', title, [
    [col('乡镇', 12), (p) => townshipName(p.township)],
    [col('村', 14), (p) => villageName(p.village)],
    [col('姓名', 12), (p) => p.seekerName],
    [col('身份证号', 22), (p) => p.idNumber],
    [col('户类型', 16), (p) => CATEGORY_ZH[p.category] ?? p.category],
    [col('优先', 6), (p) => (p.priority ? '是' : '否')],
    [col('推荐岗位', 22), (p) => p.postTitle ?? '（无）'],
    [col('岗位所在乡镇', 12), (p) => (p.postTownship ? townshipName(p.postTownship) : '')],
    [col('匹配分', 8, 'int'), (p) => p.score ?? ''],
    [col('人工调整', 8), (p) => (p.edited ? '是' : '否')],
    [col('已邀请', 8), (p) => (p.invitedAt ? '是' : '否')],
  ], rows)

/** 监测户清单 the households list. */
export const householdsSheet = (title: string, rows: readonly HouseholdListItem[]): SheetSpec =>
  sheet('户清单', title, [
    [col('户编号', 20), (h) => h.id],
    [col('乡镇', 12), (h) => townshipName(h.township)],
    [col('村', 14), (h) => villageName(h.village)],
    [col('户主姓名', 12), (h) => h.headName],
    // 户类型 from the members' files (none without members); 成员不一 when they disagree.
    [col('户类型', 22), (h) => (h.category ? `${h.monitoredSubtype ? `${CATEGORY_ZH[h.category]}（${SUBTYPE_ZH[h.monitoredSubtype]}）` : CATEGORY_ZH[h.category]}${h.categoryMixed ? '（成员不一）' : ''}` : '')],
    [col('成员数', 8, 'int'), (h) => h.memberCount],
    [col('帮扶责任人', 12), (h) => h.helper?.name ?? ''],
    [col('风险消除日期', 12, 'date'), (h) => h.riskEliminatedOn ?? ''],
    [col('建档日期', 12, 'date'), (h) => day(h.createdAt)],
  ], rows)

export const LIST_ZH = { seekers: '一人一档名单', placements: '务工台账', certificates: '证书名单', proposals: '匹配建议', households: '监测户清单' } as const

/** The file's title row: the list, where (全区 or the township), and the day it was made. */
export const exportTitle = (list: keyof typeof LIST_ZH, township: string | undefined, today: string, fullIds: boolean) =>
  `${LIST_ZH[list]}（${township ? townshipName(township) : '全区'}，${today}${fullIds ? '，含完整身份证号' : ''}）`
