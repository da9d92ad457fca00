import { pingTable } from '../db/health.js'
import type { Deps } from './deps.js'

/** Whether the table answers: the health check's one read. */
export async function health(deps: Deps) {
  const db = await pingTable(deps.db)
  return { status: db ? ('ok' as const) : ('degraded' as const), env: deps.config.env, db, time: deps.now().toISOString() }
}
