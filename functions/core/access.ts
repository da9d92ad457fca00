import { DomainError } from '../../shared/errors.js'
import { inScope } from '../../shared/access.js'
import type { Placement } from '../../shared/schemas/applications.js'
import type { Role } from '../../shared/schemas/auth.js'
import type { Workshop } from '../../shared/schemas/workshops.js'
import type { Actor } from './deps.js'

export { forbidden, inScope, isOfficer, listTownship, listTownships, notFound, scopeTownship } from '../../shared/access.js'

/** A role that may never use a use case gets 403; the object-level rule (404 outside scope) follows in the loader. */
export function allow(actor: Actor, ...roles: Role[]): Actor {
  if (!roles.includes(actor.role)) throw new DomainError('auth.forbidden', 'forbidden', '没有权限执行此操作', 'You are not allowed to do this')
  return actor
}

/** The audit event's who: every use case records the actor the same way. */
export const by = (a: Actor) => ({ actorId: a.userId, actorRole: a.role })
/** A write made by an import, not the portal: its audit events carry the import's id, so a record traces to its file. */
export interface ImportSource {
  importId: string
}
/** Spread into an audit event's `after`: the import's id, or nothing for a portal-made write. */
export const fromImport = (src?: ImportSource) => (src ? { importId: src.importId } : {})

/** A list that is about one township: named by a district officer, fixed for a township officer. */
export const requireTownship = (township: string | undefined, code: string): string => {
  if (!township) throw new DomainError(`${code}.townshipRequired`, 'invalid', '请选择乡镇', 'Choose a township')
  return township
}

/**
 * Whether the actor employs the worker of this placement, and so may call them: an owner through
 * one of their own workshops (the placement's), an officer or the admin in scope of the worker's or
 * the job's township. Decided where the placement is loaded; nobody else, and nobody before a hire.
 */
export function employs(actor: Actor, placement: Pick<Placement, 'seekerTownship' | 'township'>, workshop: Pick<Workshop, 'ownerId'> | undefined): boolean {
  if (actor.role === 'owner') return workshop?.ownerId === actor.userId
  return inScope(actor, placement.seekerTownship) || inScope(actor, placement.township)
}
