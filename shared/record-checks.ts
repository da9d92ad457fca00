/**
 * Records that already break the rules (issue 10 part 6). The rules that refuse a new record at
 * its route (shared/dates.ts, shared/placement-rules.ts) are read here against what is on file:
 * records written before a rule existed, or brought in from a spreadsheet. Nothing is deleted;
 * each problem names the record and the rule so an officer can fix it, and the subsidy decisions
 * leave such records out with the reason (`soundFacts`).
 */
import { addDays, birthDateRefusal, districtDate, endDateRefusal, isCalendarDay, MAX_DAYS_AHEAD, MIN_DAY, placementStartRefusal, recordDayRefusal, SCHOOL_AGE, termStart, type DayRefusal } from './dates.js'
import { jobClash } from './placement-rules.js'
import type { Placement } from './schemas/applications.js'
import type { Certificate, Training, YuluRecord } from './schemas/subsidies.js'

export type RecordEntity = 'seeker' | 'placement' | 'certificate' | 'training' | 'yulu'

/** One record that breaks one rule. `rule` is the dotted code the route gives for the same mistake. */
export interface RecordProblem {
  /** Which kind of record. */
  record: RecordEntity
  /** The record's id (a Yulu record's is `seekerId#term`). */
  id: string
  field: string
  rule: string
  message: string
  messageEn: string
}

export interface PersonRecords {
  seeker: { id: string; birthDate: string; createdAt: string }
  placements: readonly Placement[]
  certificates: readonly Certificate[]
  trainings: readonly Training[]
  yulu: readonly YuluRecord[]
}

/** The day a record was written, on the district's calendar: the rules' "today" for it. */
const recordedOn = (createdAt: string | undefined, today: string): string => {
  const t = createdAt ? Date.parse(createdAt) : NaN
  return Number.isFinite(t) ? districtDate(new Date(t)) : today
}

const notADay = (d: string | undefined): DayRefusal | undefined =>
  d !== undefined && (!isCalendarDay(d) || d < MIN_DAY) ? { code: 'date.invalid', message: `日期无效：${d}`, messageEn: `Not a valid date: ${d}` } : undefined

/** A start more than 30 days after the day the placement was recorded (the route's rule, read on that day). */
function tooFarAfterRecording(p: Placement, today: string): DayRefusal | undefined {
  const on = recordedOn(p.createdAt, today)
  if (p.startDate <= addDays(on, MAX_DAYS_AHEAD)) return undefined
  return { code: 'placement.startTooFar', message: `上岗日期 ${p.startDate} 晚于登记之日（${on}）起 ${MAX_DAYS_AHEAD} 天`, messageEn: `The start date ${p.startDate} is more than ${MAX_DAYS_AHEAD} days after the day it was recorded (${on})` }
}

/** Problems of one person's records on `today`, in a stable order (the file, placements, certificates, trainings, Yulu). */
export function checkPerson(r: PersonRecords, today: string): RecordProblem[] {
  const out: RecordProblem[] = []
  const add = (entity: RecordEntity, id: string, field: string, refusal: DayRefusal | undefined) => {
    if (refusal) out.push({ record: entity, id, field, rule: refusal.code, message: refusal.message, messageEn: refusal.messageEn })
    return Boolean(refusal)
  }
  const { seeker } = r
  // A birth date that cannot be read makes every age rule below meaningless: name it and stop.
  if (add('seeker', seeker.id, 'idNumber', notADay(seeker.birthDate))) return out
  add('seeker', seeker.id, 'idNumber', birthDateRefusal(seeker.birthDate, recordedOn(seeker.createdAt, today)))

  for (const p of r.placements) {
    if (add('placement', p.id, 'startDate', notADay(p.startDate)) || add('placement', p.id, 'endDate', notADay(p.endDate))) continue
    const start = placementStartRefusal(p.startDate, seeker.birthDate, recordedOn(p.createdAt, today))
    add('placement', p.id, 'startDate', start?.code === 'placement.startTooFar' ? tooFarAfterRecording(p, today) : start)
    if (p.endDate !== undefined) add('placement', p.id, 'endDate', endDateRefusal(p.endDate, p.startDate, today))
  }
  // Two jobs at once, among placements whose own dates hold (a job dated before birth says nothing
  // about the next one): the later-started of each clashing pair is named, the earlier one stands.
  const named = new Set(out.filter((p) => p.record === 'placement').map((p) => p.id))
  const byStart = r.placements.filter((p) => !named.has(p.id)).sort((a, b) => a.startDate.localeCompare(b.startDate) || a.id.localeCompare(b.id))
  byStart.forEach((p, i) => {
    const clash = jobClash(p, byStart.slice(0, i))
    if (clash) out.push({ record: 'placement', id: p.id, field: 'startDate', rule: clash.code, message: clash.message, messageEn: clash.messageEn })
  })

  for (const c of r.certificates) {
    if (!add('certificate', c.id, 'issueDate', notADay(c.issueDate))) add('certificate', c.id, 'issueDate', recordDayRefusal('certificate.issueDate', c.issueDate, seeker.birthDate, recordedOn(c.createdAt, today)))
  }
  for (const t of r.trainings) {
    if (add('training', t.id, 'startDate', notADay(t.startDate)) || add('training', t.id, 'endDate', notADay(t.endDate))) continue
    const on = recordedOn(t.createdAt, today)
    add('training', t.id, 'startDate', recordDayRefusal('training.startDate', t.startDate, seeker.birthDate, on))
    if (t.endDate < t.startDate) add('training', t.id, 'endDate', { code: 'training.endBeforeStart', message: '培训结束日期早于开始日期', messageEn: 'The training ends before it starts' })
    else add('training', t.id, 'endDate', recordDayRefusal('training.endDate', t.endDate, seeker.birthDate, t.result === 'ongoing' ? addDays(on, 366) : on))
  }
  for (const y of r.yulu) {
    const on = recordedOn(y.updatedAt, today)
    add('yulu', `${y.seekerId}#${y.term}`, 'term', recordDayRefusal('yulu.term', termStart(y.term), seeker.birthDate, addDays(on, MAX_DAYS_AHEAD), SCHOOL_AGE))
  }
  return out
}

/** The parts of a person's records that decisions read. */
export interface DecisionFacts {
  placements: Placement[]
  certificates: Certificate[]
  trainings: Training[]
  yulu: YuluRecord[]
}

/**
 * The records a decision may read: those with a problem are left out, and the problems come back
 * so the decision can say what it skipped. A seeker-level problem (an impossible birth date) keeps
 * every record out: none of their dates can be checked.
 */
export function soundFacts<F extends DecisionFacts>(facts: F, problems: readonly RecordProblem[]): { facts: F; skipped: RecordProblem[] } {
  if (problems.length === 0) return { facts, skipped: [] }
  if (problems.some((p) => p.record === 'seeker')) return { facts: { ...facts, placements: [], certificates: [], trainings: [], yulu: [] }, skipped: [...problems] }
  const bad = new Set(problems.map((p) => `${p.record}:${p.id}`))
  const ok = (entity: RecordEntity, id: string) => !bad.has(`${entity}:${id}`)
  return {
    facts: {
      ...facts,
      placements: facts.placements.filter((p) => ok('placement', p.id)),
      certificates: facts.certificates.filter((c) => ok('certificate', c.id)),
      trainings: facts.trainings.filter((t) => ok('training', t.id)),
      yulu: facts.yulu.filter((y) => ok('yulu', `${y.seekerId}#${y.term}`)),
    },
    skipped: [...problems],
  }
}

/**
 * A workshop's reward reads its posts' placements without their people's files: the checks that
 * need no birth date (an end before the start, a start more than 30 days after it was recorded).
 */
export function placementOwnProblems(p: Placement, today: string): RecordProblem[] {
  const out: RecordProblem[] = []
  const refusal = notADay(p.startDate) ?? notADay(p.endDate)
    ?? tooFarAfterRecording(p, today)
    ?? (p.endDate !== undefined ? endDateRefusal(p.endDate, p.startDate, today) : undefined)
  if (refusal) out.push({ record: 'placement', id: p.id, field: 'startDate', rule: refusal.code, message: refusal.message, messageEn: refusal.messageEn })
  return out
}
