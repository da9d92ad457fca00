import { awsRegion } from '../config.js'
import { s3FileStore } from '../files/store.js'
import { requestOf, type RenderEvent } from './payload.js'
import { writeExport } from './write.js'

const bucket = process.env.FILES_BUCKET
if (!bucket) throw new Error('FILES_BUCKET is not set: the exports function writes into the file store bucket')
const store = s3FileStore({ bucket, region: awsRegion() })

/**
 * The exports function: the only Lambda that bundles exceljs. The API invokes it synchronously
 * with a SheetSpec (or the key of one staged in the bucket, ./payload.ts); it writes the .xlsx
 * into the bucket and answers the key.
 */
export async function handler(event: RenderEvent): Promise<{ key: string }> {
  return writeExport(store, await requestOf(store, event))
}
