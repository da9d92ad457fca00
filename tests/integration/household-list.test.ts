/**
 * 户清单 `GET /api/households`: each household with its 户类型 and member count, kept by the
 * files' own writes (a roster import, a new file, a move, a confirmed household change), counted
 * from the members for a household whose counter is missing or cannot be right, and rebuilt whole
 * by the backfill.
 */
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb'
import { describe, expect, it } from 'vitest'
import { householdIdOf } from '../../functions/core/imports.js'
import { householdMemberCountKey, householdMembersBackfillKey } from '../../functions/db/keys.js'
import { seekerIdOfIdNumber } from '../../functions/db/seekers.js'
import { backfillHouseholdMembers, HOUSEHOLD_MEMBERS_VERSION } from '../../functions/jobs/household-members-backfill.js'
import { villageByCode } from '../../shared/geo.js'
import { call, testApp } from '../support/app.js'
import { finished, rosterId, rosterXlsx, upload } from '../support/roster.js'
import { idNumber, marketWorld, seekerInput } from '../support/world.js'

describe('the households list: 户类型 and member count', async () => {
  const t = await testApp({ now: () => new Date('2026-06-01T04:00:00Z') })
  const w = await marketWorld(t)
  const ok = async (r: Promise<{ status: number; text: string; json: any }>, status = 200) => {
    const got = await r
    if (got.status !== status) throw new Error(`expected ${status}, got ${got.status} ${got.text}`)
    return got.json
  }
  const LJ2 = villageByCode.get('lingjing-02')!.name.replace('灵井', '')
  const LJ3 = villageByCode.get('lingjing-03')!.name.replace('灵井', '')
  const head = rosterId('19700101', 11)
  const spouse = rosterId('19720202', 22)
  const son = rosterId('19980303', 33)
  const other = rosterId('19650505', 55)
  // The import links members by the householder's ID number, made into the household's number.
  const zhang = householdIdOf(t.deps, { householderId: head })!
  const wang = householdIdOf(t.deps, { householderId: other })!
  const listed = async () => {
    const page = await ok(call(t, 'GET', '/api/households?limit=50', undefined, w.officer.token))
    return Object.fromEntries(page.items.map((h: any) => [h.id, { memberCount: h.memberCount, category: h.category, monitoredSubtype: h.monitoredSubtype, categoryMixed: h.categoryMixed }]))
  }
  const counter = async (id: string) => (await t.db.doc.send(new GetCommand({ TableName: t.db.table, Key: householdMemberCountKey(id, 'lingjing') }))).Item

  it('after a roster import of a household of three, it lists three members and the household’s category', async () => {
    // One household registered before the import, one by the import itself: the counters do not need the household to exist first.
    await ok(call(t, 'POST', '/api/households', { id: zhang, township: 'lingjing', village: 'lingjing-02', headName: '张大山' }, w.officer.token), 201)
    await ok(call(t, 'POST', '/api/households', { id: 'HH-EMPTY', township: 'lingjing', village: 'lingjing-02', headName: '空户' }, w.officer.token), 201)
    const up = await upload(t, w.officer.token, await rosterXlsx([
      [1, '张大山', head, head, '户主', '边缘易致贫户', '否', null, '普通劳动力', '初中', '13800138001', '灵井镇', LJ2],
      [2, '李小花', spouse, head, '配偶', null, null, null, '弱劳动力或半劳动力', '小学', null, '灵井镇', LJ2],
      [3, '张明', son, head, '之子', null, null, null, '技能劳动力', '大专', null, '灵井镇', LJ2],
      [4, '王老五', other, other, '户主', '脱贫户', '否', null, '普通劳动力', '高中', null, '灵井镇', LJ3],
    ]))
    expect(await finished(t, up.json.id, w.officer.token)).toMatchObject({ status: 'done', created: 4 })
    // The import registered the household it found; registering it again is refused.
    expect((await ok(call(t, 'POST', '/api/households', { id: wang, township: 'lingjing', village: 'lingjing-03', headName: '王老五' }, w.officer.token), 409)).code).toBe('household.exists')

    expect(await listed()).toEqual({
      [zhang]: { memberCount: 3, category: 'monitored', monitoredSubtype: 'marginal', categoryMixed: false },
      [wang]: { memberCount: 1, category: 'alleviated', categoryMixed: false },
      // No member yet: no category to tell, not an error.
      'HH-EMPTY': { memberCount: 0 },
    })
    // Kept, not counted on each read: the counters hold the same.
    expect(await counter(zhang)).toMatchObject({ n: 3, c_monitored: 3, m_marginal: 3 })
    // The same roster again moves nothing.
    const again = await upload(t, w.officer.token, await rosterXlsx([[1, '张大山', head, head, '户主', '边缘易致贫户', '否', null, '普通劳动力', '初中', '13800138001', '灵井镇', LJ2]]))
    expect(await finished(t, again.json.id, w.officer.token)).toMatchObject({ status: 'done', unchanged: 1 })
    expect((await listed())[zhang]).toMatchObject({ memberCount: 3 })
  })

  it('a member added, moved to another household, and a confirmed change of category move the counts', async () => {
    // A person files for themselves, naming the Zhang household: four.
    const a = await w.newSeeker('13900002001', { name: '张小妹', householdId: zhang, category: 'monitored', monitoredSubtype: 'marginal' })
    expect((await listed())[zhang]).toEqual({ memberCount: 4, category: 'monitored', monitoredSubtype: 'marginal', categoryMixed: false })

    // The son moves to the Wang household, taking its category: three and two.
    const sonId = (await seekerIdOfIdNumber(t.db, t.deps.protector, son))!
    const file = await ok(call(t, 'GET', `/api/seekers/${sonId}`, undefined, w.officer.token))
    const { id: _i, idNumberMasked: _m, gender: _g, birthDate: _b, phoneMasked: _p, villageName: _v, groups: _gr, enteredBy: _e, verifiedAt: _va, verifiedBy: _vb, lastActivityAt: _l, holdsJob: _h, createdAt: _c, updatedAt: _u, expectedWageFen: _w, ...rest } = file
    await ok(call(t, 'PUT', `/api/seekers/${sonId}`, { ...rest, idNumber: son, householdId: wang, category: 'alleviated', monitoredSubtype: undefined, village: 'lingjing-03' }, w.officer.token))
    const moved = await listed()
    expect(moved[zhang]).toEqual({ memberCount: 3, category: 'monitored', monitoredSubtype: 'marginal', categoryMixed: false })
    expect(moved[wang]).toEqual({ memberCount: 2, category: 'alleviated', categoryMixed: false })

    // On her checked file the seeker says her household is 脱贫户: it waits for an officer…
    await ok(call(t, 'POST', `/api/seekers/${a.seeker.id}/verify`, {}, w.officer.token))
    const change = await ok(call(t, 'PUT', '/api/me/profile', seekerInput({ name: '张小妹', idNumber: idNumber('1985-03-04', 100), householdId: zhang, category: 'alleviated' }), a.token))
    expect(change.householdChangePending).toBeTruthy()
    expect((await listed())[zhang]).toEqual({ memberCount: 3, category: 'monitored', monitoredSubtype: 'marginal', categoryMixed: false })
    // …confirmed, the household still counts three, and its members now disagree.
    await ok(call(t, 'POST', `/api/seekers/${a.seeker.id}/household-change`, { decision: 'confirm' }, w.officer.token))
    expect((await listed())[zhang]).toEqual({ memberCount: 3, category: 'monitored', monitoredSubtype: 'marginal', categoryMixed: true })
    expect(await counter(zhang)).toMatchObject({ n: 3, c_monitored: 2, c_alleviated: 1, m_marginal: 2 })
  })

  it('a household whose counter is missing or cannot be right is counted from its members, and the backfill puts it right', async () => {
    await t.db.doc.send(new DeleteCommand({ TableName: t.db.table, Key: householdMemberCountKey(zhang, 'lingjing') }))
    // What a counter begun after its members would hold once one of them moved out.
    await t.db.doc.send(new PutCommand({ TableName: t.db.table, Item: { ...householdMemberCountKey(wang, 'lingjing'), n: -1, c_alleviated: -1 } }))
    const fallback = await listed()
    expect(fallback[zhang]).toEqual({ memberCount: 3, category: 'monitored', monitoredSubtype: 'marginal', categoryMixed: true })
    expect(fallback[wang]).toEqual({ memberCount: 2, category: 'alleviated', categoryMixed: false })

    await t.db.doc.send(new DeleteCommand({ TableName: t.db.table, Key: householdMembersBackfillKey(HOUSEHOLD_MEMBERS_VERSION) }))
    expect(await backfillHouseholdMembers(t.db)).toMatchObject({ members: 5 })
    expect(await counter(zhang)).toMatchObject({ n: 3, c_monitored: 2, c_alleviated: 1 })
    expect(await counter(wang)).toMatchObject({ n: 2, c_alleviated: 2 })
    expect(await counter('HH-EMPTY')).toMatchObject({ n: 0 })
    expect(await backfillHouseholdMembers(t.db)).toBeNull()
    expect(await listed()).toEqual(fallback)
  })
})
