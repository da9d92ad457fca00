import { PutCommand } from '@aws-sdk/lib-dynamodb'
import { describe, expect, it } from 'vitest'
import { claimIndexKeys, claimKey } from '../../functions/db/keys.js'
import { createUser } from '../../functions/db/users.js'
import type { Claim } from '../../shared/schemas/subsidies.js'
import { call, signIn, testApp, fetchExport } from '../support/app.js'
import { idNumber, marketWorld, seekerInput } from '../support/world.js'
import { readBack } from '../support/xlsx.js'

/** The issue's reproductions: each is refused with the field named and a message in both languages. */
const BAD: [string, string, string][] = [
  ['U+FFFE', '刘\uFFFE国', 'text.noncharacter'],
  ['NUL', '刘\u0000国', 'text.control'],
  ['BEL', '刘国\u0007', 'text.control'],
  ['U+202E (bidi override)', '\u202E刘国', 'text.bidi'],
  ['only zero-width characters', '\u200B\u200C\u200D\uFEFF', 'text.blank'],
]

const expectFieldIssue = (r: Awaited<ReturnType<typeof call>>, path: string, code: string) => {
  expect(r.status).toBe(400)
  expect(r.json.code).toBe('request.invalid')
  const issue = r.json.issues.find((i: { path: string }) => i.path === path)
  expect(issue, JSON.stringify(r.json.issues)).toMatchObject({ path, code, message: expect.any(String), messageEn: expect.any(String) })
  expect(issue.message).not.toBe(issue.messageEn)
}

describe('text that cannot break anything (issue 9)', async () => {
  const t = await testApp()
  const w = await marketWorld(t)
  let phone = 13900002000

  for (const [name, value, code] of BAD) {
    it(`a seeker name with ${name} is 400 naming "name" (own file and an officer's)`, async () => {
      const s = await signIn(t, String(phone++))
      expectFieldIssue(await call(t, 'PUT', '/api/me/profile', seekerInput({ name: value, idNumber: idNumber('1985-03-04', phone % 1000) }), s.token), 'name', code)
      expectFieldIssue(await call(t, 'POST', '/api/seekers', seekerInput({ name: value, idNumber: idNumber('1986-03-04', phone % 1000) }), w.officer.token), 'name', code)
    })

    it(`a workshop name with ${name} is 400 naming "name"`, async () => {
      expectFieldIssue(await call(t, 'POST', '/api/workshops', { name: value, type: 'factory', township: 'lingjing', village: 'lingjing-01', address: '灵井镇王庄村 9 号' }, w.owner.token), 'name', code)
    })
  }

  it('a post title of 61 characters is 400 naming the limit of 60; 60 are kept whole', async () => {
    const body = { kind: 'workshop', workshopId: w.workshop.id, township: 'lingjing', headcount: 1, wage: { amountFen: 300000, unit: 'month' } }
    const long = await call(t, 'POST', '/api/posts', { ...body, title: '岗'.repeat(61) }, w.owner.token)
    expect(long.status).toBe(400)
    expect(long.json.issues).toEqual([{ path: 'title', code: 'too_big', message: '最多 60 个字符', messageEn: 'At most 60 characters' }])
    const ok = await call(t, 'POST', '/api/posts', { ...body, title: '岗'.repeat(60) }, w.owner.token)
    expect(ok.status).toBe(201)
    expect(ok.json.title).toBe('岗'.repeat(60))
    const edited = await call(t, 'PATCH', `/api/posts/${ok.json.id}`, { title: `${'改'.repeat(60)}x` }, w.owner.token)
    expect(edited.status).toBe(400)
    expect(edited.json.issues[0]).toMatchObject({ path: 'title', code: 'too_big' })
  })

  it('accepted text is stored cleaned: NFC, trimmed', async () => {
    const s = await signIn(t, String(phone++))
    const r = await call(t, 'PUT', '/api/me/profile', seekerInput({ name: '  Jose\u0301 李\u200B ', idNumber: idNumber('1987-03-04', 321) }), s.token)
    expect(r.status).toBe(201)
    expect(r.json.name).toBe('José 李')
  })

  it('a ledger .xlsx over stored names holding U+FFFE, NUL, BEL, U+202E opens in a strict XML reader', async () => {
    await createUser(t.db, t.deps.protector, { role: 'auditor', name: '审计', phone: '17700000099' })
    const auditor = await signIn(t, '17700000099')
    const names = ['刘\uFFFE建国', '王\u0000芳', '张\u0007三', '李\u202E四']
    for (const [i, subjectName] of names.entries()) {
      // Written straight to the table, as older data from before input was checked would be.
      const c: Claim = {
        id: `01J00000000000000000000C0${i}`, kind: 'transport', period: '2026', year: 2026, subjectType: 'seeker', subjectId: `01J00000000000000000000S0${i}`,
        subjectName, idNumberMasked: '4110**********1234', township: 'lingjing', amountFen: 50_000, status: 'approved', makerId: 'm', checkerId: 'c',
        rules: [], policyVersion: 1, createdAt: '2026-03-01T00:00:00.000Z', updatedAt: '2026-03-01T00:00:00.000Z',
      }
      await t.db.doc.send(new PutCommand({ TableName: t.db.table, Item: { ...claimKey(c.id), entity: 'claim', ...claimIndexKeys(c), ...c } }))
    }
    const res = await fetchExport(t, '/api/ledger.xlsx?year=2026', auditor.token)
    expect(res.status).toBe(200)
    const { problems, text } = readBack(Buffer.from(await res.arrayBuffer()))
    expect(problems).toEqual([])
    for (const n of ['刘建国', '王芳', '张三', '李\u202E四']) expect(text.join('\n')).toContain(n)
  })
})
