/**
 * 补贴 subsidies: eligibility, maker → checker claims, public-notice batches and payment. Who may
 * act is decided where each claim or batch is loaded; every step is audited in its own transaction.
 */
import type * as z from 'zod'
import { eachLimit } from '../../shared/each-limit.js'
import { DomainError } from '../../shared/errors.js'
import { daysAfter, districtDate, noticeDaysOf, noticePeriod } from '../../shared/dates.js'
import type { Page } from '../../shared/schemas/common.js'
import { TODO_DAYS } from '../../shared/schemas/todo.js'
import type { NoticeWindow } from '../db/todo.js'
import type { BatchNoticeQuery, Claim, ClaimDetail, ClaimFacts, ClaimRow, EligibilityFilter, EligibilityQuery, EligibilityTotals, PaymentBatch, Policy, SubsidyKind } from '../../shared/schemas/subsidies.js'
import { claimFactsOf } from '../../shared/subsidies/claim-facts.js'
import { decide, type Decision, type Facts } from '../../shared/subsidies/eligibility.js'
import type { AuditDraft } from '../db/audit.js'
import { approveClaim, batchesOnNoticePage, createBatch, createClaim, getBatch, getClaim, markBatchPaid, payClaim, rejectClaim, reverseClaim, submitClaim } from '../db/claims.js'
import { retryConflicts } from '../db/errors.js'
import { getSeeker, listSeekersOfTownshipMarked } from '../db/seekers.js'
import { getWorkshop, listWorkshopsOfTownshipMarked } from '../db/workshops.js'
import { allow, by, forbidden, inScope, listTownship, listTownships, notFound, requireTownship } from './access.js'
import type { Actor, Deps } from './deps.js'
import { policyFor } from './policies.js'
import { names, refOf } from './people.js'
import { decisionFactsOf, decisionFactsOfWorkshop } from './record-checks.js'
import { seekerFacts, workshopFacts } from './subsidy-facts.js'

type Kind = z.infer<typeof SubsidyKind>

/** Kinds a seeker may claim for themselves; the rest are proposed by officers. */
const SELF_CLAIMABLE = new Set<Kind>(['transport', 'training'])

interface Subject {
  type: 'seeker' | 'workshop'
  id: string
  name: string
  township: string
  village?: string
  idNumberMasked?: string
}

const yearOf = (period: string) => Number(period.slice(0, 4))
const today = (deps: Deps) => districtDate(deps.now())
const noFacts = (id: string, category: 'other'): Facts => ({ seeker: { id, category }, placements: [], certificates: [], trainings: [], yulu: [] })

async function decideOn(deps: Deps, kind: Kind, period: string, facts: Facts): Promise<Decision> {
  return decide(kind, period, facts, await policyFor(deps.db, yearOf(period), today(deps)), today(deps))
}

/** The person or workshop a claim is about, loaded with its access rule (the seeker themself, or an officer in scope). */
async function loadSubject(deps: Deps, actor: Actor, input: { seekerId?: string; workshopId?: string }): Promise<{ subject: Subject; facts: () => Promise<Facts> }> {
  if (input.workshopId) {
    const w = await getWorkshop(deps.db, input.workshopId)
    if (!w || !inScope(actor, w.township)) throw notFound('workshop')
    return { subject: { type: 'workshop', id: w.id, name: w.name, township: w.township }, facts: () => decisionFactsOfWorkshop(deps, w) }
  }
  const s = input.seekerId ? await getSeeker(deps.db, input.seekerId) : undefined
  const own = s && actor.role === 'seeker' && s.userId === actor.userId
  if (!s || !(own || inScope(actor, s.township))) throw notFound('seeker')
  return {
    subject: { type: 'seeker', id: s.id, name: s.name, township: s.township, village: s.village, idNumberMasked: s.idNumberMasked },
    facts: () => (s.category === 'other' ? Promise.resolve(noFacts(s.id, 'other')) : decisionFactsOf(deps, s)),
  }
}

const claimAudit = (actor: Actor, claim: Claim, action: string, before?: string): AuditDraft => ({
  objectType: 'claim',
  objectId: claim.id,
  action,
  ...by(actor),
  ...(before ? { before: { status: before } } : {}),
  after: { status: claim.status, amountFen: claim.amountFen },
  // A person's claim is on their timeline; a workshop's reward is not a person's.
  ...(claim.subjectType === 'seeker' ? { history: { seekerId: claim.subjectId, type: 'claim' as const, title: claim.period, kind: claim.kind, status: claim.status, amountFen: claim.amountFen, ...(claim.status === 'rejected' && claim.rejectReason ? { reason: claim.rejectReason } : {}) } } : {}),
})

async function newClaim(deps: Deps, actor: Actor, subject: Subject, kind: Kind, period: string, decision: Decision, amountFen?: number): Promise<Claim> {
  if (!decision.eligible) {
    const failed = decision.rules.filter((r) => !r.pass)
    throw new DomainError('claim.notEligible', 'conflict', `不符合条件：${failed.map((r) => r.message).join('；')}`, `Not eligible: ${failed.map((r) => r.messageEn).join('; ')}`)
  }
  if (amountFen !== undefined && amountFen > decision.amountFen) {
    throw new DomainError('claim.aboveStandard', 'invalid', '金额不能高于政策标准', 'The amount cannot exceed the policy standard')
  }
  const policy = await policyFor(deps.db, yearOf(period), today(deps))
  const fields = {
    kind,
    period,
    year: yearOf(period),
    subjectType: subject.type,
    subjectId: subject.id,
    subjectName: subject.name,
    ...(subject.idNumberMasked ? { idNumberMasked: subject.idNumberMasked } : {}),
    township: subject.township,
    amountFen: amountFen ?? decision.amountFen,
    makerId: actor.userId,
    rules: decision.rules,
    policyVersion: policy.version,
  }
  return createClaim(deps.db, fields, deps.now(), (claim) => claimAudit(actor, claim, 'claim.create'))
}

/** A claim is seen by officers in scope, the auditor, and the seeker it is about; to anyone else it does not exist. */
export async function fromId(deps: Deps, actor: Actor, id: string): Promise<Claim> {
  allow(actor, 'seeker', 'officer', 'admin', 'auditor')
  const claim = await getClaim(deps.db, id)
  if (claim && (inScope(actor, claim.township) || actor.role === 'auditor')) return claim
  if (claim && actor.role === 'seeker' && claim.subjectType === 'seeker' && (await getSeeker(deps.db, claim.subjectId))?.userId === actor.userId) return claim
  throw notFound('claim')
}

/** Claims with their makers' and checkers' names and roles: one batch read of the page's distinct users. */
export async function withPeople(deps: Deps, claims: readonly Claim[]): Promise<ClaimRow[]> {
  const found = await names(deps, claims.flatMap((c) => [c.makerId, c.checkerId]))
  return claims.map((c) => {
    const maker = refOf(found, c.makerId)
    const checker = refOf(found, c.checkerId)
    return { ...c, ...(maker ? { maker } : {}), ...(checker ? { checker } : {}) }
  })
}

/**
 * A claim as its checker reads it: who made it (name and role) and the facts it rests on, read
 * from the records on file now (the placement, the certificate and who verified it, the Yulu term).
 */
export async function detail(deps: Deps, actor: Actor, id: string): Promise<ClaimDetail> {
  const claim = await fromId(deps, actor, id)
  const facts = await factsOfClaim(deps, claim)
  const found = await names(deps, [claim.makerId, claim.checkerId, ...facts.certificates.map((c) => c.verifiedBy)])
  const maker = refOf(found, claim.makerId)
  const checker = refOf(found, claim.checkerId)
  return {
    ...claim,
    ...(maker ? { maker } : {}),
    ...(checker ? { checker } : {}),
    facts: {
      ...facts,
      certificates: facts.certificates.map((c) => {
        const verifier = refOf(found, c.verifiedBy)
        return { id: c.id, kind: c.kind, ...(c.level ? { level: c.level } : {}), occupation: c.occupation, issuer: c.issuer, issueDate: c.issueDate, ...(c.verifiedAt ? { verifiedAt: c.verifiedAt } : {}), ...(verifier ? { verifier } : {}) }
      }),
    },
  }
}

async function factsOfClaim(deps: Deps, claim: Claim): Promise<ReturnType<typeof claimFactsOf>> {
  if (claim.subjectType === 'workshop') {
    const w = await getWorkshop(deps.db, claim.subjectId)
    return claimFactsOf(claim.kind, claim.period, w ? await workshopFacts(deps.db, w) : noFacts(claim.subjectId, 'other'))
  }
  const s = await getSeeker(deps.db, claim.subjectId)
  return claimFactsOf(claim.kind, claim.period, s ? await seekerFacts(deps.db, s) : noFacts(claim.subjectId, 'other'))
}

/** Acting on a claim (approve, reject, reverse, batch) takes an officer whose scope holds it. */
async function toManage(deps: Deps, actor: Actor, id: string): Promise<Claim> {
  allow(actor, 'officer', 'admin')
  return fromId(deps, actor, id)
}

/** One candidate of the eligibility view, decided: who, the decision, and the cursor right after them. */
interface Decided {
  row: { subject: Subject; decision: Decision }
  after: string
}

/** Reads of 50 candidates one request makes at most while filling a page of those who qualify. */
const ELIGIBLE_READS = 4
const CANDIDATES_A_READ = 50

/** A page of a township's candidates (people, or recognized workshops for a workshop reward), each decided. */
async function decidedPage(deps: Deps, township: string, f: EligibilityFilter, policy: Policy, page: { limit: number; cursor?: string }): Promise<{ items: Decided[]; nextCursor: string | null }> {
  const day = today(deps)
  if (f.kind === 'workshopReward') {
    const p = await listWorkshopsOfTownshipMarked(deps.db, township, 'recognized', page)
    const items = await Promise.all(
      p.items.map(async ({ item: w, after }) => ({ after, row: { subject: { type: 'workshop' as const, id: w.id, name: w.name, township: w.township }, decision: decide(f.kind, f.period, await decisionFactsOfWorkshop(deps, w), policy, day) } })),
    )
    return { items, nextCursor: p.nextCursor }
  }
  // Each decision reads that person's records (four small Queries).
  const p = await listSeekersOfTownshipMarked(deps.db, township, page)
  const items = await Promise.all(
    p.items.map(async ({ item: s, after }) => ({
      after,
      row: {
        subject: { type: 'seeker' as const, id: s.id, name: s.name, township: s.township, village: s.village, idNumberMasked: s.idNumberMasked },
        decision: decide(f.kind, f.period, s.category === 'other' ? noFacts(s.id, 'other') : await decisionFactsOf(deps, s), policy, day),
      },
    })),
  )
  return { items, nextCursor: p.nextCursor }
}

/**
 * A page of the township's eligibility. By default only those who qualify: candidates are read
 * and decided 50 at a time until the page is full, the township ends, or `ELIGIBLE_READS` reads
 * were made (a page may then be short, and its cursor says more remain). `all=true` lists everyone
 * a page at a time, each with the rules they fail. Totals are `eligibilityTotals`.
 */
export async function eligibility(deps: Deps, actor: Actor, q: EligibilityQuery) {
  allow(actor, 'officer', 'admin')
  // Per township: "only those who qualify" pages by the township's own candidate cursor.
  const township = requireTownship(listTownship(actor, q.township), 'eligibility')
  const policy = await policyFor(deps.db, yearOf(q.period), today(deps))
  if (q.all === 'true') {
    const page = await decidedPage(deps, township, q, policy, { limit: q.limit, ...(q.cursor ? { cursor: q.cursor } : {}) })
    return { items: page.items.map((d) => d.row), nextCursor: page.nextCursor }
  }
  const items: Decided['row'][] = []
  let cursor = q.cursor
  for (let reads = 0; reads < ELIGIBLE_READS; reads++) {
    const page = await decidedPage(deps, township, q, policy, { limit: CANDIDATES_A_READ, ...(cursor ? { cursor } : {}) })
    for (const [i, d] of page.items.entries()) {
      if (!d.row.decision.eligible) continue
      items.push(d.row)
      // Full: go on right after this one (nothing more when it was the township's last).
      if (items.length === q.limit) return { items, nextCursor: i === page.items.length - 1 && !page.nextCursor ? null : d.after }
    }
    if (!page.nextCursor) return { items, nextCursor: null }
    cursor = page.nextCursor
  }
  return { items, nextCursor: cursor ?? null }
}

/**
 * The township's figures for one kind and period: how many qualify, of how many candidates, and
 * the sum of their standard amounts. No count can be kept for this (a decision depends on the day,
 * the policy and every record), so this is one paged walk over the township's candidates, as
 * `propose` makes; the portal asks for it once per filter, beside the first page.
 */
export async function eligibilityTotals(deps: Deps, actor: Actor, f: EligibilityFilter): Promise<EligibilityTotals> {
  allow(actor, 'officer', 'admin')
  const township = requireTownship(listTownship(actor, f.township), 'eligibility')
  const policy = await policyFor(deps.db, yearOf(f.period), today(deps))
  const totals = { eligible: 0, everyone: 0, eligibleFen: 0 }
  let cursor: string | undefined
  do {
    const page = await decidedPage(deps, township, f, policy, { limit: CANDIDATES_A_READ, ...(cursor ? { cursor } : {}) })
    for (const { row } of page.items) {
      totals.everyone++
      if (row.decision.eligible) {
        totals.eligible++
        totals.eligibleFen += row.decision.amountFen
      }
    }
    cursor = page.nextCursor ?? undefined
  } while (cursor)
  return totals
}

export async function create(deps: Deps, actor: Actor, input: { kind: Kind; period: string; seekerId?: string; workshopId?: string; amountFen?: number }): Promise<Claim> {
  allow(actor, 'officer', 'admin', 'seeker')
  if (actor.role === 'seeker' && !SELF_CLAIMABLE.has(input.kind)) throw forbidden('该补贴由就业专员申报', 'An officer files this kind of claim')
  if (actor.role === 'seeker' && input.workshopId) throw notFound('workshop')
  const { subject, facts } = await loadSubject(deps, actor, input)
  return newClaim(deps, actor, subject, input.kind, input.period, await decideOn(deps, input.kind, input.period, await facts()), input.amountFen)
}

/**
 * Everyone eligible in the township gets a draft claim (for a workshop reward: every recognized
 * workshop that qualifies); existing claims are left alone.
 */
export async function propose(deps: Deps, actor: Actor, q: { kind: Kind; period: string; township?: string }) {
  allow(actor, 'officer', 'admin')
  const township = requireTownship(listTownship(actor, q.township), 'claim')
  const policy = await policyFor(deps.db, yearOf(q.period), today(deps))
  let created = 0
  let duplicates = 0
  let notEligible = 0
  let cursor: string | undefined
  do {
    const page = await decidedPage(deps, township, q, policy, { limit: CANDIDATES_A_READ, ...(cursor ? { cursor } : {}) })
    // A few claims at a time keeps a township within the request's time without throttling the table.
    await eachLimit(page.items, 8, async ({ row: { subject, decision } }) => {
      if (!decision.eligible) {
        notEligible++
        return
      }
      try {
        await newClaim(deps, actor, subject, q.kind, q.period, decision)
        created++
      } catch (e) {
        if (e instanceof DomainError && e.code === 'claim.duplicate') duplicates++
        else throw e
      }
    })
    cursor = page.nextCursor ?? undefined
  } while (cursor)
  return { created, duplicates, notEligible }
}

export async function submit(deps: Deps, actor: Actor, id: string): Promise<Claim> {
  allow(actor, 'officer', 'admin', 'seeker')
  const claim = await fromId(deps, actor, id)
  if (claim.makerId !== actor.userId) throw forbidden('只有经办人可以提交', 'Only the maker submits the claim')
  return submitClaim(deps.db, claim, deps.now(), claimAudit(actor, { ...claim, status: 'submitted' }, 'claim.submit', claim.status))
}

export async function approve(deps: Deps, actor: Actor, id: string): Promise<Claim> {
  const claim = await toManage(deps, actor, id)
  return approveClaim(deps.db, claim, actor.userId, deps.now(), claimAudit(actor, { ...claim, status: 'approved' }, 'claim.approve', claim.status))
}

export async function reject(deps: Deps, actor: Actor, id: string, reason: string): Promise<Claim> {
  const claim = await toManage(deps, actor, id)
  return rejectClaim(deps.db, claim, actor.userId, reason, deps.now(), claimAudit(actor, { ...claim, status: 'rejected', rejectReason: reason }, 'claim.reject', claim.status))
}

export async function reverse(deps: Deps, actor: Actor, id: string, reason: string): Promise<Claim> {
  const claim = await toManage(deps, actor, id)
  return reverseClaim(deps.db, claim, actor.userId, reason, deps.now(), (reversal) => claimAudit(actor, reversal, 'claim.reverse', claim.status))
}

/**
 * Who may see and pay a batch: the auditor (read only), admins and district officers, and a
 * township officer only when every claim in it is of their township.
 */
export const batchInScope = (actor: Actor, b: PaymentBatch): boolean => {
  if (actor.role === 'auditor' || actor.role === 'admin') return true
  if (actor.role !== 'officer') return false
  const townships = b.townships ?? []
  return townships.length > 0 && townships.every((t) => inScope(actor, t))
}

export async function batchFromId(deps: Deps, actor: Actor, id: string): Promise<PaymentBatch> {
  allow(actor, 'officer', 'admin', 'auditor')
  const b = await getBatch(deps.db, id)
  if (!b || !batchInScope(actor, b)) throw notFound('batch')
  return b
}

/**
 * 公示 batches on notice whose notice has ended (ready to pay) or ends within TODO_DAYS.noticeEnding
 * days, soonest first: the to-do list's targets. A township officer's are those all of whose claims
 * are their township's (`batchInScope`), as for a township a district officer names.
 */
export async function batchesOnNotice(deps: Deps, actor: Actor, q: BatchNoticeQuery): Promise<Page<PaymentBatch>> {
  allow(actor, 'officer', 'admin')
  const now = deps.now()
  const w: NoticeWindow = q.state === 'ready' ? { state: 'ready', now: now.toISOString() } : { state: 'ending', now: now.toISOString(), until: daysAfter(now, TODO_DAYS.noticeEnding) }
  return batchesOnNoticePage(deps.db, w, listTownship(actor, q.township), { limit: q.limit, ...(q.cursor ? { cursor: q.cursor } : {}) })
}

/** The claims of a batch in scope (its notice list). */
export async function batchClaims(deps: Deps, actor: Actor, id: string): Promise<{ batch: PaymentBatch; claims: Claim[] }> {
  const batch = await batchFromId(deps, actor, id)
  const claims = (await Promise.all(batch.claimIds.map((cid) => getClaim(deps.db, cid)))).filter((x): x is Claim => Boolean(x))
  return { batch, claims }
}

/** Approved claims of one year go on public notice (公示) together, for the policy's notice days. */
export async function createNoticeBatch(deps: Deps, actor: Actor, claimIds: string[]): Promise<PaymentBatch> {
  allow(actor, 'officer', 'admin')
  const list = await Promise.all([...new Set(claimIds)].map((id) => toManage(deps, actor, id)))
  const years = new Set(list.map((x) => x.year))
  if (years.size !== 1) throw new DomainError('batch.mixedYears', 'invalid', '一个批次只能包含同一年度的申请', 'A batch holds claims of one year')
  const year = list[0]!.year
  const policy = await policyFor(deps.db, year, today(deps))
  const now = deps.now()
  // From the batch's district day through the end of its last day, Beijing time.
  const notice = noticePeriod(districtDate(now), policy.noticeDays)
  return createBatch(deps.db, list, actor.userId, notice, year, now, (b) => ({
    objectType: 'batch',
    objectId: b.id,
    action: 'batch.notice',
    ...by(actor),
    after: { count: b.count, totalFen: b.totalFen, noticeFromDay: notice.fromDay, noticeLastDay: notice.lastDay, noticeUntil: b.noticeUntil },
  }))
}

/**
 * Pays a batch whose notice has ended. Each claim is paid in its own transaction (with its audit),
 * a few at a time; a retry or a concurrent pay pays only what is not paid yet.
 */
export async function payBatch(deps: Deps, actor: Actor, id: string): Promise<{ batch: PaymentBatch; paidNow: number }> {
  allow(actor, 'officer', 'admin')
  const b = await batchFromId(deps, actor, id)
  if (deps.now().getTime() < Date.parse(b.noticeUntil)) {
    const { fromDay, lastDay } = noticeDaysOf(b)
    throw new DomainError('batch.onNotice', 'conflict', `公示期 ${fromDay} 至 ${lastDay}，期满后方可支付`, `On public notice ${fromDay} to ${lastDay}; pay after that`)
  }
  let paid = 0
  await eachLimit(b.claimIds, 8, async (cid) => {
    const claim = await getClaim(deps.db, cid)
    if (!claim || claim.status !== 'noticed') return
    const audit = claimAudit(actor, { ...claim, status: 'paid' }, 'claim.pay', 'noticed')
    if (await retryConflicts(() => payClaim(deps.db, claim, deps.now(), audit))) paid++
  })
  const batch = await markBatchPaid(deps.db, b, actor.userId, deps.now(), { objectType: 'batch', objectId: b.id, action: 'batch.pay', ...by(actor), before: { status: b.status }, after: { status: 'paid' } })
  return { batch, paidNow: paid }
}
