/**
 * The text of every reason and rule code, zh-CN first, for the portal and the command line.
 * `{value}` and `{limit}` are filled from the reason; docs/matching.md lists the same table.
 */
import { ELIGIBILITY_CODES } from './eligibility.js'
import { SCORE_CODES } from './score.js'
import type { EligibilityFailure, Reason, ReasonValue } from './types.js'

export const UNPLACED_CODES = ['unplaced.noEligiblePost', 'unplaced.outcompeted'] as const

export interface CodeText {
  zh: string
  en: string
}

export const REASON_TEXT: Record<(typeof ELIGIBILITY_CODES)[number] | (typeof SCORE_CODES)[number] | (typeof UNPLACED_CODES)[number], CodeText> = {
  // Eligibility: hard rules
  'placement.fullTime': { zh: '已全职就业', en: 'Already placed full-time' },
  'capacity.none': { zh: '无劳动能力', en: 'No labor capacity' },
  'age.outOfRange': { zh: '年龄 {value} 岁，不在 {limit} 岁范围内', en: 'Age {value} is outside {limit}' },
  'household.riskEliminated': { zh: '监测户已风险消除', en: 'The monitored household’s risk was eliminated' },
  'kind.publicWelfare.category': { zh: '公益性岗位仅限脱贫人口和监测对象', en: 'Public-welfare posts are for alleviated or monitored people only' },
  'kind.publicWelfare.capacity': {
    zh: '公益性岗位仅限弱劳动力、半劳动力或就业困难人员',
    en: 'Public-welfare posts are for people of weak or half labor capacity or hard to place',
  },
  'kind.publicWelfare.alreadyHeld': { zh: '已在公益性岗位，一人一岗', en: 'Already holds a public-welfare post (one at a time)' },
  'kind.laborExport.capacity': { zh: '劳务输出需全劳动力', en: 'Labor export needs full labor capacity' },
  'kind.laborExport.notWilling': { zh: '未报名外出务工', en: 'Not signed up to work away from home' },
  'kind.laborExport.publicWelfareHolder': { zh: '公益性岗位人员不能同时外出务工', en: 'A public-welfare post holder cannot work away at the same time' },
  'certificate.missing': { zh: '缺少{value}', en: 'Missing {value}' },
  'intensity.tooHeavy': { zh: '劳动强度（{limit}）超出劳动能力', en: 'Work intensity ({limit}) exceeds labor capacity' },
  'commute.tooFar': { zh: '距离 {value} km，超过 {limit} km', en: '{value} km away, beyond {limit} km' },
  // Score components
  'skill.match': { zh: '技能对口：{value}', en: 'Skills match: {value}' },
  'skill.none': { zh: '岗位需要{value}', en: 'The post wants {value}' },
  'skill.notRequired': { zh: '岗位无技能要求', en: 'No skill preference' },
  'certificate.held': { zh: '持有{value}', en: 'Holds {value}' },
  'certificate.none': { zh: '未持有{value}', en: 'Does not hold {value}' },
  'certificate.notRequired': { zh: '岗位无证书要求', en: 'No certificate preference' },
  'distance.sameTownship': { zh: '同乡镇 {value} km', en: 'Same township, {value} km' },
  'distance.km': { zh: '距离 {value} km', en: '{value} km away' },
  'distance.laborExport': { zh: '有组织劳务输出', en: 'Organised labor export' },
  'wage.meets': { zh: '月薪约 {value} 元，达到期望', en: 'About ¥{value} a month, meets the expectation' },
  'wage.below': { zh: '月薪约 {value} 元，低于期望', en: 'About ¥{value} a month, below the expectation' },
  'wage.meetsReference': { zh: '月薪约 {value} 元，不低于当地参考工资', en: 'About ¥{value} a month, at or above the local reference' },
  'wage.belowReference': { zh: '月薪约 {value} 元，低于当地参考工资', en: 'About ¥{value} a month, below the local reference' },
  'wage.pieceRate': { zh: '计件工资', en: 'Piece rate' },
  'intent.match': { zh: '符合意向：{value}', en: 'Fits the intent: {value}' },
  'intent.none': { zh: '与就业意向不符', en: 'Not what the person intends' },
  'group.majorFit': { zh: '专业对口：{value}', en: 'Fits the major: {value}' },
  'group.none': { zh: '—', en: '—' },
  'priority.monitored': { zh: '监测对象优先', en: 'Monitored household first' },
  'priority.alleviated': { zh: '脱贫人口优先', en: 'Alleviated household' },
  'priority.incomeFell': { zh: '收入下降优先', en: 'Income fell' },
  'priority.zeroEmployment': { zh: '零就业家庭优先', en: 'Zero-employment household' },
  'priority.recentReturn': { zh: '近期返乡', en: 'Recently returned home' },
  // Why someone got no post
  'unplaced.noEligiblePost': { zh: '没有符合条件的岗位（最常见原因：{value}）', en: 'No eligible post (most common reason: {value})' },
  'unplaced.outcompeted': { zh: '{value} 个符合条件的岗位均已满员（优先安排重点人员、让更多人上岗、再看匹配度）', en: 'All {value} eligible posts are full (priority people first, then as many people as possible, then the best fit)' },
}

/**
 * A hard rule named in a few words, for "the most common reason" of someone with no eligible post:
 * the rule's own sentence needs the pair's figures, which a summary over all posts does not have.
 */
export const RULE_LABEL: Record<(typeof ELIGIBILITY_CODES)[number], CodeText> = {
  'placement.fullTime': { zh: '已全职就业', en: 'already placed full-time' },
  'capacity.none': { zh: '无劳动能力', en: 'no labor capacity' },
  'age.outOfRange': { zh: '年龄不符', en: 'age outside the range' },
  'household.riskEliminated': { zh: '监测户已风险消除', en: 'risk eliminated' },
  'kind.publicWelfare.category': { zh: '公益性岗位仅限脱贫人口和监测对象', en: 'public-welfare posts are for alleviated or monitored people' },
  'kind.publicWelfare.capacity': { zh: '公益性岗位的劳动能力条件', en: 'public-welfare labor capacity rule' },
  'kind.publicWelfare.alreadyHeld': { zh: '已在公益性岗位', en: 'already holds a public-welfare post' },
  'kind.laborExport.capacity': { zh: '劳务输出需全劳动力', en: 'labor export needs full capacity' },
  'kind.laborExport.notWilling': { zh: '未报名外出务工', en: 'not signed up to work away' },
  'kind.laborExport.publicWelfareHolder': { zh: '公益性岗位人员不外出务工', en: 'holds a public-welfare post' },
  'certificate.missing': { zh: '缺少所需证书', en: 'missing a required certificate' },
  'intensity.tooHeavy': { zh: '劳动强度超出劳动能力', en: 'work too heavy for the labor capacity' },
  'commute.tooFar': { zh: '距离超出通勤范围', en: 'too far to commute' },
}

const VALUE_TEXT: Record<string, CodeText> = {
  full: { zh: '全劳动力', en: 'full capacity' },
  half: { zh: '半劳动力', en: 'half capacity' },
  weak: { zh: '弱劳动力', en: 'weak capacity' },
  none: { zh: '无劳动能力', en: 'no capacity' },
  light: { zh: '轻', en: 'light' },
  medium: { zh: '中', en: 'medium' },
  heavy: { zh: '重', en: 'heavy' },
  alleviated: { zh: '脱贫人口', en: 'alleviated' },
  monitored: { zh: '监测对象', en: 'monitored' },
  other: { zh: '其他农户', en: 'other' },
  employment: { zh: '务工就业', en: 'employment' },
  entrepreneurship: { zh: '创业', en: 'entrepreneurship' },
  industry: { zh: '发展产业', en: 'industry' },
}

type Locale = 'zh-CN' | 'en'

function show(v: ReasonValue | undefined, locale: Locale): string {
  if (v === undefined) return ''
  const key = locale === 'zh-CN' ? 'zh' : 'en'
  if (Array.isArray(v)) return v.map((x) => show(x, locale)).join(locale === 'zh-CN' ? '、' : ', ')
  if (typeof v === 'string') {
    const rule = RULE_LABEL[v as keyof typeof RULE_LABEL] ?? REASON_TEXT[v as keyof typeof REASON_TEXT]
    return rule?.[key] ?? VALUE_TEXT[v]?.[key] ?? v
  }
  return String(v)
}

/** A reason or a failed rule as a sentence in zh-CN or en. */
export function renderReason(r: Reason | EligibilityFailure, locale: Locale = 'zh-CN'): string {
  const text = REASON_TEXT[r.code as keyof typeof REASON_TEXT]
  if (!text) return r.code
  const limit = 'limit' in r ? r.limit : undefined
  return text[locale === 'zh-CN' ? 'zh' : 'en'].replace('{value}', show(r.value, locale)).replace('{limit}', show(limit, locale))
}
