/**
 * A believable Jian'an District, the same on every machine: ~2,000 seekers across the groups in
 * DOMAIN.md, ~60 workshops, ~200 posts. Pure: a seeded generator, no I/O.
 */
import { ulid } from 'ulid'
import { TOWNSHIPS, VILLAGES, type Township } from '../../shared/geo.js'
import { dayTurning, districtDayStart, WORKING_AGE } from '../../shared/dates.js'
import { idCheckChar } from '../../shared/id-number.js'
import { intBetween, pick, seededRandom, weighted } from '../../shared/random.js'
import type { OfficerScope, Role } from '../../shared/schemas/auth.js'
import type { PostInput, PostKind, PostStatus } from '../../shared/schemas/posts.js'
import type { Seeker } from '../../shared/schemas/seekers.js'
import type { PolicyInput } from '../../shared/schemas/subsidies.js'
import { defaultPolicy } from '../../shared/matching/types.js'
import type { WorkshopInput, WorkshopStatus, WorkshopType } from '../../shared/schemas/workshops.js'
import type { PostContactInput, WorkshopContactInput } from '../../shared/schemas/contacts.js'

/**
 * v2: staff passwords (wengang-demo). A data dir seeded at v1 is seeded again on the next start; what
 * exists is kept (every write is conditional), so the demo staff get their password.
 */
export const SEED_VERSION = 'v2'
/** Timestamps are spread over the weeks before this instant, so re-seeding gives the same data. */
const SEED_EPOCH = Date.parse('2026-11-20T08:00:00Z')
const DAY = 86_400_000
/** 许昌市建安区 administrative division code (the first six digits of local ID numbers). */
const REGION_CODE = '411003'

export interface DemoAccount {
  id: string
  role: Role
  name: string
  phone: string
  scope?: OfficerScope
}

/** Fixed phones, listed in the README. */
export const DEMO_TOWNSHIP = 'lingjing'
/** The local demo's staff password (officers, auditor, admin sign in with code + password); never used outside the local seed. */
export const DEMO_PASSWORD = 'wengang-demo'

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { id: '01KB0000000000000000ADM000', role: 'admin', name: '系统管理员', phone: '13800000000' },
  { id: '01KB0000000000000000DSTR0F', role: 'officer', name: '区就业专干 王主任', phone: '13800000001', scope: 'district' },
  { id: '01KB0000000000000000TWNF0F', role: 'officer', name: '灵井镇专干 李敏', phone: '13800000002', scope: DEMO_TOWNSHIP },
  { id: '01KB0000000000000000WNER00', role: 'owner', name: '灵井发制品车间 张老板', phone: '13800000003' },
  { id: '01KB0000000000000000SEEKER', role: 'seeker', name: '刘建国', phone: '13800000004' },
  { id: '01KB0000000000000000AVDT0R', role: 'auditor', name: '区审计 赵审计', phone: '13800000005' },
  // The checker of the demo's past claims (maker ≠ checker): 王主任 makes them, 孙静 checks them.
  { id: '01KB0000000000000000DSTR1F', role: 'officer', name: '区就业专干 孙静', phone: '13800000006', scope: 'district' },
]

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高郭马何罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕'.split('')
const GIVEN = '建国 秀英 国强 桂兰 志刚 丽娜 伟 芳 磊 静 洋 敏 军 霞 红梅 海涛 晓东 春燕 明 玉兰 爱华 建军 凤英 文博 子涵 雨欣 浩然 梓萱 一鸣 佳怡 俊杰 淑珍 保国 秋菊 新民 金凤'.split(' ')
const SKILLS = ['发制品加工', '缝纫', '电工', '焊工', '厨师', '保洁', '叉车', '种植', '养殖', '电商直播', '护理', '驾驶', '木工', '瓦工', '月嫂', '家政', '食用菌栽培', '包装']
const SCHOOLS = ['许昌职业技术学院', '许昌电气职业学院', '河南工业贸易职业学院', '郑州铁路职业技术学院', '许昌学院', '河南农业大学']
const MAJORS = ['机电一体化', '电子商务', '护理', '学前教育', '汽车维修', '会计', '计算机应用', '现代农业技术']

export interface SeedData {
  accounts: DemoAccount[]
  owners: DemoAccount[]
  /** `contact`: the phone a workshop's posts show when they name nobody of their own (its owner's). */
  workshops: { id: string; ownerId: string; input: WorkshopInput; contact: WorkshopContactInput; status: WorkshopStatus; createdAt: Date }[]
  /** `contact`: the post's own contact person, on some posts. */
  posts: { id: string; createdBy: string; input: PostInput; contact?: PostContactInput; status: PostStatus; workshopName?: string; createdAt: Date }[]
  seekers: (Omit<Seeker, 'idNumberMasked' | 'gender' | 'birthDate'> & { idNumber: string })[]
}

/**
 * A file is made on or after the person's 16th birthday (the rule of shared/dates.ts): the young
 * ones' files are dated from it. `npm run check-records` found 20 demo files made at 15 before this.
 */
const fileMadeAt = (drawn: Date, birth: Date): string => {
  const sixteen = districtDayStart(dayTurning(birth.toISOString().slice(0, 10), WORKING_AGE)).getTime() + 3600_000
  return new Date(Math.min(SEED_EPOCH, Math.max(drawn.getTime(), sixteen))).toISOString()
}

export function generateSeedData(opts: { seekers?: number; workshops?: number; posts?: number } = {}): SeedData {
  const rand = seededRandom(20221031) // the date of 建安振兴〔2022〕31号
  let tick = 0
  const id = (at: number) => ulid(at + tick++, rand)
  const at = (daysBack: number) => new Date(SEED_EPOCH - daysBack * DAY - intBetween(rand, 0, DAY - 1))
  const villagesOf = (t: Township) => VILLAGES.filter((v) => v.township === t.code)
  const personName = () => `${pick(rand, SURNAMES)}${pick(rand, GIVEN)}`

  // Workshop owners: the demo owner first, then one generated account each.
  const nWorkshops = opts.workshops ?? 60
  const owners: DemoAccount[] = [DEMO_ACCOUNTS[3]!]
  for (let i = 1; i < nWorkshops; i++) {
    owners.push({ id: id(SEED_EPOCH - 200 * DAY), role: 'owner', name: `${personName()}（车间负责人）`, phone: `177${String(10_000_000 + i).slice(-8)}` })
  }

  const TYPES: readonly (readonly [WorkshopType, string, number])[] = [
    ['factory', '发制品帮扶车间', 4],
    ['factory', '服装加工帮扶车间', 3],
    ['factory', '电子元件帮扶车间', 2],
    ['homeBased', '居家手工帮扶点', 2],
    ['plantingBreeding', '食用菌种植基地', 2],
    ['plantingBreeding', '生态养殖场', 1],
    ['trade', '电商服务帮扶车间', 1],
    ['tourism', '乡村旅游合作社', 1],
  ]
  const workshops: SeedData['workshops'] = owners.map((owner, i) => {
    const township = i === 0 ? TOWNSHIPS.find((t) => t.code === DEMO_TOWNSHIP)! : pick(rand, TOWNSHIPS)
    const village = i === 0 ? villagesOf(township)[0]! : pick(rand, villagesOf(township))
    const [drawnType, drawnSuffix] = weighted(rand, TYPES.map((t) => [t, t[2]] as const))
    // The demo owner (灵井发制品车间 张老板) runs a hair-products workshop; the draw is still made so the rest of the district stays as it was.
    const [type, suffix] = i === 0 ? TYPES[0]! : [drawnType, drawnSuffix]
    const status: WorkshopStatus = i === 0 ? 'recognized' : weighted(rand, [['recognized', 50], ['pending', 7], ['rejected', 3]])
    return {
      id: id(SEED_EPOCH - 180 * DAY),
      ownerId: owner.id,
      input: { name: `${village.name.replace(/村$/, '')}${suffix}`, type, township: township.code, village: village.code, address: `${township.name}${village.name}${intBetween(rand, 1, 120)}号` },
      // The owner answers the workshop's phone ('灵井发制品车间 张老板' → 张老板).
      contact: { name: owner.name.split(' ').pop()!.replace('（车间负责人）', ''), phone: owner.phone },
      status,
      createdAt: at(intBetween(rand, 60, 400)),
    }
  })

  const nPosts = opts.posts ?? 200
  const officers = DEMO_ACCOUNTS.filter((a) => a.role === 'officer')
  const posts: SeedData['posts'] = []
  const recognized = workshops.filter((w) => w.status === 'recognized')
  const WELFARE = ['村级保洁员', '护林员', '公共设施维护员', '村级公共服务专员', '疫情防控协管员', '河道巡查员', '乡村道路养护员']
  // Companies of Xuchang hiring through the bureau, each for the jobs it has.
  const ENTERPRISE_JOBS: { title: string; skill?: string; employers: string[] }[] = [
    { title: '普工', employers: ['许昌远东传动轴股份有限公司', '河南黄河旋风股份有限公司'] },
    { title: '质检员', employers: ['许昌远东传动轴股份有限公司', '森源电气有限公司'] },
    { title: '包装工', skill: '包装', employers: ['许昌众邦食品有限公司'] },
    { title: '缝纫工', skill: '缝纫', employers: ['许昌瑞贝卡发制品有限公司'] },
    { title: '发制品加工工', skill: '发制品加工', employers: ['许昌瑞贝卡发制品有限公司'] },
    { title: '仓库管理员', skill: '叉车', employers: ['许昌众邦食品有限公司', '森源电气有限公司'] },
    { title: '机修工', skill: '电工', employers: ['森源电气有限公司', '河南黄河旋风股份有限公司'] },
  ]
  // What each kind of workshop hires for, and the skill the job asks for (none: learnt on the job).
  const TRADE_JOBS: Record<string, { title: string; skill?: string }[]> = {
    发制品帮扶车间: [{ title: '发制品加工工', skill: '发制品加工' }, { title: '假发钩织工', skill: '发制品加工' }, { title: '包装工', skill: '包装' }, { title: '质检员' }],
    服装加工帮扶车间: [{ title: '缝纫工', skill: '缝纫' }, { title: '锁边工', skill: '缝纫' }, { title: '整烫工' }, { title: '包装工', skill: '包装' }],
    电子元件帮扶车间: [{ title: '电子元件组装工' }, { title: '焊锡工', skill: '焊工' }, { title: '质检员' }, { title: '包装工', skill: '包装' }],
    居家手工帮扶点: [{ title: '手工编织工' }, { title: '发制品加工工', skill: '发制品加工' }, { title: '包装工', skill: '包装' }],
    食用菌种植基地: [{ title: '食用菌采收工', skill: '食用菌栽培' }, { title: '菌棒制作工', skill: '食用菌栽培' }, { title: '包装工', skill: '包装' }],
    生态养殖场: [{ title: '饲养员', skill: '养殖' }, { title: '场区保洁员', skill: '保洁' }, { title: '包装工', skill: '包装' }],
    电商服务帮扶车间: [{ title: '电商主播', skill: '电商直播' }, { title: '网店客服' }, { title: '打包发货员', skill: '包装' }],
    乡村旅游合作社: [{ title: '农家乐厨师', skill: '厨师' }, { title: '客房保洁员', skill: '保洁' }, { title: '景区讲解员' }],
  }
  const EXPORT = ['江苏昆山电子厂普工', '浙江宁波家电装配工', '广东东莞鞋厂普工', '郑州航空港手机组装工', '上海物流分拣员']
  for (let i = 0; i < nPosts; i++) {
    const kind: PostKind = weighted(rand, [['workshop', 110], ['publicWelfare', 50], ['enterprise', 25], ['laborExport', 15]])
    const status: PostStatus = weighted(rand, [['open', 85], ['draft', 5], ['paused', 5], ['filled', 5]])
    const createdAt = at(intBetween(rand, 0, 60))
    if (kind === 'workshop' && recognized.length > 0) {
      const w = i < 3 ? recognized[0]! : pick(rand, recognized)
      const trade = TRADE_JOBS[Object.keys(TRADE_JOBS).find((k) => w.input.name.endsWith(k)) ?? '发制品帮扶车间']!
      const { title: job, skill } = pick(rand, trade)
      const perPiece = rand() < 0.2
      posts.push({
        id: id(createdAt.getTime()),
        createdBy: w.ownerId,
        workshopName: w.input.name,
        status,
        createdAt,
        input: {
          kind,
          // The workshop's name is shown beside the title, so the title is the job itself.
          title: perPiece ? `${job}（计件）` : job,
          description: `${w.input.name}招聘${job}，就近务工，可照顾家庭。${job === '发制品加工工' ? '提供岗前培训，熟练后计件多劳多得。' : '工作稳定，按月发放工资。'}`,
          workshopId: w.id,
          township: w.input.township,
          village: w.input.village,
          headcount: intBetween(rand, 1, 12),
          wage: perPiece ? pieceWage(intBetween(rand, 20, 300) * 10) : { amountFen: intBetween(rand, 22, 45) * 10_000, unit: 'month' },
          // The skill a job asks for is its trade's (as many draws as before, so the people drawn after stay the same).
          skills: rand() < 0.6 && pick(rand, SKILLS) && skill ? [skill] : [],
          intensity: weighted(rand, [['light', 3], ['medium', 5], ['heavy', 2]]),
          accommodation: rand() < 0.15,
          meals: rand() < 0.5,
          ageMin: 18,
          ageMax: pick(rand, [50, 55, 60]),
        },
      })
      continue
    }
    const township = pick(rand, TOWNSHIPS)
    const village = pick(rand, villagesOf(township))
    const officer = officers.find((o) => o.scope === township.code) ?? officers[0]!
    if (kind === 'publicWelfare' || kind === 'workshop') {
      const title = pick(rand, WELFARE)
      posts.push({
        id: id(createdAt.getTime()),
        createdBy: officer.id,
        status,
        createdAt,
        input: {
          kind: 'publicWelfare',
          title: `${village.name}${title}`,
          description: `乡村公益性岗位，优先安置弱劳力、半劳力等就业困难的脱贫人口和监测对象，在本村就近上岗。`,
          township: township.code,
          village: village.code,
          headcount: intBetween(rand, 1, 3),
          // Paid the year's public-welfare standard (the draw stays, so the rest of the demo data is unchanged).
          wage: { amountFen: (intBetween(rand, 5, 10), DEMO_POLICY_2026.publicWelfare.monthlyFen), unit: 'month' },
          skills: [],
          intensity: 'light',
          accommodation: false,
          meals: false,
          ageMin: 18,
          ageMax: 65,
        },
      })
    } else if (kind === 'enterprise') {
      const { title: job, skill, employers } = pick(rand, ENTERPRISE_JOBS)
      posts.push({
        id: id(createdAt.getTime()),
        createdBy: officer.id,
        workshopName: pick(rand, employers),
        status,
        createdAt,
        input: {
          kind,
          title: `${job}（企业直招）`,
          description: '区人社部门对接企业岗位，缴纳社保，班车接送。',
          township: township.code,
          headcount: intBetween(rand, 5, 30),
          wage: { amountFen: intBetween(rand, 35, 60) * 10_000, unit: 'month' },
          skills: rand() < 0.4 && pick(rand, SKILLS) && skill ? [skill] : [],
          intensity: 'medium',
          accommodation: rand() < 0.4,
          meals: rand() < 0.7,
          ageMin: 18,
          ageMax: 50,
        },
      })
    } else {
      posts.push({
        id: id(createdAt.getTime()),
        createdBy: officer.id,
        status,
        createdAt,
        input: {
          kind,
          title: `有组织劳务输出：${pick(rand, EXPORT)}`,
          description: '区乡村振兴局组织统一输出，包车送达，符合条件可申请交通补贴。',
          township: township.code,
          headcount: intBetween(rand, 10, 40),
          wage: { amountFen: intBetween(rand, 45, 70) * 10_000, unit: 'month' },
          skills: [],
          intensity: 'medium',
          accommodation: true,
          meals: true,
          ageMin: 18,
          ageMax: 45,
        },
      })
    }
  }

  // Contact persons, drawn without the generator (the rest of the district stays as it was): every
  // public-welfare post names its village's 村委会 contact, one in three other posts a foreman or recruiter.
  posts.forEach((post, i) => {
    if (post.input.kind !== 'publicWelfare' && i % 3 !== 1) return
    const name = `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 7) % GIVEN.length]}`
    post.contact = { name: post.input.kind === 'publicWelfare' ? `村委会 ${name}` : name, phone: `135${String(20_000_000 + i).slice(-8)}` }
  })

  // Seekers: the demo seeker first, then the district's people.
  const nSeekers = opts.seekers ?? 2000
  const seen = new Set<string>()
  const idNumber = (birth: Date, male: boolean) => {
    for (;;) {
      const seq = intBetween(rand, 0, 49) * 2 + (male ? 1 : 0)
      const body = `${REGION_CODE}${birth.toISOString().slice(0, 10).replace(/-/g, '')}${String(intBetween(rand, 0, 9))}${String(seq).padStart(2, '0')}`
      const full = `${body}${idCheckChar(body)}`
      if (!seen.has(full)) {
        seen.add(full)
        return full
      }
    }
  }
  const seekers: SeedData['seekers'] = []
  for (let i = 0; i < nSeekers; i++) {
    const demo = i === 0
    const township = demo ? TOWNSHIPS.find((t) => t.code === DEMO_TOWNSHIP)! : pick(rand, TOWNSHIPS)
    const village = demo ? villagesOf(township)[1]! : pick(rand, villagesOf(township))
    const groups: Seeker['groups'] = demo
      ? ['returnee']
      : weighted(rand, [[['returnee'], 30], [['graduate'], 8], [['yulu'], 7], [['newEntrant'], 10], [[], 45]] as const).slice()
    const ageRange: [number, number] = groups.includes('yulu') ? [16, 20] : groups.includes('graduate') ? [21, 25] : groups.includes('newEntrant') ? [16, 22] : [25, 62]
    const age = demo ? 46 : intBetween(rand, ...ageRange)
    const birth = new Date(SEED_EPOCH - age * 365.25 * DAY - intBetween(rand, 0, 364) * DAY)
    const male = demo ? true : rand() < 0.55
    const category: Seeker['category'] = demo ? 'alleviated' : weighted(rand, [['alleviated', 65], ['monitored', 20], ['other', 15]])
    const laborCapacity: Seeker['laborCapacity'] = age > 58 ? weighted(rand, [['half', 5], ['weak', 4], ['none', 1]]) : weighted(rand, [['full', 70], ['half', 15], ['weak', 10], ['none', 5]])
    const education: Seeker['education'] = groups.includes('graduate') ? pick(rand, ['college', 'bachelor'] as const) : groups.includes('yulu') ? 'vocational' : weighted(rand, [['primary', 20], ['junior', 50], ['senior', 20], ['vocational', 10]])
    const nSkills = weighted(rand, [[0, 4], [1, 4], [2, 2]])
    const skills = [...new Set(Array.from({ length: nSkills }, () => pick(rand, SKILLS)))]
    const name = demo ? DEMO_ACCOUNTS[4]!.name : `${pick(rand, SURNAMES)}${pick(rand, GIVEN)}`
    seekers.push({
      id: demo ? '01KB00000000000000SEEKERF1' : id(SEED_EPOCH - 300 * DAY),
      ...(demo ? { userId: DEMO_ACCOUNTS[4]!.id, phoneMasked: '138****0004' } : {}),
      name,
      idNumber: idNumber(birth, male),
      category,
      ...(category === 'monitored' ? { monitoredSubtype: weighted(rand, [['unstable', 4], ['marginal', 5], ['suddenHardship', 2]] as const) } : {}),
      township: township.code,
      village: village.code,
      laborCapacity,
      education,
      skills: demo ? ['电工', '驾驶'] : skills,
      groups,
      intents: demo ? ['employment'] : [weighted(rand, [['employment', 8], ['entrepreneurship', 1], ['industry', 1]] as const)],
      expectedWageFen: intBetween(rand, 20, 60) * 10_000,
      maxCommuteKm: pick(rand, [5, 10, 20, 50]),
      ...(laborCapacity === 'full' && rand() < 0.35 ? { willingToMigrate: true } : {}),
      helperName: `${pick(rand, SURNAMES)}${pick(rand, GIVEN)}`,
      ...(groups.includes('graduate') || groups.includes('yulu') ? { school: pick(rand, SCHOOLS), major: pick(rand, MAJORS) } : {}),
      createdAt: fileMadeAt(at(intBetween(rand, 30, 300)), birth),
    })
  }
  joinDemoHouseholds(seekers)
  return { accounts: DEMO_ACCOUNTS, owners, workshops, posts, seekers }
}

/**
 * 户 The demo's registered households (functions/jobs/seed-following.ts registers them): their
 * heads and up to two more people of the same village and category as members, so each
 * household's page and the households list show a household with its people, not an empty one.
 */
export const demoHouseholdHeads = (seekers: SeedData['seekers']) => {
  const others = seekers.slice(1)
  return [...others.filter((p) => p.township === DEMO_TOWNSHIP && p.category !== 'other').slice(0, 12), ...others.filter((p) => p.township !== DEMO_TOWNSHIP && p.category !== 'other').slice(0, 12)]
}
export const demoHouseholdId = (head: { village: string }, i: number) => `411003-${head.village}-${String(i + 1).padStart(3, '0')}`

function joinDemoHouseholds(seekers: SeedData['seekers']) {
  const heads = demoHouseholdHeads(seekers)
  const taken = new Set(heads.map((h) => h.id))
  heads.forEach((head, i) => {
    const householdId = demoHouseholdId(head, i)
    head.householdId = householdId
    const members = seekers.slice(1).filter((p) => !taken.has(p.id) && p.village === head.village && p.category === head.category && p.monitoredSubtype === head.monitoredSubtype).slice(0, i % 3)
    for (const m of members) {
      taken.add(m.id)
      m.householdId = householdId
    }
  })
}

/**
 * The demo district's 2026 subsidy standards and targets. Illustrative figures in integer fen,
 * entered as data the way an admin would; the targets are the bureau's (5,665 employed, 800 certified).
 */
/** A piece rate states the monthly pay a worker can expect from it (compared with the minimum wage). */
const pieceWage = (amountFen: number) => ({ amountFen, unit: 'piece' as const, expectedMonthlyFen: 220_000 + amountFen * 50 })

export const DEMO_POLICY_2026: PolicyInput = {
  effectiveFrom: '2026-01-01',
  matching: defaultPolicy(2026),
  note: '演示数据：按建安振兴〔2022〕31号 目标设置，金额为示例',
  noticeDays: 7,
  transport: { amountFenByDestination: { inCounty: 0, outOfCountyInCity: 20_000, outOfCityInProvince: 40_000, outOfProvince: 80_000 }, minMonthsWorked: 3 },
  labor: { amountFen: 100_000, minMonthsWorked: 6 },
  training: { amountFenBySkillLevel: { 1: 300_000, 2: 300_000, 3: 200_000, 4: 150_000, 5: 100_000 }, otherCertificateFen: 80_000 },
  publicWelfare: { monthlyFen: 50_000 },
  // Henan's 2022 grades; Jian'an (an urban district of Xuchang) is grade 1.
  minimumWage: { monthlyFenByGrade: { 1: 210_000, 2: 190_000, 3: 170_000 }, grade: 1 },
  // Xuchang: ¥5,000 for a first small firm or sole business running ≥ 1 year; the loan up to ¥200,000 for 3 years.
  startup: { amountFen: 500_000, minHires: 0, minMonthsOperating: 12 },
  startupLoan: { maxFen: 20_000_000, maxYears: 3 },
  workshopReward: { perPersonFen: 100_000, minMonthsKept: 6 },
  yulu: { perTermFen: 150_000 },
  targets: { employed: 5665, certified: 800, lastYearWorkshopEmployed: 1210, lastYearPublicWelfareEmployed: 936 },
}
