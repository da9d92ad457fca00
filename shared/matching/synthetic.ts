/**
 * Synthetic instances for the command line's --generate and the benchmark: a cluster of counties
 * with townships about 11.5 km apart, ~120 seekers and ~12 posts a township (Jian'an's proportions),
 * each seeker reaching about 30 eligible posts. Seeded: the same numbers give the same instance.
 */
import { intBetween, pick, seededRandom, weighted } from '../random.js'
import { defaultPolicy, type MatchInstanceParsed, type MatchPostParsed, type MatchSeekerParsed } from './types.js'

const SKILLS = ['发制品加工', '缝纫', '电工', '焊工', '厨师', '保洁', '叉车', '种植', '养殖', '电商直播', '护理', '驾驶', '木工', '瓦工', '月嫂', '家政', '食用菌栽培', '包装']
const CERTIFICATES = ['电工证', '焊工证', '叉车证', '育婴员证', '养老护理员证', '中式烹调师证', '保育员证', '驾驶证']
const MAJORS = ['机电一体化', '电子商务', '护理', '学前教育', '汽车维修', '会计', '计算机应用', '现代农业技术']
// Around Xuchang; the cluster grows to the east and north.
const ORIGIN = { lat: 33.9, lng: 113.6 }
const SPACING_KM = 11.5

export interface SyntheticOptions {
  seekers: number
  posts: number
  seed: number
  asOf?: string
}

const pad = (k: number, width: number) => String(k).padStart(width, '0')
const isoDay = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10)

export function syntheticInstance(opts: SyntheticOptions): MatchInstanceParsed {
  const rand = seededRandom(opts.seed)
  const asOf = opts.asOf ?? '2026-03-01'
  const today = Math.floor(Date.parse(`${asOf}T00:00:00Z`) / 86_400_000)
  const year = Number(asOf.slice(0, 4))
  const chance = (p: number) => rand() < p
  const sample = <T>(items: readonly T[], k: number) => [...new Set(Array.from({ length: k }, () => pick(rand, items)))]

  // Townships on a jittered square grid; eight villages around each.
  const nTownships = Math.max(1, Math.round(opts.posts / 12))
  const side = Math.ceil(Math.sqrt(nTownships))
  const kmLat = 1 / 111.2
  const kmLng = 1 / (111.2 * Math.cos((ORIGIN.lat * Math.PI) / 180))
  const townships = Array.from({ length: nTownships }, (_, t) => {
    const lat = ORIGIN.lat + (Math.floor(t / side) * SPACING_KM + (rand() - 0.5) * 3) * kmLat
    const lng = ORIGIN.lng + ((t % side) * SPACING_KM + (rand() - 0.5) * 3) * kmLng
    const villages = Array.from({ length: 8 }, (_, v) => {
      const angle = (v / 8) * 2 * Math.PI + rand()
      const km = 1.5 + rand() * 3
      return { lat: round4(lat + km * Math.sin(angle) * kmLat), lng: round4(lng + km * Math.cos(angle) * kmLng) }
    })
    return { code: `t${pad(t, 4)}`, lat, lng, villages }
  })

  const seekers: MatchSeekerParsed[] = []
  const width = String(opts.seekers).length
  for (let k = 0; k < opts.seekers; k++) {
    const t = pick(rand, townships)
    const v = pick(rand, t.villages)
    const category = weighted(rand, [
      ['alleviated', 70],
      ['monitored', 20],
      ['other', 10],
    ] as const)
    const laborCapacity = weighted(rand, [
      ['full', 65],
      ['half', 20],
      ['weak', 10],
      ['none', 5],
    ] as const)
    const age = intBetween(rand, 17, 66)
    const birthDate = `${year - age}-${pad(intBetween(rand, 1, 12), 2)}-${pad(intBetween(rand, 1, 28), 2)}`
    const student = chance(0.1)
    const returnee = !student && chance(0.25)
    const s: MatchSeekerParsed = {
      id: `S${pad(k + 1, width)}`,
      birthDate: student ? `${year - intBetween(rand, 19, 24)}-06-15` : birthDate,
      category,
      laborCapacity,
      township: t.code,
      lat: v.lat,
      lng: v.lng,
      skills: chance(0.6) ? sample(SKILLS, intBetween(rand, 1, 2)) : [],
      certificates: chance(0.3) ? sample(CERTIFICATES, 1) : [],
      intents: weighted(rand, [
        [['employment'], 82],
        [['employment', 'industry'], 10],
        [['industry'], 5],
        [['entrepreneurship'], 3],
      ] as const).slice(),
      groups: student ? [chance(0.5) ? 'graduate' : 'yulu'] : returnee ? ['returnee'] : [],
    }
    if (category === 'monitored') {
      s.monitoredSubtype = pick(rand, ['unstable', 'marginal', 'suddenHardship'] as const)
      if (chance(0.2)) {
        s.riskEliminated = true
        s.riskEliminatedOn = isoDay(today - intBetween(rand, 1, 700))
      }
    }
    if (student) s.major = pick(rand, MAJORS)
    if (returnee) s.returnedOn = isoDay(today - intBetween(rand, 1, 730))
    if (chance(0.1)) s.hardToPlace = true
    if (chance(0.7)) s.expectedWageFen = intBetween(rand, 18, 45) * 10_000
    if (chance(0.4)) s.maxCommuteKm = pick(rand, [5, 8, 10, 20, 25])
    if (laborCapacity === 'full' && chance(0.25)) s.willingToMigrate = true
    if (chance(0.1)) s.incomeFell = true
    if (chance(0.05)) s.zeroEmploymentHousehold = true
    if (chance(0.08)) s.currentPlacement = { kind: pick(rand, ['workshop', 'publicWelfare', 'enterprise'] as const), fullTime: chance(0.5) }
    seekers.push(s)
  }

  const posts: MatchPostParsed[] = []
  const pWidth = String(opts.posts).length
  for (let k = 0; k < opts.posts; k++) {
    const t = pick(rand, townships)
    const kind = weighted(rand, [
      ['workshop', 45],
      ['publicWelfare', 20],
      ['enterprise', 34],
      ['laborExport', 1],
    ] as const)
    const at =
      kind === 'laborExport'
        ? { lat: round4(t.lat), lng: round4(t.lng) }
        : { lat: round4(t.lat + (rand() - 0.5) * 6 * kmLat), lng: round4(t.lng + (rand() - 0.5) * 6 * kmLng) }
    const unit = weighted(rand, [
      ['month', 70],
      ['day', 20],
      ['piece', 10],
    ] as const)
    const amountFen = unit === 'month' ? intBetween(rand, 18, 60) * 10_000 : unit === 'day' ? intBetween(rand, 8, 20) * 1_000 : intBetween(rand, 1, 50) * 100
    posts.push({
      id: `P${pad(k + 1, pWidth)}`,
      kind,
      township: t.code,
      ...at,
      remaining: intBetween(rand, 1, 20),
      requiredCertificates: chance(0.12) ? sample(CERTIFICATES, 1) : [],
      preferredCertificates: chance(0.1) ? sample(CERTIFICATES, 1) : [],
      preferredSkills: chance(0.6) ? sample(SKILLS, intBetween(rand, 1, 2)) : [],
      intensity:
        kind === 'publicWelfare'
          ? weighted(rand, [
              ['light', 80],
              ['medium', 20],
            ] as const)
          : weighted(rand, [
              ['light', 30],
              ['medium', 50],
              ['heavy', 20],
            ] as const),
      ageMin: pick(rand, [16, 18, 18, 20]),
      ageMax: pick(rand, [45, 50, 55, 60, 60, 65]),
      wage: unit === 'piece' ? { amountFen, unit, expectedMonthlyFen: intBetween(rand, 18, 50) * 10_000 } : { amountFen, unit },
      majors: chance(0.15) ? sample(MAJORS, intBetween(rand, 1, 2)) : [],
    })
  }
  return { asOf, policy: defaultPolicy(year), seekers, posts }
}

function round4(x: number) {
  return Math.round(x * 1e4) / 1e4
}
