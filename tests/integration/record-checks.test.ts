import { PutCommand } from '@aws-sdk/lib-dynamodb'
import { describe, expect, it } from 'vitest'
import { checkTownship } from '../../functions/core/record-checks.js'
import { certificateIndexKeys, certificateKey, placementIndexKeys, placementKey } from '../../functions/db/keys.js'
import type { Placement } from '../../shared/schemas/applications.js'
import type { Certificate } from '../../shared/schemas/subsidies.js'
import { call, type TestApp } from '../support/app.js'
import { subsidyWorld } from '../support/world.js'

// Issue 10 part 6: records that already break the rules (written before a rule existed, or brought
// in from a spreadsheet) are named with the rule, not deleted, and decisions leave them out.
// They are written here the way old code did: straight into the table, past the rules of today.
const legacyPlacement = (t: TestApp, p: Omit<Placement, 'createdBy' | 'createdAt' | 'source' | 'seekerTownship' | 'township'>, createdAt = '2026-01-10T02:00:00.000Z') => {
  const item: Placement = { ...p, township: 'lingjing', seekerTownship: 'lingjing', source: 'external', createdBy: 'legacy', createdAt }
  return t.db.doc.send(new PutCommand({ TableName: t.db.table, Item: { ...placementKey(p.id), entity: 'placement', ...placementIndexKeys(item), ...item } }))
}
const legacyCertificate = (t: TestApp, c: Pick<Certificate, 'id' | 'seekerId' | 'seekerName' | 'issueDate'>) => {
  const item: Certificate = { ...c, township: 'lingjing', kind: 'skillLevel', level: 4, occupation: '电工', number: `L-${c.id}`, issuer: '许昌市人社局', enteredBy: 'legacy', createdAt: '2026-01-10T02:00:00.000Z' }
  return t.db.doc.send(new PutCommand({ TableName: t.db.table, Item: { ...certificateKey(c.id), entity: 'certificate', ...certificateIndexKeys(item), ...item } }))
}

describe('records that already break the rules', async () => {
  const { t, w, checker } = await subsidyWorld()
  // Born 1985-03-04 (the world's ID numbers): 16 on 2001-03-04.
  const early = await w.newSeeker('13900002001', { name: '钱早工' })
  const twice = await w.newSeeker('13900002002', { name: '孙两岗' })
  await legacyPlacement(t, { id: 'LEGACY-EARLY', seekerId: early.seeker.id, seekerName: '钱早工', title: '电子厂普工', kind: 'laborExport', employer: '昆山某电子有限公司', destination: 'outOfProvince', status: 'active', startDate: '1990-01-01' })
  await legacyCertificate(t, { id: 'LEGACY-CERT', seekerId: early.seeker.id, seekerName: '钱早工', issueDate: '1995-06-01' })
  const first = await call(t, 'POST', '/api/placements', { seekerId: twice.seeker.id, title: '发制品加工工', kind: 'enterprise', employer: '灵井发制品厂', township: 'lingjing', destination: 'inCounty', startDate: '2026-03-01' }, w.officer.token)
  expect(first.status).toBe(201)
  // A second job at once, from before one job at a time was held by the database.
  await legacyPlacement(t, { id: 'LEGACY-SECOND', seekerId: twice.seeker.id, seekerName: '孙两岗', title: '建筑工', kind: 'enterprise', employer: '许昌某建筑公司', destination: 'inCounty', status: 'active', startDate: '2026-05-01' }, '2026-05-01T02:00:00.000Z')

  const list = (token: string, q = '') => call(t, 'GET', `/api/record-problems?township=lingjing${q}`, undefined, token)

  it('before any check the list is empty and says so (check: null)', async () => {
    const r = await list(w.officer.token)
    expect(r.status).toBe(200)
    expect(r.json).toEqual({ items: [], nextCursor: null, check: null })
  })

  it('an officer starts a check (202), and the list names each record with the rule it breaks, in both languages', async () => {
    const started = await call(t, 'POST', '/api/record-problems/check', { township: 'lingjing' }, w.officer.token)
    expect(started.status).toBe(202)
    let r = await list(w.officer.token)
    for (let i = 0; i < 100 && r.json.check === null; i++) {
      await new Promise((ok) => setTimeout(ok, 50))
      r = await list(w.officer.token)
    }
    expect(r.json.check).toMatchObject({ township: 'lingjing', problems: 3 })
    const found = r.json.items.map((p: { seekerName: string; record: string; id: string; rule: string }) => `${p.seekerName} ${p.record} ${p.id} ${p.rule}`).sort()
    expect(found).toEqual([
      '孙两岗 placement LEGACY-SECOND placement.overlapsFullTime',
      '钱早工 certificate LEGACY-CERT certificate.issueDate.beforeAge',
      '钱早工 placement LEGACY-EARLY placement.startBeforeWorkingAge',
    ])
    const second = r.json.items.find((p: { id: string }) => p.id === 'LEGACY-SECOND')
    expect(second.message).toContain('发制品加工工（灵井发制品厂），2026-03-01 至 今')
    expect(second.messageEn).toContain('one full-time job at a time')
    // The people checked and none of their other records: the good placement stands.
    expect(r.json.items.some((p: { id: string }) => p.id === first.json.id)).toBe(false)
  })

  it('pages with a cursor, and another township\'s officer is refused', async () => {
    const one = await list(w.officer.token, '&limit=2')
    expect(one.json.items).toHaveLength(2)
    const two = await list(w.officer.token, `&limit=2&cursor=${encodeURIComponent(one.json.nextCursor)}`)
    expect(two.json.items).toHaveLength(1)
    expect(two.json.nextCursor).toBeNull()
    expect((await list(w.otherOfficer.token)).status).toBe(403)
    expect((await call(t, 'POST', '/api/record-problems/check', { township: 'lingjing' }, w.otherOfficer.token)).status).toBe(403)
    expect((await list(w.owner.token)).status).toBe(403)
  })

  it('decisions leave such records out and say so: transport on a job begun at 4 is not paid', async () => {
    const r = await call(t, 'GET', '/api/eligibility?kind=transport&period=2026&township=lingjing&limit=50&all=true', undefined, checker.token)
    expect(r.status).toBe(200)
    const decision = r.json.items.find((i: { subject: { id: string } }) => i.subject.id === early.seeker.id).decision
    expect(decision.eligible).toBe(false)
    const skipped = decision.rules.find((x: { code: string }) => x.code === 'records.skipped')
    expect(skipped.message).toContain('就业记录：上岗日期不能早于本人年满 16 周岁之日（2001-03-04）')
    expect(skipped.messageEn).toContain('placement: The start date cannot be before the person turns 16')
    // A claim is refused on the same reasons: nothing reaches a batch.
    const claim = await call(t, 'POST', '/api/claims', { seekerId: early.seeker.id, kind: 'transport', period: '2026' }, w.officer.token)
    expect(claim.status).toBe(409)
    expect(claim.json.code).toBe('claim.notEligible')
  })

  it('a fixed record leaves the list at the next check, which replaces the last one\'s findings', async () => {
    await legacyPlacement(t, { id: 'LEGACY-EARLY', seekerId: early.seeker.id, seekerName: '钱早工', title: '电子厂普工', kind: 'laborExport', employer: '昆山某电子有限公司', destination: 'outOfProvince', status: 'active', startDate: '2006-01-01' })
    const check = await checkTownship(t.deps, 'lingjing')
    expect(check.problems).toBe(2)
    const r = await list(w.officer.token)
    expect(r.json.items.map((p: { id: string }) => p.id).sort()).toEqual(['LEGACY-CERT', 'LEGACY-SECOND'])
  })
})
