import { GetCommand } from '@aws-sdk/lib-dynamodb'
import { DEFAULT_PREFERENCES, type Preferences } from '../../shared/schemas/preferences.js'
import { auditPut, type AuditDraft } from './audit.js'
import type { Db } from './client.js'
import { retryConflicts } from './errors.js'
import { preferencesKey } from './keys.js'
import { transact } from './tx.js'

/** A user's choices, or the defaults while they have made none. */
export async function getPreferences(db: Db, userId: string): Promise<Preferences> {
  const r = await db.doc.send(new GetCommand({ TableName: db.table, Key: preferencesKey(userId) }))
  return r.Item ? { ...DEFAULT_PREFERENCES, sms: r.Item.sms as Preferences['sms'] } : { ...DEFAULT_PREFERENCES }
}

/** Saves the choices and their audit event in one transaction. */
export async function savePreferences(db: Db, userId: string, prefs: Preferences, now: Date, audit: AuditDraft): Promise<Preferences> {
  await retryConflicts(() =>
    transact(db, [
      { Put: { TableName: db.table, Item: { ...preferencesKey(userId), entity: 'preferences', userId, sms: prefs.sms, updatedAt: now.toISOString() } } },
      auditPut(db, audit, now),
    ]),
  )
  return { sms: prefs.sms }
}
