import { describe, expect, it } from 'vitest'
import { documentedStatuses, openApiDocument, ROUTES } from '../../functions/api/openapi.js'
import { checkAgainstDoc, routeOf } from '../support/api-doc-check.js'

const JSON_TYPE = 'application/json; charset=UTF-8'

describe('responses are held against the API document', () => {
  it('finds the route a request hit, the literal template before a parameter', () => {
    expect(routeOf('GET', '/api/seekers/search?q=刘建')?.path).toBe('/api/seekers/search')
    expect(routeOf('GET', '/api/seekers/01KB00000000000000SEEKERF1')?.path).toBe('/api/seekers/{id}')
    expect(routeOf('GET', '/api/files/exports/2026-12-01/a.xlsx')?.path).toBe('/api/files/{key}')
    expect(routeOf('DELETE', '/api/health')).toBeUndefined()
  })

  it('refuses a status the route does not document, and a body that does not match', () => {
    expect(() => checkAgainstDoc('GET', '/api/health', 200, { status: 'ok', env: 'test', db: true, time: '2026-12-01T00:00:00Z' }, JSON_TYPE)).not.toThrow()
    expect(() => checkAgainstDoc('GET', '/api/health', 201, {}, JSON_TYPE)).toThrow(/does not document status 201/)
    expect(() => checkAgainstDoc('GET', '/api/health', 200, { status: 'fine' }, JSON_TYPE)).toThrow(/does not match the documented response schema/)
    expect(() => checkAgainstDoc('POST', '/api/posts', 400, { code: 'x' }, JSON_TYPE)).toThrow(/documented error schema/)
    expect(() => checkAgainstDoc('POST', '/api/posts', 201, undefined, null)).not.toThrow()
    expect(() => checkAgainstDoc('GET', '/api/nothing-here', 200, {}, JSON_TYPE)).toThrow(/no route documents/)
  })

  it('the document lists, for every route, exactly the statuses the check allows', () => {
    const paths = openApiDocument().paths as Record<string, Record<string, { responses: Record<string, unknown> }>>
    for (const r of ROUTES) expect(Object.keys(paths[r.path]![r.method]!.responses).map(Number), `${r.method} ${r.path}`).toEqual(documentedStatuses(r))
    expect(documentedStatuses(ROUTES.find((r) => r.method === 'post' && r.path === '/api/match-runs')!)).toContain(202)
    expect(documentedStatuses(ROUTES.find((r) => r.method === 'post' && r.path === '/api/posts/{id}/applications')!)).toEqual(expect.arrayContaining([200, 201, 409]))
  })
})
