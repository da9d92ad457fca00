import { describe, expect, it } from 'vitest'
import { caseClocks, closeRefusal, colourOf, nextStep, planRefusal, statusOf, stepRefusal, type CaseFacts, type CaseStep, type StepRecord } from '../../shared/following/case-rules.js'
import { checksOf } from '../../shared/following/placement-checks.js'
import { dueStateOn } from '../../shared/following/due.js'

const rec = (step: CaseStep, on: string): StepRecord => ({ step, on, by: 'u', at: `${on}T02:00:00.000Z`, note: '' })
const signalled: CaseFacts = { signalOn: '2026-03-01', steps: [] }
const approved: CaseFacts = { signalOn: '2026-03-01', steps: [rec('visit', '2026-03-02'), rec('crossCheck', '2026-03-05'), rec('notice', '2026-03-06'), rec('townshipReview', '2026-03-11'), rec('approval', '2026-03-13')] }

describe('case steps (防止返贫监测)', () => {
  it('moves through the steps in order, never before the previous step or after today', () => {
    expect(nextStep(signalled)).toBe('visit')
    expect(stepRefusal(signalled, 'visit', '2026-03-02', '2026-03-02')).toBeUndefined()
    expect(stepRefusal(signalled, 'crossCheck', '2026-03-02', '2026-03-02')?.code).toBe('case.wrongStep')
    expect(stepRefusal(signalled, 'visit', '2026-02-28', '2026-03-02')?.code).toBe('case.stepBeforePrevious')
    expect(stepRefusal(signalled, 'visit', '2026-03-03', '2026-03-02')?.code).toBe('case.stepInFuture')
    expect(stepRefusal(approved, 'approval', '2026-03-14', '2026-03-14')?.code).toBe('case.alreadyApproved')
  })
  it('the township reviews only after the village notice ran 5 days', () => {
    const onNotice: CaseFacts = { ...signalled, steps: approved.steps.slice(0, 3) }
    expect(stepRefusal(onNotice, 'townshipReview', '2026-03-10', '2026-03-20')).toMatchObject({ code: 'case.noticeTooShort', field: 'on' })
    expect(stepRefusal(onNotice, 'townshipReview', '2026-03-11', '2026-03-20')).toBeUndefined()
  })
  it('a late step is recorded, its clock red', () => {
    expect(stepRefusal(signalled, 'visit', '2026-03-09', '2026-03-09')).toBeUndefined()
    const late: CaseFacts = { ...signalled, steps: [rec('visit', '2026-03-09')] }
    expect(caseClocks(late, '2026-03-09')[0]).toMatchObject({ kind: 'case.visit', used: 8, allowed: 3, colour: 'red', metOn: '2026-03-09' })
  })
  it('status follows approval, plan and closing', () => {
    expect(statusOf(signalled)).toBe('open')
    expect(statusOf(approved)).toBe('approved')
    expect(statusOf({ ...approved, plannedOn: '2026-03-20' })).toBe('planned')
    expect(statusOf({ ...approved, plannedOn: '2026-03-20', closedOn: '2026-10-01' })).toBe('closed')
  })
})

describe('clocks', () => {
  it.each([
    [0, 3, 'green'], [1, 3, 'green'], [2, 3, 'amber'], [3, 3, 'amber'], [4, 3, 'red'],
    [9, 15, 'green'], [10, 15, 'amber'], [15, 15, 'amber'], [16, 15, 'red'],
    [6, 10, 'green'], [7, 10, 'amber'], [11, 10, 'red'],
  ] as const)('%i of %i days is %s', (used, allowed, colour) => expect(colourOf(used, allowed)).toBe(colour))

  it('a case signalled on day 0 has used 16 of 15 days on day 16 if not approved', () => {
    const whole = caseClocks(signalled, '2026-03-17').find((c) => c.kind === 'case.approval')!
    expect(whole).toMatchObject({ from: '2026-03-01', dueOn: '2026-03-16', used: 16, allowed: 15, colour: 'red' })
    expect(dueStateOn(whole.dueOn, '2026-03-16')).toBe('due')
    expect(dueStateOn(whole.dueOn, '2026-03-17')).toBe('overdue')
  })
  it('after approval the plan clock runs 10 days and the approval clock stops', () => {
    const clocks = caseClocks(approved, '2026-03-24')
    expect(clocks.find((c) => c.kind === 'case.approval')).toMatchObject({ used: 12, colour: 'amber', metOn: '2026-03-13' })
    expect(clocks.find((c) => c.kind === 'case.plan')).toMatchObject({ from: '2026-03-13', dueOn: '2026-03-23', used: 11, colour: 'red' })
  })
})

describe('plan and closing', () => {
  it('a plan needs approval and comes once', () => {
    expect(planRefusal(signalled, '2026-03-10', '2026-03-10')?.code).toBe('case.notApproved')
    expect(planRefusal(approved, '2026-03-12', '2026-03-20')?.code).toBe('case.planBeforeApproval')
    expect(planRefusal(approved, '2026-03-20', '2026-03-20')).toBeUndefined()
    expect(planRefusal({ ...approved, plannedOn: '2026-03-20' }, '2026-03-21', '2026-03-21')?.code).toBe('case.alreadyPlanned')
  })
  it('closing needs 6 months since approval and one measure carried out, each with its reason', () => {
    const planned: CaseFacts = { ...approved, plannedOn: '2026-03-20', measures: [{ kind: 'post', description: '公益岗', status: 'planned' }] }
    expect(closeRefusal(signalled, '2026-12-01', '2026-12-01')?.code).toBe('case.notApproved')
    expect(closeRefusal(planned, '2026-09-12', '2026-09-12')).toMatchObject({ code: 'case.monitoredTooShort', message: expect.stringContaining('2026-09-13') })
    expect(closeRefusal(planned, '2026-09-13', '2026-09-13')).toMatchObject({ code: 'case.noMeasureDone' })
    const done = { ...planned, measures: [{ kind: 'post' as const, description: '公益岗', status: 'done' as const, doneOn: '2026-04-01' }] }
    expect(closeRefusal(done, '2026-09-13', '2026-09-13')).toBeUndefined()
  })
})

describe('checks after placement', () => {
  it('falls at 1, 3 and 6 months after the start, clamped to the month’s end', () => {
    expect(checksOf('2026-08-31').map((c) => [c.kind, c.dueOn])).toEqual([
      ['placement.check1', '2026-09-30'],
      ['placement.check3', '2026-11-30'],
      ['placement.check6', '2027-02-28'],
    ])
  })
})
