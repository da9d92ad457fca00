/** 站内信 the signed-in user's own inbox (a seeker's, an officer's digests) and own account. */
import { DomainError } from '../../shared/errors.js'
import { presentMessage, type Lang } from '../../shared/messages.js'
import type { InboxMessage } from '../../shared/schemas/applications.js'
import type { Page } from '../../shared/schemas/common.js'
import type { UnreadCount } from '../../shared/schemas/preferences.js'
import { listInbox, markRead, unreadCount } from '../db/inbox.js'
import { getUser } from '../db/users.js'
import type { Actor, Deps } from './deps.js'
import { ownFile, ownFileIfAny } from './seekers.js'

export async function account(deps: Deps, actor: Actor) {
  const user = await getUser(deps.db, actor.userId)
  if (!user) throw new DomainError('auth.required', 'unauthenticated', '账号不存在，请重新登录', 'Account not found; sign in again')
  return user
}

/**
 * Whose inbox the caller reads, only ever their own: a seeker's is keyed by their file (none yet:
 * nothing, or 404 where a file is needed); an officer's or the admin's by their account, where the
 * daily job leaves the helper's digest and the weekly roll-up (core/due.ts). Other roles: 403.
 */
async function ownInbox(deps: Deps, actor: Actor, needsFile: boolean): Promise<string | undefined> {
  if (actor.role === 'officer' || actor.role === 'admin') return actor.userId
  return needsFile ? (await ownFile(deps, actor)).id : (await ownFileIfAny(deps, actor))?.id
}

/** The caller's messages, each rendered in the reader's language (old ones included, see presentMessage). */
export async function messages(deps: Deps, actor: Actor, q: { limit: number; cursor?: string }, lang: Lang): Promise<Page<InboxMessage>> {
  const owner = await ownInbox(deps, actor, false)
  if (!owner) return { items: [], nextCursor: null }
  const page = await listInbox(deps.db, owner, q.limit, q.cursor)
  return { ...page, items: page.items.map((m) => presentMessage(m, lang)) }
}

/** The 消息 badge: one GetItem of the count kept beside the messages. */
export async function unread(deps: Deps, actor: Actor): Promise<UnreadCount> {
  const owner = await ownInbox(deps, actor, false)
  return { unread: owner ? await unreadCount(deps.db, owner) : 0 }
}

/** Marks one of the caller's messages read; reading it again changes nothing. Answers the new unread count. */
export async function read(deps: Deps, actor: Actor, messageId: string): Promise<UnreadCount> {
  const owner = (await ownInbox(deps, actor, true))!
  await markRead(deps.db, owner, messageId)
  return { unread: await unreadCount(deps.db, owner) }
}
