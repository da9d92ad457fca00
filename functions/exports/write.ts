import { randomUUID } from 'node:crypto'
import { RenderRequest, XLSX_CONTENT_TYPE } from '../../shared/sheet.js'
import type { FileStore } from '../files/store.js'
import { renderWorkbook } from './render.js'

/** Renders one export and stores it for 30 days (the store's expiry); answers the key. */
export async function writeExport(store: FileStore, request: RenderRequest, now: Date = new Date()): Promise<{ key: string }> {
  // The request crossed a process boundary (a Lambda payload): it is read, not trusted.
  const { spec, fileName } = RenderRequest.parse(request)
  const body = await renderWorkbook(spec)
  const key = `exports/${now.toISOString().slice(0, 10)}/${randomUUID()}.xlsx`
  await store.put(key, body, { contentType: XLSX_CONTENT_TYPE, fileName })
  return { key }
}
