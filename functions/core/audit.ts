/**
 * 审计 the audit trail of one object: the auditor, admins and district officers read any object's;
 * a township officer only that of an object in their township (anything else: 404, as for the object).
 */
import { DomainError } from '../../shared/errors.js'
import type { Page } from '../../shared/schemas/common.js'
import { listAuditOf, type AuditEvent } from '../db/audit.js'
import { getPlacement } from '../db/placements.js'
import { allow, inScope, notFound, scopeTownship } from './access.js'
import * as Certificates from './certificates.js'
import * as Claims from './claims.js'
import type { Actor, Deps } from './deps.js'
import * as MatchRuns from './match-runs.js'
import { withActorNames } from './people.js'
import * as Graduates from './graduates.js'
import * as Posts from './posts.js'
import * as Returnees from './returnees.js'
import * as Seekers from './seekers.js'
import * as Workshops from './workshops.js'

/** The kinds of object with a trail. */
export const AUDITED = ['seeker', 'claim', 'policy', 'workshop', 'placement', 'certificate', 'batch', 'matchRun', 'post', 'application', 'returnee', 'graduate'] as const
export type Audited = (typeof AUDITED)[number]

/** Loads the object with its own access rule: it throws a 404 when the actor may not see it. */
const loaders: Record<Audited, (deps: Deps, actor: Actor, id: string) => Promise<unknown>> = {
  seeker: Seekers.fromId,
  claim: Claims.fromId,
  workshop: Workshops.fromId,
  certificate: Certificates.fromId,
  matchRun: MatchRuns.fromId,
  batch: Claims.batchFromId,
  post: Posts.toManage,
  // An application is in scope where its post is (its id is `<postId>.<seekerId>`).
  application: (deps, actor, id) => Posts.toManage(deps, actor, id.split('.')[0] ?? ''),
  placement: async (deps, actor, id) => {
    const p = await getPlacement(deps.db, id)
    if (!p || !inScope(actor, p.seekerTownship)) throw notFound('placement')
    return p
  },
  returnee: Returnees.fromId,
  graduate: Graduates.fromId,
  // The district's policy is public to every officer.
  policy: async () => undefined,
}

/** An event with the name of who acted, beside their id (the role is the one the event recorded). */
export type AuditEntry = AuditEvent & { actorName?: string }

export async function trail(deps: Deps, actor: Actor, q: { entity: Audited; id: string; limit: number; cursor?: string }): Promise<Page<AuditEntry>> {
  allow(actor, 'officer', 'admin', 'auditor')
  if (scopeTownship(actor)) {
    try {
      await loaders[q.entity](deps, actor, q.id)
    } catch (e) {
      if (e instanceof DomainError && e.kind === 'notFound') throw notFound('audit')
      throw e
    }
  }
  const page = await listAuditOf(deps.db, q.entity, q.id, q.limit, q.cursor)
  return { ...page, items: await withActorNames(deps, page.items) }
}
