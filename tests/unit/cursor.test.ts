import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createCursorCodec, cursorScope, deriveCursorKey, MAX_CURSOR_LENGTH, readKeyCursor, readOffsetCursor, offsetCursor } from '../../functions/db/cursor.js'
import { isDomainError } from '../../shared/errors.js'

const codec = createCursorCodec(deriveCursorKey('a session secret of the test run, long enough'))
const seekers = cursorScope('query', 'GSI1', 'TWP#lingjing#SEEKERS', '', true, null)
const posts = cursorScope('query', 'GSI1', 'POSTS#open', '', false, null)
const KEYS = ['PK', 'SK', 'GSI1PK', 'GSI1SK']
const key = { PK: 'SEEKER#01J0000000000000000000000A', SK: 'SEEKER', GSI1PK: 'TWP#lingjing#SEEKERS', GSI1SK: 'lingjing-02#刘建国#01J0000000000000000000000A' }

const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url')
const refused = (f: () => unknown) => {
  try {
    f()
  } catch (e) {
    return isDomainError(e) && e.code === 'cursor.invalid' && e.kind === 'invalid' && e.message.length > 0 && e.messageEn.length > 0
  }
  return false
}

describe('page cursors are opaque and authenticated', () => {
  it('round-trips a key for the query that made it', () => {
    const c = codec.encode(seekers, key)
    expect(readKeyCursor(codec, seekers, c, KEYS)).toEqual(key)
    expect(c).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/)
    expect(readKeyCursor(codec, seekers, undefined, KEYS)).toBeUndefined()
  })

  const good = codec.encode(seekers, key)
  const [payload, mac] = good.split('.') as [string, string]
  const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1)
  const cases: [string, string][] = [
    ['a tampered MAC', `${payload}.${flip(mac, 5)}`],
    ['a tampered payload with the old MAC', `${flip(payload, 3)}.${mac}`],
    ['another payload with the old MAC', `${b64({ ...key, PK: 'SEEKER#01J0000000000000000000000B' })}.${mac}`],
    ['a truncated cursor', good.slice(0, good.length - 4)],
    ['the payload alone', payload],
    ['an empty MAC', `${payload}.`],
    ['non-base64 text', '!!!not-a-cursor!!!'],
    ['non-base64 with a dot', '%%%.%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%'],
    ['base64url of {} (the old format)', b64({})],
    ['base64url of {"PK":"x"} (the old format)', b64({ PK: 'x' })],
    ['{"PK":"x"} with a made-up MAC', `${b64({ PK: 'x' })}.${'A'.repeat(43)}`],
    ['the old offset cursor of browse', 'off.20'],
    ['a huge cursor', `${'A'.repeat(MAX_CURSOR_LENGTH * 10)}.${mac}`],
    ['a cursor signed with another key', createCursorCodec(deriveCursorKey('another secret')).encode(seekers, key)],
  ]
  for (const [name, cursor] of cases) {
    it(`refuses ${name} with cursor.invalid`, () => {
      expect(refused(() => readKeyCursor(codec, seekers, cursor, KEYS))).toBe(true)
    })
  }

  it('refuses a genuine cursor on another query (other partition, prefix, order, filter or index)', () => {
    const others = [
      posts,
      cursorScope('query', 'GSI1', 'TWP#suqiao#SEEKERS', '', true, null),
      cursorScope('query', 'GSI1', 'TWP#lingjing#SEEKERS', 'lingjing-02#', true, null),
      cursorScope('query', 'GSI1', 'TWP#lingjing#SEEKERS', '', false, null),
      cursorScope('query', 'GSI2', 'TWP#lingjing#SEEKERS', '', true, null),
      cursorScope('query', 'GSI1', 'TWP#lingjing#SEEKERS', '', true, ['township = :t', {}, { ':t': 'lingjing' }]),
    ]
    for (const scope of others) expect(refused(() => readKeyCursor(codec, scope, good, KEYS))).toBe(true)
  })

  it('refuses a signed value that is not a key of this index', () => {
    for (const v of [{}, { PK: 'x' }, { ...key, extra: 'x' }, { PK: 'x', SK: 'y', GSI1PK: 'z', GSI1SK: 1 }, ['PK'], null, 'PK', { offset: 3 }]) {
      expect(refused(() => readKeyCursor(codec, seekers, codec.encode(seekers, v), KEYS))).toBe(true)
    }
  })

  it('offsets of browse are signed and bound to their filters', () => {
    const scope = cursorScope('browse', { township: 'lingjing', q: '电工', sort: 'wage' })
    const c = offsetCursor(codec, scope, 40)!
    expect(readOffsetCursor(codec, scope, c)).toBe(40)
    expect(offsetCursor(codec, scope, null)).toBeNull()
    expect(refused(() => readOffsetCursor(codec, cursorScope('browse', { township: 'lingjing', q: '电工', sort: 'newest' }), c))).toBe(true)
    for (const v of [{ offset: -1 }, { offset: 1.5 }, { offset: '3' }, {}, key]) expect(refused(() => readOffsetCursor(codec, scope, codec.encode(scope, v)))).toBe(true)
  })

  it('scopes do not depend on the order an object was built in', () => {
    expect(cursorScope('browse', { a: 1, b: { y: 2, x: 1 } })).toBe(cursorScope('browse', { b: { x: 1, y: 2 }, a: 1 }))
  })

  it('property: any string that is not a cursor this codec made for this scope is refused, never thrown as something else', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 1200 }), (s) => {
        expect(refused(() => readKeyCursor(codec, seekers, s === '' ? 'x' : s, KEYS))).toBe(true)
      }),
      { numRuns: 500 },
    )
  })

  it('property: changing any one character of a genuine cursor makes it refused', () => {
    fc.assert(
      fc.property(fc.nat({ max: good.length - 1 }), fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.'), (i, ch) => {
        const altered = good.slice(0, i) + ch + good.slice(i + 1)
        if (altered === good) return
        // The last character of a base64url MAC carries spare bits: a change there may decode to the same bytes.
        let same = false
        try {
          same = JSON.stringify(readKeyCursor(codec, seekers, altered, KEYS)) === JSON.stringify(key)
        } catch (e) {
          expect(isDomainError(e) && e.code === 'cursor.invalid').toBe(true)
        }
        if (same) expect(i).toBe(good.length - 1)
      }),
      { numRuns: 500 },
    )
  })
})
