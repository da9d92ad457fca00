import type { PolicyInput } from '../../../../shared/schemas/subsidies'

/**
 * The policy's editable figures, grouped as the bureau's document groups them. Each is a dotted path
 * into PolicyInput (the same path the API names in a 400's issues), so one table drives the view,
 * the form, the errors beside fields and the audit diff's labels.
 */
export interface PolicyField {
  path: string
  /** money: integer fen, typed as yuan; count: a whole number (months, days, people, points). */
  kind: 'money' | 'count'
  labelKey: string
  min?: number
  max?: number
}

export interface PolicyGroup {
  key: 'transport' | 'labor' | 'training' | 'publicWelfare' | 'minimumWage' | 'startup' | 'workshopReward' | 'yulu' | 'notice' | 'targets' | 'matching'
  titleKey: string
  fields: PolicyField[]
}

const money = (path: string, labelKey: string): PolicyField => ({ path, kind: 'money', labelKey })
const count = (path: string, labelKey: string, min: number, max?: number): PolicyField => ({ path, kind: 'count', labelKey, min, ...(max === undefined ? {} : { max }) })

export const POLICY_GROUPS: PolicyGroup[] = [
  {
    key: 'transport',
    titleKey: 'subsidyKind.transport',
    fields: [
      money('transport.amountFenByDestination.inCounty', 'destination.inCounty'),
      money('transport.amountFenByDestination.outOfCountyInCity', 'destination.outOfCountyInCity'),
      money('transport.amountFenByDestination.outOfCityInProvince', 'destination.outOfCityInProvince'),
      money('transport.amountFenByDestination.outOfProvince', 'destination.outOfProvince'),
      count('transport.minMonthsWorked', 'policyPage.minMonthsAway', 0, 12),
    ],
  },
  {
    key: 'labor',
    titleKey: 'subsidyKind.labor',
    fields: [money('labor.amountFen', 'policyPage.perPerson'), count('labor.minMonthsWorked', 'policyPage.minMonthsWorked', 0, 12)],
  },
  {
    key: 'training',
    titleKey: 'subsidyKind.training',
    fields: [
      money('training.amountFenBySkillLevel.1', 'policyPage.level1'),
      money('training.amountFenBySkillLevel.2', 'policyPage.level2'),
      money('training.amountFenBySkillLevel.3', 'policyPage.level3'),
      money('training.amountFenBySkillLevel.4', 'policyPage.level4'),
      money('training.amountFenBySkillLevel.5', 'policyPage.level5'),
      money('training.otherCertificateFen', 'policyPage.otherCertificate'),
    ],
  },
  { key: 'publicWelfare', titleKey: 'subsidyKind.publicWelfare', fields: [money('publicWelfare.monthlyFen', 'policyPage.perMonth')] },
  {
    // The floor of workshop, enterprise and labor-export wages (shared/wage-rules.ts).
    key: 'minimumWage',
    titleKey: 'policyPage.minimumWageTitle',
    fields: [
      money('minimumWage.monthlyFenByGrade.1', 'policyPage.wageGrade1'),
      money('minimumWage.monthlyFenByGrade.2', 'policyPage.wageGrade2'),
      money('minimumWage.monthlyFenByGrade.3', 'policyPage.wageGrade3'),
      count('minimumWage.grade', 'policyPage.districtWageGrade', 1, 3),
    ],
  },
  {
    key: 'startup',
    titleKey: 'subsidyKind.startup',
    fields: [
      money('startup.amountFen', 'policyPage.once'),
      count('startup.minHires', 'policyPage.minHires', 0),
      count('startup.minMonthsOperating', 'policyPage.minMonthsOperating', 0),
      // 创业担保贷款: the ceiling and term a returnee's logged loan is checked against.
      money('startupLoan.maxFen', 'policyPage.loanMax'),
      count('startupLoan.maxYears', 'policyPage.loanYears', 1, 10),
    ],
  },
  {
    key: 'workshopReward',
    titleKey: 'subsidyKind.workshopReward',
    fields: [money('workshopReward.perPersonFen', 'policyPage.perPersonKept'), count('workshopReward.minMonthsKept', 'policyPage.minMonthsKept', 1, 12)],
  },
  { key: 'yulu', titleKey: 'subsidyKind.yulu', fields: [money('yulu.perTermFen', 'policyPage.perTerm')] },
  { key: 'notice', titleKey: 'policyPage.noticeTitle', fields: [count('noticeDays', 'policyPage.noticeDays', 1, 30)] },
  {
    key: 'targets',
    titleKey: 'policyPage.targetsTitle',
    fields: [
      count('targets.employed', 'policyPage.targetEmployed', 0),
      count('targets.certified', 'policyPage.targetCertified', 0),
      count('targets.lastYearWorkshopEmployed', 'policyPage.lastYearWorkshop', 0),
      count('targets.lastYearPublicWelfareEmployed', 'policyPage.lastYearPublicWelfare', 0),
    ],
  },
  {
    key: 'matching',
    titleKey: 'policyPage.matchingTitle',
    fields: [
      count('matching.weights.skill', 'policyPage.weightSkill', 0, 100),
      count('matching.weights.certificate', 'policyPage.weightCertificate', 0, 100),
      count('matching.weights.distance', 'policyPage.weightDistance', 0, 100),
      count('matching.weights.wage', 'policyPage.weightWage', 0, 100),
      count('matching.weights.intent', 'policyPage.weightIntent', 0, 100),
      count('matching.weights.group', 'policyPage.weightGroup', 0, 100),
      count('matching.weights.priority', 'policyPage.weightPriority', 0, 100),
    ],
  },
]

export const POLICY_FIELDS: PolicyField[] = POLICY_GROUPS.flatMap((g) => g.fields)

const GROUP_OF = new Map(POLICY_GROUPS.flatMap((g) => g.fields.map((f) => [f.path, g] as const)))
/** The group a field belongs to (for "交通补贴 · 省外" style labels). */
export const groupOf = (path: string): PolicyGroup | undefined => GROUP_OF.get(path)
export const fieldAt = (path: string): PolicyField | undefined => POLICY_FIELDS.find((f) => f.path === path)

/** The value at a dotted path of a plain object; undefined where the path leads nowhere. */
export function valueAt(source: unknown, path: string): unknown {
  let v: unknown = source
  for (const key of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined
    v = (v as Record<string, unknown>)[key]
  }
  return v
}

/** A copy of `source` with `value` at the dotted path (intermediate objects are copied, never shared). */
export function withValueAt<T>(source: T, path: string, value: unknown): T {
  const [head, ...rest] = path.split('.') as [string, ...string[]]
  const obj = (source && typeof source === 'object' ? source : {}) as Record<string, unknown>
  return { ...obj, [head]: rest.length ? withValueAt(obj[head], rest.join('.'), value) : value } as T
}

/** The figures of a policy a form starts from, and that the page shows when a year has none yet. */
export const blankPolicy = (year: number): PolicyInput => ({
  effectiveFrom: `${year}-01-01`,
  noticeDays: 7,
  transport: { amountFenByDestination: { inCounty: 0, outOfCountyInCity: 0, outOfCityInProvince: 0, outOfProvince: 0 }, minMonthsWorked: 3 },
  labor: { amountFen: 0, minMonthsWorked: 6 },
  training: { amountFenBySkillLevel: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 }, otherCertificateFen: 0 },
  publicWelfare: { monthlyFen: 0 },
  minimumWage: { monthlyFenByGrade: { 1: 0, 2: 0, 3: 0 }, grade: 1 },
  startup: { amountFen: 0, minHires: 0, minMonthsOperating: 0 },
  startupLoan: { maxFen: 0, maxYears: 3 },
  workshopReward: { perPersonFen: 0, minMonthsKept: 6 },
  yulu: { perTermFen: 0 },
  targets: { employed: 0, certified: 0, lastYearWorkshopEmployed: 0, lastYearPublicWelfareEmployed: 0 },
})
