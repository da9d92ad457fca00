/** A user's own choices: how non-urgent notices reach them (the inbox alone, or the inbox and a text). */
import type { Preferences } from '../../shared/schemas/preferences.js'
import { getPreferences, savePreferences } from '../db/preferences.js'
import { by } from './access.js'
import type { Actor, Deps } from './deps.js'

export const mine = (deps: Deps, actor: Actor): Promise<Preferences> => getPreferences(deps.db, actor.userId)

/** Every signed-in user may choose for themself; the change is audited (before and after). */
export async function save(deps: Deps, actor: Actor, input: Preferences): Promise<Preferences> {
  const before = await getPreferences(deps.db, actor.userId)
  return savePreferences(deps.db, actor.userId, input, deps.now(), {
    objectType: 'user',
    objectId: actor.userId,
    action: 'user.preferences',
    ...by(actor),
    before: { sms: before.sms },
    after: { sms: input.sms },
  })
}
