/**
 * The floor the API's module load is held to (tests/bench/lambda.ts): a Hono app on Lambda with the
 * DynamoDB document client made at module scope, as functions/api/handler.ts does, and nothing else.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb'
import { Hono } from 'hono'
import { handle } from 'hono/aws-lambda'

const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}))
const app = new Hono().get('/api/health', async (c) => {
  const r = await doc.send(new GetCommand({ TableName: process.env.TABLE_NAME ?? 'wengang', Key: { pk: 'health', sk: 'health' } }))
  return c.json({ ok: true, found: Boolean(r.Item) })
})

export const handler = handle(app)
