import { createHash, createHmac } from 'node:crypto'

/**
 * AWS Signature Version 4 for the two S3 calls the file store makes: a presigned GET (the
 * short-lived link) and a header-signed PUT (the renderer storing a file). Written against
 * node:crypto so that neither the API nor the exports function bundles an S3 client; checked
 * against AWS's published examples (tests/unit/files-sigv4.test.ts).
 */
export interface AwsCredentials {
  accessKeyId: string
  secretAccessKey: string
  sessionToken?: string
}

/** The function's own role credentials, as Lambda puts them in the environment. */
export function credentialsFromEnv(env: NodeJS.ProcessEnv = process.env): AwsCredentials {
  const accessKeyId = env.AWS_ACCESS_KEY_ID
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY
  if (!accessKeyId || !secretAccessKey) throw new Error('AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set: the S3 file store needs the function role credentials')
  return { accessKeyId, secretAccessKey, ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}) }
}

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex')
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest()

/** RFC 3986 percent-encoding, as SigV4 wants it (encodeURIComponent leaves !'()* alone). */
export const uriEncode = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
/** An S3 object key in a path: every segment encoded, the slashes kept. */
export const encodeKey = (key: string) => key.split('/').map(uriEncode).join('/')

/** 20130524T000000Z */
export const amzDate = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')

export const s3Host = (bucket: string, region: string) => `${bucket}.s3.${region}.amazonaws.com${region.startsWith('cn-') ? '.cn' : ''}`

const signingKey = (secretAccessKey: string, day: string, region: string) => hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, day), region), 's3'), 'aws4_request')

function signature(creds: AwsCredentials, region: string, when: string, canonicalRequest: string): { scope: string; signature: string } {
  const day = when.slice(0, 8)
  const scope = `${day}/${region}/s3/aws4_request`
  const toSign = ['AWS4-HMAC-SHA256', when, scope, sha256(canonicalRequest)].join('\n')
  return { scope, signature: createHmac('sha256', signingKey(creds.secretAccessKey, day, region)).update(toSign).digest('hex') }
}

/** The signature of a POST policy: the base64 policy itself is the string to sign (S3's browser-based uploads, SigV4). */
export const postPolicySignature = (secretAccessKey: string, day: string, region: string, policyBase64: string) =>
  createHmac('sha256', signingKey(secretAccessKey, day, region)).update(policyBase64).digest('hex')

/**
 * A presigned POST (S3 browser-based upload): the form fields a browser sends with the file to
 * `url`. The policy allows exactly one key, a size of 1 byte to `maxBytes`, until `expiresSeconds`
 * from `now`; S3 refuses anything else (403 for a broken policy or signature, 400
 * EntityTooLarge/EntityTooSmall for the size).
 */
export function presignPost(o: { creds: AwsCredentials; region: string; host: string; bucket: string; key: string; now: Date; expiresSeconds: number; maxBytes: number }): { url: string; fields: Record<string, string> } {
  const when = amzDate(o.now)
  const credential = `${o.creds.accessKeyId}/${when.slice(0, 8)}/${o.region}/s3/aws4_request`
  const signed: Record<string, string> = {
    key: o.key,
    'x-amz-algorithm': 'AWS4-HMAC-SHA256',
    'x-amz-credential': credential,
    'x-amz-date': when,
    'x-amz-server-side-encryption': 'AES256',
    ...(o.creds.sessionToken ? { 'x-amz-security-token': o.creds.sessionToken } : {}),
  }
  const policy = {
    expiration: new Date(o.now.getTime() + o.expiresSeconds * 1000).toISOString(),
    conditions: [{ bucket: o.bucket }, ...Object.entries(signed).map(([k, v]) => ({ [k]: v })), ['content-length-range', 1, o.maxBytes]],
  }
  const policyBase64 = Buffer.from(JSON.stringify(policy)).toString('base64')
  return { url: `https://${o.host}/`, fields: { ...signed, policy: policyBase64, 'x-amz-signature': postPolicySignature(o.creds.secretAccessKey, when.slice(0, 8), o.region, policyBase64) } }
}

const canonicalQuery = (params: Record<string, string>) =>
  Object.entries(params)
    .map(([k, v]) => [uriEncode(k), uriEncode(v)] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&')

/** A presigned GET URL (query-string authentication), valid `expiresSeconds` from `now`. */
export function presignGet(o: { creds: AwsCredentials; region: string; host: string; key: string; now: Date; expiresSeconds: number; query?: Record<string, string> }): string {
  const when = amzDate(o.now)
  const path = `/${encodeKey(o.key)}`
  const params: Record<string, string> = {
    ...o.query,
    'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
    'X-Amz-Credential': `${o.creds.accessKeyId}/${when.slice(0, 8)}/${o.region}/s3/aws4_request`,
    'X-Amz-Date': when,
    'X-Amz-Expires': String(o.expiresSeconds),
    'X-Amz-SignedHeaders': 'host',
    ...(o.creds.sessionToken ? { 'X-Amz-Security-Token': o.creds.sessionToken } : {}),
  }
  const query = canonicalQuery(params)
  const canonical = ['GET', path, query, `host:${o.host}\n`, 'host', 'UNSIGNED-PAYLOAD'].join('\n')
  const { signature: sig } = signature(o.creds, o.region, when, canonical)
  return `https://${o.host}${path}?${query}&X-Amz-Signature=${sig}`
}

/**
 * The headers of a signed request (Authorization header): every header given is signed, plus
 * host, x-amz-date, x-amz-content-sha256 (and the session token). Header names lower case.
 */
export function signedHeaders(o: {
  creds: AwsCredentials
  region: string
  method: string
  host: string
  key: string
  now: Date
  headers?: Record<string, string>
  payloadHash: string
}): Record<string, string> {
  const when = amzDate(o.now)
  const headers: Record<string, string> = {
    ...Object.fromEntries(Object.entries(o.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
    host: o.host,
    'x-amz-content-sha256': o.payloadHash,
    'x-amz-date': when,
    ...(o.creds.sessionToken ? { 'x-amz-security-token': o.creds.sessionToken } : {}),
  }
  const names = Object.keys(headers).sort()
  const canonicalHeaders = names.map((n) => `${n}:${headers[n]!.trim().replace(/\s+/g, ' ')}\n`).join('')
  const canonical = [o.method, `/${encodeKey(o.key)}`, '', canonicalHeaders, names.join(';'), o.payloadHash].join('\n')
  const { scope, signature: sig } = signature(o.creds, o.region, when, canonical)
  return { ...headers, authorization: `AWS4-HMAC-SHA256 Credential=${o.creds.accessKeyId}/${scope},SignedHeaders=${names.join(';')},Signature=${sig}` }
}

export const payloadHash = (body: Uint8Array) => sha256(body)
