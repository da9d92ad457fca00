import { GetCommand } from '@aws-sdk/lib-dynamodb'
import { DomainError } from '../../shared/errors.js'
import { ageOn, districtDate } from '../../shared/dates.js'
import { applicationId, type Application, type ApplicationStatus, type Placement } from '../../shared/schemas/applications.js'
import type { Page } from '../../shared/schemas/common.js'
import type { Post } from '../../shared/schemas/posts.js'
import type { Seeker } from '../../shared/schemas/seekers.js'
import type { Db } from './client.js'
import { isTransactionConflict, orConflict, retryConflicts } from './errors.js'
import { newId } from './ids.js'
import { appliedWrite, placedWrite } from './seeker-activity.js'
import { APPLICATION_PREFIX, applicationIndexKeys, applicationKey, applicationsOfSeeker, placementIndexKeys, placementKey, postKey, stripKeys, workshopKey } from './keys.js'
import { auditPut, type AuditDraft } from './audit.js'
import { transact, type TxItem } from './tx.js'
import { activeJobRefusal, activeJobWrites } from './active-jobs.js'
import { queryPage } from './query.js'
import { syncFilledStatus } from './posts.js'
import { countWrites, failedConditions, withTable } from './targets.js'
import { placementBoardWrites, type PlacedPerson } from './board.js'

const ACTIVE: ApplicationStatus[] = ['applied', 'shortlisted', 'hired']


/** The applicant as the post's side sees them: masked, no sealed data. */
export const applicantView = (s: Seeker, today: string): Application['applicant'] => ({
  seekerId: s.id,
  name: s.name,
  idNumberMasked: s.idNumberMasked,
  ...(s.phoneMasked ? { phoneMasked: s.phoneMasked } : {}),
  gender: s.gender,
  age: ageOn(s.birthDate, today),
  category: s.category,
  township: s.township,
  village: s.village,
  ...(s.villageName ? { villageName: s.villageName } : {}),
  laborCapacity: s.laborCapacity,
  skills: s.skills,
  groups: s.groups,
})

const appIndexKeys = applicationIndexKeys

export async function getApplication(db: Db, postId: string, seekerId: string): Promise<Application | undefined> {
  const r = await db.doc.send(new GetCommand({ TableName: db.table, Key: applicationKey(postId, seekerId), ConsistentRead: true }))
  return r.Item ? stripKeys<Application>(r.Item) : undefined
}

/**
 * Applies to an open post. One application per person and post: the put is conditional, and a
 * repeat of an active application answers that same application (so a retried tap is harmless).
 * A withdrawn application can be made again.
 */
export async function apply(db: Db, post: Post, seeker: Seeker, note: string | undefined, now: Date, audit: AuditDraft): Promise<{ application: Application; created: boolean }> {
  const at = now.toISOString()
  const a: Application = {
    id: applicationId(post.id, seeker.id),
    postId: post.id,
    postTitle: post.title,
    postKind: post.kind,
    ...(post.workshopId ? { workshopId: post.workshopId } : {}),
    ...(post.workshopName ? { workshopName: post.workshopName } : {}),
    township: post.township,
    seekerId: seeker.id,
    status: 'applied',
    ...(note ? { note } : {}),
    applicant: applicantView(seeker, districtDate(now)),
    createdAt: at,
    updatedAt: at,
  }
  try {
    await retryConflicts(() =>
      transact(db, [
          { ConditionCheck: { TableName: db.table, Key: postKey(post.id), ConditionExpression: '#s = :open', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':open': 'open' } } },
          {
            Put: {
              TableName: db.table,
              Item: { ...applicationKey(post.id, seeker.id), entity: 'application', ...appIndexKeys(a), ...a },
              ConditionExpression: 'attribute_not_exists(PK) OR #s = :withdrawn',
              ExpressionAttributeNames: { '#s': 'status' },
              ExpressionAttributeValues: { ':withdrawn': 'withdrawn' },
            },
          },
          auditPut(db, audit, now),
          // Last: the failure analysis below reads the positions above.
          appliedWrite(db, seeker.id, now),
        ]),
    )
    return { application: a, created: true }
  } catch (e) {
    if (!isTransactionConflict(e)) throw e
    const reasons = (e as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? []
    if (reasons[0]?.Code === 'ConditionalCheckFailed') throw new DomainError('post.notOpen', 'conflict', '该岗位当前不接受申请', 'This post is not taking applications')
    const existing = await getApplication(db, post.id, seeker.id)
    if (existing && ACTIVE.includes(existing.status)) return { application: existing, created: false }
    throw new DomainError('application.closed', 'conflict', '该申请已结束，不能重复申请', 'This application has been decided; it cannot be made again', { cause: e })
  }
}

/** Moves an application between statuses; only from the listed ones, decided by the database. */
export async function setApplicationStatus(db: Db, postId: string, seekerId: string, from: ApplicationStatus[], to: ApplicationStatus, extra: { reason?: string }, now: Date, audit: AuditDraft): Promise<Application> {
  const values: Record<string, unknown> = { ':to': to, ':at': now.toISOString() }
  from.forEach((s, i) => (values[`:f${i}`] = s))
  if (extra.reason) values[':reason'] = extra.reason
  await orConflict(
    () =>
      transact(db, [
        {
          Update: {
            TableName: db.table,
            Key: applicationKey(postId, seekerId),
            UpdateExpression: `SET #s = :to, updatedAt = :at${extra.reason ? ', reason = :reason' : ''}`,
            ConditionExpression: `attribute_exists(PK) AND #s IN (${from.map((_, i) => `:f${i}`).join(', ')})`,
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: values,
          },
        },
        auditPut(db, audit, now),
      ]),
    () => new DomainError('application.badTransition', 'conflict', `申请当前状态不能改为 ${to}`, `The application cannot become ${to} from its current status`),
  )
  const next = await getApplication(db, postId, seekerId)
  if (!next) throw new DomainError('application.notFound', 'notFound', '申请不存在', 'Application not found')
  return next
}

const toApplication = (i: Record<string, unknown>) => stripKeys<Application>(i)

/** A post's applications (its own partition), optionally one status. */
export const listApplicationsOfPost = (db: Db, postId: string, status?: ApplicationStatus, limit = 50, cursor?: string): Promise<Page<Application>> =>
  queryPage(
    db,
    { pk: postKey(postId).PK, skPrefix: APPLICATION_PREFIX, oldestFirst: true, ...(status ? { filter: { expression: '#s = :s', names: { '#s': 'status' }, values: { ':s': status } } } : {}) },
    { limit, cursor },
    toApplication,
  )

export const listApplicationsOfSeeker = (db: Db, seekerId: string, limit = 50, cursor?: string): Promise<Page<Application>> =>
  queryPage(db, { index: 'GSI1', pk: applicationsOfSeeker(seekerId) }, { limit, cursor }, toApplication)

/** Alleviated and monitored people count toward a workshop's recognition and reward. */
const countsForWorkshop = (a: Application) => a.applicant.category === 'alleviated' || a.applicant.category === 'monitored'

/**
 * Hires: one transaction takes a place on the post (`filled < headcount`), marks the application
 * hired, and writes the placement. Fifty hires at once on five places make exactly five placements.
 */
/**
 * Hires in one transaction: the post's place (never beyond the headcount), the application, the
 * placement, the workshop's counter and — for an alleviated or monitored person's first placement
 * of the year — the 务工就业 target count, so none of them can happen without the others.
 */
export async function hire(db: Db, app: Application, post: Post, startDate: string, by: string, now: Date, audit: (p: Placement) => AuditDraft, person?: PlacedPerson, follow: (p: Placement) => TxItem[] = () => []): Promise<{ application: Application; placement: Placement }> {
  const at = now.toISOString()
  const placement: Placement = {
    id: newId(),
    seekerId: app.seekerId,
    seekerName: app.applicant.name,
    postId: post.id,
    applicationId: app.id,
    title: post.title,
    kind: post.kind,
    ...(post.workshopId ? { workshopId: post.workshopId } : {}),
    ...(post.workshopName ? { employer: post.workshopName } : {}),
    township: post.township,
    seekerTownship: app.applicant.township,
    startDate,
    status: 'active',
    source: 'platform',
    createdBy: by,
    createdAt: at,
  }
  const counted = Boolean(post.workshopId) && countsForWorkshop(app)
  const targetYear = Number(startDate.slice(0, 4))
  // Only alleviated and monitored people count toward the target, and only once at work: a hire
  // that starts later (待上岗) is counted on its start day by the daily clock (countStartedPlacements).
  const counts = app.applicant.category !== 'other'
  const startsLater = startDate > districtDate(now)
  // The targets board's counts (functions/db/board.ts), after every write whose position is read below.
  const board = person ? await placementBoardWrites(db, placement, person, now) : { writes: [], attrs: {} }
  const send = (countTarget: boolean) =>
    retryConflicts(() =>
      transact(db, [
          {
            Update: {
              TableName: db.table,
              Key: postKey(post.id),
              UpdateExpression: 'ADD filled :one',
              ConditionExpression: 'filled < headcount AND #s IN (:open, :paused)',
              ExpressionAttributeNames: { '#s': 'status' },
              ExpressionAttributeValues: { ':one': 1, ':open': 'open', ':paused': 'paused' },
            },
          },
          {
            Update: {
              TableName: db.table,
              Key: applicationKey(app.postId, app.seekerId),
              UpdateExpression: 'SET #s = :hired, updatedAt = :at, placementId = :pid',
              ConditionExpression: '#s IN (:applied, :shortlisted)',
              ExpressionAttributeNames: { '#s': 'status' },
              ExpressionAttributeValues: { ':hired': 'hired', ':at': at, ':pid': placement.id, ':applied': 'applied', ':shortlisted': 'shortlisted' },
            },
          },
          { Put: { TableName: db.table, Item: { ...placementKey(placement.id), entity: 'placement', ...placementIndexKeys(placement), ...placement, countedForWorkshop: counted, ...board.attrs, ...(counts && startsLater ? { targetPending: true } : {}) }, ConditionExpression: 'attribute_not_exists(PK)' } },
          ...(counted
            ? [{ Update: { TableName: db.table, Key: workshopKey(post.workshopId!), UpdateExpression: 'ADD alleviatedEmployed :one', ExpressionAttributeValues: { ':one': 1 } } }]
            : []),
          ...(countTarget ? countWrites('employed', app.seekerId, app.applicant.township, targetYear, now, { name: app.applicant.name, month: startDate.slice(5, 7), category: app.applicant.category }).map((w) => withTable(db, w)) : []),
          // One active placement of its slot per person (after the count, whose marker's position the retry below reads).
          ...activeJobWrites(db, placement),
          // Last, so the positions of the writes above stay what the failure analysis below expects.
          auditPut(db, audit(placement), now),
          ...board.writes,
          placedWrite(db, app.seekerId, now),
          // What follows the placement (its checks at 1, 3 and 6 months on the due list), last.
          ...follow(placement),
        ]),
    )
  const slotAt = (countTarget: boolean) => 3 + (counted ? 1 : 0) + (countTarget ? 2 : 0)
  let sentWithCount = false
  const countTarget = counts && !startsLater
  try {
    try {
      sentWithCount = countTarget
      await send(countTarget)
    } catch (e) {
      const failed = failedConditions(e)
      // Only the year's marker failed: the person already counts this year; hire without counting again.
      if (!countTarget || failed.length !== 1 || failed[0] !== (counted ? 4 : 3)) throw e
      sentWithCount = false
      await send(false)
    }
  } catch (e) {
    if (!isTransactionConflict(e)) throw e
    const reasons = (e as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? []
    if (reasons[0]?.Code === 'ConditionalCheckFailed') throw new DomainError('post.full', 'conflict', '岗位已满或已停止招聘', 'The post is full or no longer hiring', { cause: e })
    if (reasons[1]?.Code === 'ConditionalCheckFailed') throw new DomainError('application.badTransition', 'conflict', '该申请已处理', 'The application has already been decided', { cause: e })
    const held = await activeJobRefusal(db, e, placement, slotAt(sentWithCount))
    if (held) throw held
    throw new DomainError('hire.conflict', 'conflict', '录用冲突，请重试', 'The hire collided with another change; try again', { cause: e })
  }
  await syncFilledStatus(db, post.id)
  return { application: { ...app, status: 'hired', updatedAt: at, placementId: placement.id }, placement }
}

/** An officer records a placement made outside the platform (organised labor export and the like). */
export async function recordExternalPlacement(db: Db, p: Omit<Placement, 'id' | 'status' | 'source' | 'createdAt'>, now: Date, opts: { countTarget: boolean; person?: PlacedPerson; follow?: (p: Placement) => TxItem[] }, audit: (p: Placement) => AuditDraft): Promise<Placement> {
  const placement: Placement = { ...p, id: newId(), status: 'active', source: 'external', createdAt: now.toISOString() }
  // Counted once at work: a placement that starts later is counted on its start day (countStartedPlacements).
  const startsLater = p.startDate > districtDate(now)
  const countTarget = opts.countTarget && !startsLater
  // The targets board's counts (functions/db/board.ts), last in the transaction so the positions read below stay.
  const board = opts.person ? await placementBoardWrites(db, placement, opts.person, now) : { writes: [], attrs: {} }
  const put = { Put: { TableName: db.table, Item: { ...placementKey(placement.id), entity: 'placement', ...placementIndexKeys(placement), ...placement, ...board.attrs, ...(opts.countTarget && startsLater ? { targetPending: true } : {}) }, ConditionExpression: 'attribute_not_exists(PK)' } }
  // The placement and its count toward the 务工就业 target together; without the count when the person already counts this year.
  const count = countWrites('employed', p.seekerId, p.seekerTownship, Number(p.startDate.slice(0, 4)), now, { name: p.seekerName, month: p.startDate.slice(5, 7), ...(opts.person ? { category: opts.person.category } : {}) }).map((w) => withTable(db, w))
  // The person's slot (one active full-time placement, one public-welfare post) after the count: positions 1 or 3 on.
  const slot = activeJobWrites(db, placement)
  let slotAt = countTarget ? 3 : 1
  try {
    try {
      await retryConflicts(() => transact(db, [put, ...(countTarget ? count : []), ...slot, auditPut(db, audit(placement), now), ...board.writes, placedWrite(db, p.seekerId, now), ...(opts.follow?.(placement) ?? [])]))
    } catch (e) {
      if (!countTarget || failedConditions(e).join() !== '1') throw e
      slotAt = 1
      await retryConflicts(() => transact(db, [put, ...slot, auditPut(db, audit(placement), now), ...board.writes, placedWrite(db, p.seekerId, now), ...(opts.follow?.(placement) ?? [])]))
    }
  } catch (e) {
    const held = await activeJobRefusal(db, e, placement, slotAt)
    if (held) throw held
    throw e
  }
  return placement
}

/**
 * A job that had already ended when it is recorded (a ledger's past work, 务工台账): the placement
 * written ended, in one transaction with its count toward the 务工就业 target of its start year
 * and the board's counts with its outcome at 3 and 6 months. It takes no active slot (the slots
 * hold only jobs still held: the caller has checked it overlaps nothing on file) and changes
 * nothing of the person's present: not their activity, not whether they hold a job, no checks due.
 */
export async function recordEndedPlacement(
  db: Db,
  p: Omit<Placement, 'id' | 'status' | 'source' | 'createdAt' | 'endDate' | 'endReason'> & { endDate: string; endReason: string },
  now: Date,
  opts: { countTarget: boolean; person?: PlacedPerson },
  audit: (p: Placement) => AuditDraft,
): Promise<Placement> {
  const placement: Placement = { ...p, id: newId(), status: 'ended', source: 'external', createdAt: now.toISOString() }
  const board = opts.person ? await placementBoardWrites(db, placement, opts.person, now) : { writes: [], attrs: {} }
  const put = { Put: { TableName: db.table, Item: { ...placementKey(placement.id), entity: 'placement', ...placementIndexKeys(placement), ...placement, ...board.attrs }, ConditionExpression: 'attribute_not_exists(PK)' } }
  const count = countWrites('employed', p.seekerId, p.seekerTownship, Number(p.startDate.slice(0, 4)), now, { name: p.seekerName, month: p.startDate.slice(5, 7), ...(opts.person ? { category: opts.person.category } : {}) }).map((w) => withTable(db, w))
  const rest = [auditPut(db, audit(placement), now), ...board.writes]
  try {
    await retryConflicts(() => transact(db, [put, ...(opts.countTarget ? count : []), ...rest]))
  } catch (e) {
    // Only the year's marker failed: the person already counts for that year; record without counting again.
    if (!opts.countTarget || failedConditions(e).join() !== '1') throw e
    await retryConflicts(() => transact(db, [put, ...rest]))
  }
  return placement
}
