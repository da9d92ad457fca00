/**
 * Certificates, trainings, 雨露计划, match runs, the ledger, notices and the audit trail through
 * functions/core: each audited change writes its audit event in the TransactWriteItems of the
 * change (a change that fails writes no event, an audit item that cannot be written leaves no
 * change, a change that succeeds writes exactly one), and each object is out of reach (404) to
 * whoever is not in its scope.
 */
import { ScanCommand } from '@aws-sdk/lib-dynamodb'
import { describe, expect, it } from 'vitest'
import { listAuditOf } from '../../functions/db/audit.js'
import { addCertificate, getCertificate, verifyCertificate } from '../../functions/db/certificates.js'
import { getMatchRun, getProposal, moveMatchRun, saveProposal } from '../../functions/db/match-runs.js'
import { addTraining, listTrainingsOfSeeker, listYuluOfSeeker, putYulu } from '../../functions/db/records.js'
import { getSeeker } from '../../functions/db/seekers.js'
import { createUser } from '../../functions/db/users.js'
import { DEMO_POLICY_2026 } from '../../functions/jobs/seed-data.js'
import { call, signIn, testApp, fetchExport } from '../support/app.js'
import { marketWorld } from '../support/world.js'

type Sent = { name: string; input: { TransactItems?: { Put?: { Item?: Record<string, unknown> }; Update?: { Key?: Record<string, unknown> } }[]; Item?: Record<string, unknown> } }

describe('records, match runs and reports: audited in the transaction of each change, 404 out of scope', async () => {
  const t = await testApp({ now: () => new Date('2026-11-28T08:00:00Z') })
  const w = await marketWorld(t)
  const p = t.deps.protector
  await createUser(t.db, p, { role: 'admin', name: '管理员', phone: '17700000020' })
  await createUser(t.db, p, { role: 'officer', name: '复核专员', phone: '17700000021', scope: 'district' })
  await createUser(t.db, p, { role: 'auditor', name: '审计', phone: '17700000022' })
  await createUser(t.db, p, { role: 'owner', name: '李老板', phone: '17700000023' })
  const [admin, checker, auditor, otherOwner] = await Promise.all(['17700000020', '17700000021', '17700000022', '17700000023'].map((ph) => signIn(t, ph)))
  const saved = await call(t, 'PUT', '/api/policies/2026', { ...DEMO_POLICY_2026, expectedVersion: 0 }, admin!.token)
  if (saved.status !== 201) throw new Error(`policy ${saved.status} ${saved.text}`)
  const a = await w.newSeeker('13900000501', { name: '甲一' })
  const b = await w.newSeeker('13900000502', { name: '乙二' })

  // Every command the app sends, to see which writes travel together.
  const sent: Sent[] = []
  const send = t.db.doc.send.bind(t.db.doc)
  ;(t.db.doc as { send: unknown }).send = (cmd: { constructor: { name: string }; input: Sent['input'] }, ...rest: unknown[]) => {
    sent.push({ name: cmd.constructor.name, input: cmd.input })
    return (send as (...x: unknown[]) => unknown)(cmd, ...rest)
  }
  /** The transactions that wrote an audit event with this action: each also holds the change itself; no event is written on its own. */
  const auditedTogether = (action: string) => {
    const txs = sent.filter((s) => s.name === 'TransactWriteCommand' && s.input.TransactItems!.some((i) => i.Put?.Item?.entity === 'audit' && i.Put.Item.action === action))
    const alone = sent.filter((s) => s.name === 'PutCommand' && s.input.Item?.entity === 'audit' && s.input.Item.action === action)
    expect(alone).toHaveLength(0)
    expect(txs.length).toBeGreaterThan(0)
    for (const tx of txs) expect(tx.input.TransactItems!.some((i) => !(i.Put?.Item?.entity === 'audit'))).toBe(true)
    return txs
  }
  /** Every audit event in the table with this action (the table is this file's own). */
  const eventsNamed = async (action: string) => {
    const out: Record<string, unknown>[] = []
    let start: Record<string, unknown> | undefined
    do {
      const r = await t.db.doc.send(new ScanCommand({ TableName: t.db.table, FilterExpression: 'entity = :a AND #act = :x', ExpressionAttributeNames: { '#act': 'action' }, ExpressionAttributeValues: { ':a': 'audit', ':x': action }, ExclusiveStartKey: start }))
      out.push(...(r.Items ?? []))
      start = r.LastEvaluatedKey
    } while (start)
    return out
  }
  const trailOf = async (type: string, id: string, action: string) => (await listAuditOf(t.db, type, id, 100)).items.filter((e) => e.action === action)
  /** An audit event over DynamoDB's 400 KB item limit: its Put cannot be written. */
  const huge = { pad: 'x'.repeat(410_000) }

  it('certificates: one event per create and per verification, none for a refused duplicate or a second verification', async () => {
    const body = { kind: 'skillLevel', level: 4, occupation: '电工', number: 'A2026-0001', issuer: '许昌市人社局', issueDate: '2026-05-01' }
    const c = await call(t, 'POST', '/api/certificates', body, a.token)
    expect(c.status).toBe(201)
    expect(await trailOf('certificate', c.json.id, 'certificate.create')).toHaveLength(1)
    const creates = (await eventsNamed('certificate.create')).length
    // The number is taken: the transaction is cancelled, the event with it.
    expect((await call(t, 'POST', '/api/certificates', { ...body, seekerId: a.seeker.id }, w.officer.token)).status).toBe(409)
    expect(await eventsNamed('certificate.create')).toHaveLength(creates)
    auditedTogether('certificate.create')

    const verifies = await Promise.all(Array.from({ length: 6 }, () => call(t, 'POST', `/api/certificates/${c.json.id}/verify`, { method: 'nationalLookup' }, w.officer.token)))
    expect(verifies.filter((r) => r.status === 200)).toHaveLength(1)
    expect(await trailOf('certificate', c.json.id, 'certificate.verify')).toHaveLength(1)
    auditedTogether('certificate.verify')
    // Straight at the repository: a verification whose condition fails writes no event.
    const cert = (await getCertificate(t.db, c.json.id))!
    await expect(verifyCertificate(t.db, { ...cert, verifiedAt: undefined }, 'paperOriginal', 'x', new Date(), undefined, () => ({ objectType: 'certificate', objectId: cert.id, action: 'certificate.verify', actorId: 'x', actorRole: 'officer' }))).rejects.toMatchObject({ code: 'certificate.verified' })
    expect(await trailOf('certificate', c.json.id, 'certificate.verify')).toHaveLength(1)
    // An audit item that cannot be written leaves no certificate either.
    const seeker = (await getSeeker(t.db, b.seeker.id))!
    await expect(addCertificate(t.db, seeker, { ...body, kind: 'skillLevel', number: 'A2026-0999' } as never, 'x', new Date(), (x) => ({ objectType: 'certificate', objectId: x.id, action: 'certificate.create', actorId: 'x', actorRole: 'officer', after: huge }))).rejects.toMatchObject({ name: 'ValidationException', message: expect.stringMatching(/size/i) })
    expect((await call(t, 'GET', `/api/seekers/${b.seeker.id}/certificates`, undefined, w.officer.token)).json.items).toHaveLength(0)
  })

  it('certificates: the seeker adds and reads their own, officers in scope add, list and verify; other seekers and officers get 404, other roles 403', async () => {
    const body = { kind: 'specialAbility', occupation: '缝纫', number: 'B2026-0001', issuer: '许昌市人社局', issueDate: '2026-06-01' }
    expect((await call(t, 'POST', '/api/certificates', { ...body, seekerId: a.seeker.id }, b.token)).status).toBe(404)
    expect((await call(t, 'POST', '/api/certificates', { ...body, seekerId: a.seeker.id }, w.otherOfficer.token)).status).toBe(404)
    expect((await call(t, 'POST', '/api/certificates', body, w.owner.token)).status).toBe(403)
    const c = await call(t, 'POST', '/api/certificates', { ...body, seekerId: b.seeker.id }, w.officer.token)
    expect(c.status).toBe(201)
    expect((await call(t, 'POST', `/api/certificates/${c.json.id}/verify`, { method: 'paperOriginal' }, w.otherOfficer.token)).status).toBe(404)
    expect((await call(t, 'GET', '/api/certificates?township=lingjing', undefined, w.otherOfficer.token)).status).toBe(403)
    expect((await call(t, 'GET', '/api/certificates?state=pending', undefined, w.officer.token)).json.items.map((x: { id: string }) => x.id)).toContain(c.json.id)
    for (const [who, status] of [[b.token, 200], [w.officer.token, 200], [w.district.token, 200], [a.token, 404], [w.otherOfficer.token, 404], [w.owner.token, 403], [auditor!.token, 403]] as const) {
      for (const what of ['certificates', 'trainings', 'yulu', 'subsidies']) {
        expect([what, (await call(t, 'GET', `/api/seekers/${b.seeker.id}/${what}`, undefined, who)).status]).toEqual([what, status])
      }
    }
  })

  it('trainings and 雨露计划: officers in scope, one event per change, and a change whose event cannot be written is not made', async () => {
    const training = { seekerId: a.seeker.id, course: '电工培训', provider: '许昌职业技术学院', startDate: '2026-06-01', endDate: '2026-06-20', hours: 80, result: 'passed' }
    expect((await call(t, 'POST', '/api/trainings', training, w.otherOfficer.token)).status).toBe(404)
    expect((await call(t, 'POST', '/api/trainings', { ...training, endDate: '2026-05-01' }, w.officer.token)).status).toBe(400)
    expect(await trailOf('seeker', a.seeker.id, 'training.create')).toHaveLength(0)
    expect((await call(t, 'POST', '/api/trainings', training, w.officer.token)).status).toBe(201)
    expect(await trailOf('seeker', a.seeker.id, 'training.create')).toHaveLength(1)
    auditedTogether('training.create')
    const seeker = (await getSeeker(t.db, a.seeker.id))!
    await expect(addTraining(t.db, seeker, training as never, 'x', new Date(), () => ({ objectType: 'seeker', objectId: seeker.id, action: 'training.create', actorId: 'x', actorRole: 'officer', after: huge }))).rejects.toMatchObject({ name: 'ValidationException', message: expect.stringMatching(/size/i) })
    expect(await listTrainingsOfSeeker(t.db, a.seeker.id)).toHaveLength(1)

    const yulu = { seekerId: a.seeker.id, term: '2026-autumn', school: '许昌职业技术学院', major: '电气自动化', grade: 1, status: 'enrolled' }
    expect((await call(t, 'PUT', '/api/yulu', yulu, w.otherOfficer.token)).status).toBe(404)
    expect((await call(t, 'PUT', '/api/yulu', yulu, w.officer.token)).status).toBe(200)
    expect((await call(t, 'PUT', '/api/yulu', { ...yulu, status: 'suspended' }, w.officer.token)).status).toBe(200)
    expect((await trailOf('seeker', a.seeker.id, 'yulu.status')).map((e) => e.after?.status)).toEqual(['suspended', 'enrolled'])
    auditedTogether('yulu.status')
    // The term's list follows the new status (index keys re-derived from the record).
    const listed = await call(t, 'GET', '/api/yulu?term=2026-autumn', undefined, w.officer.token)
    expect(listed.json.items.map((y: { status: string }) => y.status)).toEqual(['suspended'])
    expect((await call(t, 'GET', '/api/yulu?term=2026-autumn&township=lingjing', undefined, w.otherOfficer.token)).status).toBe(403)
    await expect(putYulu(t.db, seeker, { ...yulu, status: 'withdrawn' } as never, 'x', new Date(), () => ({ objectType: 'seeker', objectId: seeker.id, action: 'yulu.status', actorId: 'x', actorRole: 'officer', after: huge }))).rejects.toMatchObject({ name: 'ValidationException', message: expect.stringMatching(/size/i) })
    expect((await listYuluOfSeeker(t.db, a.seeker.id)).map((y) => y.status)).toEqual(['suspended'])
  })

  const finished = async (id: string, token: string, until = ['done', 'failed']) => {
    for (let i = 0; i < 200; i++) {
      const r = await call(t, 'GET', `/api/match-runs/${id}`, undefined, token)
      if (until.includes(r.json.status)) return r.json
      await new Promise((res) => setTimeout(res, 50))
    }
    throw new Error('match run did not finish')
  }

  it('match runs: create, edit and publish each write one event with their change, none when refused; scope decides who sees a run', async () => {
    const post = await w.newPost({ headcount: 3 })
    await w.newSeeker('13900000503', { name: '丙三' })
    const start = await call(t, 'POST', '/api/match-runs', { mode: 'optimal' }, w.officer.token)
    expect(start.status).toBe(202)
    expect(start.json.scope).toBe('lingjing')
    expect(await trailOf('matchRun', start.json.id, 'matchRun.create')).toHaveLength(1)
    auditedTogether('matchRun.create')
    const run = await finished(start.json.id, w.officer.token)
    expect(run.status).toBe('done')
    expect((await call(t, 'POST', '/api/match-runs', { township: 'lingjing' }, w.otherOfficer.token)).status).toBe(403)
    expect((await call(t, 'GET', `/api/match-runs/${run.id}`, undefined, w.otherOfficer.token)).status).toBe(404)
    expect((await call(t, 'GET', `/api/match-runs/${run.id}/proposals`, undefined, w.otherOfficer.token)).status).toBe(404)
    expect((await call(t, 'GET', `/api/match-runs/${run.id}`, undefined, w.district.token)).status).toBe(200)
    expect((await call(t, 'GET', `/api/match-runs/${run.id}`, undefined, auditor!.token)).status).toBe(403)

    const props = (await call(t, 'GET', `/api/match-runs/${run.id}/proposals`, undefined, w.officer.token)).json.items as { seekerId: string; postId: string | null }[]
    const target = props.find((x) => x.postId) ?? props[0]!
    expect((await call(t, 'PATCH', `/api/match-runs/${run.id}/proposals/${target.seekerId}`, { postId: null }, w.otherOfficer.token)).status).toBe(404)
    const edited = await call(t, 'PATCH', `/api/match-runs/${run.id}/proposals/${target.seekerId}`, { postId: null }, w.officer.token)
    expect(edited.status).toBe(200)
    const edits = await trailOf('matchRun', run.id, 'proposal.edit')
    expect(edits).toHaveLength(1)
    expect(edits[0]).toMatchObject({ before: { seekerId: target.seekerId, postId: target.postId }, after: { postId: null } })
    auditedTogether('proposal.edit')

    const [one, two] = await Promise.all([0, 1].map(() => call(t, 'POST', `/api/match-runs/${run.id}/publish`, undefined, w.officer.token)))
    expect([one!.status, two!.status]).toEqual([202, 202])
    expect(await trailOf('matchRun', run.id, 'matchRun.publish')).toHaveLength(1)
    auditedTogether('matchRun.publish')
    await finished(run.id, w.officer.token, ['published'])
    expect((await call(t, 'POST', `/api/match-runs/${run.id}/publish`, undefined, w.officer.token)).status).toBe(409)
    expect((await call(t, 'PATCH', `/api/match-runs/${run.id}/proposals/${target.seekerId}`, { postId: null }, w.officer.token)).status).toBe(409)
    // Straight at the repository, past the use case's own check: the database refuses, and no event is left.
    const prop = (await getProposal(t.db, run.id, target.seekerId))!
    const draft = { objectType: 'matchRun', objectId: run.id, actorId: 'x', actorRole: 'officer' }
    await expect(saveProposal(t.db, prop, { ...prop, edited: true }, undefined, { breakdown: true, audit: { ...draft, action: 'proposal.edit' } })).rejects.toMatchObject({ code: 'matchRun.notEditable' })
    await expect(moveMatchRun(t.db, run.id, ['done'], { status: 'publishing' }, new Date(), { ...draft, action: 'matchRun.publish' })).rejects.toMatchObject({ code: 'matchRun.state' })
    expect(await trailOf('matchRun', run.id, 'proposal.edit')).toHaveLength(1)
    expect(await trailOf('matchRun', run.id, 'matchRun.publish')).toHaveLength(1)
    expect((await getMatchRun(t.db, run.id))!.status).toBe('published')

    // A district run: district officers and admins only.
    const district = await call(t, 'POST', '/api/match-runs', { mode: 'stable' }, w.district.token)
    expect(district.json.scope).toBe('district')
    expect((await call(t, 'GET', `/api/match-runs/${district.json.id}`, undefined, w.officer.token)).status).toBe(404)
    expect((await call(t, 'GET', `/api/match-runs/${district.json.id}`, undefined, admin!.token)).status).toBe(200)
    expect((await call(t, 'GET', `/api/audit?entity=matchRun&id=${district.json.id}`, undefined, w.officer.token)).status).toBe(404)
    expect((await call(t, 'GET', `/api/audit?entity=matchRun&id=${district.json.id}`, undefined, auditor!.token)).json.items).toHaveLength(1)
    await finished(district.json.id, w.district.token)

    // Candidates of a post: its owner and officers in scope; recommendations: seekers.
    expect((await call(t, 'GET', `/api/posts/${post.id}/candidates`, undefined, w.owner.token)).status).toBe(200)
    expect((await call(t, 'GET', `/api/posts/${post.id}/candidates`, undefined, w.officer.token)).status).toBe(200)
    expect((await call(t, 'GET', `/api/posts/${post.id}/candidates`, undefined, otherOwner!.token)).status).toBe(404)
    expect((await call(t, 'GET', `/api/posts/${post.id}/candidates`, undefined, w.otherOfficer.token)).status).toBe(404)
    expect((await call(t, 'GET', `/api/posts/${post.id}/candidates`, undefined, a.token)).status).toBe(403)
    expect((await call(t, 'GET', '/api/me/recommendations', undefined, a.token)).status).toBe(200)
    expect((await call(t, 'GET', '/api/me/recommendations', undefined, w.officer.token)).status).toBe(403)
  })

  it('ledger, notices and the audit trail: a township officer sees their township only', async () => {
    const away = await w.newSeeker('13900000504', { name: '丁外出' })
    const ext = await call(t, 'POST', '/api/placements', { seekerId: away.seeker.id, title: '电子厂普工', kind: 'laborExport', employer: '昆山某电子有限公司', township: 'lingjing', destination: 'outOfProvince', startDate: '2026-03-01' }, w.officer.token)
    expect(ext.status).toBe(201)
    const claim = await call(t, 'POST', '/api/claims', { seekerId: away.seeker.id, kind: 'transport', period: '2026' }, w.officer.token)
    expect(claim.status).toBe(201)
    expect((await call(t, 'POST', `/api/claims/${claim.json.id}/submit`, undefined, w.officer.token)).status).toBe(200)
    expect((await call(t, 'POST', `/api/claims/${claim.json.id}/approve`, undefined, checker!.token)).status).toBe(200)
    const batch = await call(t, 'POST', '/api/payment-batches', { claimIds: [claim.json.id] }, w.district.token)
    expect(batch.status).toBe(201)

    const notice = (token: string) => fetchExport(t, `/api/notices/${batch.json.id}.xlsx`, token)
    expect((await notice(w.officer.token)).status).toBe(200)
    expect((await notice(auditor!.token)).status).toBe(200)
    expect((await notice(w.otherOfficer.token)).status).toBe(404)
    expect((await notice(a.token)).status).toBe(403)

    expect((await call(t, 'GET', '/api/ledger?year=2026&limit=50', undefined, w.officer.token)).json.items.every((r: { township: string }) => r.township === 'lingjing')).toBe(true)
    expect((await call(t, 'GET', '/api/ledger?year=2026&township=lingjing', undefined, w.otherOfficer.token)).status).toBe(403)
    const ledger = await call(t, 'GET', '/api/ledger?year=2026&township=lingjing&limit=50', undefined, auditor!.token)
    const totals = await call(t, 'GET', '/api/ledger/totals?year=2026&township=lingjing', undefined, auditor!.token)
    expect(ledger.json.nextCursor).toBeNull()
    expect(totals.json.count).toBe(ledger.json.items.length)
    expect((await call(t, 'GET', '/api/ledger?year=2026', undefined, w.owner.token)).status).toBe(403)

    for (const [entity, id] of [['batch', batch.json.id], ['claim', claim.json.id], ['seeker', away.seeker.id], ['placement', ext.json.id]] as const) {
      expect([entity, (await call(t, 'GET', `/api/audit?entity=${entity}&id=${id}`, undefined, w.otherOfficer.token)).status]).toEqual([entity, 404])
      expect([entity, (await call(t, 'GET', `/api/audit?entity=${entity}&id=${id}`, undefined, w.officer.token)).status]).toEqual([entity, 200])
      expect([entity, (await call(t, 'GET', `/api/audit?entity=${entity}&id=${id}`, undefined, auditor!.token)).status]).toEqual([entity, 200])
    }
    expect((await call(t, 'GET', `/api/audit?entity=claim&id=${claim.json.id}`, undefined, away.token)).status).toBe(403)
  })
})
