/**
 * `npm run dev`: DynamoDB Local (data in .data/), the API with reload on change (tsx watch,
 * port 3001), and Vite's dev server with hot module replacement (port 5173, proxying /api).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { bringUpData, stopOnSignals } from './local-stack.js'

const { config, dynamo } = await bringUpData({ seed: 'ifEmpty' })
const apiPort = process.env.API_PORT ?? '3001'
const env = { ...process.env, DYNAMODB_ENDPOINT: config.dynamoEndpoint!, PORT: apiPort, WENGANG_API_URL: `http://127.0.0.1:${apiPort}` }
const children: ChildProcess[] = [
  spawn('npx', ['tsx', 'watch', '--clear-screen=false', 'scripts/serve-api.ts'], { stdio: 'inherit', env }),
  spawn('npx', ['vite', '--config', 'web/vite.config.ts', '--host', '127.0.0.1'], { stdio: 'inherit', env }),
]
stopOnSignals(async () => {
  for (const c of children) c.kill('SIGTERM')
  await dynamo?.stop()
})
