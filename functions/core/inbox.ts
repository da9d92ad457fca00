/** 站内信 a seeker's inbox and the signed-in user's own account. */
import { DomainError } from '../../shared/errors.js'
import type { InboxMessage } from '../../shared/schemas/applications.js'
import type { Page } from '../../shared/schemas/common.js'
import { listInbox, markRead } from '../db/inbox.js'
import { getUser } from '../db/users.js'
import type { Actor, Deps } from './deps.js'
import { ownFile, ownFileIfAny } from './seekers.js'

export async function account(deps: Deps, actor: Actor) {
  const user = await getUser(deps.db, actor.userId)
  if (!user) throw new DomainError('auth.required', 'unauthenticated', '账号不存在，请重新登录', 'Account not found; sign in again')
  return user
}

export async function messages(deps: Deps, actor: Actor, q: { limit: number; cursor?: string }): Promise<Page<InboxMessage>> {
  const s = await ownFileIfAny(deps, actor)
  return s ? listInbox(deps.db, s.id, q.limit, q.cursor) : { items: [], nextCursor: null }
}

export async function read(deps: Deps, actor: Actor, messageId: string): Promise<void> {
  const s = await ownFile(deps, actor)
  await markRead(deps.db, s.id, messageId)
}
