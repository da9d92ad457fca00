/**
 * 户成员 counts: per household and township, how many files name the household and with which
 * category (`n`, `c_<category>`, `m_<subtype>`), so the households list answers 户类型 and the
 * member count with one BatchGetItem per page instead of one members Query per household.
 *
 * Why a counter item beside the household (`HOUSEHOLD#<id>` / `MEMBERS#<township>`) and not
 * attributes of the household item: files name a 户编号 before the household is registered (the
 * roster import links members by it, and a household may never be registered), and a file knows
 * only its own `householdId` and township. An `ADD` on a key derived from those two facts needs no
 * read and no "if the household exists", so it rides in the file's own transaction (create, edit,
 * confirmed household change, each import transaction); the township in the key keeps the count
 * the same as `membersOf`, which reads the household's own township's members.
 */
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb'
import { eachLimit } from '../../shared/each-limit.js'
import { memberDeltas, type MemberCounts, type MemberDelta, type MemberFacts } from '../../shared/household-members.js'
import { batchGet } from './batch.js'
import type { Db } from './client.js'
import { householdMemberCountKey } from './keys.js'
import type { TxItem } from './tx.js'

export type MemberChange = { before?: MemberFacts | undefined; after?: MemberFacts | undefined }

function addUpdate(db: Db, d: MemberDelta) {
  const names: Record<string, string> = { '#n': 'n' }
  const values: Record<string, unknown> = { ':n': d.counts.n }
  const add = ['#n :n']
  let i = 0
  for (const [prefix, counts] of [['c_', d.counts.category], ['m_', d.counts.subtype]] as const)
    for (const [k, v] of Object.entries(counts)) {
      names[`#a${i}`] = `${prefix}${k}`
      values[`:a${i}`] = v
      add.push(`#a${i} :a${i}`)
      i++
    }
  return {
    TableName: db.table,
    Key: householdMemberCountKey(d.householdId, d.township),
    UpdateExpression: `SET entity = :e ADD ${add.join(', ')}`,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: { ...values, ':e': 'householdMembers' },
  }
}

/** The counter updates of file changes, for the changes' own transaction (one per counter moved; none when nothing moved). */
export const memberCountWrites = (db: Db, changes: readonly MemberChange[]): TxItem[] => memberDeltas(changes).map((d) => ({ Update: addUpdate(db, d) }))

/** Bulk-loaded files (the seed's `putSeekers`, no transaction of their own): their counts added right after the batches. */
export async function addMemberCounts(db: Db, files: readonly MemberFacts[]): Promise<void> {
  await eachLimit(memberDeltas(files.map((after) => ({ after }))), 8, async (d) => {
    await db.doc.send(new UpdateCommand(addUpdate(db, d)))
  })
}

const countsOf = (i: Record<string, unknown>): MemberCounts => {
  const c: MemberCounts = { n: Number(i.n ?? 0), category: {}, subtype: {} }
  for (const [k, v] of Object.entries(i)) {
    if (k.startsWith('c_')) (c.category as Record<string, number>)[k.slice(2)] = Number(v)
    else if (k.startsWith('m_')) (c.subtype as Record<string, number>)[k.slice(2)] = Number(v)
  }
  return c
}

/** The counts of these households (each in its own township), by household id; a household without a counter is not in the map. */
export async function memberCountsOf(db: Db, households: readonly { id: string; township: string }[]): Promise<Map<string, MemberCounts>> {
  const keys = households.map((h) => ({ id: h.id, key: householdMemberCountKey(h.id, h.township) }))
  const byKey = new Map(keys.map(({ id, key }) => [`${key.PK}\u0000${key.SK}`, id]))
  const items = await batchGet(db, keys.map((k) => k.key))
  const out = new Map<string, MemberCounts>()
  for (const i of items) {
    const id = byKey.get(`${String(i.PK)}\u0000${String(i.SK)}`)
    if (id) out.set(id, countsOf(i))
  }
  return out
}

/** Writes a counter whole (the backfill: a table from before the counters). */
export async function putMemberCounts(db: Db, householdId: string, township: string, c: MemberCounts): Promise<void> {
  const item: Record<string, unknown> = { ...householdMemberCountKey(householdId, township), entity: 'householdMembers', n: c.n }
  for (const [k, v] of Object.entries(c.category)) item[`c_${k}`] = v
  for (const [k, v] of Object.entries(c.subtype)) item[`m_${k}`] = v
  await db.doc.send(new PutCommand({ TableName: db.table, Item: item }))
}
