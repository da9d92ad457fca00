import { UpdateCommand } from '@aws-sdk/lib-dynamodb'
import { createDb } from '../../../functions/db/client'
import { batchKey } from '../../../functions/db/keys'

/**
 * Time passing, for the one wait a person cannot sit through in a test: a payment batch's public
 * notice (公示, 7 days in the demo policy). The spec moves the batch's end of notice into the past in
 * DynamoDB Local, as the calendar would; the server then decides everything else as it always does.
 */
export async function endNoticePeriod(batchId: string): Promise<void> {
  const endpoint = process.env.E2E_DYNAMODB_ENDPOINT
  if (!endpoint) throw new Error('E2E_DYNAMODB_ENDPOINT is not set: run the e2e through `npm run test:e2e` (scripts/e2e.ts)')
  process.env.AWS_EC2_METADATA_DISABLED = 'true'
  process.env.AWS_ACCESS_KEY_ID ??= 'local'
  process.env.AWS_SECRET_ACCESS_KEY ??= 'local'
  const db = createDb({ tableName: process.env.TABLE_NAME ?? 'wengang', endpoint, cursorSecret: 'e2e-clock: reads no pages' })
  await db.doc.send(
    new UpdateCommand({
      TableName: db.table,
      Key: batchKey(batchId),
      UpdateExpression: 'SET noticeUntil = :past',
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeValues: { ':past': new Date(Date.now() - 60_000).toISOString() },
    }),
  )
}
