import * as z from 'zod'
import { LoginRequest, LoginResponse, OtpRequest, OtpResponse, User } from '../../shared/schemas/auth.js'
import { IdParam } from '../../shared/schemas/common.js'
import { Post, PostQuery } from '../../shared/schemas/posts.js'
import { TownshipCode } from '../../shared/schemas/common.js'

/**
 * The API reference, built from the same zod schemas the routes validate with. A test checks
 * that every route the app serves is listed here and nothing else is.
 */
export interface RouteDoc {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete'
  path: string
  summary: string
  tag: string
  auth?: boolean
  params?: z.ZodObject
  query?: z.ZodObject
  body?: z.ZodType
  response?: z.ZodType
}

const ErrorBody = z.object({
  code: z.string(),
  message: z.string(),
  messageEn: z.string(),
  requestId: z.string(),
  issues: z.array(z.object({ path: z.string(), code: z.string(), message: z.string(), messageEn: z.string() })).optional(),
})

const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() })
const Township = z.object({ code: z.string(), name: z.string(), nameEn: z.string(), lat: z.number(), lng: z.number() })
const Village = z.object({ code: z.string(), township: z.string(), name: z.string(), lat: z.number(), lng: z.number() })

export const ROUTES: RouteDoc[] = [
  { method: 'get', path: '/api/health', tag: 'system', summary: '健康检查 Health check (API and table)', response: z.object({ status: z.enum(['ok', 'degraded']), env: z.string(), db: z.boolean(), time: z.string() }) },
  { method: 'get', path: '/api/openapi.json', tag: 'system', summary: 'OpenAPI 3.1 文档 This document' },
  { method: 'get', path: '/api/docs', tag: 'system', summary: 'API 参考页 Readable API reference' },
  { method: 'post', path: '/api/auth/otp', tag: 'auth', summary: '发送登录验证码 Send a sign-in code by SMS', body: OtpRequest, response: OtpResponse },
  { method: 'post', path: '/api/auth/login', tag: 'auth', summary: '验证码登录 Sign in with phone and code', body: LoginRequest, response: LoginResponse },
  { method: 'post', path: '/api/auth/logout', tag: 'auth', summary: '退出登录 Sign out (revokes the session)', auth: true, response: z.object({ signedOut: z.literal(true) }) },
  { method: 'get', path: '/api/me', tag: 'auth', summary: '当前用户 The signed-in user', auth: true, response: User },
  { method: 'get', path: '/api/geo/townships', tag: 'geo', summary: '乡镇列表 Townships of the district', response: z.object({ items: z.array(Township) }) },
  { method: 'get', path: '/api/geo/townships/{code}/villages', tag: 'geo', summary: '村列表 Villages of a township', params: z.object({ code: TownshipCode }), response: z.object({ items: z.array(Village) }) },
  { method: 'get', path: '/api/posts', tag: 'posts', summary: '浏览开放岗位 Browse open posts (newest first, cursor pages)', query: PostQuery, response: page(Post) },
  { method: 'get', path: '/api/posts/{id}', tag: 'posts', summary: '岗位详情 Post detail', params: IdParam, response: Post },
]

const schema = (s: z.ZodType, io: 'input' | 'output') => z.toJSONSchema(s, { io, unrepresentable: 'any' })

export function openApiDocument(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {}
  for (const r of ROUTES) {
    const parameters = [
      ...Object.entries(r.params?.shape ?? {}).map(([name, s]) => ({ name, in: 'path', required: true, schema: schema(s as z.ZodType, 'input') })),
      ...Object.entries(r.query?.shape ?? {}).map(([name, s]) => ({ name, in: 'query', required: !(s as z.ZodType).safeParse(undefined).success, schema: schema(s as z.ZodType, 'input') })),
    ]
    ;(paths[r.path] ??= {})[r.method] = {
      tags: [r.tag],
      summary: r.summary,
      ...(r.auth ? { security: [{ bearer: [] }] } : {}),
      ...(parameters.length ? { parameters } : {}),
      ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: schema(r.body, 'input') } } } } : {}),
      responses: {
        200: { description: 'OK', ...(r.response ? { content: { 'application/json': { schema: schema(r.response, 'output') } } } : {}) },
        '4XX': { description: '输入有误、未登录、无权限、不存在或冲突 Invalid input, unauthenticated, forbidden, not found or conflict', content: { 'application/json': { schema: schema(ErrorBody, 'output') } } },
      },
    }
  }
  return {
    openapi: '3.1.0',
    info: { title: '稳岗通 Wengang API', version: '0.1.0', description: '就业帮扶：岗位匹配、证书与补贴 — employment assistance: matching, certificates, subsidies' },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    paths,
  }
}

const esc = (s: string) => s.replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch]!)

/** A self-contained reference page (no CDN: the portal may run where nothing outside is reachable). */
export function apiReferenceHtml(): string {
  const doc = openApiDocument()
  const rows = ROUTES.map((r) => {
    const op = (doc.paths as Record<string, Record<string, Record<string, unknown>>>)[r.path]![r.method]!
    const detail = JSON.stringify({ parameters: op.parameters, requestBody: op.requestBody, responses: op.responses }, null, 2)
    return `<details><summary><b class="m ${r.method}">${r.method.toUpperCase()}</b> <code>${esc(r.path)}</code> ${esc(r.summary)}${r.auth ? ' 🔒' : ''}</summary><pre>${esc(detail)}</pre></details>`
  }).join('\n')
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>稳岗通 API</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:960px;margin:auto;padding:16px}details{border:1px solid #ddd;border-radius:6px;margin:6px 0;padding:6px 10px}summary{cursor:pointer}pre{overflow:auto;background:#f6f8fa;padding:8px;font-size:12px}.m{display:inline-block;min-width:52px}.get{color:#0a7}.post{color:#06c}.put,.patch{color:#c70}.delete{color:#c00}</style></head>
<body><h1>稳岗通 Wengang API</h1><p>错误统一为 <code>{code, message, messageEn, requestId, issues?}</code>；🔒 需要 <code>Authorization: Bearer &lt;token&gt;</code>。机器可读文档 / machine-readable: <a href="/api/openapi.json">/api/openapi.json</a></p>${rows}</body></html>`
}
