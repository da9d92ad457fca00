import { describe, expect, it } from 'vitest'
import { createApp } from '../../functions/api/app.js'
import type { Deps } from '../../functions/core/deps.js'
import { openApiDocument, ROUTES } from '../../functions/api/openapi.js'

describe('OpenAPI document', () => {
  // The app is only inspected, never called, so its dependencies can stay empty.
  const app = createApp({} as Deps)
  const served = new Set(app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}')}`))

  it('lists exactly the routes the app serves', () => {
    expect(new Set(ROUTES.map((r) => `${r.method} ${r.path}`))).toEqual(served)
  })

  it('is OpenAPI 3.1 with schemas from the zod definitions', () => {
    const doc = openApiDocument() as { openapi: string; paths: Record<string, any> }
    expect(doc.openapi).toBe('3.1.0')
    const otp = doc.paths['/api/auth/otp'].post
    expect(otp.requestBody.content['application/json'].schema.properties.phone.type).toBe('string')
    const list = doc.paths['/api/posts'].get
    expect(list.parameters.map((p: { name: string }) => p.name)).toEqual(['limit', 'cursor', 'township', 'kind', 'q', 'skill', 'minWageFen', 'intensity', 'accommodation', 'near', 'maxKm', 'sort'])
    expect(list.parameters.find((p: { name: string }) => p.name === 'limit').schema.maximum).toBe(50)
  })
})
