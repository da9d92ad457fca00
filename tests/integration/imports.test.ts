import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { listAuditOf } from '../../functions/db/audit.js'
import { householdIdOf } from '../../functions/core/imports.js'
import { seekerIdOfIdNumber } from '../../functions/db/seekers.js'
import { UpdateCommand } from '@aws-sdk/lib-dynamodb'
import { createDb } from '../../functions/db/client.js'
import { PEOPLE_INDEX_ROW_PREFIX, peopleIndexChunkKey, peopleIndexHeadKey, seekerIndexChunkKey, seekerIndexHeadKey, seekerIndexRowAttribute, seekerIndexShard } from '../../functions/db/keys.js'
import { peopleRowsOf } from '../../functions/db/people-index.js'
import { seekerRowsOf } from '../../functions/db/seeker-index.js'
import { wrote } from '../../functions/db/recent-reads.js'
import { idCheckChar } from '../../shared/id-number.js'
import { villageByCode } from '../../shared/geo.js'
import { call, fetchExport, signIn, type TestApp } from '../support/app.js'
import { testApp } from '../support/app.js'
import { marketWorld } from '../support/world.js'
import { finished, rosterCsv, rosterId, rosterXlsx, upload, type RosterRow } from '../support/roster.js'
import { gb18030 } from '../support/gb18030.js'

const LJ = (n: number) => villageByCode.get(`lingjing-0${n}`)!.name.replace('灵井', '')

async function importDone(t: TestApp, token: string, body: Uint8Array, q?: string, fileName?: string) {
  const u = await upload(t, token, body, q, fileName)
  expect(u.status).toBe(202)
  return finished(t, u.json.id, token)
}

describe('roster import (一户一档): report, households, idempotence, review', async () => {
  const t = await testApp({ now: () => new Date('2026-06-01T04:00:00Z') })
  const w = await marketWorld(t)
  const head = rosterId('19700101', 11)
  const spouse = rosterId('19720202', 22)
  const son = rosterId('19980303', 33)
  const other = rosterId('19650505', 55)
  const old15 = '411003750606044'
  const old15as18 = `41100319750606044${idCheckChar('41100319750606044')}`
  const suqiao = rosterId('19800808', 88)
  const good: RosterRow[] = [
    [1, '张大山', head, head, '户主', '脱贫不稳定户', '否', null, '普通劳动力', '初中', '13800138001', '灵井镇', LJ(2)],
    [2, '李小花', spouse, head, '配偶', null, null, null, '弱劳动力或半劳动力', '小学', null, '灵井镇', LJ(2)],
    [3, '张明', son, head, '之子', null, null, null, '技能劳动力', '大专', '138 0013 8003', '灵井镇', LJ(2)],
    [4, '王老五', other, other, '户主', '脱贫户', '是', '2022年3月5日', '普通劳动力', '高中', null, '灵井镇', LJ(3)],
    [5, '赵旧证', old15, null, '户主', '脱贫户', '是', 44625, '普通劳动力', '初中', null, '灵井', LJ(4)],
  ]
  const bad: RosterRow[] = [
    [6, '钱损坏', 411003198001010000, null, '户主', '脱贫户', '否', null, '普通劳动力', '初中', null, '灵井镇', LJ(2)],
    [7, '孙科学', '4.11003E+17', null, '户主', '脱贫户', '否', null, '普通劳动力', '初中', null, '灵井镇', LJ(2)],
    [8, '周日期', rosterId('19810101', 81), null, '户主', '脱贫户', '是', '2022年13月5日', '普通劳动力', '初中', null, '灵井镇', LJ(2)],
    [9, '吴无村', rosterId('19820101', 91), null, '户主', '脱贫户', '否', null, '普通劳动力', '初中', null, '灵井镇', '不存在村'],
    [10, '郑无村', rosterId('19830101', 92), null, '户主', '脱贫户', '否', null, '普通劳动力', '初中', null, '灵井镇', '不存在村'],
    [11, '王重复', other, null, '户主', '脱贫户', '否', null, '普通劳动力', '初中', null, '灵井镇', LJ(3)],
    [12, '苏外乡', suqiao, null, '户主', '脱贫户', '否', null, '普通劳动力', '初中', null, '苏桥镇', villageByCode.get('suqiao-01')!.name],
  ]
  const roster = await rosterXlsx([...good, ...bad], { hiddenFirst: true })

  it('a dry run reports exact counts and every error, and writes nobody', async () => {
    const r = await importDone(t, w.officer.token, roster, 'kind=people&dryRun=true')
    expect(r).toMatchObject({ status: 'done', percent: 100, dryRun: true, headerRow: 4, rows: 12, valid: 5, invalid: 7, created: 5, updated: 0, unchanged: 0, toReview: 0, households: 3, hasErrorFile: true })
    expect(r.unknownColumns).toEqual(['序号'])
    expect(r.unknownPlaces).toEqual([{ column: '行政村', name: '不存在村', rows: 2 }])
    const codes = r.errors.map((e: any) => [e.row, e.code])
    expect(codes).toEqual([
      [10, 'import.idNumber.excelRounded'],
      [11, 'import.idNumber.excelRounded'],
      [12, 'import.date.unreal'],
      [13, 'import.village.unknown'],
      [14, 'import.village.unknown'],
      [15, 'import.idNumber.repeated'],
      [16, 'import.township.outOfScope'],
    ])
    expect(r.errors[0]).toMatchObject({ column: '证件号码', value: '411003198001010000', messageEn: expect.stringContaining('format the column as Text') })
    expect(await seekerIdOfIdNumber(t.db, t.deps.protector, head)).toBeUndefined()
  })

  let firstId = ''
  it('commits the dry run: the files exist with their households, masked, audited', async () => {
    const list = await call(t, 'GET', '/api/imports', undefined, w.officer.token)
    const dry = list.json.items[0]
    const c = await call(t, 'POST', `/api/imports/${dry.id}/commit`, undefined, w.officer.token)
    expect(c.status).toBe(202)
    const r = await finished(t, c.json.id, w.officer.token)
    firstId = r.id
    expect(r).toMatchObject({ status: 'done', dryRun: false, fromDryRun: dry.id, rows: 12, valid: 5, invalid: 7, created: 5, updated: 0, unchanged: 0, households: 3 })
    const ids = await Promise.all([head, spouse, son, other, old15as18].map((n) => seekerIdOfIdNumber(t.db, t.deps.protector, n)))
    expect(ids.every(Boolean)).toBe(true)
    const files = await Promise.all(ids.map(async (id) => (await call(t, 'GET', `/api/seekers/${id}`, undefined, w.officer.token)).json))
    // One household: the householder's ID made into an id that does not hold it; the category is the household's.
    expect(new Set(files.slice(0, 3).map((f) => f.householdId)).size).toBe(1)
    expect(files[0].householdId).toMatch(/^H-/)
    expect(JSON.stringify(files)).not.toContain(head)
    expect(files[1]).toMatchObject({ name: '李小花', category: 'monitored', monitoredSubtype: 'unstable', laborCapacity: 'half', education: 'primary', village: 'lingjing-02' })
    expect(files[0].phoneMasked).toBe('138****8001')
    expect(files[3]).toMatchObject({ riskEliminatedOn: '2022-03-05', village: 'lingjing-03' })
    expect(files[4]).toMatchObject({ name: '赵旧证', riskEliminatedOn: '2022-03-05', birthDate: '1975-06-06' })
    expect(files[3].householdId).not.toBe(files[0].householdId)
    // The households are registered (一户一档), the householder named, each audited: the household page holds its members.
    const h = await call(t, 'GET', `/api/households/${files[0].householdId}`, undefined, w.officer.token)
    expect(h.status).toBe(200)
    expect(h.json).toMatchObject({ id: files[0].householdId, township: 'lingjing', village: 'lingjing-02', headName: '张大山' })
    expect(h.json.members.map((m: any) => m.name).sort()).toEqual(['张大山', '张明', '李小花'].sort())
    expect((await listAuditOf(t.db, 'household', files[0].householdId)).items.map((e) => [e.action, e.after?.importId])).toEqual([['household.import', r.id]])
    const listed = await call(t, 'GET', '/api/households?township=lingjing&limit=50', undefined, w.officer.token)
    expect(listed.json.items.filter((x: any) => [files[0].householdId, files[3].householdId, files[4].householdId].includes(x.id)).map((x: any) => [x.headName, x.memberCount]).sort()).toEqual([['张大山', 3], ['王老五', 1], ['赵旧证', 1]].sort())
    const trail = (await listAuditOf(t.db, 'seeker', ids[0]!)).items
    expect(trail.map((e) => e.action)).toEqual(['seeker.import'])
    expect(JSON.stringify(trail)).not.toContain('13800138001')
    // Found by name afterwards, as an officer would look.
    const found = await call(t, 'GET', `/api/seekers?q=${encodeURIComponent('张大山')}`, undefined, w.officer.token)
    expect(found.json.items.map((s: any) => s.id)).toEqual([ids[0]])
  })

  it('the same file again changes nothing', async () => {
    const r = await importDone(t, w.officer.token, roster)
    expect(r).toMatchObject({ status: 'done', created: 0, updated: 0, unchanged: 5, invalid: 7, toReview: 0, households: 0 })
    const id = await seekerIdOfIdNumber(t.db, t.deps.protector, head)
    expect((await listAuditOf(t.db, 'seeker', id!)).items).toHaveLength(1)
  })

  it('a run stopped after writing its files but before their index rows: the same file again puts the rows back', async () => {
    const ids = (await Promise.all([head, spouse].map((n) => seekerIdOfIdNumber(t.db, t.deps.protector, n)))) as string[]
    // The rows go, as if the job had ended between the files' transactions and their index rows.
    for (const id of ids)
      for (const [chunk, headKey, attr] of [
        [peopleIndexChunkKey('lingjing', seekerIndexShard(id)), peopleIndexHeadKey('lingjing', seekerIndexShard(id)), `${PEOPLE_INDEX_ROW_PREFIX}${id}`],
        [seekerIndexChunkKey('lingjing', seekerIndexShard(id)), seekerIndexHeadKey('lingjing', seekerIndexShard(id)), seekerIndexRowAttribute(id)],
      ] as const) {
        await t.db.doc.send(new UpdateCommand({ TableName: t.db.table, Key: chunk, UpdateExpression: 'REMOVE #a ADD v :one', ExpressionAttributeNames: { '#a': attr }, ExpressionAttributeValues: { ':one': 1 } }))
        await t.db.doc.send(new UpdateCommand({ TableName: t.db.table, Key: headKey, UpdateExpression: 'ADD v :one', ExpressionAttributeValues: { ':one': 1 } }))
        // The app's container sees its own writes at once (as transact and the bulk writes tell it).
        wrote(t.db, headKey.PK)
      }
    const other = () => createDb({ tableName: t.tableName, endpoint: t.endpoint, cursorSecret: t.deps.config.sessionSecret })
    const found = async () => (await call(t, 'GET', `/api/seekers/search?q=${encodeURIComponent('张大山')}`, undefined, w.officer.token)).json.items.map((s: any) => s.id)
    expect((await seekerRowsOf(other(), 'lingjing')).rows.map((r) => r.id)).not.toContain(ids[0])
    expect(await found()).toEqual([])
    const r = await importDone(t, w.officer.token, roster)
    expect(r).toMatchObject({ status: 'done', created: 0, updated: 0, unchanged: 5 })
    const c = other()
    expect((await seekerRowsOf(c, 'lingjing')).rows.map((x) => x.id)).toEqual(expect.arrayContaining(ids))
    expect((await peopleRowsOf(c, 'lingjing')).rows.filter((x) => ids.includes(x.id)).map((x) => x.n).sort()).toEqual(['张大山', '李小花'].sort())
    expect(await found()).toEqual([ids[0]])
  })

  it('the error file holds one line per bad row, its cells as uploaded and the reason', async () => {
    const res = await fetchExport(t, `/api/imports/${firstId}/errors.xlsx`, w.officer.token)
    expect(res.status).toBe(200)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never)
    const ws = wb.worksheets[0]!
    const header = (ws.getRow(2).values as unknown[]).slice(1)
    expect(header.at(-1)).toBe('错误原因')
    expect(header.slice(0, 3)).toEqual(['序号', '姓名', '证件号码'])
    const lines: string[][] = []
    ws.eachRow((row, n) => {
      if (n > 2) lines.push((row.values as unknown[]).slice(1).map((v) => String(v ?? '')))
    })
    expect(lines.map((l) => l[1])).toEqual(['钱损坏', '孙科学', '周日期', '吴无村', '郑无村', '王重复', '苏外乡'])
    expect(lines[1]![2]).toBe('4.11003E+17')
    expect(lines[0]![header.length - 1]).toContain('证件号码：身份证号已被 Excel')
    expect(lines[3]![header.length - 1]).toContain('没有名为“不存在村”的村')
    // Another officer cannot read it: outside their imports it does not exist.
    expect((await call(t, 'GET', `/api/imports/${firstId}/errors.xlsx`, undefined, w.otherOfficer.token)).status).toBe(404)
  })

  it('a changed row updates the file with before and after in its audit event', async () => {
    good[3]![9] = '大专'
    const r = await importDone(t, w.officer.token, await rosterXlsx(good))
    expect(r).toMatchObject({ created: 0, updated: 1, unchanged: 4, invalid: 0 })
    const id = (await seekerIdOfIdNumber(t.db, t.deps.protector, other))!
    const ev = (await listAuditOf(t.db, 'seeker', id)).items[0]!
    expect(ev).toMatchObject({ action: 'seeker.import', before: { education: 'senior' }, after: { education: 'college' } })
  })

  it('a field an officer changed since the last import goes to review when the roster changes it too', async () => {
    const id = (await seekerIdOfIdNumber(t.db, t.deps.protector, spouse))!
    const file = (await call(t, 'GET', `/api/seekers/${id}`, undefined, w.officer.token)).json
    const edit = await call(t, 'PUT', `/api/seekers/${id}`, { ...stripFile(file), idNumber: spouse, laborCapacity: 'full' }, w.officer.token)
    expect(edit.status).toBe(200)
    // The roster still says 弱劳动力: the officer's correction stands.
    expect(await importDone(t, w.officer.token, await rosterXlsx(good))).toMatchObject({ updated: 0, unchanged: 5, toReview: 0 })
    // Now the roster says 丧失劳动力: that is for an officer to decide.
    const changed = good.map((r) => [...r])
    changed[1]![8] = '丧失劳动力'
    expect(await importDone(t, w.officer.token, await rosterXlsx(changed))).toMatchObject({ updated: 0, toReview: 1 })
    const q = await call(t, 'GET', '/api/imports/review', undefined, w.officer.token)
    expect(q.json.items).toHaveLength(1)
    const review = q.json.items[0]
    expect(review).toMatchObject({ kind: 'editedSince', seekerId: id, fields: [{ field: 'laborCapacity', current: 'full', imported: 'none' }] })
    expect(JSON.stringify(q.json)).not.toContain(spouse)
    // The other township's officer sees none of it and cannot decide it.
    expect((await call(t, 'GET', '/api/imports/review', undefined, w.otherOfficer.token)).json.items).toEqual([])
    expect((await call(t, 'POST', `/api/imports/review/lingjing/${review.id}`, { decision: 'apply' }, w.otherOfficer.token)).status).toBe(404)
    expect((await call(t, 'POST', `/api/imports/review/lingjing/${review.id}`, { decision: 'merge' }, w.officer.token)).status).toBe(400)
    const ok = await call(t, 'POST', `/api/imports/review/lingjing/${review.id}`, { decision: 'apply' }, w.officer.token)
    expect(ok.status).toBe(200)
    expect((await call(t, 'GET', `/api/seekers/${id}`, undefined, w.officer.token)).json.laborCapacity).toBe('none')
    expect((await call(t, 'POST', `/api/imports/review/lingjing/${review.id}`, { decision: 'apply' }, w.officer.token)).status).toBe(404)
    const actions = (await listAuditOf(t.db, 'importReview', review.id)).items.map((e) => e.action)
    expect(actions).toEqual(['import.review.apply'])
  })

  it('a near-duplicate (same name, birth date and village, another ID) waits for an officer: keep both, audited, its household registered', async () => {
    const twin = rosterId('19700101', 12)
    // The twin heads a household of their own: nobody else's file names it, so keeping both registers it.
    const r = await importDone(t, w.officer.token, await rosterXlsx([[1, '张大山', twin, twin, '户主', '脱贫户', '否', null, '普通劳动力', '初中', null, '灵井镇', LJ(2)]]))
    expect(r).toMatchObject({ created: 0, toReview: 1 })
    const review = (await call(t, 'GET', '/api/imports/review', undefined, w.officer.token)).json.items.find((x: any) => x.kind === 'nearDuplicate')
    expect(review).toMatchObject({ name: '张大山', birthDate: '1970-01-01', village: 'lingjing-02', idNumberMasked: `${twin.slice(0, 4)}**********${twin.slice(-4)}` })
    const ok = await call(t, 'POST', `/api/imports/review/lingjing/${review.id}`, { decision: 'keepBoth' }, w.officer.token)
    expect(ok.status).toBe(200)
    expect(await seekerIdOfIdNumber(t.db, t.deps.protector, twin)).toBe(ok.json.seekerId)
    expect(ok.json.seekerId).not.toBe(review.seekerId)
    // Both events: the decision on the review, the new file's creation naming the file it resembles.
    expect((await listAuditOf(t.db, 'importReview', review.id)).items.map((e) => [e.action, e.actorId])).toEqual([['import.review.keepBoth', w.officer.user.id]])
    expect((await listAuditOf(t.db, 'seeker', ok.json.seekerId)).items).toMatchObject([{ action: 'seeker.import', after: { review: 'keepBoth', alike: review.seekerId } }])
    const household = householdIdOf(t.deps, { householderId: twin })!
    expect((await call(t, 'GET', `/api/households/${household}`, undefined, w.officer.token)).json).toMatchObject({ id: household, township: 'lingjing', village: 'lingjing-02', headName: '张大山' })
    expect((await listAuditOf(t.db, 'household', household)).items).toMatchObject([{ action: 'household.import', after: { importId: review.importId } }])
    expect((await call(t, 'POST', `/api/imports/review/lingjing/${review.id}`, { decision: 'keepBoth' }, w.officer.token)).status).toBe(404)
  })

  it('a near-duplicate merged: the existing file takes the row’s values and keeps its own ID number, audited', async () => {
    const twin = rosterId('19650505', 56)
    const r = await importDone(t, w.officer.token, await rosterXlsx([[1, '王老五', twin, null, '户主', '脱贫户', '是', '2022年3月5日', '技能劳动力', '本科', '13800138055', '灵井镇', LJ(3)]]))
    expect(r).toMatchObject({ created: 0, toReview: 1 })
    const review = (await call(t, 'GET', '/api/imports/review?limit=50', undefined, w.officer.token)).json.items.find((x: any) => x.kind === 'nearDuplicate' && x.importId === r.id)
    const existing = (await seekerIdOfIdNumber(t.db, t.deps.protector, other))!
    expect(review).toMatchObject({ seekerId: existing, name: '王老五' })
    const ok = await call(t, 'POST', `/api/imports/review/lingjing/${review.id}`, { decision: 'merge' }, w.officer.token)
    expect(ok.status).toBe(200)
    expect(ok.json.seekerId).toBe(existing)
    expect(await seekerIdOfIdNumber(t.db, t.deps.protector, twin)).toBeUndefined()
    const file = (await call(t, 'GET', `/api/seekers/${existing}`, undefined, w.officer.token)).json
    expect(file).toMatchObject({ education: 'bachelor', phoneMasked: '138****8055', idNumberMasked: `${other.slice(0, 4)}**********${other.slice(-4)}` })
    const trail = (await listAuditOf(t.db, 'seeker', existing)).items
    expect(trail[0]).toMatchObject({ action: 'seeker.importMerge', before: { education: 'college' }, after: { education: 'bachelor' } })
    expect(JSON.stringify(trail)).not.toContain('13800138055')
    expect((await listAuditOf(t.db, 'importReview', review.id)).items.map((e) => e.action)).toEqual(['import.review.merge'])
    expect((await call(t, 'POST', `/api/imports/review/lingjing/${review.id}`, { decision: 'merge' }, w.officer.token)).status).toBe(404)
  })

  it('two rows of one file alike (same name, birth date and village, other IDs): the first makes the file, the later one waits for review against it', async () => {
    const first = rosterId('19880808', 41)
    const second = rosterId('19880808', 42)
    const other = rosterId('19900101', 43)
    const file = await rosterXlsx([
      [1, '刘同名', first, null, '户主', '脱贫户', '否', null, '普通劳动力', '初中', null, '灵井镇', LJ(5)],
      [2, '无关人', other, null, '户主', '脱贫户', '否', null, '普通劳动力', '初中', null, '灵井镇', LJ(5)],
      [3, '刘同名', second, null, '户主', '脱贫户', '否', null, '普通劳动力', '初中', null, '灵井镇', LJ(5)],
    ])
    expect(await importDone(t, w.officer.token, file, 'kind=people&dryRun=true')).toMatchObject({ valid: 3, created: 2, toReview: 1 })
    expect(await seekerIdOfIdNumber(t.db, t.deps.protector, first)).toBeUndefined()
    const r = await importDone(t, w.officer.token, file, 'kind=people&dryRun=false')
    expect(r).toMatchObject({ created: 2, toReview: 1 })
    const firstId = await seekerIdOfIdNumber(t.db, t.deps.protector, first)
    expect(firstId).toBeTruthy()
    expect(await seekerIdOfIdNumber(t.db, t.deps.protector, second)).toBeUndefined()
    const review = (await call(t, 'GET', '/api/imports/review?limit=50', undefined, w.officer.token)).json.items.find((x: any) => x.importId === r.id)
    expect(review).toMatchObject({ kind: 'nearDuplicate', seekerId: firstId, name: '刘同名', birthDate: '1988-08-08', idNumberMasked: `${second.slice(0, 4)}**********${second.slice(-4)}` })
  })

  it('reads a formula by its cached value, never evaluating it; a hidden sheet only when the upload names it', async () => {
    const wb = new ExcelJS.Workbook()
    const hidden = wb.addWorksheet('核对后')
    hidden.state = 'hidden'
    const ws = wb.addWorksheet('家庭成员')
    for (const sheet of [ws, hidden]) {
      sheet.getRow(1).values = ['姓名', '证件号码', '与户主关系', '家庭类别', '是否风险消除', '劳动能力', '文化程度', '乡镇', '行政村']
      // The name and the village are formulas whose cached results are what Excel showed; the formula text is not a name.
      sheet.getRow(2).values = [{ formula: 'CONCATENATE("公式","甲")', result: sheet === ws ? '公式甲' : '隐藏乙' } as never, rosterId(sheet === ws ? '19860606' : '19870707', 71), '户主', '脱贫户', '否', '普通劳动力', '初中', '灵井镇', { formula: 'Sheet2!B7', result: LJ(6) } as never]
    }
    const file = Buffer.from(await wb.xlsx.writeBuffer())
    const r = await importDone(t, w.officer.token, file, 'kind=people&dryRun=false')
    expect(r).toMatchObject({ status: 'done', rows: 1, created: 1, invalid: 0 })
    const id = await seekerIdOfIdNumber(t.db, t.deps.protector, rosterId('19860606', 71))
    expect((await call(t, 'GET', `/api/seekers/${id}`, undefined, w.officer.token)).json).toMatchObject({ name: '公式甲', village: 'lingjing-06' })
    expect(await seekerIdOfIdNumber(t.db, t.deps.protector, rosterId('19870707', 71))).toBeUndefined()
    // Named, the hidden sheet is read; a name no sheet has fails with that name.
    const named = await importDone(t, w.officer.token, file, `kind=people&dryRun=true&sheet=${encodeURIComponent('核对后')}`)
    expect(named).toMatchObject({ status: 'done', sheet: '核对后', rows: 1, created: 1 })
    const missing = await importDone(t, w.officer.token, file, `kind=people&dryRun=true&sheet=${encodeURIComponent('第三页')}`)
    expect(missing).toMatchObject({ status: 'failed', failure: { code: 'import.file.noSheet', message: expect.stringContaining('第三页') } })
  })

  it('a GB18030 CSV is read like the workbook', async () => {
    const csv = rosterCsv([[1, '钱新人', rosterId('19850505', 66), null, '户主', '脱贫户', '否', null, '普通劳动力', '初中', null, '灵井镇', LJ(5)]])
    const r = await importDone(t, w.officer.token, gb18030(csv), 'kind=people&dryRun=false', 'roster.csv')
    expect(r).toMatchObject({ status: 'done', rows: 1, created: 1, invalid: 0 })
  })

  it('refuses what is not a roster: too large (413), another type (415), a zip bomb, a sheet without a header; a seeker may not import', async () => {
    const big = await upload(t, w.officer.token, new Uint8Array(5 * 1024 * 1024 + 1).fill(65))
    expect(big.status).toBe(413)
    expect(big.json).toMatchObject({ code: 'import.tooLarge', message: expect.stringContaining('5 MB'), messageEn: expect.stringContaining('split') })
    const xls = await upload(t, w.officer.token, new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]))
    expect(xls.status).toBe(415)
    expect(xls.json.code).toBe('import.unsupportedType')
    // A part that claims to expand to 300 MB: refused before anything is inflated.
    const bomb = Buffer.from(roster)
    const cd = bomb.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]))
    bomb.writeUInt32LE(300 * 1024 * 1024, cd + 24)
    expect(await importDone(t, w.officer.token, bomb)).toMatchObject({ status: 'failed', failure: { code: 'import.file.zipBomb' } })
    expect(await importDone(t, w.officer.token, new TextEncoder().encode('a,b\n1,2\n'), undefined, 'x.csv')).toMatchObject({ status: 'failed', failure: { code: 'import.noHeader' } })
    const seeker = await w.newSeeker('13900000201')
    expect((await upload(t, seeker.token, roster)).status).toBe(403)
    expect((await call(t, 'GET', '/api/imports?limit=5', undefined, w.otherOfficer.token)).json.items).toEqual([])
  })

  it('the template has the headers, an example row and the value lists', async () => {
    const res = await fetchExport(t, '/api/imports/template.xlsx?kind=people', w.officer.token)
    expect(res.status).toBe(200)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never)
    expect((wb.worksheets[0]!.getRow(1).values as unknown[]).slice(1, 4)).toEqual(['姓名', '身份证号', '户主姓名'])
    expect(wb.worksheets[0]!.getRow(2).getCell(1).value).toBe('张大山')
    expect(JSON.stringify(wb.worksheets[1]!.getSheetValues())).toContain('弱劳动力或半劳动力')
    expect((await call(t, 'GET', '/api/imports/template.xlsx?kind=nope', undefined, w.officer.token)).status).toBe(400)
  })
})

/** A file as GET answers it, back into the form's shape. */
function stripFile(f: any) {
  const { id: _i, idNumberMasked: _m, gender: _g, birthDate: _b, phoneMasked: _p, villageName: _v, groups: _gr, enteredBy: _e, verifiedAt: _va, verifiedBy: _vb, lastActivityAt: _l, holdsJob: _h, createdAt: _c, updatedAt: _u, expectedWageFen: _w, school: _s, major: _mj, userId: _uid, ...rest } = f
  return rest
}
void signIn
