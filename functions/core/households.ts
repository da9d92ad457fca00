/**
 * 户 households and their 帮扶责任人 helper. Household facts on each seeker file stay as they are;
 * a file joins a household by naming its 户编号 in `householdId` (the Excel import sets it too).
 */
import { DomainError } from '../../shared/errors.js'
import { maskPhone } from '../../shared/phone.js'
import { villageByCode } from '../../shared/geo.js'
import type { Page } from '../../shared/schemas/common.js'
import type { HelperInput, HelperView, Household, HouseholdListItem, NewHousehold } from '../../shared/schemas/monitoring.js'
import { countMembers, householdCategoryOf, plausible, type MemberCounts } from '../../shared/household-members.js'
import { eachLimit } from '../../shared/each-limit.js'
import { acrossTownships } from '../db/across.js'
import { casesOfHouseholdAll } from '../db/cases.js'
import { dueReassignWrite } from '../db/due.js'
import { memberCountsOf } from '../db/household-members.js'
import { createHousehold, getHousehold, listHouseholdsOfHelper, listHouseholdsOfTownship, membersOf, setHelper } from '../db/households.js'
import { listAllPlacementsOfSeeker } from '../db/placements.js'
import { getUser } from '../db/users.js'
import { allow, by, inScope, listTownship, listTownships, notFound } from './access.js'
import type { Actor, Deps } from './deps.js'
import { OFFICIAL_PREFIX, openDueOf } from './due.js'

const noHousehold = () => new DomainError('household.notFound', 'notFound', '该户不存在', 'Household not found')

/** A household is seen and changed by officers of its township (or the district); to anyone else it does not exist. */
export async function fromId(deps: Deps, actor: Actor, id: string): Promise<Household> {
  allow(actor, 'officer', 'admin')
  const h = await getHousehold(deps.db, id)
  if (!h || !inScope(actor, h.township)) throw noHousehold()
  return h
}

export async function create(deps: Deps, actor: Actor, input: NewHousehold): Promise<Household> {
  allow(actor, 'officer', 'admin')
  if (!inScope(actor, input.township)) throw new DomainError('auth.forbidden', 'forbidden', '只能登记本乡镇的户', 'You can register households of your own township only')
  const at = deps.now().toISOString()
  const h: Household = { ...input, createdAt: at, updatedAt: at }
  return createHousehold(deps.db, h, deps.now(), { objectType: 'household', objectId: h.id, action: 'household.create', ...by(actor), after: { township: h.township, village: h.village, headName: h.headName } })
}

/** The household with its members (the files naming it, in its township) — masked, as every list. */
export async function detail(deps: Deps, actor: Actor, id: string) {
  const h = await fromId(deps, actor, id)
  const members = await membersOf(deps.db, h)
  return { ...h, members: members.map((m) => ({ id: m.id, name: m.name, village: m.village, category: m.category, ...(m.riskEliminatedOn ? { riskEliminatedOn: m.riskEliminatedOn } : {}) })) }
}

/** A township's households (by village), or one helper's (`helper=me`: the caller's), each with its 户类型 and member count. */
export async function list(deps: Deps, actor: Actor, q: { township?: string | undefined; helper?: string | undefined; limit: number; cursor?: string | undefined }): Promise<Page<HouseholdListItem>> {
  allow(actor, 'officer', 'admin')
  const page = { limit: q.limit, ...(q.cursor ? { cursor: q.cursor } : {}) }
  const found = q.helper
    ? await listHouseholdsOfHelper(deps.db, q.helper === 'me' ? actor.userId : q.helper, listTownship(actor, q.township), page)
    : await acrossTownships(deps.db, ['households'], listTownships(actor, q.township), page, (t, p) => listHouseholdsOfTownship(deps.db, t, p))
  return { ...found, items: await withMembers(deps, found.items) }
}

/**
 * The page's households with their members' count and 户类型, from the member counters kept by
 * each file's own write (functions/db/household-members.ts): one BatchGetItem for the page. A
 * household whose counter is missing or cannot be right (a table from before the counters, until
 * the migrate job's backfill has run) is counted from its members instead: at most a page of small
 * Queries, eight at a time, and only for such households.
 */
async function withMembers(deps: Deps, households: readonly Household[]): Promise<HouseholdListItem[]> {
  if (!households.length) return []
  const counts = await memberCountsOf(deps.db, households)
  const missing = households.filter((h) => !counts.has(h.id) || !plausible(counts.get(h.id)!))
  await eachLimit(missing, 8, async (h) => {
    counts.set(h.id, countMembers(await membersOf(deps.db, h)))
  })
  return households.map((h) => {
    const c: MemberCounts = counts.get(h.id)!
    const kind = householdCategoryOf(c)
    return { ...h, memberCount: c.n, ...(kind ? { category: kind.category, ...(kind.monitoredSubtype ? { monitoredSubtype: kind.monitoredSubtype } : {}), categoryMixed: kind.mixed } : {}) }
  })
}

/**
 * Assigns or changes the helper, audited: an officer account in scope of the household's
 * township, or a named official with a mobile phone (sealed beside their id, shown masked, never
 * logged). The open due items of the household's cases follow the new helper in the same transaction.
 */
export async function assignHelper(deps: Deps, actor: Actor, id: string, input: HelperInput): Promise<Household> {
  const h = await fromId(deps, actor, id)
  let helper: HelperView
  let contact: { name: string; phoneSealed: string } | undefined
  if (input.kind === 'officer') {
    const u = await getUser(deps.db, input.userId)
    const serves = u && u.role === 'officer' && u.status !== 'deactivated' && inScope({ userId: u.id, role: u.role, ...(u.scope ? { scope: u.scope } : {}) }, h.township)
    if (!serves) throw new DomainError('helper.notOfficer', 'invalid', '帮扶责任人须为负责本乡镇的在职专员', 'The helper must be an active officer serving this township')
    helper = { id: u.id, kind: 'officer', name: u.name }
  } else {
    const helperId = `${OFFICIAL_PREFIX}${deps.protector.blindIndex('helper-phone', input.phone)}`
    helper = { id: helperId, kind: 'official', name: input.name, phoneMasked: maskPhone(input.phone) }
    contact = { name: input.name, phoneSealed: deps.protector.seal(input.phone) }
  }
  const after: Household = { ...h, helper, updatedAt: deps.now().toISOString() }
  // What the household still has due moves with it: its open cases' items and its members' placement checks.
  const subjects: [string, string][] = (await casesOfHouseholdAll(deps.db, h.id)).filter((c) => c.status !== 'closed').map((c) => ['case', c.id])
  for (const m of await membersOf(deps.db, h)) {
    for (const p of await listAllPlacementsOfSeeker(deps.db, m.id)) if (p.status === 'active') subjects.push(['placement', p.id])
  }
  const moves = []
  for (const [type, subjectId] of subjects) for (const d of await openDueOf(deps, type, subjectId)) moves.push(dueReassignWrite(deps.db, d, helper.id))
  if (moves.length > 80) throw new DomainError('household.tooMuchDue', 'conflict', '该户待办事项过多，请分批处理后再更换帮扶责任人', 'The household has too many open items to move at once')
  return setHelper(deps.db, h, after, contact, moves, deps.now(), {
    objectType: 'household',
    objectId: h.id,
    action: 'household.helper',
    ...by(actor),
    before: h.helper ? { helperId: h.helper.id, helperName: h.helper.name } : {},
    after: { helperId: helper.id, helperName: helper.name, kind: helper.kind },
  })
}

/** The village's display name, for titles. */
export const placeOf = (h: Pick<Household, 'village'>) => villageByCode.get(h.village)?.name ?? h.village
