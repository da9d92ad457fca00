import { describe, expect, it } from 'vitest'
import { ScanCommand } from '@aws-sdk/lib-dynamodb'
import { listAuditOf } from '../../functions/db/audit.js'
import { createUser } from '../../functions/db/users.js'
import { call, signIn, testApp, TEST_PASSWORD } from '../support/app.js'

// Issue 14 part 2: officers, auditors and admins sign in with the SMS code and a password.
describe('staff passwords beside the SMS code', async () => {
  // A clock of its own: a phone gets one code a minute; a lock lasts a quarter of an hour.
  let now = Date.parse('2026-12-01T02:00:00Z')
  const t = await testApp({ now: () => new Date(now) })
  const later = (ms = 120_000) => (now += ms)
  await createUser(t.db, t.deps.protector, { role: 'admin', name: '管理员', phone: '17700000040' })
  const admin = await signIn(t, '17700000040')
  const officerUser = await createUser(t.db, t.deps.protector, { role: 'officer', name: '五女店专干', phone: '17700000041', scope: 'wunvdian' })
  const code = async (phone: string, wait = 120_000) => {
    later(wait)
    const r = await call(t, 'POST', '/api/auth/otp', { phone })
    expect(r.status, r.text).toBe(200)
    return r.json.devCode as string
  }
  const login = (phone: string, c: string, password?: string) => call(t, 'POST', '/api/auth/login', { phone, code: c, ...(password === undefined ? {} : { password }) })

  it('a new officer signs in by code to a session that may only set a password; a weak one is refused by field; setting it swaps the session for a full one', async () => {
    const limited = await login('17700000041', await code('17700000041'))
    expect(limited.status, limited.text).toBe(200)
    expect(limited.json.passwordSetupRequired).toBe(true)
    const seekers = await call(t, 'GET', '/api/seekers?township=wunvdian', undefined, limited.json.token)
    expect(seekers.status).toBe(403)
    expect(seekers.json).toMatchObject({ code: 'auth.passwordSetupRequired', messageEn: 'Set your sign-in password first' })
    expect((await call(t, 'GET', '/api/me', undefined, limited.json.token)).status).toBe(200)
    for (const [weak, en] of [['short-1', 'At least 10'], ['1380000000412', 'digits only']] as const) {
      const r = await call(t, 'POST', '/api/me/password', { password: weak }, limited.json.token)
      expect(r.status).toBe(400)
      expect(r.json.issues).toEqual([expect.objectContaining({ path: 'password', messageEn: expect.stringContaining(en) })])
    }
    const set = await call(t, 'POST', '/api/me/password', { password: TEST_PASSWORD }, limited.json.token)
    expect(set.status, set.text).toBe(200)
    expect(set.json).toMatchObject({ passwordSet: true, token: expect.any(String), user: { id: officerUser.id, passwordSetAt: expect.any(String) } })
    expect((await call(t, 'GET', '/api/me', undefined, limited.json.token)).status).toBe(401)
    expect((await call(t, 'GET', '/api/seekers?township=wunvdian', undefined, set.json.token)).status).toBe(200)
    // Set once: the limited session is gone, so it cannot set another.
    expect((await listAuditOf(t.db, 'user', officerUser.id)).items.map((e) => e.action)).toEqual(['user.passwordSet'])
  })

  it('then the code alone is not enough: 401 auth.passwordRequired keeps the code, a wrong password counts down, the right one with the same code signs in once', async () => {
    const c = await code('17700000041')
    const bare = await login('17700000041', c)
    expect(bare.status).toBe(401)
    expect(bare.json.code).toBe('auth.passwordRequired')
    const wrong = await login('17700000041', c, 'not-my-password')
    expect(wrong.status).toBe(401)
    expect(wrong.json).toMatchObject({ code: 'auth.passwordWrong', messageEn: 'Wrong password; 4 tries left' })
    const right = await login('17700000041', c, TEST_PASSWORD)
    expect(right.status, right.text).toBe(200)
    expect(right.json.passwordSetupRequired).toBeUndefined()
    expect((await login('17700000041', c, TEST_PASSWORD)).json.code).toBe('otp.invalid')
    // A right password clears the count: five more wrong tries before a lock.
    const c2 = await code('17700000041')
    expect((await login('17700000041', c2, 'not-my-password')).json.messageEn).toBe('Wrong password; 4 tries left')
  })

  it('five wrong passwords lock the account for a quarter of an hour (429 with Retry-After), the right one included, and nothing is hashed meanwhile', async () => {
    const user = await createUser(t.db, t.deps.protector, { role: 'auditor', name: '审计员', phone: '17700000042' })
    await signIn(t, '17700000042')
    const answers: number[] = []
    // A phone gets five codes an hour: one every 12 minutes keeps the tries within the limit.
    for (let i = 0; i < 5; i++) answers.push((await login('17700000042', await code('17700000042', 12 * 60_000), `wrong-password-${i}`)).status)
    expect(answers).toEqual([401, 401, 401, 401, 429])
    const lockedOut = await login('17700000042', await code('17700000042', 12 * 60_000), TEST_PASSWORD)
    expect(lockedOut.status).toBe(429)
    expect(lockedOut.json.code).toBe('auth.passwordLocked')
    expect(Number(lockedOut.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(t.captured.lines.some((l) => l.includes('password locked') && l.includes(user.id))).toBe(true)
    expect((await login('17700000042', await code('17700000042', 12 * 60_000), TEST_PASSWORD)).status).toBe(200)
  })

  it("an admin's reset is audited, ends the account's sessions, and the next sign-in sets a new password", async () => {
    const before = await signIn(t, '17700000041')
    const reset = await call(t, 'POST', `/api/users/${officerUser.id}/password/reset`, undefined, admin.token)
    expect(reset.status, reset.text).toBe(200)
    expect(reset.json.passwordSetAt).toBeUndefined()
    expect((await call(t, 'GET', '/api/me', undefined, before.token)).status).toBe(401)
    const trail = (await listAuditOf(t.db, 'user', officerUser.id)).items
    expect(trail[0]).toMatchObject({ action: 'user.passwordReset', actorRole: 'admin' })
    const next = await login('17700000041', await code('17700000041'), TEST_PASSWORD)
    expect(next.status).toBe(200)
    expect(next.json.passwordSetupRequired).toBe(true)
    expect((await call(t, 'GET', `/api/users?role=officer`, undefined, admin.token)).json.items.find((u: { id: string }) => u.id === officerUser.id).passwordSetAt).toBeUndefined()
    // Seekers and owners have no password to reset; an officer may not reset anyone's.
    const owner = await createUser(t.db, t.deps.protector, { role: 'owner', name: '车间负责人', phone: '17700000043' })
    expect((await call(t, 'POST', `/api/users/${owner.id}/password/reset`, undefined, admin.token)).json.code).toBe('password.notForRole')
  })

  it('a full session changes its password only with the current one; the old one stops working', async () => {
    const s = await signIn(t, '17700000040')
    const noCurrent = await call(t, 'POST', '/api/me/password', { password: 'another-password-9' }, s.token)
    expect(noCurrent.json.issues).toEqual([expect.objectContaining({ path: 'current' })])
    const wrong = await call(t, 'POST', '/api/me/password', { password: 'another-password-9', current: 'nope-nope-nope' }, s.token)
    expect(wrong.status).toBe(400)
    expect(wrong.json.issues).toEqual([expect.objectContaining({ path: 'current', code: 'password.currentWrong' })])
    const changed = await call(t, 'POST', '/api/me/password', { password: 'another-password-9', current: TEST_PASSWORD }, s.token)
    expect(changed.status, changed.text).toBe(200)
    expect(changed.json).toEqual({ passwordSet: true })
    expect((await login('17700000040', await code('17700000040'), TEST_PASSWORD)).json.code).toBe('auth.passwordWrong')
    expect((await login('17700000040', await code('17700000040'), 'another-password-9')).status).toBe(200)
  })

  it('seekers keep the code alone and have no password to set', async () => {
    const seeker = await signIn(t, '13900000041')
    const r = await call(t, 'POST', '/api/me/password', { password: 'seeker-password-1' }, seeker.token)
    expect(r.status).toBe(403)
    expect(r.json.code).toBe('password.notForRole')
  })

  it('only scrypt hashes are stored; no password reaches the table or a log line', async () => {
    const items = (await t.db.doc.send(new ScanCommand({ TableName: t.db.table }))).Items ?? []
    const passwords = items.filter((i) => i.entity === 'password')
    expect(passwords.length).toBeGreaterThanOrEqual(2)
    for (const p of passwords) expect(p.hash).toMatch(/^scrypt\$\d+\$8\$\d+\$[\w-]{22}\$[\w-]{43}$/)
    const everything = JSON.stringify(items) + t.captured.lines.join('\n')
    for (const secret of [TEST_PASSWORD, 'another-password-9', 'not-my-password', 'wrong-password-0']) expect(everything).not.toContain(secret)
  })
})
