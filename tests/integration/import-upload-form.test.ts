import { describe, expect, it } from 'vitest'
import { villageByCode } from '../../shared/geo.js'
import { call, testApp, type TestApp } from '../support/app.js'
import { finished, rosterId, rosterXlsx, type RosterRow } from '../support/roster.js'
import { marketWorld } from '../support/world.js'

/**
 * The portal's way in for a roster (issue 11 part 1): a form that posts the file straight into the
 * file store, then an import of the stored key. Locally the form goes to POST /api/files/uploads,
 * whose checks stand in for S3's policy: the one key, the size limit, the expiry, the signature.
 */
type Form = { key: string; url: string; fields: Record<string, string>; expiresAt: string; maxBytes: number }

const post = (t: TestApp, form: Form, file: Uint8Array, fields: Record<string, string> = form.fields) => {
  const body = new FormData()
  for (const [k, v] of Object.entries(fields)) body.set(k, v)
  body.set('file', new Blob([file]), 'roster.xlsx')
  return call(t, 'POST', form.url, body)
}

describe('roster upload through an upload form (the file never passes the API)', async () => {
  let at = new Date('2026-06-01T04:00:00Z')
  const t = await testApp({ now: () => at })
  const w = await marketWorld(t)
  const village = villageByCode.get('lingjing-02')!.name.replace('灵井', '')
  const a = rosterId('19700101', 11)
  const rows: RosterRow[] = [
    [1, '张上传', a, a, '户主', '脱贫户', '否', null, '普通劳动力', '初中', null, '灵井镇', village],
    [2, '钱损坏', '4.11003E+17', null, '户主', '脱贫户', '否', null, '普通劳动力', '初中', null, '灵井镇', village],
  ]
  const roster = new Uint8Array(await rosterXlsx(rows))
  const formFor = async (token: string, size = roster.byteLength) => {
    const r = await call(t, 'POST', '/api/imports/uploads', { size }, token)
    expect(r.status).toBe(201)
    return r.json as Form
  }

  it('form, post, import: the same job and report as a direct upload, and the file is named as the officer named it', async () => {
    const form = await formFor(w.officer.token)
    expect(form).toMatchObject({ url: '/api/files/uploads', maxBytes: 5 * 1024 * 1024 })
    expect(form.key).toMatch(/^uploads\/incoming\/u-/)
    expect(new Date(form.expiresAt).getTime()).toBeGreaterThan(at.getTime())
    expect((await post(t, form, roster)).status).toBe(204)
    const started = await call(t, 'POST', '/api/imports/from-upload', { key: form.key, kind: 'people', dryRun: false, fileName: '灵井名册.xlsx' }, w.officer.token)
    expect(started.status).toBe(202)
    const done = await finished(t, started.json.id, w.officer.token)
    expect(done).toMatchObject({ status: 'done', dryRun: false, rows: 2, valid: 1, invalid: 1, created: 1, fileName: '灵井名册.xlsx' })
    const people = await call(t, 'GET', '/api/seekers?q=张上传&limit=5', undefined, w.officer.token)
    expect(people.json.items.map((p: { name: string }) => p.name)).toEqual(['张上传'])
  })

  it('the form takes only what it was signed for: its key, its size limit, its time', async () => {
    const form = await formFor(w.officer.token)
    // Another key under the same signature: refused, and nothing is stored there.
    const moved = await post(t, form, roster, { ...form.fields, key: form.key.replace(/.$/, (c) => (c === '0' ? '1' : '0')) })
    expect(moved.status).toBe(403)
    expect(moved.json.code).toBe('file.linkInvalid')
    // A larger limit than was signed: refused.
    expect((await post(t, form, roster, { ...form.fields, max: String(50 * 1024 * 1024) })).status).toBe(403)
    // Unsigned: refused.
    const { signature: _, ...unsigned } = form.fields
    expect((await post(t, form, roster, unsigned)).status).toBe(403)
    // An empty file and no file at all.
    expect((await post(t, form, new Uint8Array())).status).toBe(413)
    const bare = new FormData()
    for (const [k, v] of Object.entries(form.fields)) bare.set(k, v)
    const noFile = await call(t, 'POST', form.url, bare)
    expect(noFile.status).toBe(400)
    expect(noFile.json.issues?.map((i: { path: string }) => i.path)).toEqual(["file"])
    // Five minutes on, the form is spent.
    at = new Date(at.getTime() + 6 * 60 * 1000)
    const late = await post(t, form, roster)
    expect(late.status).toBe(410)
    // Nothing that was refused reached the store: the key names no upload.
    expect((await call(t, 'POST', '/api/imports/from-upload', { key: form.key, kind: 'people', dryRun: true }, w.officer.token)).status).toBe(404)
  })

  it('a file over 5 MB is refused before a form is signed, and by the form itself', async () => {
    const big = await call(t, 'POST', '/api/imports/uploads', { size: 5 * 1024 * 1024 + 1 }, w.officer.token)
    expect(big.status).toBe(413)
    expect(big.json).toMatchObject({ code: 'import.tooLarge', messageEn: expect.stringContaining('split') })
    const form = await formFor(w.officer.token, 1000)
    const over = await post(t, form, new Uint8Array(5 * 1024 * 1024 + 1).fill(65))
    expect(over.status).toBe(413)
    const bad = await call(t, 'POST', '/api/imports/uploads', { size: 0 }, w.officer.token)
    expect(bad.status).toBe(400)
  })

  it('an upload is its officer’s: another officer cannot import it, and an .xls is 415 as a direct upload would be', async () => {
    const form = await formFor(w.officer.token)
    expect((await post(t, form, roster)).status).toBe(204)
    const theirs = await call(t, 'POST', '/api/imports/from-upload', { key: form.key, kind: 'people', dryRun: true }, w.otherOfficer.token)
    expect(theirs.status).toBe(404)
    expect(theirs.json.code).toBe('upload.notFound')
    // A key outside the uploads a form makes (an export, a direct upload) names nothing either.
    expect((await call(t, 'POST', '/api/imports/from-upload', { key: 'exports/2026-06-01/x.xlsx', kind: 'people', dryRun: true }, w.officer.token)).status).toBe(404)
    const xlsForm = await formFor(w.officer.token)
    expect((await post(t, xlsForm, new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]))).status).toBe(204)
    const xls = await call(t, 'POST', '/api/imports/from-upload', { key: xlsForm.key, kind: 'people', dryRun: true }, w.officer.token)
    expect(xls.status).toBe(415)
    expect(xls.json.code).toBe('import.unsupportedType')
    // No import was recorded by any refusal.
    const mine = await call(t, 'GET', '/api/imports?limit=50', undefined, w.officer.token)
    expect(mine.json.items).toHaveLength(1)
    // A seeker may not ask for a form.
    const seeker = await w.newSeeker('13900000301')
    expect((await call(t, 'POST', '/api/imports/uploads', { size: 10 }, seeker.token)).status).toBe(403)
  })
})
