import { describe, expect, it } from 'vitest'
import { safeRedirect } from '../../../web/src/safe-redirect'

describe('safeRedirect', () => {
  it.each([
    ['/posts/01HZ?x=1', '/posts/01HZ?x=1'],
    ['/officer/seekers', '/officer/seekers'],
    ['//evil.example/x', null],
    ['/\\evil.example', null],
    ['https://evil.example', null],
    ['posts', null],
    [undefined, null],
    [['/a'], null],
  ])('%j → %j', (raw, expected) => {
    expect(safeRedirect(raw)).toBe(expected)
  })
})
