/**
 * `npm run reset [-- --yes]`: starts the local data over — deletes DynamoDB Local's files in the
 * data directory and seeds a new demo district — after asking. `npm start -- --fresh` does the same
 * before it starts. Refuses while a server (or any local command) uses the directory.
 */
import { createInterface } from 'node:readline/promises'
import { parseArgs } from 'node:util'
import { confirmReset, dataDirOf, usersOf, wipeData } from './data-dir.js'
import { stopOnSetupError } from './ensure-deps.js'

async function askOnTerminal(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout })
  try {
    return await rl.question(question)
  } finally {
    rl.close()
  }
}

/** Asks, checks nobody uses the data, deletes it; answers whether it did. */
export async function startOver(yes: boolean, dataDir = dataDirOf()): Promise<boolean> {
  const users = usersOf(dataDir)
  // Refused before asking: a yes that cannot be carried out would be a question wasted.
  if (users.length > 0) wipeData(dataDir, users)
  const decision = await confirmReset({ yes, isTty: Boolean(process.stdin.isTTY && process.stdout.isTTY), ask: askOnTerminal, dataDir })
  if (!decision.go) {
    console.log(decision.why)
    return false
  }
  const removed = wipeData(dataDir)
  console.log(removed.length ? `deleted ${removed.join(', ')} in ${dataDir} (已删除本地数据)` : `${dataDir} held no data yet (没有可删除的数据)`)
  return true
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { yes: { type: 'boolean', short: 'y' } } })
  try {
    if (!(await startOver(Boolean(values.yes)))) process.exit(1)
  } catch (e) {
    stopOnSetupError(e)
  }
  const t = Date.now()
  const { bringUpData } = await import('./local-stack.js')
  const { dynamo } = await bringUpData({ seed: 'ifEmpty' })
  await dynamo?.stop()
  console.log(`\n新的演示区已生成 — a new demo district is ready (${((Date.now() - t) / 1000).toFixed(0)} s). Start it with: npm start`)
}
