import type { ExportRenderer } from '../core/deps.js'
import type { FileStore } from '../files/store.js'
import { renderPayload } from './payload.js'

/**
 * Local server and tests: the renderer runs in this process, on the local file store. The API's
 * Lambda bundle replaces ./write.js with a stub (infra/api-bundle.ts), so exceljs never enters it.
 */
export const inProcessRenderer = (store: FileStore): ExportRenderer => ({
  async render(request) {
    const { writeExport } = await import('./write.js')
    return writeExport(store, request)
  },
})

/**
 * AWS: a synchronous (RequestResponse) invocation of the exports function, which writes the file
 * to the bucket and answers its key. Its failure is this request's failure (a 500, logged). A
 * request past the invocation's payload limit goes by the file store (./payload.ts).
 */
export const lambdaRenderer = (functionName: string, store: FileStore): ExportRenderer => ({
  async render(request) {
    const { InvokeCommand, LambdaClient } = await import('@aws-sdk/client-lambda')
    const out = await new LambdaClient({}).send(
      new InvokeCommand({ FunctionName: functionName, InvocationType: 'RequestResponse', Payload: Buffer.from(await renderPayload(store, request)) }),
    )
    const text = out.Payload ? Buffer.from(out.Payload).toString('utf8') : ''
    if (out.FunctionError) throw new Error(`exports function failed (${out.FunctionError}): ${text.slice(0, 500)}`)
    const answer = JSON.parse(text) as { key?: unknown }
    if (typeof answer.key !== 'string') throw new Error(`exports function answered no key: ${text.slice(0, 200)}`)
    return { key: answer.key }
  },
})
