/**
 * `npm run seed`: writes the demo district into the local database (idempotent: fixed ids).
 * Uses DYNAMODB_ENDPOINT when set (e.g. a running `npm start`), else starts DynamoDB Local on .data/.
 */
import { bringUpData } from './local-stack.js'

const { dynamo } = await bringUpData({ seed: 'always' })
await dynamo?.stop()
