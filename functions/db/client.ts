import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'
import { awsRegion } from '../config.js'
import { createCursorCodec, deriveCursorKey, type CursorCodec } from './cursor.js'

/** What every repository needs: the document client, the table's name, and the page-cursor codec. */
export interface Db {
  doc: DynamoDBDocumentClient
  table: string
  cursors: CursorCodec
  /** How long a container answers from its recent read of an index's heads or a policy (recent-reads.ts); 0: always reads. */
  recheckMs?: number
}

/** `cursorSecret` is the session secret: page cursors are signed with a key derived from it. */
export function createDb(opts: { tableName: string; endpoint?: string; region?: string; cursorSecret: string; recheckMs?: number }): Db {
  const client = new DynamoDBClient({
    region: opts.region ?? awsRegion(),
    ...(opts.endpoint
      ? {
          endpoint: opts.endpoint,
          // DynamoDB Local accepts any credentials; these keep the SDK from probing instance metadata.
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        }
      : {}),
    maxAttempts: 3,
  })
  const doc = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  })
  return { doc, table: opts.tableName, cursors: createCursorCodec(deriveCursorKey(opts.cursorSecret)), ...(opts.recheckMs ? { recheckMs: opts.recheckMs } : {}) }
}
