import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto'
import { DomainError } from '../../shared/errors.js'

/**
 * Page cursors: opaque to clients and authenticated. A cursor is `<payload>.<mac>`, both base64url;
 * the MAC (HMAC-SHA256) covers the payload and the *scope*, a string naming the query that produced
 * it, so a cursor cannot be made up, edited, or carried from one list to another. Only positions
 * travel (key attributes of an item the page returned, or an offset), never item data.
 */
export interface CursorCodec {
  encode(scope: string, position: unknown): string
  /** The position this codec signed for this scope; anything else throws `cursor.invalid`. */
  decode(scope: string, cursor: string): unknown
}

/** Far above any real cursor (a few key attributes); checked before any work is done. */
export const MAX_CURSOR_LENGTH = 1024

const MAC_CHARS = 43 // 32 bytes in unpadded base64url
const SHAPE = new RegExp(`^([A-Za-z0-9_-]{2,${MAX_CURSOR_LENGTH}})\\.([A-Za-z0-9_-]{${MAC_CHARS}})$`)

export const invalidCursor = (cause?: unknown) =>
  new DomainError('cursor.invalid', 'invalid', '分页游标无效，请从第一页重新开始', 'Invalid page cursor; start again from the first page', cause ? { cause } : undefined)

/** A key of its own for cursors, derived from the session secret (never the secret itself). */
export const deriveCursorKey = (secret: string): Buffer => Buffer.from(hkdfSync('sha256', secret, 'wengang', 'page-cursor/v1', 32))

export function createCursorCodec(key: Uint8Array): CursorCodec {
  // NUL cannot occur in a scope (JSON text) or in base64url, so the MAC input is unambiguous.
  const mac = (scope: string, payload: string) => createHmac('sha256', key).update(`v1\0${scope}\0${payload}`).digest()
  return {
    encode(scope, position) {
      const payload = Buffer.from(JSON.stringify(position), 'utf8').toString('base64url')
      return `${payload}.${mac(scope, payload).toString('base64url')}`
    },
    decode(scope, cursor) {
      if (typeof cursor !== 'string' || cursor.length > MAX_CURSOR_LENGTH) throw invalidCursor()
      const m = SHAPE.exec(cursor)
      if (!m) throw invalidCursor()
      const given = Buffer.from(m[2]!, 'base64url')
      const wanted = mac(scope, m[1]!)
      if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) throw invalidCursor()
      try {
        return JSON.parse(Buffer.from(m[1]!, 'base64url').toString('utf8')) as unknown
      } catch (e) {
        throw invalidCursor(e)
      }
    },
  }
}

/** The scope of a query: a stable text of everything that identifies it (objects by sorted keys). */
export const cursorScope = (...parts: unknown[]): string =>
  JSON.stringify(parts, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  )

/**
 * An ExclusiveStartKey read back: exactly the key attributes of the table or index, all strings.
 * The MAC already vouches for it; the shape check keeps a future bug from reaching DynamoDB.
 */
export function readKeyCursor(codec: CursorCodec, scope: string, cursor: string | undefined, keys: readonly string[]): Record<string, string> | undefined {
  if (cursor === undefined || cursor === '') return undefined
  const v = codec.decode(scope, cursor)
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw invalidCursor()
  const entries = Object.entries(v)
  if (entries.length !== keys.length || !entries.every(([k, x]) => keys.includes(k) && typeof x === 'string' && x.length > 0)) throw invalidCursor()
  return v as Record<string, string>
}

export const keyCursor = (codec: CursorCodec, scope: string, key: Record<string, unknown> | undefined): string | null => (key ? codec.encode(scope, key) : null)

/** Offsets into a list sorted in memory (filtered browse), signed like any other cursor. */
export function readOffsetCursor(codec: CursorCodec, scope: string, cursor: string | undefined): number {
  if (cursor === undefined || cursor === '') return 0
  const v = codec.decode(scope, cursor) as { offset?: unknown } | null
  const offset = v && typeof v === 'object' ? v.offset : undefined
  if (typeof offset !== 'number' || !Number.isSafeInteger(offset) || offset < 0) throw invalidCursor()
  return offset
}

export const offsetCursor = (codec: CursorCodec, scope: string, offset: number | null): string | null => (offset === null ? null : codec.encode(scope, { offset }))

/**
 * A page of a list ranked in memory (recommendations, a post's candidates): a signed offset into
 * it, valid for this list only. The ranking is made again for each page, so the list may shift
 * between pages as posts and people change; nothing is capped.
 */
export function pageOfRanked<T>(codec: CursorCodec, scope: string, ranked: readonly T[], page: { limit: number; cursor?: string }): { items: T[]; nextCursor: string | null } {
  const start = readOffsetCursor(codec, scope, page.cursor)
  const end = start + page.limit
  return { items: ranked.slice(start, end), nextCursor: offsetCursor(codec, scope, end < ranked.length ? end : null) }
}
