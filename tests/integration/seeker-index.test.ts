import { QueryCommand } from '@aws-sdk/lib-dynamodb'
import { describe, expect, it } from 'vitest'
import { DISTRICT, TOWNSHIPS, VILLAGES, villageByCode } from '../../shared/geo.js'
import { explainPair, renderReason } from '../../shared/matching/index.js'
import type { Post } from '../../shared/schemas/posts.js'
import type { Seeker } from '../../shared/schemas/seekers.js'
import { batchPut } from '../../functions/db/batch.js'
import { createDb, type Db } from '../../functions/db/client.js'
import { putGeography } from '../../functions/db/geo.js'
import { postIndexKeys, postKey, SEEKER_INDEX_SHARDS, seekerIndexHeads } from '../../functions/db/keys.js'
import { savePolicy } from '../../functions/db/policies.js'
import { getPost } from '../../functions/db/posts.js'
import { seekerRowsOf } from '../../functions/db/seeker-index.js'
import { getSeeker, listSeekersOfTownship, putSeekers, riskEliminatedSeekerWrites, seekerItems } from '../../functions/db/seekers.js'
import { transact } from '../../functions/db/tx.js'
import type { Actor, Deps } from '../../functions/core/deps.js'
import { candidates, toMatchPost, toMatchSeeker } from '../../functions/core/match-runs.js'
import { matchingPolicy } from '../../functions/core/policies.js'
import { DEMO_POLICY_2026, generateSeedData } from '../../functions/jobs/seed-data.js'
import { backfillSeekerIndex } from '../../functions/jobs/seeker-index-backfill.js'
import { call, testApp, type TestApp } from '../support/app.js'
import { finished, rosterId, rosterXlsx, upload } from '../support/roster.js'
import { idNumber, marketWorld, seekerInput } from '../support/world.js'

/** A second Lambda container on the same table: its own Db, so its own cache of the index. */
const containerOf = (t: TestApp) => createDb({ tableName: t.tableName, endpoint: t.endpoint, cursorSecret: t.deps.config.sessionSecret })
const ADMIN: Actor = { userId: 'admin-of-the-test', role: 'admin', sessionId: 'test' }

/**
 * The reference: candidates as they were answered before the seeker index (f26f423), every file
 * of the township read and ranked, the candidate built from the whole file.
 */
async function byScan(deps: Deps, post: Post) {
  const { policy, asOf } = await matchingPolicy(deps)
  const people: Seeker[] = []
  let cursor: string | undefined
  do {
    const page = await listSeekersOfTownship(deps.db, post.township, { limit: 500, ...(cursor ? { cursor } : {}) })
    people.push(...page.items)
    cursor = page.nextCursor ?? undefined
  } while (cursor)
  const mask = (name: string) => (name.length <= 1 ? name : name.length === 2 ? `${name[0]}*` : `${name[0]}${'*'.repeat(name.length - 2)}${name.at(-1)}`)
  return people
    .map((s) => {
      const r = explainPair(toMatchSeeker(s, asOf), toMatchPost(post), policy, asOf)
      return r.failures.length ? undefined : { s, score: r.score, reasons: r.reasons.map((x) => ({ code: x.code, text: renderReason(x, 'zh-CN'), textEn: renderReason(x, 'en') })) }
    })
    .filter((x): x is NonNullable<typeof x> => Boolean(x))
    .sort((a, b) => b.score - a.score || a.s.id.localeCompare(b.s.id))
    .slice(0, 20)
    .map(({ s, score, reasons }) => ({
      candidate: { nameMasked: mask(s.name), gender: s.gender, birthYear: Number(s.birthDate.slice(0, 4)), village: s.villageName ?? s.village, category: s.category, laborCapacity: s.laborCapacity, skills: s.skills, groups: s.groups },
      score,
      reasons,
    }))
}

/** The index's answer, through the container `db`. */
const byIndex = async (t: TestApp, db: Db, postId: string) => (await candidates({ ...t.deps, db }, ADMIN, postId, { limit: 20 })).items

async function withPolicy(t: TestApp) {
  await savePolicy(t.db, DISTRICT.code, 2026, DEMO_POLICY_2026, 0, ADMIN.userId, new Date(), () => ({ objectType: 'policy', objectId: 'test', action: 'policy.save', actorId: ADMIN.userId, actorRole: 'admin' }))
}

describe('the seeker index (求职者索引): candidates without reading the township', () => {
  it('answers exactly what the full scan answers, on the generator’s district, cold and warm', async () => {
    const t = await testApp({ now: () => new Date('2026-06-01T04:00:00Z') })
    await putGeography(t.db, TOWNSHIPS, VILLAGES)
    await withPolicy(t)
    const data = generateSeedData({ posts: 60, seekers: 1500, workshops: 12 })
    const posts: Post[] = data.posts.map((g) => {
      const { deadline: _d, ...input } = g.input
      const at = g.createdAt.toISOString()
      return {
        id: g.id, ...input, ...(g.workshopName ? { workshopName: g.workshopName } : {}),
        ...(input.village ? { villageName: villageByCode.get(input.village)?.name } : {}),
        filled: 0, status: 'open', createdBy: g.createdBy, createdAt: at, publishedAt: at,
      } as Post
    })
    await batchPut(t.db, posts.map((p) => ({ ...postKey(p.id), entity: 'post', ...postIndexKeys(p), ...p })), 8)
    await putSeekers(t.db, t.deps.protector, data.seekers)

    const cold = containerOf(t)
    let full = 0
    let people = 0
    for (const post of posts) {
      const want = await byScan(t.deps, post)
      expect(await byIndex(t, cold, post.id)).toEqual(want)
      if (want.length === 20) full++
      people += want.length
    }
    // Not a vacuous comparison: most posts have a full shortlist.
    expect(full).toBeGreaterThan(posts.length / 2)
    expect(people).toBeGreaterThan(600)
    // Warm (the container's cached chunks and shortlists) answers the same.
    for (const post of posts.slice(0, 10)) expect(await byIndex(t, cold, post.id)).toEqual(await byScan(t.deps, post))

    // Every file is in its township's index once, and no row carries a name, ID number or phone.
    for (const tw of TOWNSHIPS) {
      const { rows } = await seekerRowsOf(cold, tw.code)
      expect(rows.length).toBe(data.seekers.filter((s) => s.township === tw.code).length)
      expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length)
      for (const r of rows) expect(Object.keys(r).filter((k) => /name|idNumber|phone|gender/i.test(k))).toEqual([])
    }
  }, 240_000)

  it('follows every change of a file in its own transaction: create (both ways), edit, move, import, confirmed change, risk eliminated, a hire', async () => {
    const t = await testApp({ now: () => new Date('2026-06-01T04:00:00Z') })
    const w = await marketWorld(t)
    await withPolicy(t)
    const post = await w.newPost({ title: '电工', skills: ['电工'], headcount: 3 })
    const stored = (await getPost(t.db, post.id))!
    const c = containerOf(t)
    const rowOf = async (township: string, id: string) => (await seekerRowsOf(c, township)).rows.find((r) => r.id === id)
    const same = async () => {
      const want = await byScan(t.deps, stored)
      expect(await byIndex(t, c, post.id)).toEqual(want)
      return want
    }
    expect(await same()).toEqual([])

    // Created by the seeker (PUT /api/me/profile) and by an officer on someone's behalf.
    const a = await w.newSeeker('13800770001', { name: '王建军', skills: ['电工'] })
    expect(await rowOf('lingjing', a.seeker.id)).toMatchObject({ skills: ['电工'], category: 'alleviated' })
    const made = await call(t, 'POST', '/api/seekers', seekerInput({ name: '李秀英', idNumber: idNumber('1979-01-02', 301), skills: ['焊工'] }), w.officer.token)
    expect(made.status).toBe(201)
    expect(await rowOf('lingjing', made.json.id)).toMatchObject({ skills: ['焊工'] })
    expect((await same()).map((x) => x.candidate.nameMasked).sort()).toEqual(['李*英', '王*军'])

    // An edit moves its row; a move to another township moves it there.
    const edited = await call(t, 'PUT', `/api/seekers/${made.json.id}`, seekerInput({ name: '李秀英', idNumber: idNumber('1979-01-02', 301), skills: ['电工', '焊工'] }), w.officer.token)
    expect(edited.status).toBe(200)
    expect(await rowOf('lingjing', made.json.id)).toMatchObject({ skills: ['电工', '焊工'] })
    await same()
    const moved = await call(t, 'PUT', `/api/seekers/${made.json.id}`, seekerInput({ name: '李秀英', idNumber: idNumber('1979-01-02', 301), township: 'suqiao', village: 'suqiao-01' }), w.district.token)
    expect(moved.status).toBe(200)
    expect(await rowOf('lingjing', made.json.id)).toBeUndefined()
    expect(await rowOf('suqiao', made.json.id)).toMatchObject({ township: 'suqiao', village: 'suqiao-01' })
    expect((await same()).map((x) => x.candidate.nameMasked)).toEqual(['王*军'])

    // A roster import's new files.
    const head = rosterId('19700101', 11)
    const LJ2 = villageByCode.get('lingjing-02')!.name.replace('灵井', '')
    const up = await upload(t, w.officer.token, await rosterXlsx([
      [1, '张大山', head, head, '户主', '脱贫户', '否', null, '普通劳动力', '初中', '13800138001', '灵井镇', LJ2],
      [2, '李小花', rosterId('19720202', 22), head, '配偶', null, null, null, '普通劳动力', '小学', null, '灵井镇', LJ2],
    ]))
    expect(await finished(t, up.json.id, w.officer.token)).toMatchObject({ status: 'done', created: 2 })
    const imported = (await seekerRowsOf(c, 'lingjing')).rows.filter((r) => r.id !== a.seeker.id)
    expect(imported).toHaveLength(2)
    expect((await same()).length).toBe(3)

    // On a checked file, a seeker's change of household facts waits; confirmed, the row takes it.
    expect((await call(t, 'POST', `/api/seekers/${a.seeker.id}/verify`, {}, w.officer.token)).status).toBe(200)
    const change = await call(t, 'PUT', '/api/me/profile', seekerInput({ name: '王建军', idNumber: idNumber('1985-03-04', 100), skills: ['电工'], category: 'monitored', monitoredSubtype: 'unstable' }), a.token)
    expect(change.status).toBe(200)
    expect(change.json.householdChangePending).toBeTruthy()
    expect(await rowOf('lingjing', a.seeker.id)).toMatchObject({ category: 'alleviated' })
    const decided = await call(t, 'POST', `/api/seekers/${a.seeker.id}/household-change`, { decision: 'confirm' }, w.officer.token)
    expect(decided.status).toBe(200)
    expect(await rowOf('lingjing', a.seeker.id)).toMatchObject({ category: 'monitored', monitoredSubtype: 'unstable' })
    await same()

    // 风险消除 (a case's closing): the members' files and rows together; a file changed since it was read refuses the whole.
    const member = (await getSeeker(t.db, a.seeker.id))!
    await transact(t.db, riskEliminatedSeekerWrites(t.db, [member], '2026-05-20', new Date()))
    expect(await rowOf('lingjing', a.seeker.id)).toMatchObject({ riskEliminatedOn: '2026-05-20' })
    await expect(transact(t.db, riskEliminatedSeekerWrites(t.db, [member], '2026-05-21', new Date()))).rejects.toThrow()
    expect(await rowOf('lingjing', a.seeker.id)).toMatchObject({ riskEliminatedOn: '2026-05-20' })
    await same()

    // A hire changes no matching fact of the file: the answer stays the scan's.
    const app = await call(t, 'POST', `/api/posts/${post.id}/applications`, {}, a.token)
    expect(app.status).toBe(201)
    expect((await call(t, 'POST', `/api/applications/${app.json.id}/hire`, { startDate: '2026-06-01' }, w.owner.token)).status).toBe(200)
    await same()
  }, 120_000)

  it('keeps a township’s chunks far below 400 KB and its writes spread over its shards', async () => {
    const t = await testApp()
    await putGeography(t.db, TOWNSHIPS, VILLAGES)
    const data = generateSeedData({ seekers: 3000, posts: 1, workshops: 1 })
    const lingjing = data.seekers.filter((s) => s.township === 'lingjing')
    await putSeekers(t.db, t.deps.protector, lingjing)
    const r = await t.db.doc.send(new QueryCommand({ TableName: t.db.table, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': seekerIndexHeads('lingjing') } }))
    expect(r.Items).toHaveLength(SEEKER_INDEX_SHARDS)
    const { rows } = await seekerRowsOf(containerOf(t), 'lingjing')
    expect(rows).toHaveLength(lingjing.length)
    const bytesPerRow = Buffer.byteLength(JSON.stringify(rows)) / rows.length
    // A chunk holds 1/16 of its township: at this row size a township fills a chunk only past tens of thousands of files.
    expect(bytesPerRow * (lingjing.length / SEEKER_INDEX_SHARDS)).toBeLessThan(40_000)
    expect(bytesPerRow).toBeLessThan(400)
  }, 120_000)

  it('gives files written before the index their rows, once (the local start’s backfill)', async () => {
    const t = await testApp()
    await putGeography(t.db, TOWNSHIPS, VILLAGES)
    const data = generateSeedData({ seekers: 300, posts: 1, workshops: 1 })
    // Files as a table from before the index holds them: the items alone, no rows.
    const items: Record<string, unknown>[] = []
    for (const r of data.seekers) items.push(...seekerItems(t.deps.protector, r))
    await batchPut(t.db, items, 8)
    expect((await seekerRowsOf(containerOf(t), 'lingjing')).rows).toHaveLength(0)
    const done = await backfillSeekerIndex(t.db)
    expect(done?.files).toBe(data.seekers.length)
    const c = containerOf(t)
    for (const tw of TOWNSHIPS) expect((await seekerRowsOf(c, tw.code)).rows.map((r) => r.id).sort()).toEqual(data.seekers.filter((s) => s.township === tw.code).map((s) => s.id).sort())
    expect(await backfillSeekerIndex(t.db)).toBeNull()
  }, 120_000)
})
