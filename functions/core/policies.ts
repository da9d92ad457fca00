/** The year's policy (amounts, conditions, targets, matching weights) as data with versions. */
import { DISTRICT } from '../../shared/geo.js'
import { DomainError } from '../../shared/errors.js'
import { districtDate } from '../../shared/district-date.js'
import type { MatchPolicy } from '../../shared/matching/index.js'
import type { Policy, PolicyInput } from '../../shared/schemas/subsidies.js'
import type { Db } from '../db/client.js'
import { policyHistory, policyInForce, savePolicy } from '../db/policies.js'
import { targetProgress } from '../db/targets.js'
import { allow, by } from './access.js'
import type { Actor, Deps } from './deps.js'

/** The date a year's rules are read on: today within the year, its last day for past years. */
const dateIn = (year: number, today: string) => (today.startsWith(String(year)) ? today : `${year}-12-31`)

/** The policy in force on a date of its year (today, or the year's last day for past years). */
export async function policyFor(db: Db, year: number, today: string): Promise<Policy> {
  const p = policyInForce(await policyHistory(db, DISTRICT.code, year), dateIn(year, today))
  if (!p) throw new DomainError('policy.missing', 'notFound', `${year} 年的补贴政策尚未录入`, `No subsidy policy has been entered for ${year}`)
  return p
}

/** This year's matching weights and rules, with the district day they apply on. */
export async function matchingPolicy(deps: Deps): Promise<{ policy: MatchPolicy; asOf: string }> {
  const asOf = districtDate(deps.now())
  const policy = policyInForce(await policyHistory(deps.db, DISTRICT.code, Number(asOf.slice(0, 4))), asOf)?.matching
  if (!policy) throw new DomainError('policy.matchingMissing', 'notFound', '本年度匹配规则尚未录入', 'No matching policy has been entered for this year')
  return { policy, asOf }
}

export async function ofYear(deps: Deps, actor: Actor, year: number) {
  allow(actor, 'officer', 'admin', 'auditor')
  const history = await policyHistory(deps.db, DISTRICT.code, year)
  return { year, inForce: policyInForce(history, dateIn(year, districtDate(deps.now()))) ?? null, history }
}

/** A new version (never an overwrite); amounts are public figures, so the audit keeps the whole before/after. */
export async function save(deps: Deps, actor: Actor, year: number, input: PolicyInput, expectedVersion: number): Promise<Policy> {
  allow(actor, 'admin')
  const before = (await policyHistory(deps.db, DISTRICT.code, year)).find((p) => p.version === expectedVersion)
  return savePolicy(deps.db, DISTRICT.code, year, input, expectedVersion, actor.userId, deps.now(), (saved) => ({
    objectType: 'policy',
    objectId: `${DISTRICT.code}-${year}`,
    action: 'policy.save',
    ...by(actor),
    ...(before ? { before: before as unknown as Record<string, unknown> } : {}),
    after: saved as unknown as Record<string, unknown>,
  }))
}

/** 目标 targets of a year and progress toward them, by township. */
export async function targets(deps: Deps, actor: Actor, year: number) {
  allow(actor, 'officer', 'admin', 'auditor')
  const policy = await policyFor(deps.db, year, districtDate(deps.now()))
  const [certified, employed] = await Promise.all([targetProgress(deps.db, 'certified', year), targetProgress(deps.db, 'employed', year)])
  return { year, targets: policy.targets, progress: { certified, employed } }
}
