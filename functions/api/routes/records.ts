import { Hono } from 'hono'
import * as z from 'zod'
import { forbidden, inScope, isOfficer, listTownship, notFound } from '../../../shared/access.js'
import { DomainError } from '../../../shared/errors.js'
import { IdParam, PageQuery } from '../../../shared/schemas/common.js'
import { CertificateInput, Term, TrainingInput, VerifyInput, YuluInput } from '../../../shared/schemas/subsidies.js'
import { appendAudit } from '../../db/audit.js'
import { addCertificate, getCertificate, listCertificatesOfSeeker, listCertificatesOfTownship, verifyCertificate } from '../../db/certificates.js'
import { listClaimsOfSubject } from '../../db/claims.js'
import { addTraining, listTrainingsOfSeeker, listYuluOfSeeker, listYuluOfTerm, putYulu } from '../../db/records.js'
import { getSeekerOfUser } from '../../db/seekers.js'
import { requireUser } from '../auth.js'
import type { Env } from '../context.js'
import { validate } from '../validate.js'
import { loadSeekerFor } from './seekers.js'

/** 证书 certificates: entered by the seeker or an officer, verified by an officer. */
export const certificates = new Hono<Env>()
  .post('/', validate('json', CertificateInput), async (c) => {
    const auth = requireUser(c, 'seeker', 'officer', 'admin')
    const deps = c.var.deps
    const { seekerId, ...input } = c.req.valid('json')
    const seeker = auth.role === 'seeker' ? await getSeekerOfUser(deps.db, auth.userId) : seekerId ? await loadSeekerFor(deps, auth, seekerId) : undefined
    if (!seeker) throw new DomainError('certificate.seekerRequired', auth.role === 'seeker' ? 'conflict' : 'invalid', auth.role === 'seeker' ? '请先建立求职档案' : '请指定求职者', auth.role === 'seeker' ? 'Create your seeker file first' : 'Name the seeker')
    const cert = await addCertificate(deps.db, seeker, input, auth.userId, deps.now())
    await appendAudit(deps.db, { objectType: 'certificate', objectId: cert.id, action: 'certificate.create', actorId: auth.userId, actorRole: auth.role, after: { seekerId: seeker.id, kind: cert.kind, number: cert.number, issueDate: cert.issueDate } }, deps.now())
    return c.json(cert, 201)
  })
  .get('/', validate('query', PageQuery.extend({ township: z.string().max(40).optional(), state: z.enum(['pending', 'verified']).optional() })), async (c) => {
    const auth = requireUser(c, 'officer', 'admin')
    const q = c.req.valid('query')
    const township = listTownship(auth, q.township)
    if (!township) throw new DomainError('certificate.townshipRequired', 'invalid', '请选择乡镇', 'Choose a township')
    return c.json(await listCertificatesOfTownship(c.var.deps.db, township, q.state, q.limit, q.cursor))
  })
  .post('/:id/verify', validate('param', IdParam), validate('json', VerifyInput), async (c) => {
    const auth = requireUser(c, 'officer', 'admin')
    const { db, now } = c.var.deps
    const cert = await getCertificate(db, c.req.valid('param').id)
    if (!cert || !inScope(auth, cert.township)) throw notFound('certificate.notFound', '证书', 'Certificate')
    const { method, note } = c.req.valid('json')
    const verified = await verifyCertificate(db, cert, method, auth.userId, now(), note)
    await appendAudit(db, { objectType: 'certificate', objectId: cert.id, action: 'certificate.verify', actorId: auth.userId, actorRole: auth.role, after: { method, note: note ?? null, countedForYear: verified.countedForYear ?? null } }, now())
    return c.json(verified)
  })

export const trainings = new Hono<Env>().post('/', validate('json', TrainingInput), async (c) => {
  const auth = requireUser(c, 'officer', 'admin')
  const input = c.req.valid('json')
  if (input.endDate < input.startDate) throw new DomainError('training.dates', 'invalid', '结束日期早于开始日期', 'The end date is before the start date')
  const { db, now } = c.var.deps
  const seeker = await loadSeekerFor(c.var.deps, auth, input.seekerId)
  // The certificate a training led to must be this person's.
  if (input.certificateId && (await getCertificate(db, input.certificateId))?.seekerId !== seeker.id) {
    throw new DomainError('training.certificate', 'invalid', '所选证书不属于该求职者', 'The certificate is not this person’s')
  }
  const training = await addTraining(db, seeker, input, auth.userId, now())
  await appendAudit(db, { objectType: 'seeker', objectId: seeker.id, action: 'training.create', actorId: auth.userId, actorRole: auth.role, after: { trainingId: training.id, course: training.course, result: training.result } }, now())
  return c.json(training, 201)
})

/** 雨露计划: one record per person and term, its status kept current by officers. */
export const yulu = new Hono<Env>()
  .put('/', validate('json', YuluInput), async (c) => {
    const auth = requireUser(c, 'officer', 'admin')
    const input = c.req.valid('json')
    const seeker = await loadSeekerFor(c.var.deps, auth, input.seekerId)
    const rec = await putYulu(c.var.deps.db, seeker, input, auth.userId, c.var.deps.now())
    await appendAudit(c.var.deps.db, { objectType: 'seeker', objectId: seeker.id, action: 'yulu.status', actorId: auth.userId, actorRole: auth.role, after: { term: rec.term, status: rec.status } }, c.var.deps.now())
    return c.json(rec)
  })
  .get('/', validate('query', PageQuery.extend({ term: Term, township: z.string().max(40).optional() })), async (c) => {
    const auth = requireUser(c, 'officer', 'admin')
    const q = c.req.valid('query')
    const township = listTownship(auth, q.township)
    if (!township) throw new DomainError('yulu.townshipRequired', 'invalid', '请选择乡镇', 'Choose a township')
    return c.json(await listYuluOfTerm(c.var.deps.db, q.term, township, q.limit, q.cursor))
  })

/** A person's own records, for the seeker and officers in scope. */
export const seekerRecords = new Hono<Env>()
  .get('/:id/certificates', validate('param', IdParam), async (c) => {
    const s = await loadSeekerFor(c.var.deps, requireUser(c), c.req.valid('param').id)
    return c.json({ items: await listCertificatesOfSeeker(c.var.deps.db, s.id), nextCursor: null })
  })
  .get('/:id/trainings', validate('param', IdParam), async (c) => {
    const s = await loadSeekerFor(c.var.deps, requireUser(c), c.req.valid('param').id)
    return c.json({ items: await listTrainingsOfSeeker(c.var.deps.db, s.id), nextCursor: null })
  })
  .get('/:id/yulu', validate('param', IdParam), async (c) => {
    const s = await loadSeekerFor(c.var.deps, requireUser(c), c.req.valid('param').id)
    return c.json({ items: await listYuluOfSeeker(c.var.deps.db, s.id), nextCursor: null })
  })
  .get('/:id/subsidies', validate('param', IdParam), async (c) => {
    const auth = requireUser(c)
    const s = await loadSeekerFor(c.var.deps, auth, c.req.valid('param').id)
    if (!(isOfficer(auth) || s.userId === auth.userId)) throw forbidden()
    return c.json({ items: await listClaimsOfSubject(c.var.deps.db, s.id), nextCursor: null })
  })
