/**
 * No silent caps (issue 17): every list route of the app takes `limit` and `cursor` and answers
 * `{items, nextCursor}`. Walks the app's own route list against the API reference (ROUTES): a GET
 * that answers `items` must declare both parameters, and must actually validate them — asked for
 * `limit=0` or an overlong cursor, it answers 400 naming that field. Validation runs before any
 * rule about roles, so one signed-in caller (the admin) reaches every route's validator.
 */
import { describe, expect, it } from 'vitest'
import * as z from 'zod'
import { ROUTES, type RouteDoc } from '../../functions/api/openapi.js'
import { createUser } from '../../functions/db/users.js'
import { call, signIn, testApp } from '../support/app.js'

/** Lists answered whole by design, each with its reason; they answer no `nextCursor` either. */
const WHOLE: Record<string, string> = {
  'get /api/geo/townships': 'the district’s 17 townships, fixed reference data',
  'get /api/geo/townships/{code}/villages': 'the villages of one township, fixed reference data',
  'get /api/todo': 'the eight kinds of work waiting, each a count (shared/schemas/todo.ts)',
}
/** GETs that answer no JSON list at all: files, pages, and one object. */
const NOT_LISTS: Record<string, string> = {
  'get /api/openapi.json': 'this document',
  'get /api/docs': 'an HTML page',
  'get /api/ledger.xlsx': 'a link to a file (every row)',
  'get /api/trainings.xlsx': 'a link to a file (every row)',
  'get /api/notices/{file}': 'a link to a file (every row of one batch)',
  'get /api/files/{key}': 'a stored file, by its signed link',
  'get /api/targets/{year}': 'one year’s targets and progress',
}

const ULID = '01J00000000000000000000000'
const PARAMS: Record<string, string> = { id: ULID, seekerId: ULID, code: 'lingjing', year: '2026', file: `${ULID}.xlsx` }
const pathOf = (r: RouteDoc) => r.path.replace(/\{(\w+)\}/g, (_m, name: string) => PARAMS[name] ?? ULID)
const keyOf = (r: { method: string; path: string }) => `${r.method.toLowerCase()} ${r.path}`

/** A response schema that is a page: an object with `items` (and, unless whole, `nextCursor`). */
const shapeOf = (s: z.ZodType | undefined) => (s instanceof z.ZodObject ? (s.shape as Record<string, unknown>) : undefined)
const answersItems = (r: RouteDoc) => Boolean(shapeOf(r.response)?.items)

describe('every list route pages', async () => {
  const t = await testApp()
  await createUser(t.db, t.deps.protector, { role: 'admin', name: '管理员', phone: '17700000090' })
  const admin = await signIn(t, '17700000090')
  const documented = new Map(ROUTES.map((r) => [keyOf(r), r]))
  const gets = [...new Set(t.app.routes.filter((r) => r.method === 'GET').map((r) => keyOf({ method: r.method, path: r.path.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}') })))]

  it('every GET of the app is in the API reference, with its answer declared unless it is a file or a page', () => {
    expect(gets.filter((k) => !documented.has(k)), 'GET routes missing from ROUTES').toEqual([])
    expect(gets.filter((k) => !documented.get(k)?.response && !(k in NOT_LISTS)), 'GET routes whose answer is not declared').toEqual([])
  })

  const lists = ROUTES.filter((r) => r.method === 'get' && answersItems(r) && !(keyOf(r) in WHOLE))

  it('finds the list routes (the walk is not empty)', () => {
    expect(lists.length).toBeGreaterThan(25)
    for (const k of Object.keys(WHOLE)) expect(shapeOf(documented.get(k)?.response)?.nextCursor, `${k} is whole: no nextCursor`).toBeUndefined()
  })

  it.each(lists.map((r) => [keyOf(r), r] as const))('%s declares limit and cursor and answers {items, nextCursor}', (_k, r) => {
    const query = shapeOf(r.query) ?? {}
    expect(Object.keys(query)).toEqual(expect.arrayContaining(['limit', 'cursor']))
    expect(Object.keys(shapeOf(r.response)!)).toEqual(expect.arrayContaining(['items', 'nextCursor']))
  })

  it.each(lists.map((r) => [keyOf(r), r] as const))('%s validates limit and cursor (400 naming the field)', async (_k, r) => {
    const path = pathOf(r)
    const sep = path.includes('?') ? '&' : '?'
    for (const [field, value] of [
      ['limit', '0'],
      ['cursor', 'x'.repeat(1100)],
    ] as const) {
      const res = await call(t, 'GET', `${path}${sep}${field}=${value}`, undefined, admin.token)
      expect(res.status, `${r.path} ${field}=${value.slice(0, 8)}: ${res.text.slice(0, 200)}`).toBe(400)
      const fields = (res.json?.issues ?? []).map((i: { path: string }) => i.path)
      expect(fields, `${r.path} names ${field}`).toContain(field)
    }
  })
})
