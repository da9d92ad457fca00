/**
 * Subsidy eligibility (measures 8–9): pure functions from a person's (or workshop's) records and
 * the year's policy to a decision with one reason per rule. No amounts live here: they come from
 * the policy. Used to propose claims (who is eligible) and to check each claim.
 */
import { addMonths, daysBetween, termStart } from '../dates.js'
import type { Business } from '../schemas/following.js'
import type { Placement } from '../schemas/applications.js'
import type { RecordEntity, RecordProblem } from '../record-checks.js'
import type { Certificate, PolicyBody, RuleResult, SubsidyKind, Training, YuluRecord } from '../schemas/subsidies.js'

export interface SeekerFacts {
  id: string
  category: 'alleviated' | 'monitored' | 'other'
  /** 风险消除 date, when the monitored household's risk was closed. */
  riskEliminatedOn?: string
}

export interface Facts {
  seeker?: SeekerFacts
  placements: Placement[]
  certificates: Certificate[]
  trainings: Training[]
  yulu: YuluRecord[]
  workshop?: { id: string; status: string }
  /** For a workshop reward: the placements of the workshop's posts. */
  workshopPlacements?: (Placement & { category?: string })[]
  /** 返乡创业 the returnee record's business (the start-up subsidy reads its registration). */
  returnee?: { business?: Business }
  /** Records left out because they break a rule (shared/record-checks.ts `soundFacts`): the decision names them. */
  skipped?: RecordProblem[]
}

export interface Decision {
  eligible: boolean
  amountFen: number
  rules: RuleResult[]
}

const rule = (code: string, pass: boolean, message: string, messageEn: string): RuleResult => ({ code, pass, message, messageEn })
const yuan = (fen: number) => (fen / 100).toFixed(2)

const PERIOD_FORMAT: Record<SubsidyKind, RegExp> = {
  transport: /^\d{4}$/,
  labor: /^\d{4}$/,
  training: /^\d{4}$/,
  startup: /^\d{4}$/,
  workshopReward: /^\d{4}$/,
  publicWelfare: /^\d{4}-(0[1-9]|1[0-2])$/,
  yulu: /^\d{4}-(spring|autumn)$/,
}

/**
 * Whole months worked inside [from, to] (30.44-day months, rounded down): from the later of the
 * start and `from` to the earliest of the end and `to`. `to` is never after today (see `decide`),
 * so a future day never counts and a placement that has not started yet counts nothing.
 */
export function monthsWithin(start: string, end: string | undefined, from: string, to: string): number {
  const s = start > from ? start : from
  const e = end !== undefined && end < to ? end : to
  if (e < s) return 0
  return Math.floor(daysBetween(s, e) / 30.44)
}

const ENTITY: Record<RecordEntity, [string, string]> = { seeker: ['档案', 'file'], placement: ['就业记录', 'placement'], certificate: ['证书', 'certificate'], training: ['培训', 'training'], yulu: ['雨露计划', 'Yulu record'] }

/** Says which records the decision did not read and why; it passes, since what was read decides. */
const skippedRule = (skipped: readonly RecordProblem[]): RuleResult =>
  rule(
    'records.skipped',
    true,
    `未采用 ${skipped.length} 条不符合规则的记录（请更正）：${skipped.map((p) => `${ENTITY[p.record][0]}：${p.message}`).join('；')}`,
    `${skipped.length} record(s) breaking a rule were not read (please correct them): ${skipped.map((p) => `${ENTITY[p.record][1]}: ${p.messageEn}`).join('; ')}`,
  )

const householdRule = (s: SeekerFacts | undefined): RuleResult =>
  rule(
    'household.category',
    s?.category === 'alleviated' || s?.category === 'monitored',
    s?.category === 'alleviated' || s?.category === 'monitored' ? '脱贫人口或监测对象' : '非脱贫人口或监测对象',
    s?.category === 'alleviated' || s?.category === 'monitored' ? 'Alleviated or monitored household' : 'Neither alleviated nor monitored',
  )

/**
 * Decides one kind for one period. `asOf` bounds work counted so far (today, or the period's end).
 */
export function decide(kind: SubsidyKind, period: string, facts: Facts, policy: PolicyBody, asOf: string): Decision {
  const rules: RuleResult[] = []
  let amountFen = 0
  const formatOk = PERIOD_FORMAT[kind].test(period)
  rules.push(rule('period.format', formatOk, formatOk ? `期间 ${period}` : `期间格式不适用于该补贴：${period}`, formatOk ? `Period ${period}` : `Wrong period format for this kind: ${period}`))
  if (!formatOk) return { eligible: false, amountFen: 0, rules }
  const year = period.slice(0, 4)
  const from = `${year}-01-01`
  const to = `${year}-12-31` < asOf ? `${year}-12-31` : asOf

  switch (kind) {
    case 'transport': {
      rules.push(householdRule(facts.seeker))
      const away = facts.placements.filter((p) => p.destination && p.destination !== 'inCounty')
      const best = away
        .map((p) => ({ p, months: monthsWithin(p.startDate, p.endDate, from, to), fen: policy.transport.amountFenByDestination[p.destination!] }))
        .filter((x) => x.months >= policy.transport.minMonthsWorked)
        .sort((a, b) => b.fen - a.fen)[0]
      rules.push(rule('transport.awayWork', away.length > 0, away.length ? '有县外务工记录' : '没有县外务工记录', away.length ? 'Works outside the county' : 'No work outside the county on record'))
      rules.push(
        rule('transport.months', Boolean(best), best ? `县外务工 ${best.months} 个月（≥ ${policy.transport.minMonthsWorked}）` : `县外务工不足 ${policy.transport.minMonthsWorked} 个月`, best ? `${best.months} months away (≥ ${policy.transport.minMonthsWorked})` : `Fewer than ${policy.transport.minMonthsWorked} months away`),
      )
      amountFen = best?.fen ?? 0
      break
    }
    case 'labor': {
      rules.push(householdRule(facts.seeker))
      const months = facts.placements.reduce((m, p) => Math.max(m, monthsWithin(p.startDate, p.endDate, from, to)), 0)
      const ok = months >= policy.labor.minMonthsWorked
      rules.push(rule('labor.months', ok, `务工 ${months} 个月（需 ≥ ${policy.labor.minMonthsWorked}）`, `${months} months worked (needs ≥ ${policy.labor.minMonthsWorked})`))
      amountFen = policy.labor.amountFen
      break
    }
    case 'training': {
      rules.push(householdRule(facts.seeker))
      const verified = new Map(facts.certificates.filter((c) => c.verifiedAt).map((c) => [c.id, c]))
      const done = facts.trainings.filter((t) => t.result === 'passed' && t.endDate.startsWith(year) && t.certificateId && verified.has(t.certificateId))
      const fenOf = (c: Certificate) => (c.kind === 'skillLevel' && c.level ? policy.training.amountFenBySkillLevel[c.level as 1 | 2 | 3 | 4 | 5] : policy.training.otherCertificateFen)
      const best = done.map((t) => fenOf(verified.get(t.certificateId!)!)).sort((a, b) => b - a)[0]
      rules.push(rule('training.certified', done.length > 0, done.length ? `${year} 年完成培训并取得已核验证书` : `${year} 年没有“培训合格 + 已核验证书”的记录`, done.length ? `Completed training with a verified certificate in ${year}` : `No passed training with a verified certificate in ${year}`))
      amountFen = best ?? 0
      break
    }
    case 'publicWelfare': {
      rules.push(householdRule(facts.seeker))
      const monthStart = `${period}-01`
      const monthEnd = `${period}-31`
      // Held in the month, and begun by today: a post that starts later holds nothing yet.
      const holding = facts.placements.find((p) => p.kind === 'publicWelfare' && p.startDate <= monthEnd && p.startDate <= asOf && (!p.endDate || p.endDate >= monthStart))
      rules.push(rule('publicWelfare.holds', Boolean(holding), holding ? `${period} 在公益性岗位「${holding.title}」` : `${period} 未在公益性岗位`, holding ? `Held public-welfare post “${holding.title}” in ${period}` : `Held no public-welfare post in ${period}`))
      amountFen = policy.publicWelfare.monthlyFen
      break
    }
    case 'yulu': {
      rules.push(householdRule(facts.seeker))
      const start = termStart(period)
      const eliminated = facts.seeker?.category === 'monitored' && facts.seeker.riskEliminatedOn && facts.seeker.riskEliminatedOn <= start
      rules.push(rule('yulu.household', !eliminated, eliminated ? `学期开始前已风险消除（${facts.seeker?.riskEliminatedOn}）` : '学期开始时仍在帮扶范围', eliminated ? `Risk eliminated before the term began (${facts.seeker?.riskEliminatedOn})` : 'Covered at the start of the term'))
      const rec = facts.yulu.find((y) => y.term === period)
      const enrolled = rec?.status === 'enrolled'
      rules.push(rule('yulu.enrolled', enrolled, rec ? (enrolled ? `${period} 在读` : `${period} 学籍状态：${rec.status}`) : `没有 ${period} 的雨露计划学籍记录`, rec ? (enrolled ? `Enrolled in ${period}` : `Status in ${period}: ${rec.status}`) : `No Yulu record for ${period}`))
      amountFen = policy.yulu.perTermFen
      break
    }
    case 'workshopReward': {
      const recognized = facts.workshop?.status === 'recognized'
      rules.push(rule('workshop.recognized', recognized, recognized ? '已认定的帮扶车间' : '车间未通过认定', recognized ? 'A recognized assistance workshop' : 'The workshop is not recognized'))
      const kept = (facts.workshopPlacements ?? []).filter(
        (p) => (p.category === 'alleviated' || p.category === 'monitored') && monthsWithin(p.startDate, p.endDate, from, to) >= policy.workshopReward.minMonthsKept,
      )
      rules.push(rule('workshop.kept', kept.length > 0, `稳定就业满 ${policy.workshopReward.minMonthsKept} 个月的脱贫人口/监测对象 ${kept.length} 人`, `${kept.length} alleviated or monitored people kept ≥ ${policy.workshopReward.minMonthsKept} months`))
      amountFen = kept.length * policy.workshopReward.perPersonFen
      break
    }
    case 'startup': {
      // 一次性创业补贴: a first business, registered on the returnee record, running the policy's months.
      rules.push(householdRule(facts.seeker))
      const b = facts.returnee?.business
      rules.push(rule('startup.business', Boolean(b), b ? `已登记经营主体「${b.name}」（${b.registeredOn} 注册）` : '返乡记录中没有登记的经营主体', b ? `Business “${b.name}” registered ${b.registeredOn}` : 'No registered business on the returnee record'))
      if (!b) break
      rules.push(rule('startup.first', b.firstBusiness, b.firstBusiness ? '首次创业' : '非首次创业', b.firstBusiness ? 'A first business' : 'Not a first business'))
      const months = policy.startup.minMonthsOperating
      const runsFrom = addMonths(b.registeredOn, months)
      rules.push(rule('startup.months', runsFrom <= asOf, runsFrom <= asOf ? `经营满 ${months} 个月（${runsFrom} 起）` : `经营未满 ${months} 个月（${runsFrom} 满）`, runsFrom <= asOf ? `Running ${months} months (since ${runsFrom})` : `Not yet running ${months} months (on ${runsFrom})`))
      // One-time: the claim's period is the year the business completes its months, so a person's one claim is the database's uniqueness item.
      const due = runsFrom.slice(0, 4)
      rules.push(rule('startup.period', due === year, due === year ? `${year} 年满足经营期限` : `应按 ${due} 年申领（一次性补贴）`, due === year ? `Qualifies in ${year}` : `To be claimed for ${due} (a one-time subsidy)`))
      if (policy.startup.minHires > 0) {
        const hires = b.employees >= policy.startup.minHires
        rules.push(rule('startup.hires', hires, `吸纳就业 ${b.employees} 人（需 ≥ ${policy.startup.minHires}）`, `${b.employees} employed (needs ≥ ${policy.startup.minHires})`))
      }
      amountFen = policy.startup.amountFen
      break
    }
  }
  if (facts.skipped?.length) rules.push(skippedRule(facts.skipped))
  // The standard is only worth naming once the person qualifies; a zero standard then says why nothing is paid.
  if (rules.every((r) => r.pass)) {
    const positive = amountFen > 0
    rules.push(rule('amount.positive', positive, positive ? `标准 ¥${yuan(amountFen)}` : '本年度该项标准为 0', positive ? `Standard ¥${yuan(amountFen)}` : 'The standard for this kind is 0 this year'))
  }
  const eligible = rules.every((r) => r.pass)
  return { eligible, amountFen: eligible ? amountFen : 0, rules }
}
