/**
 * Alibaba Cloud's RPC signature (SignatureMethod HMAC-SHA1, SignatureVersion 1.0), written out
 * rather than taken from @alicloud/dysmsapi20170525: the SDK pulls @alicloud/openapi-core,
 * @darabonba/typescript, tea-*, moment-timezone, lodash, ws, xml2js and proxy agents (several MB)
 * into a Lambda for what is one signed form POST. The algorithm, as documented:
 *   StringToSign = METHOD & percentEncode("/") & percentEncode(canonicalQuery)
 *   canonicalQuery = the parameters sorted by name, each percentEncode(name)=percentEncode(value), joined by &
 *   Signature = base64(HMAC-SHA1(AccessKeySecret + "&", StringToSign))
 */
import { createHmac } from 'node:crypto'

/** RFC 3986 encoding: unreserved A-Z a-z 0-9 - _ . ~ kept, everything else %XX (UTF-8), space as %20. */
export const percentEncode = (s: string): string =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)

export const canonicalQuery = (params: Record<string, string>): string =>
  Object.keys(params)
    .sort()
    .map((k) => `${percentEncode(k)}=${percentEncode(params[k]!)}`)
    .join('&')

export const stringToSign = (method: string, params: Record<string, string>): string =>
  `${method}&${percentEncode('/')}&${percentEncode(canonicalQuery(params))}`

export const rpcSignature = (method: string, params: Record<string, string>, accessKeySecret: string): string =>
  createHmac('sha1', `${accessKeySecret}&`).update(stringToSign(method, params)).digest('base64')

/** Timestamp in the documented form: ISO 8601, UTC, seconds (2026-12-01T12:00:00Z). */
export const rpcTimestamp = (d: Date): string => `${d.toISOString().slice(0, 19)}Z`
