import { QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb'
import { describe, expect, it, vi } from 'vitest'
import { batchDelete } from '../../functions/db/batch.js'
import { createDb } from '../../functions/db/client.js'
import { peopleIndexChunkKey, peopleIndexHeads, SEEKER_INDEX_SHARDS } from '../../functions/db/keys.js'
import { peopleRowsOf } from '../../functions/db/people-index.js'
import { backfillPeopleIndex } from '../../functions/jobs/people-index-backfill.js'
import { call, testApp } from '../support/app.js'
import { idNumber, marketWorld, seekerInput } from '../support/world.js'

describe('people search (查找人员, issue 12 part 6)', async () => {
  const t = await testApp()
  const w = await marketWorld(t)
  let seq = 200
  const file = async (name: string, over: Record<string, unknown> = {}, token = w.officer.token) => {
    const r = await call(t, 'POST', '/api/seekers', seekerInput({ name, idNumber: idNumber('1979-04-05', seq++), ...over }), token)
    if (r.status !== 201) throw new Error(`create ${r.status} ${r.text}`)
    return r.json as { id: string; name: string; idNumberMasked: string }
  }
  const jianguoId = idNumber('1976-08-09', 731)
  const jianguo = await file('刘建国', { idNumber: jianguoId, phone: '13712345678' })
  const jianjun = await file('刘建军')
  const jian = await file('刘建')
  const wang = await file('王建国', { village: 'lingjing-03' })
  const elsewhere = await file('刘建国', { township: 'suqiao', village: 'suqiao-01' }, w.district.token)

  // Another container: reads the index from the table, with no recent reads of its own.
  const container = () => createDb({ tableName: t.tableName, endpoint: t.endpoint, cursorSecret: t.deps.config.sessionSecret })
  const chunkItems = async () => {
    const r = await t.db.doc.send(new ScanCommand({ TableName: t.db.table, FilterExpression: 'begins_with(PK, :p)', ExpressionAttributeValues: { ':p': 'PEOPLEINDEX#' } }))
    return r.Items ?? []
  }
  const heads = async () => (await t.db.doc.send(new QueryCommand({ TableName: t.db.table, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': peopleIndexHeads('lingjing') }, ConsistentRead: true }))).Items ?? []
  const search = async (q: string, token = w.officer.token, extra = '') => call(t, 'GET', `/api/seekers/search?q=${encodeURIComponent(q)}${extra}`, undefined, token)
  const names = async (q: string, token?: string, extra?: string) => {
    const r = await search(q, token, extra)
    expect(r.status, r.text).toBe(200)
    return (r.json.items as { id: string; name: string; match: { rank: number; via: string } }[]).map((s) => `${s.name}:${s.match.rank}:${s.match.via}`)
  }

  it('finds part of a name, exact before start before inside, then by the pinyin of the name', async () => {
    expect(await names('刘建')).toEqual(['刘建:0:name', '刘建国:1:name', '刘建军:1:name'])
    expect(await names('建国')).toEqual(['刘建国:2:name', '王建国:2:name'])
    expect(await names('刘建国')).toEqual(['刘建国:0:name'])
    expect(await names('国')).toEqual(['刘建国:2:name', '王建国:2:name'])
  })

  it('finds full pinyin, its prefixes and from any syllable, and initials and their prefixes', async () => {
    expect(await names('liujianguo')).toEqual(['刘建国:0:pinyin'])
    expect(await names('LiuJian')).toEqual(['刘建:0:pinyin', '刘建国:1:pinyin', '刘建军:1:pinyin'])
    expect(await names('jianguo')).toEqual(['刘建国:2:pinyin', '王建国:2:pinyin'])
    expect(await names('ljg')).toEqual(['刘建国:0:initials'])
    expect(await names('lj')).toEqual(['刘建:0:initials', '刘建国:1:initials', '刘建军:1:initials'])
    expect(await names('jg')).toEqual(['刘建国:2:initials', '王建国:2:initials'])
    expect(await names('wangj')).toEqual(['王建国:1:pinyin'])
    expect(await names('zhang')).toEqual([])
  })

  it('finds the last 4 of the ID number or of the phone, and never stores those digits in the index', async () => {
    expect(await names(jianguoId.slice(-4))).toEqual(['刘建国:0:idLast4'])
    expect(await names('5678')).toEqual(['刘建国:0:phoneLast4'])
    const rows = (await peopleRowsOf(container(), 'lingjing')).rows
    const his = rows.find((r) => r.id === jianguo.id)!
    expect(his).toMatchObject({ n: '刘建国', py: 'liu jian guo', v: 'lingjing-02' })
    expect(his.d4).toMatch(/^[\w-]{12}$/)
    expect(his.p4).toMatch(/^[\w-]{12}$/)
    const stored = JSON.stringify(await chunkItems())
    expect(stored).toContain(his.d4)
    expect(stored).not.toContain('5678')
    expect(stored).not.toContain(jianguoId.slice(-4))
  })

  it('keeps a township officer to their township, lets the district search it all, and narrows by village', async () => {
    const mine = (await search('刘建国')).json.items.map((s: { id: string }) => s.id)
    expect(mine).toEqual([jianguo.id])
    expect(mine).not.toContain(elsewhere.id)
    expect((await search('刘建国', w.otherOfficer.token)).json.items.map((s: { id: string }) => s.id)).toEqual([elsewhere.id])
    expect((await search('刘建国', w.officer.token, '&township=suqiao')).status).toBe(403)
    const district = (await search('liujianguo', w.district.token)).json.items.map((s: { id: string }) => s.id)
    expect(district.sort()).toEqual([jianguo.id, elsewhere.id].sort())
    expect((await search('liujianguo', w.district.token, '&township=suqiao')).json.items.map((s: { id: string }) => s.id)).toEqual([elsewhere.id])
    expect(await names('jianguo', w.officer.token, '&village=lingjing-03')).toEqual(['王建国:2:pinyin'])
    expect(await names('jianguo', w.district.token, '&village=lingjing-03')).toEqual(['王建国:2:pinyin'])
  })

  it('refuses one Latin letter and digits other than four, with a field message in both languages; one Chinese character is fine', async () => {
    const one = await search('l')
    expect(one.status).toBe(400)
    expect(one.json.issues[0]).toMatchObject({ path: 'q', message: '拼音或首字母请至少输入 2 个字母（1 个字母会找到太多人）' })
    expect(JSON.stringify(one.json.issues[0])).toContain('one letter finds too many people')
    for (const q of ['123', '12345', '1234567890']) {
      const r = await search(q)
      expect(r.status, q).toBe(400)
      expect(r.json.issues[0]).toMatchObject({ path: 'q', message: '数字请输入身份证号或手机号的后 4 位' })
    }
    expect((await search('刘')).status).toBe(200)
  })

  it('a rename moves the row in the same change; an edit that changes no searched fact writes no row', async () => {
    const current = (await call(t, 'GET', `/api/seekers/${jianjun.id}`, undefined, w.officer.token)).json
    const { id: _id, idNumberMasked: _m, gender: _g, birthDate: _b, enteredBy: _e, createdAt: _c, villageName: _v, groups: _gr, verifiedAt: _va, verifiedBy: _vb, expectedWageFen: _w, ...rest } = current
    const before = await heads()
    const skills = await call(t, 'PUT', `/api/seekers/${jianjun.id}`, { ...rest, idNumber: idNumber('1979-04-05', 201), skills: ['电工'] }, w.officer.token)
    expect(skills.status, skills.text).toBe(200)
    expect(await heads()).toEqual(before)
    const renamed = await call(t, 'PUT', `/api/seekers/${jianjun.id}`, { ...rest, skills: ['电工'], name: '陈建华', idNumber: idNumber('1979-04-05', 201) }, w.officer.token)
    expect(renamed.status, renamed.text).toBe(200)
    expect(await heads()).not.toEqual(before)
    expect(await names('刘建')).toEqual(['刘建:0:name', '刘建国:1:name'])
    expect(await names('jianhua')).toEqual(['陈建华:2:pinyin'])
    expect(await names('chenjianhua')).toEqual(['陈建华:0:pinyin'])
    // Another container sees the new row only.
    const rows = (await peopleRowsOf(container(), 'lingjing')).rows.filter((r) => r.id === jianjun.id)
    expect(rows).toEqual([expect.objectContaining({ n: '陈建华', py: 'chen jian hua' })])
  })

  it('pages without repeats, in rank order, in a bounded number of Queries and no Scan', async () => {
    const zhao = []
    for (const n of ['赵一', '赵二', '赵三', '赵四', '赵五', '赵六', '赵七']) zhao.push((await file(n)).id)
    zhao.push((await file('钱赵')).id)
    const send = vi.spyOn(t.db.doc, 'send')
    const seen: string[] = []
    const ranks: number[] = []
    let cursor: string | null = null
    let pages = 0
    do {
      const r = await search('赵', w.officer.token, `&limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
      expect(r.status, r.text).toBe(200)
      seen.push(...r.json.items.map((s: { id: string }) => s.id))
      ranks.push(...r.json.items.map((s: { match: { rank: number } }) => s.match.rank))
      cursor = r.json.nextCursor
      pages++
    } while (cursor && pages < 10)
    expect(new Set(seen).size).toBe(seen.length)
    expect(seen.sort()).toEqual([...zhao].sort())
    expect(ranks).toEqual([...ranks].sort())
    expect(ranks.at(-1)).toBe(2)
    const commands = send.mock.calls.map(([c]) => c.constructor.name)
    send.mockRestore()
    expect(commands).not.toContain('ScanCommand')
    const searchReads = commands.filter((c) => c === 'QueryCommand' || c === 'BatchGetCommand')
    // Per page at most one Query of the township's heads and one BatchGet of the page's files
    // (sessions are GetItems); the chunks are read once, after the files above were written.
    expect(searchReads.length).toBeLessThanOrEqual(pages * 2 + 1)
  })

  it('the backfill gives files written without index rows theirs, and running it twice changes nothing', async () => {
    // As a table from before the people index: no chunks.
    await batchDelete(t.db, Array.from({ length: SEEKER_INDEX_SHARDS }, (_, k) => peopleIndexChunkKey('lingjing', k)))
    expect((await peopleRowsOf(container(), 'lingjing')).rows).toEqual([])
    const first = await backfillPeopleIndex(t.db, t.deps.protector, { force: true })
    expect(first!.files).toBeGreaterThanOrEqual(13)
    expect(await backfillPeopleIndex(t.db, t.deps.protector)).toBeNull()
    const forced = await backfillPeopleIndex(t.db, t.deps.protector, { force: true })
    expect(forced).toEqual(first)
    expect(await names('ljg')).toEqual(['刘建国:0:initials'])
    expect((await peopleRowsOf(container(), 'lingjing')).rows.map((r) => r.id)).toContain(jianguo.id)
  })
})
