import { sign, verify } from 'hono/jwt'

/**
 * A token names a session and nothing more: who the user is and what they may do is read from the
 * session row, so a payload re-signed with a leaked or default key gains no role or scope.
 */
export interface TokenClaims {
  sub: string
  sid: string
  exp: number
}

/** Sessions travel as HS256 tokens; the session row they name is what makes them revocable. */
export const signToken = (claims: TokenClaims, secret: string): Promise<string> =>
  sign({ sub: claims.sub, sid: claims.sid, exp: claims.exp }, secret, 'HS256')

/** The token for a session: it expires with the session row. */
export const sessionToken = (session: { id: string; userId: string; expiresAt: string }, secret: string): Promise<string> =>
  signToken({ sub: session.userId, sid: session.id, exp: Math.floor(Date.parse(session.expiresAt) / 1000) }, secret)

/**
 * A token without a numeric `exp` is refused. Expiry is judged by the app's clock (`now`, the same
 * one that dated the session), not hono's wall clock, so an injected clock judges both alike.
 */
export async function verifyToken(token: string, secret: string, now = new Date()): Promise<TokenClaims | undefined> {
  try {
    const p = (await verify(token, secret, { alg: 'HS256', exp: false })) as Record<string, unknown>
    if (typeof p.sub !== 'string' || typeof p.sid !== 'string' || typeof p.exp !== 'number' || !Number.isFinite(p.exp)) return undefined
    if (p.exp <= Math.floor(now.getTime() / 1000)) return undefined
    return { sub: p.sub, sid: p.sid, exp: p.exp }
  } catch {
    return undefined
  }
}
