import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { DomainError, FieldRefusal, RetryLater, type ErrorKind } from '../../shared/errors.js'
import type { FieldIssue } from '../../shared/validation.js'
import type { Env } from './context.js'
import { log } from '../core/log.js'
import { ValidationError } from './validate.js'

const STATUS: Record<ErrorKind, ContentfulStatusCode> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  notFound: 404,
  gone: 410,
  conflict: 409,
  tooLarge: 413,
  unsupported: 415,
  tooMany: 429,
  unavailable: 503,
}

export interface ErrorBody {
  code: string
  message: string
  messageEn: string
  requestId: string
  issues?: FieldIssue[]
}

const HTTP_MESSAGES: Record<number, [string, string, string]> = {
  400: ['request.malformed', '请求格式错误（例如 JSON 无法解析）', 'Malformed request (for example, JSON that cannot be parsed)'],
  401: ['auth.required', '请先登录', 'Sign in first'],
  404: ['route.notFound', '接口不存在', 'No such endpoint'],
  413: ['request.tooLarge', '请求内容过大', 'The request body is too large'],
}

/** The one place errors become answers: domain errors keep their 4xx; anything else is a 500 without internals. */
export function onError(err: Error, c: Context<Env>) {
  const requestId = c.get('requestId') ?? 'unknown'
  if (err instanceof DomainError) {
    const body: ErrorBody = { code: err.code, message: err.message, messageEn: err.messageEn, requestId }
    if (err instanceof ValidationError || err instanceof FieldRefusal) body.issues = err.issues
    if (err instanceof RetryLater) c.header('Retry-After', String(err.retryAfterSeconds))
    return c.json(body, STATUS[err.kind])
  }
  if (err instanceof HTTPException && err.status < 500) {
    const [code, message, messageEn] = HTTP_MESSAGES[err.status] ?? ['request.rejected', '请求被拒绝', 'Request rejected']
    return c.json({ code, message, messageEn, requestId } satisfies ErrorBody, err.status as ContentfulStatusCode)
  }
  const logger = c.get('deps')?.log ?? log
  logger.error('unhandled error', { requestId, error: err.name, detail: err.message, path: c.req.path })
  return c.json({ code: 'internal', message: '服务器内部错误，请稍后再试', messageEn: 'Internal error; please try again later', requestId } satisfies ErrorBody, 500)
}

export const notFound = (c: Context<Env>) => {
  const [code, message, messageEn] = HTTP_MESSAGES[404]!
  return c.json({ code, message, messageEn, requestId: c.get('requestId') ?? 'unknown' } satisfies ErrorBody, 404)
}
