import type { Config } from '../config.js'
import type { Db } from '../db/client.js'
import type { SmsSender } from '../auth/sms.js'
import type { Protector } from '../security/protect.js'
import type { OfficerScope, Role } from '../../shared/schemas/auth.js'
import type { Log } from './log.js'
import type { RenderRequest } from '../../shared/sheet.js'

/** Background work core starts; functions/jobs runs it (core only names it). */
export type Job = { type: 'matchRun'; runId: string } | { type: 'importRun'; importId: string } | { type: 'exportRun'; exportId: string } | { type: 'publishRun'; runId: string } | { type: 'closeExpiredPosts' } | { type: 'checkRecords'; township?: string } | { type: 'daily' } | { type: 'backfillHistory'; township?: string } | { type: 'migrate' } | SmsJob
/** A queued text (functions/core/sms-outbox.ts): `sendSms` sends one with its retries, `retrySms` sweeps what is due. */
export type SmsJob = { type: 'sendSms'; outboxId: string } | { type: 'retrySms' }
/** Starts background work: in-process locally, an asynchronous Lambda invocation in the cloud. */
export interface JobRunner {
  start(job: Job): Promise<void>
}

/**
 * Writes an export (a SheetSpec) as a file into the file store and answers its key. In AWS a
 * synchronous invocation of the exports function (which alone bundles exceljs); locally the same
 * renderer in this process (functions/exports/renderer.ts).
 */
export interface ExportRenderer {
  render(request: RenderRequest): Promise<{ key: string }>
}
/** Short-lived links to stored files (functions/files/store.ts): S3 presigned in AWS, HMAC-signed locally. */
export interface FileLinks {
  link(key: string): Promise<{ url: string; expiresAt: string }>
  /** Stores a file (an upload, a report the import job writes) for the store's 30 days. */
  put(key: string, body: Uint8Array, meta: { contentType: string; fileName: string }): Promise<void>
  /** A stored file's bytes (the import job reads its upload); undefined when it is gone. */
  get(key: string): Promise<Uint8Array | undefined>
  /**
   * A form that a browser posts one file with straight into the store (S3's presigned POST; locally
   * POST /api/files/uploads), so an upload never passes through the API's Lambda and its 6 MB payload limit.
   */
  presignUpload(key: string, o: { maxBytes: number }): Promise<UploadForm>
  /** Local store only: checks a link of its own and answers the file (GET /api/files/…). */
  open?: FileOpen
  /** Local store only: checks a form of its own and stores its file (POST /api/files/uploads). */
  acceptUpload?: AcceptUpload
}
export interface UploadForm {
  url: string
  /** Sent as they are, before the file (the file is the form's last field, `file`). */
  fields: Record<string, string>
  expiresAt: string
}
export type AcceptUpload = (fields: Record<string, string>, file: Uint8Array) => Promise<'ok' | 'forbidden' | 'expired' | 'tooLarge'>
export type FileOpen = (
  key: string,
  expires: string,
  signature: string,
) => Promise<{ status: 'ok'; body: Uint8Array; contentType: string; contentDisposition: string } | { status: 'forbidden' | 'expired' | 'missing' }>

/** Everything a use case needs from the outside world, made once per process (outside the handler). */
export interface Deps {
  config: Config
  db: Db
  protector: Protector
  sms: SmsSender
  log: Log
  now: () => Date
  /** Background work (match runs, publishing). */
  jobs: JobRunner
  /** Exports: the .xlsx renderer outside the API's bundle. */
  exports: ExportRenderer
  /** The file store: links to what the renderer stored, uploads kept for the import job. */
  files: FileLinks
}

/** Who is asking, as the session row says (never the token alone). */
export interface Actor {
  userId: string
  role: Role
  scope?: OfficerScope
  sessionId: string
  /** A staff session without a password yet: it may only set one (functions/api/auth.ts). */
  limited?: 'password'
  /** A seeker's own file as their session holds it (the file they had at sign-in). */
  seekerId?: string
}
