/**
 * Moves the board's counters from their first keys (one partition per year and metric, `TARGET#y#m`,
 * and one per year for outcomes, `OUTCOME#y`) into the year's board partition (`BOARD#y`,
 * functions/db/keys.ts), so that a data directory made before the change keeps its figures. Each
 * item moves in one transaction — ADD into the new item, delete the old one only if it is still
 * there — so a run cut short and run again never counts anything twice. Runs once (a marker).
 */
import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb'
import type { Db } from '../db/client.js'
import { legacyOutcomeCounters, legacyTargetCounters, outcomeCounterKey, targetCounterKey } from '../db/keys.js'
import { queryAll } from '../db/query.js'
import type { TargetMetric } from '../db/targets.js'

const MARKER = { PK: 'MIGRATION#board-partition', SK: 'MIGRATION' }
const METRICS: TargetMetric[] = ['certified', 'employed', 'publicWelfare', 'workshop', 'placed']
/** Counters exist from the first year the platform counted; before 2020 there is nothing to move. */
const FIRST_YEAR = 2020

/** Moves one item: every numeric attribute added to the new key, the strings set, the old item deleted. */
async function move(db: Db, item: Record<string, unknown>, to: { PK: string; SK: string }) {
  const numbers = Object.entries(item).filter(([k, v]) => typeof v === 'number' && k !== 'PK' && k !== 'SK')
  const strings = Object.entries(item).filter(([k, v]) => typeof v === 'string' && k !== 'PK' && k !== 'SK')
  const names = Object.fromEntries([...numbers, ...strings].map(([k], i) => [`#a${i}`, k]))
  const values = Object.fromEntries([...numbers, ...strings].map(([, v], i) => [`:v${i}`, v]))
  const add = numbers.map((_, i) => `#a${i} :v${i}`)
  const set = strings.map((_, i) => `#a${numbers.length + i} = :v${numbers.length + i}`)
  await db.doc.send(
    new TransactWriteCommand({
      TransactItems: [
        { Update: { TableName: db.table, Key: to, UpdateExpression: [add.length ? `ADD ${add.join(', ')}` : '', set.length ? `SET ${set.join(', ')}` : ''].join(' ').trim(), ExpressionAttributeNames: names, ExpressionAttributeValues: values } },
        { Delete: { TableName: db.table, Key: { PK: item.PK, SK: item.SK }, ConditionExpression: 'attribute_exists(PK)' } },
      ],
    }),
  )
}

/** Moves what is left under the old keys; answers how many items moved (0 once done: the marker). */
export async function migrateBoardCounters(db: Db, now = new Date()): Promise<{ moved: number } | undefined> {
  if ((await db.doc.send(new GetCommand({ TableName: db.table, Key: MARKER }))).Item) return undefined
  let moved = 0
  for (let year = FIRST_YEAR; year <= now.getUTCFullYear() + 1; year++) {
    for (const metric of METRICS) {
      const items = await queryAll(db, { pk: legacyTargetCounters(year, metric), oldestFirst: true }, (i) => i)
      for (const i of items) {
        await move(db, i, targetCounterKey(year, metric, i.township as string))
        moved++
      }
    }
    const outcomes = await queryAll(db, { pk: legacyOutcomeCounters(year), oldestFirst: true }, (i) => i)
    for (const i of outcomes) {
      await move(db, i, outcomeCounterKey(year, i.township as string, i.category as string))
      moved++
    }
  }
  await db.doc.send(new PutCommand({ TableName: db.table, Item: { ...MARKER, entity: 'migration', moved, at: now.toISOString() } }))
  return { moved }
}
