import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb'
import { DomainError } from '../../shared/errors.js'
import { TOWNSHIPS, VILLAGES } from '../../shared/geo.js'
import type { Db } from '../db/client.js'
import { isTransactionConflict } from '../db/errors.js'
import { putGeography } from '../db/geo.js'
import { seedMarkerKey } from '../db/keys.js'
import { createPost } from '../db/posts.js'
import { sealContact } from '../db/contacts.js'
import { putSeekers } from '../db/seekers.js'
import { createUser } from '../db/users.js'
import { createWorkshop } from '../db/workshops.js'
import type { Protector } from '../security/protect.js'
import { DEMO_PASSWORD, DEMO_POLICY_2026, generateSeedData, SEED_VERSION } from './seed-data.js'
import { needsPassword } from '../../shared/access.js'
import { getPassword, markPasswordTx, putPasswordTx } from '../db/passwords.js'
import { transact } from '../db/tx.js'
import { hashPassword, PRODUCTION_COST } from '../security/passwords.js'
import { DISTRICT } from '../../shared/geo.js'
import { policyHistory, savePolicy } from '../db/policies.js'

export const isSeeded = async (db: Db): Promise<boolean> =>
  Boolean((await db.doc.send(new GetCommand({ TableName: db.table, Key: seedMarkerKey(SEED_VERSION) }))).Item)

const ignoreExisting = async (work: () => Promise<unknown>) => {
  try {
    await work()
  } catch (e) {
    if (!(e instanceof DomainError && e.kind === 'conflict')) throw e
  }
}

/** A second seeding at the same moment set it first. */
const ignoreTxConflict = async (work: () => Promise<unknown>) => {
  try {
    await work()
  } catch (e) {
    if (!isTransactionConflict(e)) throw e
  }
}

/** Runs fn over items, a few at a time: the emulator is faster with some parallelism, and so is DynamoDB. */
async function eachLimit<T>(items: readonly T[], fn: (item: T) => Promise<unknown>, limit = 8): Promise<void> {
  let next = 0
  await Promise.all(Array.from({ length: limit }, async () => {
    while (next < items.length) await fn(items[next++]!)
  }))
}

/**
 * Writes the demo district. Every id is fixed by the seeded generator, so running it twice
 * leaves one copy; the marker goes last, so a half-finished run is finished by the next one.
 */
export async function seedDemo(
  db: Db,
  p: Protector,
  onProgress: (msg: string) => void = () => {},
  sizes: Parameters<typeof generateSeedData>[0] = {},
) {
  const started = Date.now()
  const say = (m: string) => onProgress(`${m} (${((Date.now() - started) / 1000).toFixed(1)} s)`)
  const data = generateSeedData(sizes)
  await putGeography(db, TOWNSHIPS, VILLAGES)
  say(`geography: ${TOWNSHIPS.length} townships, ${VILLAGES.length} villages`)
  await eachLimit([...data.accounts, ...data.owners.slice(1)], (a) =>
    ignoreExisting(() => createUser(db, p, { id: a.id, role: a.role, name: a.name, phone: a.phone, ...(a.scope ? { scope: a.scope } : {}) })),
  )
  // Staff sign in with code + password: the demo's is in the README and the start banner.
  await eachLimit(data.accounts.filter((a) => needsPassword(a.role)), async (a) => {
    if (await getPassword(db, a.id)) return
    const now = new Date()
    await ignoreTxConflict(() => hashPassword(DEMO_PASSWORD, PRODUCTION_COST).then((hash) => transact(db, [putPasswordTx(db, a.id, hash, now, true), markPasswordTx(db, a.id, now)])))
  })
  say(`accounts: ${data.accounts.length} demo + ${data.owners.length - 1} workshop owners`)
  await eachLimit(data.workshops, (w) =>
    ignoreExisting(() => createWorkshop(db, w.input, w.ownerId, { id: w.id, now: w.createdAt, status: w.status, recognizedBy: data.accounts[1]!.id, contact: sealContact(p, w.contact) })),
  )
  say(`workshops: ${data.workshops.length}`)
  await eachLimit(data.posts, (post) =>
    ignoreExisting(() =>
      createPost(db, post.input, post.createdBy, {
        id: post.id,
        status: post.status,
        now: post.createdAt,
        ...(post.workshopName ? { workshopName: post.workshopName } : {}),
        ...(post.contact ? { contact: sealContact(p, post.contact) } : {}),
      }),
    ),
  )
  say(`posts: ${data.posts.length}`)
  if ((await policyHistory(db, DISTRICT.code, 2026)).length === 0) {
    const admin = data.accounts[0]!.id
    await savePolicy(db, DISTRICT.code, 2026, DEMO_POLICY_2026, 0, admin, new Date(), (saved) => ({ objectType: 'policy', objectId: `${DISTRICT.code}-2026`, action: 'policy.save', actorId: admin, actorRole: 'admin', after: saved as unknown as Record<string, unknown> }))
  }
  say('policy: 2026 v1')
  await putSeekers(db, p, data.seekers)
  say(`seekers: ${data.seekers.length}`)
  await db.doc.send(new PutCommand({ TableName: db.table, Item: { ...seedMarkerKey(SEED_VERSION), entity: 'seed', at: new Date().toISOString() } }))
  return { townships: TOWNSHIPS.length, villages: VILLAGES.length, accounts: data.accounts.length + data.owners.length - 1, workshops: data.workshops.length, posts: data.posts.length, seekers: data.seekers.length }
}
