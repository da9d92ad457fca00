/** 就业安置 placements: lists in scope, external placements recorded by officers, ending one. */
import { districtDate, endDateRefusal, placementStartRefusal } from '../../shared/dates.js'
import { FieldRefusal, refuseDay } from '../../shared/errors.js'
import { jobClash, type HeldJob } from '../../shared/placement-rules.js'
import type { ExternalPlacementInput, Placement, PlacementQuery } from '../../shared/schemas/applications.js'
import type { Page } from '../../shared/schemas/common.js'
import type * as z from 'zod'
import { recordExternalPlacement } from '../db/applications.js'
import { countStartedPlacement, endPlacement, getPlacement, listAllPlacementsOfSeeker, listPlacementsOfPost, listPlacementsOfTownship, placementsDueToCount } from '../db/placements.js'
import { TOWNSHIPS } from '../../shared/geo.js'
import { getPost } from '../db/posts.js'
import { getSeeker } from '../db/seekers.js'
import { acrossTownships } from '../db/across.js'
import { allow, by, forbidden, inScope, listTownships, notFound } from './access.js'
import type { Actor, Deps } from './deps.js'
import { toManage } from './posts.js'

export async function list(deps: Deps, actor: Actor, q: z.infer<typeof PlacementQuery>): Promise<Page<Placement>> {
  allow(actor, 'owner', 'officer', 'admin')
  if (q.postId) {
    const post = await toManage(deps, actor, q.postId)
    return listPlacementsOfPost(deps.db, post.id, q.status, q.limit, q.cursor)
  }
  if (actor.role === 'owner') throw forbidden('车间负责人按岗位查看安置记录', 'Owners see placements post by post')
  // Without a township: the district's, township after township (全区).
  return acrossTownships(deps.db, ['placements', q.status ?? null], listTownships(actor, q.township), q, (t, p) => listPlacementsOfTownship(deps.db, t, q.status, p.limit, p.cursor))
}

/**
 * A new job must not overlap an ended one on file (jobClash). Jobs still active are left to the
 * database: the 在岗 items of functions/db/active-jobs.ts refuse them with a 409 in the transaction.
 */
export async function refuseOverlap(deps: Deps, seekerId: string, job: Omit<HeldJob, 'id'>): Promise<void> {
  const ended = (await listAllPlacementsOfSeeker(deps.db, seekerId)).filter((p) => p.status === 'ended')
  const clash = jobClash({ ...job, id: '' }, ended)
  if (clash) throw new FieldRefusal(clash.code, 'startDate', clash.message, clash.messageEn)
}

/** An officer records a placement made outside the platform (organised labor export and the like). */
export async function recordExternal(deps: Deps, actor: Actor, input: z.infer<typeof ExternalPlacementInput>): Promise<Placement> {
  allow(actor, 'officer', 'admin')
  const seeker = await getSeeker(deps.db, input.seekerId)
  if (!seeker || !inScope(actor, seeker.township)) throw notFound('seeker')
  refuseDay('startDate', placementStartRefusal(input.startDate, seeker.birthDate, districtDate(deps.now())))
  await refuseOverlap(deps, seeker.id, input)
  return recordExternalPlacement(
    deps.db,
    { seekerId: seeker.id, seekerName: seeker.name, title: input.title, kind: input.kind, employer: input.employer, township: input.township, seekerTownship: seeker.township, destination: input.destination, startDate: input.startDate, createdBy: actor.userId },
    deps.now(),
    // 务工就业 target: an alleviated or monitored person counts once a year, in the placement's transaction.
    { countTarget: seeker.category !== 'other', person: { category: seeker.category, createdAt: seeker.createdAt } },
    (p) => ({ objectType: 'placement', objectId: p.id, action: 'placement.external', ...by(actor), after: { seekerId: seeker.id, destination: input.destination, startDate: input.startDate }, history: { seekerId: seeker.id, type: 'placement', title: input.title, kind: input.kind, status: 'active', startDate: input.startDate } }),
  )
}

/** Ended by an officer in scope (of the person or of the post) or by the post's author. */
export async function end(deps: Deps, actor: Actor, id: string, endDate: string, reason: string): Promise<Placement> {
  allow(actor, 'owner', 'officer', 'admin')
  const p = await getPlacement(deps.db, id)
  const post = p?.postId ? await getPost(deps.db, p.postId) : undefined
  const allowed = p && (inScope(actor, p.seekerTownship) || inScope(actor, p.township) || (post && post.createdBy === actor.userId))
  if (!p || !allowed) throw notFound('placement')
  refuseDay('endDate', endDateRefusal(endDate, p.startDate, districtDate(deps.now())))
  return endPlacement(deps.db, p, endDate, reason, deps.now(), { objectType: 'placement', objectId: p.id, action: 'placement.end', ...by(actor), before: { status: 'active' }, after: { status: 'ended', endDate, reason }, history: { seekerId: p.seekerId, type: 'placement', title: p.title, kind: p.kind, status: 'ended', startDate: p.startDate, endDate, reason } })
}

/**
 * The daily clock's count: placements recorded ahead of their start (待上岗) count toward the
 * 务工就业 target from their start day, not from the day they were recorded.
 */
export async function countStarted(deps: Deps): Promise<{ counted: number; started: number }> {
  const today = districtDate(deps.now())
  let counted = 0
  let started = 0
  for (const t of TOWNSHIPS) {
    for (const p of await placementsDueToCount(deps.db, t.code, today)) {
      started++
      if (await countStartedPlacement(deps.db, p, deps.now())) counted++
    }
  }
  deps.log.info('placements.countStarted', { today, started, counted })
  return { counted, started }
}
