import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto'

/**
 * Personal data at rest (PIPL): phones and ID numbers are stored sealed (AES-256-GCM) and
 * looked up by a keyed hash (blind index), so neither the table's keys nor a dump reveal them.
 */
export interface Protector {
  blindIndex(kind: string, value: string): string
  seal(value: string): string
  open(sealed: string): string
}

export function createProtector(secret: string): Protector {
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', secret, 'wengang', info, 32))
  const indexKey = derive('blind-index')
  const sealKey = derive('seal')
  return {
    blindIndex: (kind, value) => createHmac('sha256', indexKey).update(`${kind}:${value}`).digest('base64url').slice(0, 32),
    seal(value) {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', sealKey, iv)
      const body = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()])
      return `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`
    },
    open(sealed) {
      const raw = Buffer.from(sealed.slice(3), 'base64url')
      const decipher = createDecipheriv('aes-256-gcm', sealKey, raw.subarray(0, 12))
      decipher.setAuthTag(raw.subarray(12, 28))
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8')
    },
  }
}
