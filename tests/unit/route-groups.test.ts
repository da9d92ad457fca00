import { describe, expect, it } from 'vitest'
import { createApp } from '../../functions/api/app.js'
import { createBase } from '../../functions/api/base.js'
import { groupApp, groupOf, ROUTE_GROUPS } from '../../functions/api/route-groups.js'
import type { Deps } from '../../functions/core/deps.js'

/** A route as Hono lists it, middleware included ("ALL /api/posts/*"). */
const names = (app: { routes: { method: string; path: string }[] }) => app.routes.map((r) => `${r.method} ${r.path}`)
const pathOf = (name: string) => name.slice(name.indexOf(' ') + 1)

describe('the Lambda route groups (functions/api/route-groups.ts)', () => {
  // Only inspected, never called: the dependencies can stay empty.
  const deps = {} as Deps
  const all = names(createApp(deps))
  const base = names(createBase(deps))

  it('the whole app is the base and then the groups\' routes', () => {
    expect(all.slice(0, base.length)).toEqual(base)
  })

  it('every route beyond the base is in a group, and the base routes in none', () => {
    const outside = all.slice(base.length).filter((r) => groupOf(pathOf(r)) === undefined)
    expect(outside, 'mounted in app.ts but in no group of route-groups.ts').toEqual([])
    for (const r of base.filter((r) => !r.endsWith('/*'))) expect(groupOf(pathOf(r)), r).toBeUndefined()
  })

  // A module mounted at / (reports) serves several groups: its app then also holds routes that
  // other paths pick, which no request reaches through it.
  it.each(Object.keys(ROUTE_GROUPS))('%s: its app is the base plus the routes of app.ts its paths pick, in app.ts\'s order', async (prefix) => {
    const mine = all.slice(base.length).filter((r) => groupOf(pathOf(r)) === prefix)
    expect(mine.length).toBeGreaterThan(0)
    const app = names(await groupApp(deps, prefix))
    expect(app.slice(0, base.length)).toEqual(base)
    expect(app.slice(base.length).filter((r) => groupOf(pathOf(r)) === prefix)).toEqual(mine)
    for (const r of app.slice(base.length)) expect(all, r).toContain(r)
  })

  it('picks the longest prefix that ends at a path part', () => {
    expect(groupOf('/api/me')).toBe('/me')
    expect(groupOf('/api/me/recommendations')).toBe('/me/recommendations')
    expect(groupOf('/api/me/history/x')).toBe('/me/history')
    expect(groupOf('/api/ledger.xlsx')).toBe('/ledger.xlsx')
    expect(groupOf('/api/ledger/totals')).toBe('/ledger')
    expect(groupOf('/api/trainings.xlsx')).toBe('/trainings.xlsx')
    expect(groupOf('/api/postsx')).toBeUndefined()
    expect(groupOf('/api/health')).toBeUndefined()
    expect(groupOf('/posts')).toBeUndefined()
  })
})
