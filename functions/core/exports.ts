import { townshipByCode } from '../../shared/geo.js'
import type { Claim, Training } from '../../shared/schemas/subsidies.js'
import type { FileLink, SheetColumn, SheetSpec } from '../../shared/sheet.js'
import { periodInWords } from '../../shared/subsidies/wording.js'
import type { Deps } from './deps.js'

/**
 * Exports: a use case builds a SheetSpec (plain JSON); the renderer (deps.exports, outside the
 * API's bundle) writes the .xlsx into the file store; the caller gets a short-lived link to it.
 */
export async function exportSheet(deps: Deps, spec: SheetSpec, fileName: string): Promise<FileLink> {
  const { key } = await deps.exports.render({ spec, fileName })
  return { ...(await deps.files.link(key)), fileName }
}

const KIND_ZH: Record<Claim['kind'], string> = {
  transport: '交通补贴',
  labor: '劳务补助',
  training: '技能培训补贴',
  publicWelfare: '公益岗位补助',
  startup: '一次性创业补贴',
  workshopReward: '帮扶车间奖补',
  yulu: '雨露计划补助',
}
const STATUS_ZH: Record<Claim['status'], string> = {
  draft: '草稿',
  submitted: '待审核',
  approved: '已审核',
  rejected: '已驳回',
  noticed: '公示中',
  paid: '已支付',
  reversed: '冲正',
}

const col = (header: string, width: number, type: SheetColumn['type'] = 'text'): SheetColumn => ({ header, width, type })
const townshipName = (code: string) => townshipByCode.get(code)?.name ?? code

/**
 * A ledger (台账) or a public-notice list (公示名单): Chinese headers, masked ID numbers,
 * amounts (integer fen here, yuan in the file) with a total row that the sheet itself computes.
 */
export function claimsSheet(title: string, rows: readonly Claim[], opts: { notice?: boolean } = {}): SheetSpec {
  const fields: [SheetColumn, (c: Claim, i: number) => string | number][] = opts.notice
    ? [
        [col('序号', 6, 'int'), (_, i) => i + 1],
        [col('乡镇', 14), (c) => townshipName(c.township)],
        [col('姓名/单位', 22), (c) => c.subjectName],
        [col('身份证号', 22), (c) => c.idNumberMasked ?? ''],
        [col('补贴类别', 14), (c) => KIND_ZH[c.kind]],
        // A term reads 2026 年秋季学期, not 2026-autumn (shared/subsidies/wording.ts).
        [col('期间', 16), (c) => periodInWords(c.period, 'zh-CN')],
        [col('金额（元）', 12, 'yuan'), (c) => c.amountFen],
      ]
    : [
        [col('序号', 6, 'int'), (_, i) => i + 1],
        [col('年度', 8, 'int'), (c) => c.year],
        [col('乡镇', 14), (c) => townshipName(c.township)],
        [col('姓名/单位', 22), (c) => c.subjectName],
        [col('身份证号', 22), (c) => c.idNumberMasked ?? ''],
        [col('补贴类别', 14), (c) => KIND_ZH[c.kind]],
        [col('期间', 16), (c) => periodInWords(c.period, 'zh-CN')],
        [col('状态', 10), (c) => STATUS_ZH[c.status]],
        [col('金额（元）', 12, 'yuan'), (c) => c.amountFen],
        [col('批次', 28), (c) => c.batchId ?? ''],
        [col('申请编号', 28), (c) => c.id],
      ]
  const columns = fields.map(([c]) => c)
  return {
    sheetName: opts.notice ? '公示名单' : '台账',
    title,
    columns,
    rows: rows.map((c, i) => fields.map(([, value]) => value(c, i))),
    total: { label: '合计', sumColumns: [columns.findIndex((c) => c.type === 'yuan')] },
  }
}

const RESULT_ZH: Record<Training['result'], string> = { ongoing: '在训', passed: '合格', failed: '不合格' }

/** 技能培训台账: a township's trainings, one row per training, masked ID numbers, hours totalled. */
export function trainingsSheet(title: string, rows: readonly Training[]): SheetSpec {
  return {
    sheetName: '培训台账',
    title,
    columns: [
      col('序号', 6, 'int'),
      col('乡镇', 14),
      col('姓名', 14),
      col('身份证号', 22),
      col('培训项目', 24),
      col('培训机构', 28),
      col('开始日期', 12, 'date'),
      col('结束日期', 12, 'date'),
      col('学时', 8, 'int'),
      col('结果', 10),
      col('记录编号', 28),
    ],
    rows: rows.map((r, i) => [i + 1, townshipName(r.township), r.seekerName ?? '', r.idNumberMasked ?? '', r.course, r.provider, r.startDate, r.endDate, r.hours, RESULT_ZH[r.result], r.id]),
    total: { label: '合计', sumColumns: [8] },
  }
}

const METRIC_ZH: Record<string, string> = { employed: '务工就业', certified: '新增持证', publicWelfare: '公益性岗位就业', workshop: '帮扶车间就业', placed: '已安置' }
// As the portal names them (web/src/i18n/zh-CN.ts `category`), so the file reads as the list did.
const CATEGORY_ZH: Record<string, string> = { alleviated: '脱贫户', monitored: '防止返贫监测对象', other: '其他农户' }

/** The title of a drill-down list, e.g. 2026 年 务工就业 名单（城关镇，3 月）. */
export function boardPeopleTitle(year: number, metric: string, township: string | undefined, month: string | undefined): string {
  const where = [township ? townshipName(township) : '全区', ...(month ? [`${Number(month)} 月`] : [])].join('，')
  return `${year} 年 ${METRIC_ZH[metric] ?? metric} 名单（${where}）`
}

/** 看板名单 the names behind one figure of the targets board, exactly the rows and columns the drill-down shows. */
export function boardPeopleSheet(title: string, rows: readonly { name: string; township: string; month: string; category?: string }[]): SheetSpec {
  return {
    sheetName: '名单',
    title,
    columns: [col('序号', 6, 'int'), col('姓名', 14), col('乡镇', 14), col('月份', 8), col('户类型', 10)],
    rows: rows.map((r, i) => [i + 1, r.name, townshipName(r.township), `${Number(r.month)} 月`, r.category ? (CATEGORY_ZH[r.category] ?? r.category) : '']),
  }
}
