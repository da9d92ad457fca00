/**
 * An account's link to its own file (`USER#<id>/SEEKERFILE`), on its own: sign-in's session reads
 * it, and the session module is on every request's path, where the seekers module is not loaded.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb'
import type { Db } from './client.js'
import { userSeekerKey } from './keys.js'

/** The id of the account's own file, from its link (one GetItem; none yet: undefined). */
export async function linkedFileOf(db: Db, userId: string): Promise<string | undefined> {
  const link = await db.doc.send(new GetCommand({ TableName: db.table, Key: userSeekerKey(userId) }))
  return link.Item ? String(link.Item.seekerId) : undefined
}
