/** 技能培训 training records: entered by officers in scope, audited with the person's file. */
import { addDays, districtDate, recordDayRefusal } from '../../shared/dates.js'
import { DomainError, refuseDay } from '../../shared/errors.js'
import type { Training, TrainingInput } from '../../shared/schemas/subsidies.js'
import { getCertificate } from '../db/certificates.js'
import { eachLimit } from '../../shared/each-limit.js'
import type { Page } from '../../shared/schemas/common.js'
import type { Seeker } from '../../shared/schemas/seekers.js'
import { addTraining, allTrainingsOfTownship, listTrainingsOfTownship, pageTrainingsOfSeeker } from '../db/records.js'
import { getSeeker } from '../db/seekers.js'
import { acrossTownships } from '../db/across.js'
import { allow, by, listTownship, listTownships, requireTownship } from './access.js'
import type { Actor, Deps } from './deps.js'
import * as Seekers from './seekers.js'

export async function add(deps: Deps, actor: Actor, input: TrainingInput): Promise<Training> {
  allow(actor, 'officer', 'admin')
  if (input.endDate < input.startDate) throw new DomainError('training.dates', 'invalid', '结束日期早于开始日期', 'The end date is before the start date')
  const seeker = await Seekers.forOfficer(deps, actor, input.seekerId)
  // Started on or after the person's 16th birthday and not after today; a finished training ended
  // by today, an ongoing one within a year.
  const today = districtDate(deps.now())
  refuseDay('startDate', recordDayRefusal('training.startDate', input.startDate, seeker.birthDate, today))
  refuseDay('endDate', recordDayRefusal('training.endDate', input.endDate, seeker.birthDate, input.result === 'ongoing' ? addDays(today, 366) : today))
  // The certificate a training led to must be this person's.
  if (input.certificateId && (await getCertificate(deps.db, input.certificateId))?.seekerId !== seeker.id) {
    throw new DomainError('training.certificate', 'invalid', '所选证书不属于该求职者', 'The certificate is not this person’s')
  }
  return addTraining(deps.db, seeker, input, actor.userId, deps.now(), (t) => ({
    objectType: 'seeker',
    objectId: seeker.id,
    action: 'training.create',
    ...by(actor),
    after: { trainingId: t.id, course: t.course, result: t.result },
    history: { seekerId: seeker.id, type: 'training', title: t.course, status: t.result, startDate: t.startDate, endDate: t.endDate },
  }))
}

/** A person's trainings: for the seeker themself and officers in scope. */
export async function ofSeeker(deps: Deps, actor: Actor, seekerId: string, page: { limit: number; cursor?: string }): Promise<Page<Training>> {
  // Other roles never read a person's records (403); out of scope the person does not exist (404).
  allow(actor, 'seeker', 'officer', 'admin')
  const s = await Seekers.fromId(deps, actor, seekerId)
  return pageTrainingsOfSeeker(deps.db, s.id, page)
}

/**
 * Records made before the name travelled with them: looked up once per person. Only the (bounded) page's
 * or export's own people are read, and only when a record lacks the name.
 */
async function named(deps: Deps, items: Training[]): Promise<Training[]> {
  const missing = [...new Set(items.filter((t) => !t.seekerName).map((t) => t.seekerId))]
  if (!missing.length) return items
  const people = new Map<string, Seeker>()
  await eachLimit(missing, 8, async (id) => {
    const s = await getSeeker(deps.db, id)
    if (s) people.set(id, s)
  })
  return items.map((t) => {
    const s = t.seekerName ? undefined : people.get(t.seekerId)
    return s ? { ...t, seekerName: s.name, idNumberMasked: s.idNumberMasked } : t
  })
}

/** 培训台账 a township's trainings, newest start first, a page at a time: officers of the township (or of the district: one township, or all of them) and admins. */
export async function ofTownship(deps: Deps, actor: Actor, q: { township?: string; limit: number; cursor?: string }): Promise<Page<Training>> {
  allow(actor, 'officer', 'admin')
  const page = await acrossTownships(deps.db, ['trainings'], listTownships(actor, q.township), q, (t, p) => listTrainingsOfTownship(deps.db, t, p))
  return { ...page, items: await named(deps, page.items) }
}

/** Every training of the township, for its .xlsx ledger: the same people may read it as may list it. */
export async function ledgerRows(deps: Deps, actor: Actor, q: { township?: string }): Promise<{ township: string; rows: Training[] }> {
  allow(actor, 'officer', 'admin')
  const township = requireTownship(listTownship(actor, q.township), 'training')
  return { township, rows: await named(deps, await allTrainingsOfTownship(deps.db, township)) }
}
