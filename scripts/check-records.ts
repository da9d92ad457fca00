/**
 * `npm run check-records [-- --township CODE] [--json]`: checks every record on file against the
 * rules (shared/record-checks.ts) and prints each one that breaks a rule, by township, with the
 * rule's code and message. The findings are also stored, as the daily check stores them, so the
 * officers' 待更正记录 list shows the same. Nothing is changed or deleted.
 *
 * Uses DYNAMODB_ENDPOINT when set (e.g. a running `npm start`), else starts DynamoDB Local on .data/.
 */
import { parseArgs } from 'node:util'
import { checkAll, checkTownship } from '../functions/core/record-checks.js'
import { listProblems, type StoredProblem } from '../functions/db/record-problems.js'
import { TOWNSHIPS } from '../shared/geo.js'
import { bringUpData } from './local-stack.js'

const { values } = parseArgs({ options: { township: { type: 'string' }, json: { type: 'boolean' } } })
if (values.township && !TOWNSHIPS.some((t) => t.code === values.township)) {
  console.error(`unknown township ${values.township}; one of: ${TOWNSHIPS.map((t) => t.code).join(', ')}`)
  process.exit(2)
}
const { deps, dynamo } = await bringUpData({ seed: 'never' })
try {
  const checks = values.township ? [await checkTownship(deps, values.township)] : await checkAll(deps)
  const found: StoredProblem[] = []
  for (const c of checks) {
    let cursor: string | undefined
    do {
      const page = await listProblems(deps.db, c.township, 100, cursor)
      found.push(...page.items)
      cursor = page.nextCursor ?? undefined
    } while (cursor)
  }
  if (values.json) {
    console.log(JSON.stringify({ checks, problems: found }, null, 2))
  } else {
    const name = (code: string) => TOWNSHIPS.find((t) => t.code === code)?.name ?? code
    for (const c of checks) {
      console.log(`${name(c.township)} ${c.township}: ${c.people} people, ${c.records} records, ${c.problems} breaking a rule`)
      for (const p of found.filter((x) => x.township === c.township)) {
        console.log(`  ${p.seekerName} (${p.seekerId}) ${p.record} ${p.id} ${p.field}: ${p.rule}\n    ${p.message}\n    ${p.messageEn}`)
      }
    }
    const total = checks.reduce((n, c) => ({ people: n.people + c.people, records: n.records + c.records }), { people: 0, records: 0 })
    console.log(`\n${checks.length} townships, ${total.people} people, ${total.records} records: ${found.length} breaking a rule`)
  }
} finally {
  await dynamo?.stop()
}
