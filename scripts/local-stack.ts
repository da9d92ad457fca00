import { createDeps } from '../functions/deps.js'
import { readConfig } from '../functions/config.js'
import { isSeeded, seedDemo } from '../functions/jobs/seed.js'
import { generateSeedData } from '../functions/jobs/seed-data.js'
import { hasPast, seedPast } from '../functions/jobs/seed-past.js'
import { hasServicesPast, seedServicesPast } from '../functions/jobs/seed-past-services.js'
import { backfillPeopleIndex } from '../functions/jobs/people-index-backfill.js'
import { backfillSeekerIndex } from '../functions/jobs/seeker-index-backfill.js'
import { backfillHouseholdMembers } from '../functions/jobs/household-members-backfill.js'
import { migrateBoardCounters } from '../functions/jobs/migrate-board.js'
import { backfillDueCounts } from '../functions/jobs/due-counts-backfill.js'
import { hasFollowingPast, seedFollowingPast } from '../functions/jobs/seed-following.js'
import { ensureTable, startDynamoLocal, type RunningDynamo } from './dynamodb-local.js'
import { applyLocalEnv } from './local-env.js'
import { dataDirOf, markInUse } from './data-dir.js'

/**
 * DynamoDB Local on the data directory, the table, and the demo district when the database is
 * empty: what `npm start`, `npm run dev` and `npm run seed` share.
 */
export async function bringUpData(opts: { seed: 'ifEmpty' | 'always' | 'never' }) {
  applyLocalEnv()
  const dataDir = dataDirOf()
  let dynamo: RunningDynamo | undefined
  if (!process.env.DYNAMODB_ENDPOINT) {
    // Before Java opens the files: `npm run reset` must see this run from its first moment.
    markInUse(dataDir)
    const t = Date.now()
    // -sharedDb stays for the persistent data: existing .data/ directories (shared-local-instance.db)
    // keep their contents, and the AWS CLI or NoSQL Workbench see them whatever profile they use.
    dynamo = await startDynamoLocal({ dbPath: dataDir, sharedDb: true }, process.env.DYNAMODB_PORT ? Number(process.env.DYNAMODB_PORT) : undefined)
    process.env.DYNAMODB_ENDPOINT = dynamo.endpoint
    console.log(`DynamoDB Local on ${dynamo.endpoint} (data in ${dataDir}, up in ${Date.now() - t} ms)`)
  }
  const config = readConfig()
  if (await ensureTable(config.dynamoEndpoint!, config.tableName)) console.log(`created table ${config.tableName}`)
  const deps = createDeps(config)
  // A data directory from before the board's partition keeps its figures (once: a marker).
  const migrated = await migrateBoardCounters(deps.db)
  if (migrated?.moved) console.log(`board counters: moved ${migrated.moved} into the year partitions`)
  const seededNow = opts.seed === 'always' || (opts.seed === 'ifEmpty' && !(await isSeeded(deps.db)))
  if (seededNow) {
    const t = Date.now()
    console.log('seeding the demo district (生成演示区数据)…')
    const counts = await seedDemo(deps.db, deps.protector, (m) => console.log(`  seed ${m}`))
    console.log(`seeded the demo district in ${((Date.now() - t) / 1000).toFixed(1)} s: ${JSON.stringify(counts)}`)
  }
  // The district's year so far (placements, certificates, claims and batches), through the use
  // cases, once: a demo with no past shows an empty board and an empty to-do list. The generator is
  // deterministic: the past's parts each read the same district, generated once here.
  let generated: ReturnType<typeof generateSeedData> | undefined
  const data = () => (generated ??= generateSeedData())
  if (opts.seed !== 'never' && !(await hasPast(deps))) {
    const t = Date.now()
    console.log('writing the demo district’s past (演示区历史数据: 就业、证书、补贴)…')
    const past = await seedPast(deps, data(), (m) => console.log(`  ${m}`))
    console.log(`wrote the past in ${((Date.now() - t) / 1000).toFixed(1)} s: ${past.placements} placements, ${past.certificates} certificates, ${past.claims} claims, ${past.batches} batches`)
  }
  if (opts.seed !== 'never' && !(await hasServicesPast(deps))) {
    const t = Date.now()
    const past = await seedServicesPast(deps, data(), (m) => console.log(`  ${m}`))
    console.log(`wrote trainings, Yulu terms, difficulties and a match run in ${((Date.now() - t) / 1000).toFixed(1)} s: ${past.trainings} trainings, ${past.yuluTerms} terms, ${past.difficulties} difficulties, match run ${past.matchRun?.status ?? 'none'}`)
  }
  // Due items from before the township counters get them (once), before the following past adds more.
  const counted = await backfillDueCounts(deps.db)
  if (counted !== null) console.log(`due counters: rebuilt from ${counted} open items`)
  // Following people (issue 13) in that past: its own marker, so a database with the past gets it once on top.
  if (opts.seed !== 'never' && !(await hasFollowingPast(deps))) {
    const t = Date.now()
    console.log('writing the demo district’s following (演示区历史数据: 监测、返乡、毕业生)…')
    const f = await seedFollowingPast(deps, data(), (m) => console.log(`  ${m}`))
    console.log(`wrote the following past in ${((Date.now() - t) / 1000).toFixed(1)} s: ${f.households} households, ${f.cases} cases (${f.closed} closed), ${f.returnees} returnees, ${f.graduates} graduates`)
  }
  // Files from before the seeker index get their rows (once: a marker; the seed wrote them with its files).
  const indexed = await backfillSeekerIndex(deps.db, { seededNow })
  if (indexed) console.log(`seeker index: rows for ${indexed.files} files, largest chunk ${(indexed.largestBytes / 1024).toFixed(0)} KB`)
  // Households from before the member counters get them (once: a marker; the seed counted its files as it wrote them).
  const householdsCounted = await backfillHouseholdMembers(deps.db, { seededNow })
  if (householdsCounted) console.log(`household members: counted ${householdsCounted.members} files of ${householdsCounted.households} households`)
  // Files from before the people index get their rows, and lose the old search items (once: a marker; the seed wrote the rows).
  const t = Date.now()
  const people = await backfillPeopleIndex(deps.db, deps.protector, { seededNow })
  if (people) console.log(`people index: rows for ${people.files} files, ${people.oldItems} old search items removed, in ${((Date.now() - t) / 1000).toFixed(1)} s`)
  return { deps, config, dynamo, dataDir, seededNow }
}

/** Stops the emulator on Ctrl-C or termination, then exits. */
export function stopOnSignals(stop: () => Promise<void>): void {
  let stopping = false
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(sig, () => {
      if (stopping) return
      stopping = true
      stop().finally(() => process.exit(0))
    })
  }
}
