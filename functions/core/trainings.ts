/** 技能培训 training records: entered by officers in scope, audited with the person's file. */
import { addDays, districtDate, recordDayRefusal } from '../../shared/dates.js'
import { DomainError, refuseDay } from '../../shared/errors.js'
import type { Training, TrainingInput } from '../../shared/schemas/subsidies.js'
import { getCertificate } from '../db/certificates.js'
import { addTraining, listTrainingsOfSeeker } from '../db/records.js'
import { allow, by } from './access.js'
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
  }))
}

/** A person's trainings: for the seeker themself and officers in scope. */
export async function ofSeeker(deps: Deps, actor: Actor, seekerId: string): Promise<Training[]> {
  // Other roles never read a person's records (403); out of scope the person does not exist (404).
  allow(actor, 'seeker', 'officer', 'admin')
  const s = await Seekers.fromId(deps, actor, seekerId)
  return listTrainingsOfSeeker(deps.db, s.id)
}
