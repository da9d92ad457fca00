/**
 * Names beside ids: records keep user ids (an actor, a maker, a verifier); people read names and
 * roles. One BatchGetItem of the distinct ids a page mentions (functions/db/users.ts `namesOf`).
 */
import type { PersonRef } from '../../shared/schemas/subsidies.js'
import { namesOf, type PersonName } from '../db/users.js'
import type { Deps } from './deps.js'

export type Names = Map<string, PersonName>

export const names = (deps: Deps, ids: Iterable<string | undefined>): Promise<Names> => namesOf(deps.db, ids)

/** `{id, name, role}` for an id that names a user; nothing for an absent id or a non-user (a job). */
export function refOf(names: Names, id: string | undefined): PersonRef | undefined {
  const p = id ? names.get(id) : undefined
  return id && p ? { id, name: p.name, role: p.role } : undefined
}

/** Each audit event with its actor's name (the role stays the one the event recorded). */
export async function withActorNames<T extends { actorId: string }>(deps: Deps, events: readonly T[]): Promise<(T & { actorName?: string })[]> {
  const found = await names(deps, events.map((e) => e.actorId))
  return events.map((e) => {
    const p = found.get(e.actorId)
    return p ? { ...e, actorName: p.name } : { ...e }
  })
}
