/**
 * 用户 accounts: an admin adds, edits and deactivates the district's staff and workshop owners
 * (seekers make their own account by signing in). A change of role or scope, and a deactivation,
 * end the user's sessions at once; the last active admin cannot be removed. An officer who moves
 * township keeps their id, so their history stays under their name.
 */
import type { AccountPatch, NewAccount, User } from '../../shared/schemas/auth.js'
import type { Page } from '../../shared/schemas/common.js'
import type { z } from 'zod'
import type { UserQuery } from '../../shared/schemas/auth.js'
import { createUser, getUser, searchUsers, setAccountStatus, updateAccount } from '../db/users.js'
import { FieldRefusal } from '../../shared/errors.js'
import { allow, by, notFound } from './access.js'
import type { Actor, Deps } from './deps.js'
import * as Passwords from './passwords.js'
import { endSessionsOf } from './sessions.js'

const facts = (u: User) => ({ role: u.role, name: u.name, ...(u.scope ? { scope: u.scope } : {}), ...(u.status ? { status: u.status } : {}) })

/** A staff or owner account, loaded for an admin: a seeker's account (or none) is not found here. */
async function toManage(deps: Deps, actor: Actor, id: string): Promise<User> {
  allow(actor, 'admin')
  const u = await getUser(deps.db, id)
  if (!u || u.role === 'seeker') throw notFound('user')
  return u
}

export async function list(deps: Deps, actor: Actor, q: z.infer<typeof UserQuery>): Promise<Page<User>> {
  allow(actor, 'admin')
  return searchUsers(deps.db, q.role, q.q, q.limit, q.cursor)
}

export async function create(deps: Deps, actor: Actor, input: NewAccount): Promise<User> {
  allow(actor, 'admin')
  return createUser(deps.db, deps.protector, { role: input.role, name: input.name, phone: input.phone, ...(input.scope ? { scope: input.scope } : {}) }, deps.now(), (u) => ({
    objectType: 'user',
    objectId: u.id,
    action: 'user.create',
    ...by(actor),
    after: { ...facts(u), phoneMasked: u.phoneMasked },
  }))
}

export async function update(deps: Deps, actor: Actor, id: string, patch: AccountPatch): Promise<User> {
  const before = await toManage(deps, actor, id)
  const role = patch.role ?? before.role
  const scope = role === 'officer' ? (patch.scope ?? before.scope) : undefined
  if (role === 'officer' && !scope) throw new FieldRefusal('user.scopeRequired', 'scope', '就业专员须选择工作范围（全区或一个乡镇）', 'An officer needs a scope: the district or one township')
  const { scope: _old, ...rest } = before
  const after: User = { ...rest, role, name: patch.name ?? before.name, ...(scope ? { scope } : {}) }
  const saved = await updateAccount(deps.db, before, after, deps.now(), { objectType: 'user', objectId: id, action: 'user.update', ...by(actor), before: facts(before), after: facts(after) })
  // What a session may do is read from its row: a new role or scope starts with a new sign-in.
  if (before.role !== after.role || before.scope !== after.scope) await endSessionsOf(deps, id)
  return saved
}

export async function deactivate(deps: Deps, actor: Actor, id: string): Promise<User> {
  const user = await toManage(deps, actor, id)
  const saved = await setAccountStatus(deps.db, user, 'deactivated', deps.now(), { objectType: 'user', objectId: id, action: 'user.deactivate', ...by(actor), before: facts(user), after: { status: 'deactivated' } })
  await endSessionsOf(deps, id)
  return saved
}

export async function activate(deps: Deps, actor: Actor, id: string): Promise<User> {
  const user = await toManage(deps, actor, id)
  return setAccountStatus(deps.db, user, 'active', deps.now(), { objectType: 'user', objectId: id, action: 'user.activate', ...by(actor), before: facts(user), after: { status: 'active' } })
}

/** 重置密码: the account's password is removed and its sessions end; it sets a new one at its next sign-in. */
export async function resetPassword(deps: Deps, actor: Actor, id: string): Promise<User> {
  const user = await toManage(deps, actor, id)
  await Passwords.resetTx(deps, actor, user)
  await endSessionsOf(deps, id)
  const { passwordSetAt: _gone, ...rest } = user
  return rest
}
