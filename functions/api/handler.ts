import { handle } from 'hono/aws-lambda'
import { readConfig } from '../config.js'
import { createApp } from './app.js'
import { createDeps } from '../deps.js'

// Made once per Lambda container, so warm invocations reuse the SDK client and its connections.
const app = createApp(createDeps(readConfig()))

export const handler = handle(app)
