import { createHmac, timingSafeEqual } from 'node:crypto'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { AcceptUpload, FileLinks, FileOpen } from '../core/deps.js'
import { credentialsFromEnv, encodeKey, payloadHash, presignGet, presignPost, s3Host, signedHeaders, type AwsCredentials } from './sigv4.js'

/**
 * The file store: files the platform makes (exports) or receives (uploads, issue 11), kept for 30
 * days and handed out by short-lived links that need no session. One interface, two stores:
 * S3 in AWS (infra/files.ts: private, encrypted, SSL only, objects expire after 30 days) and a
 * folder under the data directory locally, whose links the local API serves (GET /api/files/…).
 */
export interface StoredFileMeta {
  contentType: string
  /** The name the browser saves it under (may be Chinese). */
  fileName: string
}

export interface FileStore extends FileLinks {
  put(key: string, body: Uint8Array, meta: StoredFileMeta): Promise<void>
  get(key: string): Promise<Uint8Array | undefined>
}

/** How long a link works: long enough for the click that asked for it, not for passing it on. */
export const LINK_TTL_SECONDS = 300

/** `exports/2026-05-01/<uuid>.xlsx`: lower-case prefix, then segments that never start with a dot. */
export const FILE_KEY = /^[a-z][a-z0-9-]*(?:\/[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}){1,4}$/

/**
 * `attachment` with the name twice: an ASCII fallback (filename=) and the exact UTF-8 name
 * (RFC 6266 / RFC 5987 filename*=), which every current browser uses.
 */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_')
  const exact = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
  return `attachment; filename="${ascii}"; filename*=UTF-8''${exact}`
}

const checkKey = (key: string) => {
  if (!FILE_KEY.test(key)) throw new Error(`not a file store key: ${JSON.stringify(key)}`)
}

/**
 * A folder (WENGANG_DATA_DIR/files locally). Links are `/api/files/<key>?expires=<unix s>&signature=…`,
 * an HMAC over key and expiry under a key derived from the session secret: a changed key or expiry
 * is refused (403), an expired link is gone (410).
 */
export function localFileStore(o: { dir: string; secret: string; now?: () => Date; ttlSeconds?: number }): FileStore & { open: FileOpen; acceptUpload: AcceptUpload } {
  const now = o.now ?? (() => new Date())
  const ttl = o.ttlSeconds ?? LINK_TTL_SECONDS
  const linkKey = createHmac('sha256', o.secret).update('wengang file links v1').digest()
  const sign = (key: string, expires: number) => createHmac('sha256', linkKey).update(`${key}\n${expires}`).digest('base64url')
  // An upload form's signature covers what S3's policy would: the one key, the size limit, the expiry.
  const signUpload = (key: string, expires: string, max: string) => createHmac('sha256', linkKey).update(`upload\n${key}\n${expires}\n${max}`).digest('base64url')
  const fileOf = (key: string) => path.join(o.dir, ...key.split('/'))
  const put = async (key: string, body: Uint8Array, meta: StoredFileMeta) => {
    checkKey(key)
    await mkdir(path.dirname(fileOf(key)), { recursive: true })
    await writeFile(fileOf(key), body)
    await writeFile(`${fileOf(key)}.meta.json`, JSON.stringify(meta))
  }
  return {
    put,
    async presignUpload(key, { maxBytes }) {
      checkKey(key)
      const expires = String(Math.floor(now().getTime() / 1000) + ttl)
      const max = String(maxBytes)
      return { url: '/api/files/uploads', fields: { key, expires, max, signature: signUpload(key, expires, max) }, expiresAt: new Date(Number(expires) * 1000).toISOString() }
    },
    async acceptUpload(fields, file) {
      const { key = '', expires = '', max = '', signature = '' } = fields
      if (!FILE_KEY.test(key) || !/^\d{1,12}$/.test(expires) || !/^\d{1,10}$/.test(max)) return 'forbidden'
      const want = Buffer.from(signUpload(key, expires, max))
      const got = Buffer.from(signature)
      if (want.length !== got.length || !timingSafeEqual(want, got)) return 'forbidden'
      if (Number(expires) * 1000 <= now().getTime()) return 'expired'
      if (file.byteLength > Number(max) || file.byteLength === 0) return 'tooLarge'
      await put(key, file, { contentType: 'application/octet-stream', fileName: key.split('/').at(-1)! })
      return 'ok'
    },
    async get(key) {
      checkKey(key)
      try {
        return await readFile(fileOf(key))
      } catch {
        return undefined
      }
    },
    async link(key) {
      checkKey(key)
      const expires = Math.floor(now().getTime() / 1000) + ttl
      return { url: `/api/files/${key}?${new URLSearchParams({ expires: String(expires), signature: sign(key, expires) })}`, expiresAt: new Date(expires * 1000).toISOString() }
    },
    async open(key, expires, signature) {
      if (!FILE_KEY.test(key) || !/^\d{1,12}$/.test(expires)) return { status: 'forbidden' }
      const want = Buffer.from(sign(key, Number(expires)))
      const got = Buffer.from(signature)
      if (want.length !== got.length || !timingSafeEqual(want, got)) return { status: 'forbidden' }
      if (Number(expires) * 1000 <= now().getTime()) return { status: 'expired' }
      try {
        const meta = JSON.parse(await readFile(`${fileOf(key)}.meta.json`, 'utf8')) as StoredFileMeta
        return { status: 'ok', body: await readFile(fileOf(key)), contentType: meta.contentType, contentDisposition: contentDisposition(meta.fileName) }
      } catch {
        return { status: 'missing' }
      }
    },
  }
}

/**
 * An S3 bucket (FILES_BUCKET). The link is a presigned GET that S3 itself serves (the function's
 * role signs it, so it works only as long as the role may read the bucket); the type and the
 * Chinese file name are the object's own headers, set when it is stored.
 */
export function s3FileStore(o: { bucket: string; region: string; credentials?: () => AwsCredentials; now?: () => Date; ttlSeconds?: number }): FileStore {
  const now = o.now ?? (() => new Date())
  const creds = o.credentials ?? (() => credentialsFromEnv())
  const ttl = o.ttlSeconds ?? LINK_TTL_SECONDS
  const host = s3Host(o.bucket, o.region)
  return {
    async put(key, body, meta) {
      checkKey(key)
      const headers = signedHeaders({
        creds: creds(),
        region: o.region,
        method: 'PUT',
        host,
        key,
        now: now(),
        headers: { 'content-type': meta.contentType, 'content-disposition': contentDisposition(meta.fileName), 'x-amz-server-side-encryption': 'AES256' },
        payloadHash: payloadHash(body),
      })
      delete headers.host
      const res = await fetch(`https://${host}/${encodeKey(key)}`, { method: 'PUT', headers, body })
      if (!res.ok) throw new Error(`S3 PutObject ${key}: ${res.status} ${(await res.text()).slice(0, 300)}`)
    },
    async get(key) {
      checkKey(key)
      // A presigned GET of our own, fetched at once (the role that signs it may read the bucket).
      const res = await fetch(presignGet({ creds: creds(), region: o.region, host, key, now: now(), expiresSeconds: 60 }))
      if (res.status === 404) return undefined
      if (!res.ok) throw new Error(`S3 GetObject ${key}: ${res.status} ${(await res.text()).slice(0, 300)}`)
      return new Uint8Array(await res.arrayBuffer())
    },
    async presignUpload(key, { maxBytes }) {
      checkKey(key)
      const at = now()
      return { ...presignPost({ creds: creds(), region: o.region, host, bucket: o.bucket, key, now: at, expiresSeconds: ttl, maxBytes }), expiresAt: new Date(at.getTime() + ttl * 1000).toISOString() }
    },
    async link(key) {
      checkKey(key)
      const at = now()
      return { url: presignGet({ creds: creds(), region: o.region, host, key, now: at, expiresSeconds: ttl }), expiresAt: new Date(at.getTime() + ttl * 1000).toISOString() }
    },
  }
}
