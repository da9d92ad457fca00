/** 雨露计划: one record per person and term, its status kept current by officers in scope (audited). */
import { addDays, districtDate, MAX_DAYS_AHEAD, recordDayRefusal, SCHOOL_AGE, termStart } from '../../shared/dates.js'
import { refuseDay } from '../../shared/errors.js'
import type { YuluInput, YuluRecord } from '../../shared/schemas/subsidies.js'
import type { Page } from '../../shared/schemas/common.js'
import { listYuluOfTerm, pageYuluOfSeeker, putYulu } from '../db/records.js'
import { acrossTownships } from '../db/across.js'
import { allow, by, listTownships } from './access.js'
import type { Actor, Deps } from './deps.js'
import * as Seekers from './seekers.js'

export async function put(deps: Deps, actor: Actor, input: YuluInput): Promise<YuluRecord> {
  allow(actor, 'officer', 'admin')
  const seeker = await Seekers.forOfficer(deps, actor, input.seekerId)
  // A term begins after the person reaches school age, and at most 30 days from today.
  refuseDay('term', recordDayRefusal('yulu.term', termStart(input.term), seeker.birthDate, addDays(districtDate(deps.now()), MAX_DAYS_AHEAD), SCHOOL_AGE))
  return putYulu(deps.db, seeker, input, actor.userId, deps.now(), (y) => ({ objectType: 'seeker', objectId: seeker.id, action: 'yulu.status', ...by(actor), after: { term: y.term, status: y.status }, history: { seekerId: seeker.id, type: 'yulu', title: y.term, status: y.status } }))
}

/** A term's records of one township, for its officers; without a township, the district's (全区). */
export function ofTerm(deps: Deps, actor: Actor, q: { term: string; township?: string; limit: number; cursor?: string }) {
  allow(actor, 'officer', 'admin')
  return acrossTownships(deps.db, ['yulu', q.term], listTownships(actor, q.township), q, (t, p) => listYuluOfTerm(deps.db, q.term, t, p.limit, p.cursor))
}

/** A person's records: for the seeker themself and officers in scope. */
export async function ofSeeker(deps: Deps, actor: Actor, seekerId: string, page: { limit: number; cursor?: string }): Promise<Page<YuluRecord>> {
  // Other roles never read a person's records (403); out of scope the person does not exist (404).
  allow(actor, 'seeker', 'officer', 'admin')
  const s = await Seekers.fromId(deps, actor, seekerId)
  return pageYuluOfSeeker(deps.db, s.id, page)
}
