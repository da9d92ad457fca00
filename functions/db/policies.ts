import { DomainError } from '../../shared/errors.js'
import type { Policy, PolicyInput } from '../../shared/schemas/subsidies.js'
import type { Db } from './client.js'
import { orConflict } from './errors.js'
import { policyKey, policyPartition, stripKeys } from './keys.js'
import { queryAll } from './query.js'
import { auditPut, type AuditDraft } from './audit.js'
import { transact } from './tx.js'
import { recentRead } from './recent-reads.js'

/**
 * Every version of a district's policy for a year, newest first (a handful of items). Read on
 * every match and recommendation: a container answers from its recent read (recent-reads.ts;
 * a save through it forgets that at once). Callers copy before they change what they get.
 */
export const policyHistory = (db: Db, district: string, year: number): Promise<Policy[]> => {
  const pk = policyPartition(district, year)
  return recentRead(db, pk, () => queryAll(db, { pk, skPrefix: 'V#' }, (i) => stripKeys<Policy>(i)))
}

/** The version in force on a date: the newest whose effectiveFrom is not after it. */
export function policyInForce(history: readonly Policy[], date: string): Policy | undefined {
  return [...history].sort((a, b) => b.version - a.version).find((p) => p.effectiveFrom <= date)
}

/**
 * Saves a new version; never overwrites. Two admins saving at once both aim at version n+1:
 * the conditional put lets one win and the other gets a conflict to reload.
 */
export async function savePolicy(db: Db, district: string, year: number, input: PolicyInput, expectedVersion: number, by: string, now: Date, audit: (saved: Policy) => AuditDraft): Promise<Policy> {
  if (!input.effectiveFrom.startsWith(String(year))) {
    throw new DomainError('policy.effectiveYear', 'invalid', `生效日期应在 ${year} 年内`, `The effective date must fall in ${year}`)
  }
  const policy: Policy = { ...input, district, year, version: expectedVersion + 1, editedBy: by, editedAt: now.toISOString() }
  await orConflict(
    () =>
      transact(db, [
        { Put: { TableName: db.table, Item: { ...policyKey(district, year, policy.version), entity: 'policy', ...policy }, ConditionExpression: 'attribute_not_exists(PK)' } },
        auditPut(db, audit(policy), now),
      ]),
    () => new DomainError('policy.changed', 'conflict', '政策已被他人修改，请刷新后再保存', 'The policy was changed meanwhile; reload before saving'),
  )
  return policy
}
