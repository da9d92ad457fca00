/** The API alone on an existing DynamoDB Local (DYNAMODB_ENDPOINT): what `npm run dev` reloads. */
import { createDeps } from '../functions/deps.js'
import { startServer } from '../functions/api/server.js'
import { readConfig } from '../functions/config.js'
import { applyLocalEnv } from './local-env.js'

applyLocalEnv()
const port = Number(process.env.PORT ?? 3001)
await startServer(createDeps(readConfig()), { port, webRoot: '/nonexistent' })
console.log(`API on http://127.0.0.1:${port}/api (reference: /api/docs)`)
