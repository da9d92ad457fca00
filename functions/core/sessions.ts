/**
 * 登录 sign-in: one-time codes, sessions and their end. The session row decides who a request is
 * (role, scope); ending a user's sessions takes effect on their next request.
 */
import { randomInt } from 'node:crypto'
import { DomainError, isDomainError } from '../../shared/errors.js'
import type { OtpResponse, User } from '../../shared/schemas/auth.js'
import { checkOtp, consumeOtp, DEFAULT_OTP_POLICY, issueOtp, spendOtp } from '../db/otp.js'
import { otpMessage } from '../sms/otp-message.js'
import { SmsUnavailable } from '../sms/provider.js'
import { renderSms } from '../sms/templates.js'
import { createSession, deleteSession, endSessionsOfUser, getLiveSession, type Session } from '../db/sessions.js'
import { findOrCreateSeeker, findUserByPhone } from '../db/users.js'
import { needsPassword } from '../../shared/access.js'
import * as Passwords from './passwords.js'
import type { Actor, Deps } from './deps.js'

/**
 * Sends a code, if the client's hourly limit, the hourly budget and the phone's limits allow it
 * (each a conditional write; beyond them a RetryLater, 429 with Retry-After). `clientAddress` is
 * what the API read from the connection; it is kept only as a keyed hash, as phones are.
 */
export async function requestCode(deps: Deps, input: { phone: string; clientAddress: string }): Promise<OtpResponse> {
  const { db, protector, sms, config, now } = deps
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0')
  const phoneHash = protector.blindIndex('phone', input.phone)
  const issued = await issueOtp(
    db,
    { phoneHash, codeHash: protector.blindIndex('otp', `${phoneHash}:${code}`), clientHash: protector.blindIndex('client', input.clientAddress) },
    DEFAULT_OTP_POLICY,
    { perClientPerHour: config.otpPerClientPerHour, perHour: config.otpPerHour },
    now(),
  )
  // Sent in the request, never queued: the person is waiting. A failed send takes the code back whole
  // (it cannot sign in, the phone may ask again at once, no limit spent) and answers 503 sms.unavailable.
  const message = otpMessage(code, DEFAULT_OTP_POLICY.ttlSeconds / 60)
  try {
    await sms.send(input.phone, renderSms(message), { purpose: 'otp', code, template: message })
  } catch (e) {
    await issued.withdraw()
    throw isDomainError(e) ? e : new SmsUnavailable('internal', true, { cause: e })
  }
  const body: OtpResponse = { sent: true, expiresInSeconds: DEFAULT_OTP_POLICY.ttlSeconds }
  // Only a local development server hands the code back; every other environment sends it by SMS.
  if (config.env === 'local') body.devCode = code
  return body
}

/** A staff account without a password yet has a quarter of an hour to set one. */
export const LIMITED_SESSION_SECONDS = 15 * 60

const refuseDeactivated = (user: User) => {
  if (user.status === 'deactivated') throw new DomainError('auth.deactivated', 'forbidden', '该账号已停用，请联系管理员', 'This account has been deactivated; contact an administrator')
}

/**
 * A right code makes a session holding the user's role and scope. The API hands out a token that
 * names the session only (functions/auth/tokens.ts): what the user may do stays in the row.
 * Officers, auditors and admins need their password too: the code is checked first (so only the
 * phone's holder learns that a password is asked), spent only when the password is right too, and
 * an account with no password yet gets a session limited to setting one.
 */
export async function signIn(deps: Deps, input: { phone: string; code: string; password?: string | undefined }): Promise<{ user: User; session: Session; passwordSetupRequired?: true }> {
  const { db, protector, config, now } = deps
  const phoneHash = protector.blindIndex('phone', input.phone)
  const codeHash = protector.blindIndex('otp', `${phoneHash}:${input.code}`)
  const existing = await findUserByPhone(db, protector, input.phone)
  if (existing && needsPassword(existing.role)) {
    await checkOtp(db, phoneHash, codeHash, DEFAULT_OTP_POLICY, now())
    refuseDeactivated(existing)
    const password = await Passwords.checkForSignIn(deps, existing, input.password)
    await spendOtp(db, phoneHash, codeHash)
    if (password === 'none') {
      return { user: existing, session: await createSession(db, existing, LIMITED_SESSION_SECONDS, now(), 'password'), passwordSetupRequired: true }
    }
    return { user: existing, session: await createSession(db, existing, config.sessionTtlSeconds, now()) }
  }
  await consumeOtp(db, phoneHash, codeHash, DEFAULT_OTP_POLICY, now())
  const user = existing ?? (await findOrCreateSeeker(db, protector, input.phone))
  refuseDeactivated(user)
  return { user, session: await createSession(db, user, config.sessionTtlSeconds, now()) }
}

export const signOut = (deps: Deps, actor: Actor): Promise<void> => deleteSession(deps.db, actor.sessionId)

/** Deactivation, or a change of role or scope: every session of the user ends at once. */
export const endSessionsOf = (deps: Deps, userId: string): Promise<number> => endSessionsOfUser(deps.db, userId)

/**
 * Who a verified token's session says the caller is: the row's role and scope, never the token's;
 * undefined when the session ended, expired or belongs to someone else.
 */
export async function actorOfSession(deps: Deps, token: { sub: string; sid: string }): Promise<Actor | undefined> {
  const session = await getLiveSession(deps.db, token.sid, deps.now())
  if (!session || session.userId !== token.sub) return undefined
  return { userId: session.userId, role: session.role, sessionId: session.id, ...(session.scope ? { scope: session.scope } : {}), ...(session.limited ? { limited: session.limited } : {}), ...(session.seekerId ? { seekerId: session.seekerId } : {}) }
}
