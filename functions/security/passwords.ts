import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto'

/**
 * Staff passwords (the second factor beside the SMS code): scrypt from node:crypto, memory-hard, so a
 * stolen table does not give passwords away cheaply. The parameters are stored with each hash, so
 * they can be raised later and old hashes still verify.
 */
export interface ScryptCost {
  /** log2 of N, the CPU/memory cost. */
  logN: number
  r: number
  p: number
}

/**
 * One of OWASP's equivalent scrypt settings (N=2^15, r=8, p=3: 32 MiB, about 0.1–0.4 s on one core),
 * chosen over N=2^17 because a Lambda holds the memory for every sign-in at once.
 */
export const PRODUCTION_COST: ScryptCost = { logN: 15, r: 8, p: 3 }

const KEY_LENGTH = 32

const derive = (password: string, salt: Buffer, c: ScryptCost): Promise<Buffer> => {
  const options: ScryptOptions = { N: 2 ** c.logN, r: c.r, p: c.p, maxmem: 128 * 2 ** c.logN * c.r * 2 }
  return new Promise((resolve, reject) => scrypt(password.normalize('NFC'), salt, KEY_LENGTH, options, (e, key) => (e ? reject(e) : resolve(key))))
}

/** `scrypt$<logN>$<r>$<p>$<salt>$<hash>`, base64url. */
export async function hashPassword(password: string, cost: ScryptCost): Promise<string> {
  const salt = randomBytes(16)
  const key = await derive(password, salt, cost)
  return ['scrypt', cost.logN, cost.r, cost.p, salt.toString('base64url'), key.toString('base64url')].join('$')
}

/** True when the password makes the stored hash; a malformed hash verifies nothing. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, logN, r, p, salt, hash] = stored.split('$')
  if (scheme !== 'scrypt' || !salt || !hash) return false
  const cost = { logN: Number(logN), r: Number(r), p: Number(p) }
  if (![cost.logN, cost.r, cost.p].every((n) => Number.isInteger(n) && n > 0) || cost.logN > 20) return false
  const expected = Buffer.from(hash, 'base64url')
  const key = await derive(password, Buffer.from(salt, 'base64url'), cost)
  return key.length === expected.length && timingSafeEqual(key, expected)
}
