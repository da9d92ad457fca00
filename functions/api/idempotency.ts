import { createHash } from 'node:crypto'
import { createMiddleware } from 'hono/factory'
import { DomainError } from '../../shared/errors.js'
import { completeKey, releaseKey, reserveKey } from '../db/idempotency.js'
import type { Env } from './context.js'

/**
 * `Idempotency-Key` on a state-changing request: the first answer (2xx or 4xx) is kept for a day
 * and given back to every retry with the same key; a retry that arrives while the first is still
 * running gets 409; a key reused for a different request gets 400. 5xx answers free the key.
 */
export const idempotency = createMiddleware<Env>(async (c, next) => {
  const key = c.req.header('idempotency-key')
  const auth = c.get('auth')
  if (!key || !auth || !['POST', 'PUT', 'PATCH'].includes(c.req.method)) return next()
  if (!/^[\w.:-]{8,100}$/.test(key)) {
    throw new DomainError('idempotency.badKey', 'invalid', 'Idempotency-Key 应为 8–100 个字母、数字或 ._:-', 'Idempotency-Key must be 8–100 letters, digits or ._:-')
  }
  const { db } = c.var.deps
  const hash = createHash('sha256').update(`${c.req.method} ${c.req.path}\n${await c.req.text()}`).digest('base64url')
  const seen = await reserveKey(db, auth.userId, key, hash)
  if (seen.state !== 'new' && seen.requestHash !== hash) {
    throw new DomainError('idempotency.mismatch', 'invalid', '该 Idempotency-Key 已用于另一个请求', 'This Idempotency-Key was used for a different request')
  }
  if (seen.state === 'done') {
    c.header('Idempotent-Replayed', 'true')
    return c.body(seen.body, seen.status as 200, { 'content-type': 'application/json; charset=utf-8' })
  }
  if (seen.state === 'pending') throw new DomainError('idempotency.inProgress', 'conflict', '相同请求正在处理中', 'The same request is still being processed')
  await next()
  if (c.res.status >= 500) await releaseKey(db, auth.userId, key)
  else await completeKey(db, auth.userId, key, c.res.status, await c.res.clone().text())
})
