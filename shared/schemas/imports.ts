import * as z from 'zod'
import { bilingual } from '../validation.js'
import { Id, PageQuery, TownshipCode } from './common.js'

/** 一户一档 people, 务工台账 employment, 证书 certificates. */
export const ImportKind = z.enum(['people', 'employment', 'certificates'], bilingual('导入类型应为 people、employment 或 certificates', 'The kind of import must be people, employment or certificates'))
export type ImportKind = z.infer<typeof ImportKind>
export const ImportStatus = z.enum(['queued', 'reading', 'validating', 'writing', 'done', 'failed'])
export type ImportStatus = z.infer<typeof ImportStatus>

/** POST /api/imports?kind=&dryRun= (the body is the file itself). */
export const ImportUploadQuery = z.object({
  kind: ImportKind,
  dryRun: z.enum(['true', 'false'], bilingual('dryRun 应为 true 或 false', 'dryRun must be true or false')).default('true').transform((v) => v === 'true'),
  /** The file's own name (a body has none): kept for the report and the error file's name. */
  fileName: z.string().trim().max(120).optional(),
  /** A worksheet by its name (a hidden one too); else the first visible sheet is read. */
  sheet: z.string().trim().min(1).max(31, bilingual('工作表名称最多 31 个字符', 'A sheet name is at most 31 characters')).optional(),
})
export const ImportTemplateQuery = z.object({ kind: ImportKind })

/** How an upload may be at most, in bytes (413 above it). */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024

/**
 * POST /api/imports/uploads: the portal's way in. The answer is a form that posts the file straight
 * into the file store (S3 in AWS), because a 5 MB file sent through the API would pass Lambda's 6 MB
 * request limit once API Gateway has base64-encoded it. `size` is the file's, checked before anything is signed.
 */
export const UploadFormRequest = z.object({
  size: z.number().int().min(1, bilingual('文件是空的', 'The file is empty')),
})
export const UploadForm = z.object({
  /** The key the file goes to, named again in POST /api/imports/from-upload. */
  key: z.string(),
  url: z.string(),
  fields: z.record(z.string(), z.string()),
  expiresAt: z.string(),
  maxBytes: z.number().int(),
})
/** POST /api/imports/from-upload: an upload that reached the file store, imported as POST /api/imports would. */
export const ImportFromUpload = z.object({
  key: z.string().max(200),
  kind: ImportKind,
  dryRun: z.boolean().default(true),
  fileName: z.string().trim().max(120).optional(),
  /** A worksheet by its name (a hidden one too); else the first visible sheet is read. */
  sheet: z.string().trim().min(1).max(31, bilingual('工作表名称最多 31 个字符', 'A sheet name is at most 31 characters')).optional(),
})

export const ImportError = z.object({ row: z.number().int(), column: z.string(), value: z.string(), code: z.string(), message: z.string(), messageEn: z.string() })
export type ImportError = z.infer<typeof ImportError>

export const ImportCounts = z.object({
  rows: z.number().int(),
  valid: z.number().int(),
  invalid: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  toReview: z.number().int(),
})
export type ImportCounts = z.infer<typeof ImportCounts>

export const ImportRecord = ImportCounts.extend({
  id: z.string(),
  kind: ImportKind,
  dryRun: z.boolean(),
  status: ImportStatus,
  percent: z.number().int().min(0).max(100),
  fileName: z.string(),
  /** The worksheet the upload named, if it named one. */
  sheet: z.string().optional(),
  size: z.number().int(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** A commit of a dry run names it. */
  fromDryRun: z.string().optional(),
  /** 1-based header row, headers nobody knows, and place names that matched nothing (each once with its row count). */
  headerRow: z.number().int().optional(),
  unknownColumns: z.array(z.string()).optional(),
  unknownPlaces: z.array(z.object({ column: z.string(), name: z.string(), rows: z.number().int() })).optional(),
  /** 一户一档: households the roster named that were not registered, registered now (a dry run: that would be). */
  households: z.number().int().optional(),
  /** The first errors (the error file holds them all). */
  errors: z.array(ImportError),
  hasErrorFile: z.boolean(),
  failure: z.object({ code: z.string(), message: z.string(), messageEn: z.string() }).optional(),
})
export type ImportRecord = z.infer<typeof ImportRecord>

export const ImportReviewKind = z.enum(['nearDuplicate', 'editedSince'])
/** A row an import held for an officer: never the ID number itself, only masked. */
export const ImportReview = z.object({
  id: z.string(),
  importId: z.string(),
  township: z.string(),
  kind: ImportReviewKind,
  /** The file it would have changed, or the file it resembles. */
  seekerId: z.string(),
  name: z.string(),
  village: z.string(),
  birthDate: z.string(),
  idNumberMasked: z.string(),
  existingIdNumberMasked: z.string().optional(),
  /** editedSince: the fields an officer changed since the last import, with both values. */
  fields: z.array(z.object({ field: z.string(), current: z.unknown(), imported: z.unknown() })).optional(),
  createdAt: z.string(),
  at: z.string(),
})
export type ImportReview = z.infer<typeof ImportReview>

export const ImportReviewQuery = PageQuery.extend({ township: TownshipCode.optional() })
/** merge: the row is the existing person (their file takes the row's values, keeps its ID); keepBoth: two people. apply / keep: the import's value or the officer's edit. */
export const ReviewDecision = z.object({ decision: z.enum(['merge', 'keepBoth', 'apply', 'keep']) })
export const ReviewParam = z.object({ township: TownshipCode, id: Id })
