import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'

/** What every repository needs: the document client and the table's name. */
export interface Db {
  doc: DynamoDBDocumentClient
  table: string
}

export function createDb(opts: { tableName: string; endpoint?: string; region?: string }): Db {
  const client = new DynamoDBClient({
    region: opts.region ?? 'cn-north-1',
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
  return { doc, table: opts.tableName }
}
