import { Hono } from 'hono'
import * as z from 'zod'
import { forbidden, inScope, listTownship, notFound } from '../../../shared/access.js'
import { eachLimit } from '../../../shared/each-limit.js'
import { DomainError } from '../../../shared/errors.js'
import { IdParam, TownshipCode } from '../../../shared/schemas/common.js'
import { BatchInput, ClaimInput, EligibilityQuery, Period, RejectClaimInput, ReverseClaimInput, SubsidyKind, type Claim } from '../../../shared/schemas/subsidies.js'
import { decide, type Decision } from '../../../shared/subsidies/eligibility.js'
import { appendAudit } from '../../db/audit.js'
import { approveClaim, createBatch, createClaim, getBatch, getClaim, markBatchPaid, payClaim, rejectClaim, reverseClaim, submitClaim } from '../../db/claims.js'
import type { Db } from '../../db/client.js'
import { getSeeker, listSeekersOfTownship } from '../../db/seekers.js'
import { getWorkshop, listWorkshopsOfTownship } from '../../db/workshops.js'
import { requireUser } from '../auth.js'
import type { Auth, Deps, Env } from '../context.js'
import { seekerFacts, workshopFacts } from '../../core/subsidy-facts.js'
import { validate } from '../validate.js'
import { policyFor } from './policies.js'
import { districtDate } from '../../../shared/district-date.js'

/** Kinds a seeker may claim for themselves; the rest are proposed by officers. */
const SELF_CLAIMABLE = new Set(['transport', 'training'])

interface Subject {
  type: 'seeker' | 'workshop'
  id: string
  name: string
  township: string
  idNumberMasked?: string
  userId?: string
}

async function loadSubject(deps: Deps, auth: Auth, input: { seekerId?: string; workshopId?: string }): Promise<{ subject: Subject; decideFor: (kind: z.infer<typeof SubsidyKind>, period: string) => Promise<Decision> }> {
  const today = districtDate(deps.now())
  const run = async (facts: Parameters<typeof decide>[2], kind: z.infer<typeof SubsidyKind>, period: string) => decide(kind, period, facts, await policyFor(deps.db, Number(period.slice(0, 4)), today), today)
  if (input.workshopId) {
    const w = await getWorkshop(deps.db, input.workshopId)
    if (!w || !inScope(auth, w.township)) throw notFound('workshop.notFound', '车间', 'Workshop')
    return { subject: { type: 'workshop', id: w.id, name: w.name, township: w.township }, decideFor: async (k, p) => run(await workshopFacts(deps.db, w), k, p) }
  }
  const s = await getSeeker(deps.db, input.seekerId!)
  const own = auth.role === 'seeker' && s?.userId === auth.userId
  if (!s || !(own || inScope(auth, s.township))) throw notFound('seeker.notFound', '求职者档案', 'Seeker file')
  return {
    subject: { type: 'seeker', id: s.id, name: s.name, township: s.township, idNumberMasked: s.idNumberMasked, ...(s.userId ? { userId: s.userId } : {}) },
    decideFor: async (k, p) => run(await seekerFacts(deps.db, s), k, p),
  }
}

async function newClaim(db: Db, deps: Deps, auth: Auth, subject: Subject, kind: Claim['kind'], period: string, decision: Decision, amountFen?: number): Promise<Claim> {
  if (!decision.eligible) {
    const failed = decision.rules.filter((r) => !r.pass)
    throw new DomainError('claim.notEligible', 'conflict', `不符合条件：${failed.map((r) => r.message).join('；')}`, `Not eligible: ${failed.map((r) => r.messageEn).join('; ')}`)
  }
  if (amountFen !== undefined && amountFen > decision.amountFen) {
    throw new DomainError('claim.aboveStandard', 'invalid', '金额不能高于政策标准', 'The amount cannot exceed the policy standard')
  }
  const policy = await policyFor(db, Number(period.slice(0, 4)), districtDate(deps.now()))
  return createClaim(
    db,
    {
      kind,
      period,
      year: Number(period.slice(0, 4)),
      subjectType: subject.type,
      subjectId: subject.id,
      subjectName: subject.name,
      ...(subject.idNumberMasked ? { idNumberMasked: subject.idNumberMasked } : {}),
      township: subject.township,
      amountFen: amountFen ?? decision.amountFen,
      makerId: auth.userId,
      rules: decision.rules,
      policyVersion: policy.version,
    },
    deps.now(),
  )
}

const audit = (deps: Deps, auth: Auth, claim: Claim, action: string, before?: string) =>
  appendAudit(deps.db, { objectType: 'claim', objectId: claim.id, action, actorId: auth.userId, actorRole: auth.role, ...(before ? { before: { status: before } } : {}), after: { status: claim.status, amountFen: claim.amountFen } }, deps.now())

async function loadClaim(deps: Deps, auth: Auth, id: string): Promise<Claim> {
  const claim = await getClaim(deps.db, id)
  if (!claim) throw notFound('claim.notFound', '补贴申请', 'Claim')
  if (inScope(auth, claim.township) || auth.role === 'auditor') return claim
  if (auth.role === 'seeker') {
    const s = await getSeeker(deps.db, claim.subjectId)
    if (s?.userId === auth.userId) return claim
  }
  throw notFound('claim.notFound', '补贴申请', 'Claim')
}

export const eligibility = new Hono<Env>().get('/', validate('query', EligibilityQuery), async (c) => {
  const auth = requireUser(c, 'officer', 'admin')
  const deps = c.var.deps
  const q = c.req.valid('query')
  const township = listTownship(auth, q.township)
  if (!township) throw new DomainError('eligibility.townshipRequired', 'invalid', '请选择乡镇', 'Choose a township')
  const today = districtDate(deps.now())
  const policy = await policyFor(deps.db, Number(q.period.slice(0, 4)), today)
  if (q.kind === 'workshopReward') {
    const page = await listWorkshopsOfTownship(deps.db, township, 'recognized', q.limit, q.cursor)
    const items = await Promise.all(page.items.map(async (w) => ({ subject: { type: 'workshop' as const, id: w.id, name: w.name, township: w.township }, decision: decide(q.kind, q.period, await workshopFacts(deps.db, w), policy, today) })))
    return c.json({ items, nextCursor: page.nextCursor })
  }
  // One page of the township's people; each decision reads that person's records (four small Queries).
  const page = await listSeekersOfTownship(deps.db, township, { limit: q.limit, ...(q.cursor ? { cursor: q.cursor } : {}) })
  const items = await Promise.all(
    page.items.map(async (s) => ({
      subject: { type: 'seeker' as const, id: s.id, name: s.name, township: s.township, village: s.village, idNumberMasked: s.idNumberMasked },
      decision: s.category === 'other' ? decide(q.kind, q.period, { seeker: { id: s.id, category: s.category }, placements: [], certificates: [], trainings: [], yulu: [] }, policy, today) : decide(q.kind, q.period, await seekerFacts(deps.db, s), policy, today),
    })),
  )
  return c.json({ items, nextCursor: page.nextCursor })
})

export const claims = new Hono<Env>()
  .post('/', validate('json', ClaimInput), async (c) => {
    const auth = requireUser(c, 'officer', 'admin', 'seeker')
    const deps = c.var.deps
    const input = c.req.valid('json')
    if (auth.role === 'seeker' && !SELF_CLAIMABLE.has(input.kind)) throw forbidden('该补贴由就业专员申报', 'An officer files this kind of claim')
    const { subject, decideFor } = await loadSubject(deps, auth, input)
    const claim = await newClaim(deps.db, deps, auth, subject, input.kind, input.period, await decideFor(input.kind, input.period), input.amountFen)
    await audit(deps, auth, claim, 'claim.create')
    return c.json(claim, 201)
  })
  .post('/propose', validate('json', z.object({ kind: SubsidyKind, period: Period, township: TownshipCode.optional() })), async (c) => {
    const auth = requireUser(c, 'officer', 'admin')
    const deps = c.var.deps
    const q = c.req.valid('json')
    const township = listTownship(auth, q.township)
    if (!township) throw new DomainError('claim.townshipRequired', 'invalid', '请选择乡镇', 'Choose a township')
    // Everyone eligible in the township gets a draft claim; existing claims are left alone.
    let created = 0
    let duplicates = 0
    let notEligible = 0
    let cursor: string | undefined
    do {
      const page = await listSeekersOfTownship(deps.db, township, { limit: 50, ...(cursor ? { cursor } : {}) })
      // Each person's records are read and decided independently: a few at a time keeps a township
      // within the request's time without throttling the table.
      await eachLimit(page.items, 8, async (s) => {
        if (s.category === 'other') {
          notEligible++
          return
        }
        const { subject, decideFor } = await loadSubject(deps, auth, { seekerId: s.id })
        const decision = await decideFor(q.kind, q.period)
        if (!decision.eligible) {
          notEligible++
          return
        }
        try {
          await audit(deps, auth, await newClaim(deps.db, deps, auth, subject, q.kind, q.period, decision), 'claim.create')
          created++
        } catch (e) {
          if (e instanceof DomainError && e.code === 'claim.duplicate') duplicates++
          else throw e
        }
      })
      cursor = page.nextCursor ?? undefined
    } while (cursor)
    return c.json({ created, duplicates, notEligible })
  })
  .get('/:id', validate('param', IdParam), async (c) => c.json(await loadClaim(c.var.deps, requireUser(c), c.req.valid('param').id)))
  .post('/:id/submit', validate('param', IdParam), async (c) => {
    const auth = requireUser(c, 'officer', 'admin', 'seeker')
    const claim = await loadClaim(c.var.deps, auth, c.req.valid('param').id)
    if (claim.makerId !== auth.userId) throw forbidden('只有经办人可以提交', 'Only the maker submits the claim')
    const next = await submitClaim(c.var.deps.db, claim, c.var.deps.now())
    await audit(c.var.deps, auth, next, 'claim.submit', claim.status)
    return c.json(next)
  })
  .post('/:id/approve', validate('param', IdParam), async (c) => {
    const auth = requireUser(c, 'officer', 'admin')
    const claim = await loadClaim(c.var.deps, auth, c.req.valid('param').id)
    const next = await approveClaim(c.var.deps.db, claim, auth.userId, c.var.deps.now())
    await audit(c.var.deps, auth, next, 'claim.approve', claim.status)
    return c.json(next)
  })
  .post('/:id/reject', validate('param', IdParam), validate('json', RejectClaimInput), async (c) => {
    const auth = requireUser(c, 'officer', 'admin')
    const claim = await loadClaim(c.var.deps, auth, c.req.valid('param').id)
    const next = await rejectClaim(c.var.deps.db, claim, auth.userId, c.req.valid('json').reason, c.var.deps.now())
    await audit(c.var.deps, auth, next, 'claim.reject', claim.status)
    return c.json(next)
  })
  .post('/:id/reverse', validate('param', IdParam), validate('json', ReverseClaimInput), async (c) => {
    const auth = requireUser(c, 'officer', 'admin')
    const claim = await loadClaim(c.var.deps, auth, c.req.valid('param').id)
    const reversal = await reverseClaim(c.var.deps.db, claim, auth.userId, c.req.valid('json').reason, c.var.deps.now())
    await audit(c.var.deps, auth, reversal, 'claim.reverse', claim.status)
    return c.json(reversal, 201)
  })

export const paymentBatches = new Hono<Env>()
  .post('/', validate('json', BatchInput), async (c) => {
    const auth = requireUser(c, 'officer', 'admin')
    const deps = c.var.deps
    const ids = [...new Set(c.req.valid('json').claimIds)]
    const list = await Promise.all(ids.map((id) => loadClaim(deps, auth, id)))
    const years = new Set(list.map((x) => x.year))
    if (years.size !== 1) throw new DomainError('batch.mixedYears', 'invalid', '一个批次只能包含同一年度的申请', 'A batch holds claims of one year')
    const year = list[0]!.year
    const policy = await policyFor(deps.db, year, districtDate(deps.now()))
    const batch = await createBatch(deps.db, list, auth.userId, policy.noticeDays, year, deps.now())
    await appendAudit(deps.db, { objectType: 'batch', objectId: batch.id, action: 'batch.notice', actorId: auth.userId, actorRole: auth.role, after: { count: batch.count, totalFen: batch.totalFen, noticeUntil: batch.noticeUntil } }, deps.now())
    return c.json(batch, 201)
  })
  .get('/:id', validate('param', IdParam), async (c) => {
    requireUser(c, 'officer', 'admin', 'auditor')
    const b = await getBatch(c.var.deps.db, c.req.valid('param').id)
    if (!b) throw notFound('batch.notFound', '支付批次', 'Payment batch')
    return c.json(b)
  })
  .post('/:id/pay', validate('param', IdParam), async (c) => {
    const auth = requireUser(c, 'officer', 'admin')
    const deps = c.var.deps
    const b = await getBatch(deps.db, c.req.valid('param').id)
    if (!b) throw notFound('batch.notFound', '支付批次', 'Payment batch')
    if (deps.now().toISOString() < b.noticeUntil) {
      throw new DomainError('batch.onNotice', 'conflict', `公示期至 ${b.noticeUntil.slice(0, 10)}，期满后方可支付`, `On public notice until ${b.noticeUntil.slice(0, 10)}; pay after that`)
    }
    // Each claim is paid in its own transaction (a few at a time); a retry pays only what is not paid yet.
    let paid = 0
    await eachLimit(b.claimIds, 8, async (id) => {
      const claim = await getClaim(deps.db, id)
      if (claim && claim.status === 'noticed' && (await payClaim(deps.db, claim, deps.now()))) {
        paid++
        await audit(deps, auth, { ...claim, status: 'paid' }, 'claim.pay', 'noticed')
      }
    })
    const done = await markBatchPaid(deps.db, b, auth.userId, deps.now())
    return c.json({ batch: done, paidNow: paid })
  })

