import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb'
import { maskIdNumber, parseIdNumber } from '../../shared/id-number.js'
import type { Page } from '../../shared/schemas/common.js'
import type { Seeker } from '../../shared/schemas/seekers.js'
import type { Protector } from '../security/protect.js'
import { batchPut } from './batch.js'
import type { Db } from './client.js'
import { decodeCursor, encodeCursor } from './cursor.js'
import { idNumberKey, seekerKey, seekersByIdLast4, seekersOfTownship, stripKeys } from './keys.js'

export interface SeekerRecord extends Omit<Seeker, 'idNumberMasked' | 'gender' | 'birthDate'> {
  idNumber: string
}

/** The stored form: the ID number sealed, indexed by keyed hash and by its last four characters. */
export function seekerItems(p: Protector, r: SeekerRecord): Record<string, unknown>[] {
  const info = parseIdNumber(r.idNumber)
  if ('problem' in info) throw new Error(`seeker ${r.id}: invalid ID number (${info.problem})`)
  const idHash = p.blindIndex('idNumber', info.value)
  const { idNumber: _raw, ...rest } = r
  const seeker: Seeker = { ...rest, idNumberMasked: maskIdNumber(info.value), gender: info.gender, birthDate: info.birthDate }
  return [
    {
      ...seekerKey(r.id),
      entity: 'seeker',
      GSI1PK: seekersOfTownship(r.township),
      GSI1SK: `${r.village}#${r.name}#${r.id}`,
      GSI2PK: seekersByIdLast4(info.value.slice(-4)),
      GSI2SK: `${r.township}#${r.id}`,
      ...seeker,
      idHash,
      idNumberSealed: p.seal(info.value),
    },
    { ...idNumberKey(idHash), entity: 'idNumber', seekerId: r.id },
  ]
}

/** Bulk load (seed, roster import). Files created through the API use a conditional transaction instead. */
export async function putSeekers(db: Db, p: Protector, records: readonly SeekerRecord[]): Promise<void> {
  await batchPut(db, records.flatMap((r) => seekerItems(p, r)))
}

const toSeeker = (item: Record<string, unknown>): Seeker => {
  const { idHash: _h, idNumberSealed: _s, ...s } = stripKeys<Seeker & { idHash: string; idNumberSealed: string }>(item)
  return s
}

export async function getSeeker(db: Db, id: string): Promise<Seeker | undefined> {
  const r = await db.doc.send(new GetCommand({ TableName: db.table, Key: seekerKey(id) }))
  return r.Item ? toSeeker(r.Item) : undefined
}

/** A township's seekers, by village then name; `village` narrows to one village. */
export async function listSeekersOfTownship(db: Db, township: string, opts: { village?: string; limit?: number; cursor?: string } = {}): Promise<Page<Seeker>> {
  const r = await db.doc.send(
    new QueryCommand({
      TableName: db.table,
      IndexName: 'GSI1',
      KeyConditionExpression: opts.village ? 'GSI1PK = :pk AND begins_with(GSI1SK, :v)' : 'GSI1PK = :pk',
      ExpressionAttributeValues: { ':pk': seekersOfTownship(township), ...(opts.village ? { ':v': `${opts.village}#` } : {}) },
      Limit: opts.limit ?? 50,
      ExclusiveStartKey: decodeCursor(opts.cursor, ['PK', 'SK', 'GSI1PK', 'GSI1SK']),
    }),
  )
  return { items: (r.Items ?? []).map(toSeeker), nextCursor: encodeCursor(r.LastEvaluatedKey) }
}

/** Officers find a person by the last four characters of the ID number. */
export async function findSeekersByIdLast4(db: Db, last4: string, township?: string): Promise<Seeker[]> {
  const r = await db.doc.send(
    new QueryCommand({
      TableName: db.table,
      IndexName: 'GSI2',
      KeyConditionExpression: township ? 'GSI2PK = :pk AND begins_with(GSI2SK, :t)' : 'GSI2PK = :pk',
      ExpressionAttributeValues: { ':pk': seekersByIdLast4(last4.toUpperCase()), ...(township ? { ':t': `${township}#` } : {}) },
      Limit: 50,
    }),
  )
  return (r.Items ?? []).map(toSeeker)
}
