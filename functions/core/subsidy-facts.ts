import type { Facts } from '../../shared/subsidies/eligibility.js'
import type { Seeker } from '../../shared/schemas/seekers.js'
import type { Workshop } from '../../shared/schemas/workshops.js'
import { listCertificatesOfSeeker } from '../db/certificates.js'
import type { Db } from '../db/client.js'
import { listAllPlacementsOfSeeker, listPlacementsOfWorkshop } from '../db/placements.js'
import { allPostsOfWorkshop } from '../db/posts.js'
import { listTrainingsOfSeeker, listYuluOfSeeker } from '../db/records.js'
import { getFollowed } from '../db/following.js'

/** Everything the eligibility rules read about one person, all of it (a rule decided on part of a record decides wrongly): four Queries and the returnee record, in parallel. */
export async function seekerFacts(db: Db, s: Seeker): Promise<Facts> {
  const [placements, certificates, trainings, yulu, returnee] = await Promise.all([
    listAllPlacementsOfSeeker(db, s.id),
    listCertificatesOfSeeker(db, s.id),
    listTrainingsOfSeeker(db, s.id),
    listYuluOfSeeker(db, s.id),
    getFollowed(db, 'returnee', s.id),
  ])
  return {
    seeker: { id: s.id, category: s.category, ...(s.riskEliminatedOn ? { riskEliminatedOn: s.riskEliminatedOn } : {}) },
    placements,
    certificates,
    trainings,
    yulu,
    ...(returnee ? { returnee: returnee.business ? { business: returnee.business } : {} } : {}),
  }
}

/** A workshop and the placements of all its posts, every status (its reward counts each of them). */
export async function workshopFacts(db: Db, w: Workshop): Promise<Facts> {
  const posts = await allPostsOfWorkshop(db, w.id)
  return { workshop: { id: w.id, status: w.status }, workshopPlacements: await listPlacementsOfWorkshop(db, posts.map((p) => p.id)), placements: [], certificates: [], trainings: [], yulu: [] }
}
