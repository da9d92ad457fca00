/**
 * 密码 staff passwords: officers, auditors and admins sign in with the SMS code and a password, so
 * a stolen phone alone does not reach payments or personal data. An account with none (new, or
 * reset by an admin) signs in with a session limited to setting one.
 */
import { needsPassword } from '../../shared/access.js'
import { DomainError, FieldRefusal, RetryLater } from '../../shared/errors.js'
import type { PasswordChange, User } from '../../shared/schemas/auth.js'
import { auditPut } from '../db/audit.js'
import { isTransactionConflict } from '../db/errors.js'
import { clearFailures, countFailure, DEFAULT_PASSWORD_POLICY, getPassword, deletePasswordTx, markPasswordTx, putPasswordTx, replacePasswordTx, type StoredPassword } from '../db/passwords.js'
import { createSession, endSessionTx, type Session } from '../db/sessions.js'
import { getUser } from '../db/users.js'
import { transact } from '../db/tx.js'
import { hashPassword, verifyPassword } from '../security/passwords.js'
import { by } from './access.js'
import type { Actor, Deps } from './deps.js'

const locked = (seconds: number) =>
  new RetryLater('auth.passwordLocked', `密码错误次数过多，请 ${Math.ceil(seconds / 60)} 分钟后再试`, `Too many wrong passwords; try again in ${Math.ceil(seconds / 60)} minutes`, seconds)

/**
 * Checks a password against the stored hash, counting wrong tries; a locked account is refused
 * before any hashing (so tries cannot be used to burn CPU). Answers the tries left when wrong.
 */
async function check(deps: Deps, userId: string, stored: StoredPassword, password: string): Promise<{ ok: true } | { ok: false; left: number }> {
  const now = deps.now()
  const t = Math.floor(now.getTime() / 1000)
  if (stored.lockedUntil && stored.lockedUntil > t) throw locked(stored.lockedUntil - t)
  if (await verifyPassword(password, stored.hash)) {
    if (stored.failures > 0 || stored.lockedUntil) await clearFailures(deps.db, userId)
    return { ok: true }
  }
  const counted = await countFailure(deps.db, userId, DEFAULT_PASSWORD_POLICY, now)
  if ('lockedForSeconds' in counted) {
    deps.log.warn('password locked', { userId, lockSeconds: counted.lockedForSeconds })
    throw locked(counted.lockedForSeconds)
  }
  return { ok: false, left: counted.left }
}

/**
 * The password step of a staff sign-in, after the code was found right: 'set' when the password is
 * right, 'none' when the account has none yet (the session will be limited to setting one).
 */
export async function checkForSignIn(deps: Deps, user: User, password: string | undefined): Promise<'set' | 'none'> {
  const stored = await getPassword(deps.db, user.id)
  if (!stored) return 'none'
  if (password === undefined) {
    throw new DomainError('auth.passwordRequired', 'unauthenticated', '工作人员账号请同时输入登录密码', 'Staff accounts sign in with their password as well as the code')
  }
  const r = await check(deps, user.id, stored, password)
  if (!r.ok) throw new DomainError('auth.passwordWrong', 'unauthenticated', `密码错误，还可尝试 ${r.left} 次`, `Wrong password; ${r.left} ${r.left === 1 ? 'try' : 'tries'} left`)
  return 'set'
}

const alreadySet = (e?: unknown) =>
  new DomainError('password.alreadySet', 'conflict', '密码已经设置，请重新登录', 'A password has been set already; sign in again', e ? { cause: e } : undefined)

/**
 * Sets one's own password. The limited session after sign-in sets the first one: it ends in the same
 * transaction and a full session begins (answered, for a new token); otherwise the current password
 * is checked first, with its wrong tries counted as at sign-in.
 */
export async function setOwn(deps: Deps, actor: Actor, input: PasswordChange): Promise<{ passwordSet: true; session?: Session; user?: User }> {
  const { db } = deps
  if (!needsPassword(actor.role)) throw new DomainError('password.notForRole', 'forbidden', '求职者和车间负责人用短信验证码登录，不设密码', 'Seekers and workshop owners sign in by SMS code and have no password')
  const stored = await getPassword(db, actor.userId)
  const now = deps.now()
  const audit = (action: string) => auditPut(db, { objectType: 'user', objectId: actor.userId, action, ...by(actor) }, now)
  if (!stored) {
    const hash = await hashPassword(input.password, deps.config.passwordCost)
    try {
      await transact(db, [
        putPasswordTx(db, actor.userId, hash, now, true),
        markPasswordTx(db, actor.userId, now),
        ...(actor.limited ? [endSessionTx(db, actor.sessionId)] : []),
        audit('user.passwordSet'),
      ])
    } catch (e) {
      if (isTransactionConflict(e)) throw alreadySet(e)
      throw e
    }
    if (!actor.limited) return { passwordSet: true }
    const user = await getUser(db, actor.userId)
    if (!user) throw alreadySet()
    return { passwordSet: true, user, session: await createSession(db, user, deps.config.sessionTtlSeconds, deps.now()) }
  }
  // A limited session exists only while there is no password: one set meanwhile (another tab) wins.
  if (actor.limited) throw alreadySet()
  if (input.current === undefined) throw new FieldRefusal('password.currentRequired', 'current', '请输入当前密码', 'Enter the current password')
  const r = await check(deps, actor.userId, stored, input.current)
  if (!r.ok) throw new FieldRefusal('password.currentWrong', 'current', `当前密码不对，还可尝试 ${r.left} 次`, `The current password is wrong; ${r.left} ${r.left === 1 ? 'try' : 'tries'} left`)
  if (input.current === input.password) throw new FieldRefusal('password.same', 'password', '新密码不能与当前密码相同', 'The new password must differ from the current one')
  const hash = await hashPassword(input.password, deps.config.passwordCost)
  try {
    await transact(db, [replacePasswordTx(db, actor.userId, stored.hash, hash, now), markPasswordTx(db, actor.userId, now), audit('user.passwordChange')])
  } catch (e) {
    if (isTransactionConflict(e)) throw new DomainError('password.changedMeanwhile', 'conflict', '密码刚被修改过，请重新输入', 'The password was changed just now; try again', { cause: e })
    throw e
  }
  return { passwordSet: true }
}

/**
 * An admin's reset: the password is gone and every session of the account ends; it signs in next
 * with its code and a session limited to setting a new one. Audited with the admin's name.
 */
export async function resetTx(deps: Deps, admin: Actor, user: User) {
  if (!needsPassword(user.role)) throw new DomainError('password.notForRole', 'conflict', '该账号用短信验证码登录，没有密码', 'This account signs in by SMS code and has no password')
  const now = deps.now()
  await transact(deps.db, [
    deletePasswordTx(deps.db, user.id),
    markPasswordTx(deps.db, user.id, undefined),
    auditPut(deps.db, { objectType: 'user', objectId: user.id, action: 'user.passwordReset', ...by(admin), before: { passwordSetAt: user.passwordSetAt ?? null }, after: { passwordSetAt: null } }, now),
  ])
}
