import { handle } from 'hono/aws-lambda'
import { readConfig } from '../config.js'
import { createLazyApp } from './route-groups.js'
import { createDeps } from '../deps.js'

// Made once per Lambda container, so warm invocations reuse the SDK client and its connections.
// Each route group's code loads on its first request (route-groups.ts), not at module load.
const app = createLazyApp(createDeps(readConfig()))

export const handler = handle(app)
