/**
 * 求职者索引 the seeker index (issue 15 part 1): one compact row per seeker file, enough to match
 * the person against a post (what toMatchSeeker reads) and to show them masked as a candidate.
 * Pure: functions/db/seeker-index.ts stores the rows (per township, in sharded chunk items, kept in
 * each file's own transaction) and caches them per container.
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

/** One file as the index holds it: its match facts and what a candidate answer shows (the name already masked; never the ID number or phone). */
export type SeekerRow = MatchFacts & Pick<Seeker, 'gender' | 'villageName'> & { nameMasked: string }

/** A name shown before someone applies: 刘建国 → 刘*国. */
export const maskName = (name: string): string => (name.length <= 1 ? name : name.length === 2 ? `${name[0]}*` : `${name[0]}${'*'.repeat(name.length - 2)}${name.at(-1)}`)

/** The row of a file: only the fields named here, none left undefined (rows are stored as they are). */
export function seekerRow(s: Seeker): SeekerRow {
  const row: SeekerRow = {
    id: s.id,
    nameMasked: maskName(s.name),
    gender: s.gender,
    birthDate: s.birthDate,
    category: s.category,
    laborCapacity: s.laborCapacity,
    township: s.township,
    village: s.village,
    skills: s.skills,
    intents: s.intents,
    groups: s.groups,
  }
  if (s.villageName) row.villageName = s.villageName
  if (s.monitoredSubtype) row.monitoredSubtype = s.monitoredSubtype
  if (s.riskEliminatedOn) row.riskEliminatedOn = s.riskEliminatedOn
  if (s.certificates?.length) row.certificates = s.certificates
  if (s.expectedWage) row.expectedWage = { amountFen: s.expectedWage.amountFen, unit: s.expectedWage.unit }
  if (s.expectedWageFen !== undefined) row.expectedWageFen = s.expectedWageFen
  if (s.maxCommuteKm !== undefined) row.maxCommuteKm = s.maxCommuteKm
  if (s.willingToMigrate) row.willingToMigrate = true
  if (s.major) row.major = s.major
  if (s.graduate?.major) row.graduate = { major: s.graduate.major }
  if (s.yulu?.major) row.yulu = { major: s.yulu.major }
  if (s.returnee) row.returnee = { returnDate: s.returnee.returnDate }
  return row
}

/** A candidate as answered (masked until they apply). */
export const candidateOf = (r: SeekerRow) => ({
  nameMasked: r.nameMasked,
  gender: r.gender,
  birthYear: Number(r.birthDate.slice(0, 4)),
  village: r.villageName ?? r.village,
  category: r.category,
  laborCapacity: r.laborCapacity,
  skills: r.skills,
  groups: r.groups,
})
