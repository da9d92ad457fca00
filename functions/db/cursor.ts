import { DomainError } from '../../shared/errors.js'

/** LastEvaluatedKey ⇄ opaque cursor. Only key attributes travel, never item data. */
export const encodeCursor = (key: Record<string, unknown> | undefined): string | null =>
  key ? Buffer.from(JSON.stringify(key)).toString('base64url') : null

export function decodeCursor(cursor: string | undefined, allowed: readonly string[]): Record<string, string> | undefined {
  if (!cursor) return undefined
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const entries = Object.entries(value)
      if (entries.every(([k, v]) => allowed.includes(k) && typeof v === 'string')) return value as Record<string, string>
    }
  } catch {
    // fall through to the error below
  }
  throw new DomainError('cursor.invalid', 'invalid', '分页游标无效', 'Invalid page cursor')
}
