import { sign, verify } from 'hono/jwt'
import type { OfficerScope, Role } from '../../shared/schemas/auth.js'

export interface TokenClaims {
  sub: string
  sid: string
  role: Role
  scope?: OfficerScope
  exp: number
}

/** Sessions travel as HS256 tokens; the session row they name is what makes them revocable. */
export const signToken = (claims: TokenClaims, secret: string): Promise<string> => sign({ ...claims }, secret, 'HS256')

export async function verifyToken(token: string, secret: string): Promise<TokenClaims | undefined> {
  try {
    const p = (await verify(token, secret, 'HS256')) as unknown as TokenClaims
    return typeof p.sub === 'string' && typeof p.sid === 'string' ? p : undefined
  } catch {
    return undefined
  }
}
