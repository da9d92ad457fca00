/**
 * 求职者索引 the seeker index (issue 15 part 1): one compact row per seeker file, enough to match
 * the person against a post (what toMatchSeeker reads), nothing that names them: no name, ID
 * number or phone, not even masked. A candidate answer reads its 20 files' display fields after
 * ranking (one BatchGetItem). Pure: functions/db/seeker-index.ts stores the rows (per township,
 * in sharded chunk items, kept in each file's own transaction) and caches them per container.
 */
import type { Seeker } from './schemas/seekers.js'

/** What matching reads of a file (functions/core/match-runs.ts toMatchSeeker): a stored file and an index row both have it. */
export type MatchFacts = Pick<
  Seeker,
  'id' | 'birthDate' | 'category' | 'monitoredSubtype' | 'riskEliminatedOn' | 'laborCapacity' | 'township' | 'village' | 'skills' | 'certificates' | 'expectedWage' | 'expectedWageFen' | 'maxCommuteKm' | 'willingToMigrate' | 'intents' | 'groups' | 'major'
> & {
  graduate?: { major?: string } | undefined
  yulu?: { major?: string } | undefined
  returnee?: { returnDate: string } | undefined
}

/** One file as the index holds it: its match facts only. */
export type SeekerRow = MatchFacts

/** A name shown before someone applies: 刘建国 → 刘*国. */
export const maskName = (name: string): string => (name.length <= 1 ? name : name.length === 2 ? `${name[0]}*` : `${name[0]}${'*'.repeat(name.length - 2)}${name.at(-1)}`)

/** The row of a file: only the fields named here, none left undefined (rows are stored as they are). */
export function seekerRow(s: Seeker): SeekerRow {
  const row: SeekerRow = {
    id: s.id,
    birthDate: s.birthDate,
    category: s.category,
    laborCapacity: s.laborCapacity,
    township: s.township,
    village: s.village,
    skills: s.skills,
    intents: s.intents,
    groups: s.groups,
  }
  if (s.monitoredSubtype) row.monitoredSubtype = s.monitoredSubtype
  if (s.riskEliminatedOn) row.riskEliminatedOn = s.riskEliminatedOn
  if (s.certificates?.length) row.certificates = s.certificates
  if (s.expectedWage) row.expectedWage = { amountFen: s.expectedWage.amountFen, unit: s.expectedWage.unit }
  if (s.expectedWageFen !== undefined) row.expectedWageFen = s.expectedWageFen
  if (s.maxCommuteKm !== undefined) row.maxCommuteKm = s.maxCommuteKm
  if (s.willingToMigrate) row.willingToMigrate = true
  // As toMatchSeeker reads them: `major ?? graduate.major ?? yulu.major` (an empty string counts).
  if (s.major !== undefined) row.major = s.major
  if (s.graduate?.major !== undefined) row.graduate = { major: s.graduate.major }
  if (s.yulu?.major !== undefined) row.yulu = { major: s.yulu.major }
  if (s.returnee) row.returnee = { returnDate: s.returnee.returnDate }
  return row
}

/** What a candidate answer shows of a file (masked until they apply). */
export type CandidateFile = Pick<Seeker, 'name' | 'gender' | 'birthDate' | 'village' | 'villageName' | 'category' | 'laborCapacity' | 'skills' | 'groups'>
/** The attributes of a stored file that candidateOf reads (the BatchGetItem's projection). */
export const CANDIDATE_FIELDS = ['name', 'gender', 'birthDate', 'village', 'villageName', 'category', 'laborCapacity', 'skills', 'groups'] as const

/** A candidate as answered (masked until they apply). */
export const candidateOf = (s: CandidateFile) => ({
  nameMasked: maskName(s.name),
  gender: s.gender,
  birthYear: Number(s.birthDate.slice(0, 4)),
  village: s.villageName ?? s.village,
  category: s.category,
  laborCapacity: s.laborCapacity,
  skills: s.skills,
  groups: s.groups,
})
