/**
 * From stored seekers and posts to the matching engine's instance (shared/matching). Pure mapping;
 * the job loads the data.
 */
import { townshipByCode } from '../../shared/geo.js'
import type { MatchPolicy, MatchPost, MatchSeeker } from '../../shared/matching/types.js'
import type { Post } from '../../shared/schemas/posts.js'
import type { Seeker } from '../../shared/schemas/seekers.js'

export function toMatchSeeker(s: Seeker, asOf: string, placed?: { kind: Post['kind'] }): MatchSeeker {
  return {
    id: s.id,
    birthDate: s.birthDate,
    category: s.category,
    ...(s.monitoredSubtype ? { monitoredSubtype: s.monitoredSubtype } : {}),
    ...(s.riskEliminatedOn ? { riskEliminated: s.riskEliminatedOn <= asOf, riskEliminatedOn: s.riskEliminatedOn } : {}),
    laborCapacity: s.laborCapacity,
    township: s.township,
    village: s.village,
    skills: s.skills,
    certificates: s.certificates ?? [],
    ...(s.expectedWage?.unit === 'month' ? { expectedWageFen: s.expectedWage.amountFen } : s.expectedWageFen ? { expectedWageFen: s.expectedWageFen } : {}),
    ...(s.maxCommuteKm !== undefined ? { maxCommuteKm: s.maxCommuteKm } : {}),
    ...(s.willingToMigrate ? { willingToMigrate: true } : {}),
    intents: s.intents.length ? s.intents : ['employment'],
    groups: s.groups,
    ...(s.major ?? s.graduate?.major ?? s.yulu?.major ? { major: s.major ?? s.graduate?.major ?? s.yulu?.major } : {}),
    ...(s.returnee ? { returnedOn: s.returnee.returnDate } : {}),
    // Public-welfare posts are part-time; any other active placement is full-time work.
    ...(placed ? { currentPlacement: { kind: placed.kind, fullTime: placed.kind !== 'publicWelfare' } } : {}),
  }
}

export function toMatchPost(p: Post): MatchPost {
  const place = p.village ? { village: p.village } : { lat: townshipByCode.get(p.township)!.lat, lng: townshipByCode.get(p.township)!.lng }
  return {
    id: p.id,
    kind: p.kind,
    township: p.township,
    ...place,
    remaining: Math.max(0, p.headcount - p.filled),
    requiredCertificates: [],
    preferredCertificates: [],
    preferredSkills: p.skills,
    intensity: p.intensity,
    ageMin: p.ageMin,
    ageMax: p.ageMax,
    wage: p.wage,
    majors: [],
  }
}

export const matchingPolicyOf = (policy: { matching?: MatchPolicy } | undefined): MatchPolicy | undefined => policy?.matching
