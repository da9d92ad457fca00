import type { TestProject } from 'vitest/node'
import { startDynamoLocal } from '../../scripts/dynamodb-local.js'

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string
  }
}

/**
 * One in-memory DynamoDB Local per test run, shared by every integration file. Without -sharedDb,
 * as a real account is: a client in another region or with other keys would not see the tables.
 */
export default async function setup(project: TestProject) {
  const dynamo = await startDynamoLocal({ inMemory: true, sharedDb: false })
  project.provide('dynamoEndpoint', dynamo.endpoint)
  return async () => {
    await dynamo.stop()
  }
}
