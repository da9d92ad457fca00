/** How long the seed's 2,000 files take to write with and without their people-search items (prints figures, asserts nothing). `npx tsx tests/bench/people-search-seed.ts` */
import { startDynamoLocal, ensureTable } from '../../scripts/dynamodb-local.js'
import { createDb } from '../../functions/db/client.js'
import { createProtector } from '../../functions/security/protect.js'
import { generateSeedData } from '../../functions/jobs/seed-data.js'
import { seekerItems } from '../../functions/db/seekers.js'
import { batchPut } from '../../functions/db/batch.js'

const dynamo = await startDynamoLocal({ inMemory: true } as never)
await ensureTable(dynamo.endpoint, 'bench')
const db = createDb({ tableName: 'bench', endpoint: dynamo.endpoint, cursorSecret: 'x'.repeat(32) })
const p = createProtector('y'.repeat(32))
const { seekers } = generateSeedData({})
let t = Date.now()
const all: Record<string, unknown>[][] = []
for (const s of seekers) all.push(await seekerItems(p, s))
console.log(`tokens for ${seekers.length}: ${Date.now() - t} ms, items ${all.flat().length}`)
const files = all.map((x) => x.filter((i) => i.entity !== 'peopleSearch')).flat()
const search = all.map((x) => x.filter((i) => i.entity === 'peopleSearch')).flat()
for (const c of [4, 8]) {
  t = Date.now(); await batchPut(db, files, c); console.log(`files+idno ${files.length} items, concurrency ${c}: ${Date.now() - t} ms`)
  t = Date.now(); await batchPut(db, search, c); console.log(`search ${search.length} items, concurrency ${c}: ${Date.now() - t} ms`)
}
await dynamo.stop()
