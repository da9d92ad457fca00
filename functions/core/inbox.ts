/** 站内信 a seeker's inbox and the signed-in user's own account. */
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

/** The seeker's messages, each rendered in the reader's language (old ones included, see presentMessage). */
export async function messages(deps: Deps, actor: Actor, q: { limit: number; cursor?: string }, lang: Lang): Promise<Page<InboxMessage>> {
  const s = await ownFileIfAny(deps, actor)
  if (!s) return { items: [], nextCursor: null }
  const page = await listInbox(deps.db, s.id, q.limit, q.cursor)
  return { ...page, items: page.items.map((m) => presentMessage(m, lang)) }
}

/** The 消息 badge: one GetItem of the count kept beside the messages. */
export async function unread(deps: Deps, actor: Actor): Promise<UnreadCount> {
  const s = await ownFileIfAny(deps, actor)
  return { unread: s ? await unreadCount(deps.db, s.id) : 0 }
}

/** Marks a message read; reading it again changes nothing. Answers the new unread count. */
export async function read(deps: Deps, actor: Actor, messageId: string): Promise<UnreadCount> {
  const s = await ownFile(deps, actor)
  await markRead(deps.db, s.id, messageId)
  return { unread: await unreadCount(deps.db, s.id) }
}
