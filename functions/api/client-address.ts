import { timingSafeEqual } from 'node:crypto'
import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context } from 'hono'
import { ORIGIN_VERIFY_HEADER, VIEWER_ADDRESS_HEADER } from '../security/headers.js'
import type { Env } from './context.js'

const sameSecret = (a: string, b: string): boolean => {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/**
 * Who is asking, as a network address, for per-client limits. In order:
 * - through CloudFront (the request carries the origin secret): the viewer address CloudFront set;
 *   API Gateway's own sourceIp would be a CloudFront edge server shared by many people;
 * - on Lambda otherwise: API Gateway's `requestContext.http.sourceIp` (a direct call to the API);
 * - on the local node server: the socket's peer;
 * - with `app.request()` (no connection at all): the header the config names, tests only.
 * X-Forwarded-For is never read: anyone can write it.
 */
export function clientAddress(c: Context<Env>): string {
  const { config } = c.var.deps
  const proof = c.req.header(ORIGIN_VERIFY_HEADER)
  const viewer = c.req.header(VIEWER_ADDRESS_HEADER)
  if (config.originSecret && proof && viewer && sameSecret(proof, config.originSecret)) return clientKey(viewer)
  const env = c.env as { event?: { requestContext?: { http?: { sourceIp?: unknown }; identity?: { sourceIp?: unknown } } }; incoming?: unknown; server?: unknown } | undefined
  const sourceIp = env?.event?.requestContext?.http?.sourceIp ?? env?.event?.requestContext?.identity?.sourceIp
  if (typeof sourceIp === 'string' && sourceIp) return clientKey(sourceIp)
  if (env?.incoming || env?.server) {
    const address = getConnInfo(c).remote.address
    if (address) return clientKey(address)
  }
  if (config.clientAddressHeader) {
    const named = c.req.header(config.clientAddressHeader)
    if (named) return clientKey(named)
  }
  return 'unknown'
}

/**
 * The unit a limit counts: an IPv4 address, or an IPv6 /64 (one subscriber usually holds a whole
 * /64, so counting single IPv6 addresses would let one client take 2^64 of them).
 */
export function clientKey(address: string): string {
  let a = address.trim().toLowerCase()
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(a)
  if (bracketed) a = bracketed[1]!
  const v4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3})(?::\d+)?$/.exec(a)
  if (v4WithPort) return v4WithPort[1]!
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(a)
  if (mapped) return mapped[1]!
  const prefix = ipv6Prefix64(a.split('%')[0]!)
  return prefix ?? `other:${a.slice(0, 64)}`
}

function ipv6Prefix64(a: string): string | undefined {
  if (!/^[0-9a-f:]+$/.test(a) || a.split('::').length > 2) return undefined
  const [head, tail] = a.split('::') as [string, string | undefined]
  const h = head ? head.split(':') : []
  const t = tail ? tail.split(':') : []
  const groups = tail === undefined ? h : [...h, ...Array<string>(Math.max(0, 8 - h.length - t.length)).fill('0'), ...t]
  if (groups.length !== 8 || groups.some((g) => g.length === 0 || g.length > 4)) return undefined
  return `${groups
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(':')}::/64`
}
