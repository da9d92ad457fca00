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

/** A token without a numeric `exp` is refused: hono/jwt checks `exp` only when it is present. */
export async function verifyToken(token: string, secret: string): Promise<TokenClaims | undefined> {
  try {
    const p = (await verify(token, secret, 'HS256')) as Record<string, unknown>
    if (typeof p.sub !== 'string' || typeof p.sid !== 'string' || typeof p.exp !== 'number' || !Number.isFinite(p.exp)) return undefined
    return { sub: p.sub, sid: p.sid, exp: p.exp }
  } catch {
    return undefined
  }
}
