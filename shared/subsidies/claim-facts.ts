/**
 * What a claim rests on, picked from a person's (or workshop's) records for the claim's kind and
 * period: the checker reads these before approving. Pure; the records are read in core.
 */
import type { ClaimFacts, SubsidyKind } from '../schemas/subsidies.js'
import { termStart } from '../dates.js'
import type { Facts } from './eligibility.js'
import { periodInWords } from './wording.js'

/** The first and last day a period covers: a year, a month, or a term (its year, as the rules count). */
function spanOf(period: string): { from: string; to: string } {
  const year = period.slice(0, 4)
  if (/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) return { from: `${period}-01`, to: `${period}-31` }
  return { from: `${year}-01-01`, to: `${year}-12-31` }
}

const overlaps = (start: string, end: string | undefined, span: { from: string; to: string }) => start <= span.to && (!end || end >= span.from)

export function claimFactsOf(kind: SubsidyKind, period: string, facts: Facts): Omit<ClaimFacts, 'certificates'> & { certificates: Facts['certificates'] } {
  const span = spanOf(period)
  const none = { placements: [], certificates: [], trainings: [], yulu: [] }
  const placement = (p: Facts['placements'][number]) => ({
    id: p.id,
    title: p.title,
    ...(p.employer ? { employer: p.employer } : {}),
    kind: p.kind,
    ...(p.destination ? { destination: p.destination } : {}),
    startDate: p.startDate,
    ...(p.endDate ? { endDate: p.endDate } : {}),
  })
  switch (kind) {
    case 'transport':
      return { ...none, placements: facts.placements.filter((p) => p.destination && p.destination !== 'inCounty' && overlaps(p.startDate, p.endDate, span)).map(placement) }
    case 'labor':
      return { ...none, placements: facts.placements.filter((p) => overlaps(p.startDate, p.endDate, span)).map(placement) }
    case 'publicWelfare':
      return { ...none, placements: facts.placements.filter((p) => p.kind === 'publicWelfare' && overlaps(p.startDate, p.endDate, span)).map(placement) }
    case 'training': {
      const trainings = facts.trainings.filter((t) => t.result === 'passed' && t.endDate.startsWith(period.slice(0, 4)))
      const named = new Set(trainings.flatMap((t) => (t.certificateId ? [t.certificateId] : [])))
      return {
        ...none,
        trainings: trainings.map((t) => ({ id: t.id, course: t.course, provider: t.provider, startDate: t.startDate, endDate: t.endDate, result: t.result })),
        certificates: facts.certificates.filter((c) => named.has(c.id)),
      }
    }
    case 'yulu':
      return {
        ...none,
        yulu: facts.yulu
          .filter((y) => y.term === period)
          .map((y) => ({ term: y.term, termWords: periodInWords(y.term, 'zh-CN'), termWordsEn: periodInWords(y.term, 'en'), termStart: termStart(y.term), school: y.school, major: y.major, grade: y.grade, status: y.status })),
      }
    case 'workshopReward': {
      const workers = new Set((facts.workshopPlacements ?? []).filter((p) => (p.category === 'alleviated' || p.category === 'monitored') && overlaps(p.startDate, p.endDate, span)).map((p) => p.seekerId))
      return { ...none, workshopWorkers: workers.size }
    }
    case 'startup': {
      const b = facts.returnee?.business
      return { ...none, ...(b ? { business: { name: b.name, form: b.form, registeredOn: b.registeredOn, firstBusiness: b.firstBusiness, employees: b.employees } } : {}) }
    }
  }
}
