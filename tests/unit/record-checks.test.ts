import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { checkPerson, placementOwnProblems, soundFacts, type PersonRecords } from '../../shared/record-checks.js'
import type { Placement } from '../../shared/schemas/applications.js'
import type { Certificate, Training, YuluRecord } from '../../shared/schemas/subsidies.js'

const TODAY = '2026-12-01'
const seeker = { id: 'S', birthDate: '1990-05-10', createdAt: '2026-01-05T02:00:00Z' }
let n = 0
const job = (over: Partial<Placement> = {}): Placement => ({
  id: `P${n++}`, seekerId: 'S', seekerName: '甲', title: '普工', kind: 'enterprise', township: 'lingjing', seekerTownship: 'lingjing',
  startDate: '2026-03-01', status: 'active', source: 'external', destination: 'inCounty', createdBy: 'u', createdAt: '2026-03-01T02:00:00Z', ...over,
})
const cert = (issueDate: string): Certificate => ({ id: `C${n++}`, seekerId: 'S', seekerName: '甲', township: 'lingjing', kind: 'skillLevel', level: 4, occupation: '电工', number: 'X', issuer: '人社局', issueDate, enteredBy: 'u', createdAt: '2026-06-01T00:00:00Z' })
const training = (startDate: string, endDate: string): Training => ({ id: `T${n++}`, seekerId: 'S', course: '电工', provider: '学院', startDate, endDate, hours: 80, result: 'passed', township: 'lingjing', createdBy: 'u', createdAt: '2026-07-01T00:00:00Z' }) as Training
const yulu = (term: string): YuluRecord => ({ seekerId: 'S', term, school: '学院', major: '电气', grade: 1, status: 'enrolled', township: 'lingjing', updatedBy: 'u', updatedAt: '2026-09-01T00:00:00Z' })
const person = (over: Partial<PersonRecords> = {}): PersonRecords => ({ seeker, placements: [], certificates: [], trainings: [], yulu: [], ...over })
const rules = (r: PersonRecords) => checkPerson(r, TODAY).map((p) => `${p.record}:${p.rule}`)

describe('record checks (issue 10 part 6)', () => {
  it('a sound file with sound records has no problems', () => {
    const ended = job({ status: 'ended', startDate: '2020-01-01', endDate: '2025-12-31', createdAt: '2020-01-01T00:00:00Z' })
    expect(rules(person({ placements: [ended, job()], certificates: [cert('2026-05-01')], trainings: [training('2026-06-01', '2026-06-20')], yulu: [] }))).toEqual([])
  })

  it('names a file made before 16 and a birth date that is not a day, the latter alone', () => {
    expect(rules(person({ seeker: { ...seeker, birthDate: '2011-01-01', createdAt: '2026-01-05T00:00:00Z' } }))).toEqual(['seeker:seeker.underWorkingAge'])
    expect(rules(person({ seeker: { ...seeker, birthDate: '1990-02-30' }, placements: [job({ startDate: '1980-01-01' })] }))).toEqual(['seeker:date.invalid'])
  })

  it('names placements begun before 16, far after they were recorded, ended before they began or after today', () => {
    expect(rules(person({ placements: [job({ startDate: '2005-01-01', createdAt: '2026-01-01T00:00:00Z' })] }))).toEqual(['placement:placement.startBeforeWorkingAge'])
    expect(rules(person({ placements: [job({ startDate: '2027-05-01', createdAt: '2026-11-30T00:00:00Z' })] }))).toEqual(['placement:placement.startTooFar'])
    expect(rules(person({ placements: [job({ status: 'ended', startDate: '2026-03-01', endDate: '2026-02-01' })] }))).toEqual(['placement:placement.endBeforeStart'])
    expect(rules(person({ placements: [job({ status: 'ended', startDate: '2026-03-01', endDate: '2026-12-25' })] }))).toEqual(['placement:placement.endInFuture'])
    expect(rules(person({ placements: [job({ startDate: '0020-02-29' })] }))).toEqual(['placement:date.invalid'])
  })

  it('two jobs at once name the later one: full-time twice, public-welfare twice, public-welfare beside work away', () => {
    const a = job({ startDate: '2026-01-10' })
    const b = job({ startDate: '2026-04-01', createdAt: '2026-04-01T00:00:00Z' })
    expect(checkPerson(person({ placements: [b, a] }), TODAY).map((p) => [p.id, p.rule])).toEqual([[b.id, 'placement.overlapsFullTime']])
    const pw1 = job({ kind: 'publicWelfare', startDate: '2026-01-10' })
    const pw2 = job({ kind: 'publicWelfare', startDate: '2026-02-10' })
    expect(rules(person({ placements: [pw1, pw2] }))).toEqual(['placement:placement.overlapsPublicWelfare'])
    const away = job({ kind: 'laborExport', destination: 'outOfProvince', startDate: '2026-02-01' })
    expect(rules(person({ placements: [pw1, away] }))).toEqual(['placement:placement.awayBesidePublicWelfare'])
    // In the county, a public-welfare post beside full-time work is allowed; jobs one after another are fine.
    expect(rules(person({ placements: [pw1, job({ startDate: '2026-02-01' })] }))).toEqual([])
    expect(rules(person({ placements: [job({ status: 'ended', startDate: '2025-01-01', endDate: '2026-01-31' }), job({ startDate: '2026-01-31' })] }))).toEqual([])
  })

  it('names certificates, trainings and Yulu terms out of their bounds', () => {
    expect(rules(person({ certificates: [cert('2004-01-01'), cert('2026-06-02')] }))).toEqual(['certificate:certificate.issueDate.beforeAge', 'certificate:certificate.issueDate.future'])
    expect(rules(person({ trainings: [training('2026-06-20', '2026-06-01')] }))).toEqual(['training:training.endBeforeStart'])
    expect(rules(person({ yulu: [yulu('1995-autumn')] }))).toEqual(['yulu:yulu.term.beforeAge'])
  })

  it('soundFacts leaves out what was named, and all of it when the file itself is wrong', () => {
    const bad = job({ startDate: '2005-01-01', createdAt: '2026-01-01T00:00:00Z' })
    const good = job()
    const facts = { placements: [bad, good], certificates: [cert('2026-05-01')], trainings: [], yulu: [] }
    const { facts: sound, skipped } = soundFacts(facts, checkPerson(person(facts), TODAY))
    expect(sound.placements).toEqual([good])
    expect(sound.certificates).toHaveLength(1)
    expect(skipped.map((p) => p.id)).toEqual([bad.id])
    const wrongFile = soundFacts(facts, [{ record: 'seeker', id: 'S', field: 'idNumber', rule: 'seeker.underWorkingAge', message: '', messageEn: '' }])
    expect(wrongFile.facts.placements).toEqual([])
  })

  it('a workshop reward names placements by their own dates alone', () => {
    expect(placementOwnProblems(job({ status: 'ended', startDate: '2026-03-01', endDate: '2026-02-01' }), TODAY).map((p) => p.rule)).toEqual(['placement.endBeforeStart'])
    expect(placementOwnProblems(job(), TODAY)).toEqual([])
  })

  it('property: what soundFacts keeps has no problem left when checked again', () => {
    const day = fc.integer({ min: 0, max: 12_000 }).map((d) => new Date(Date.parse('1995-01-01') + d * 86_400_000).toISOString().slice(0, 10))
    const placement = fc.record({
      kind: fc.constantFrom('enterprise', 'workshop', 'laborExport', 'publicWelfare' as const),
      destination: fc.constantFrom('inCounty', 'outOfProvince' as const),
      start: day,
      length: fc.option(fc.integer({ min: -60, max: 2000 }), { nil: undefined }),
      recordedAfter: fc.integer({ min: -400, max: 400 }),
    })
    fc.assert(
      fc.property(fc.array(placement, { maxLength: 8 }), fc.array(day, { maxLength: 4 }), (ps, certDays) => {
        const placements = ps.map((p) => {
          const end = p.length === undefined ? undefined : new Date(Date.parse(p.start) + p.length * 86_400_000).toISOString().slice(0, 10)
          const recorded = new Date(Date.parse(p.start) + p.recordedAfter * 86_400_000).toISOString()
          return job({ kind: p.kind, destination: p.destination, startDate: p.start, ...(end ? { status: 'ended' as const, endDate: end } : {}), createdAt: recorded })
        })
        const facts = { placements, certificates: certDays.map(cert), trainings: [], yulu: [] }
        const { facts: sound } = soundFacts(facts, checkPerson(person(facts), TODAY))
        expect(checkPerson(person(sound), TODAY)).toEqual([])
      }),
      { numRuns: 300 },
    )
  })
})
