import { describe, expect, it } from 'vitest'
import { getExport, updateExport } from '../../functions/db/exports.js'
import { getImport, updateImport } from '../../functions/db/imports.js'
import { STALLED_AFTER_MS } from '../../shared/stalled-jobs.js'
import { call, testApp } from '../support/app.js'
import { rosterXlsx, upload } from '../support/roster.js'
import { marketWorld } from '../support/world.js'

// An import or export whose job died part-way (a timeout, a crash) must not show a progress bar
// for ever: past the jobs function's 15 minutes without a move, it is failed.
describe('a background job that died part-way', async () => {
  let now = new Date('2026-11-20T02:00:00Z')
  // The jobs never run here: a record stays where the test leaves it, as a dead run's would.
  const t = await testApp({ now: () => now, jobs: { start: async () => {} } })
  const w = await marketWorld(t)
  const later = (ms: number) => (now = new Date(now.getTime() + ms))

  it('an export that stopped running is failed once 16 minutes pass without a move, on its page and in the list, and stays so', async () => {
    const started = await call(t, 'POST', '/api/exports', { list: 'seekers', filters: {} }, w.officer.token)
    expect(started.status).toBe(202)
    const id = started.json.id as string
    // The job began, wrote its first step, and died.
    await updateExport(t.db, id, { status: 'running', percent: 30 }, now, ['queued'])
    later(STALLED_AFTER_MS - 60_000)
    expect((await call(t, 'GET', `/api/exports/${id}`, undefined, w.officer.token)).json).toMatchObject({ status: 'running', percent: 30 })
    later(2 * 60_000)
    const listed = (await call(t, 'GET', '/api/exports?limit=10', undefined, w.officer.token)).json.items.find((x: { id: string }) => x.id === id)
    expect(listed).toMatchObject({ status: 'failed', failure: { code: 'export.stalled' } })
    // The list only shows it; its own page writes it failed, and a late step of the dead run can no longer move it.
    expect((await getExport(t.db, id))?.status).toBe('running')
    const page = await call(t, 'GET', `/api/exports/${id}`, undefined, w.officer.token)
    expect(page.json).toMatchObject({ status: 'failed', failure: { code: 'export.stalled', messageEn: expect.stringContaining('export again') } })
    expect(page.json.link).toBeUndefined()
    expect((await getExport(t.db, id))?.status).toBe('failed')
    await expect(updateExport(t.db, id, { percent: 90 }, now, ['running'])).rejects.toMatchObject({ name: 'ConditionalCheckFailedException' })
  })

  it('an export never started (its job lost) is failed the same way; a queued one younger than that is left queued', async () => {
    const lost = (await call(t, 'POST', '/api/exports', { list: 'placements', filters: {} }, w.officer.token)).json.id as string
    later(10 * 60_000)
    const young = (await call(t, 'POST', '/api/exports', { list: 'certificates', filters: {} }, w.officer.token)).json.id as string
    later(7 * 60_000)
    expect((await call(t, 'GET', `/api/exports/${lost}`, undefined, w.officer.token)).json.status).toBe('failed')
    expect((await call(t, 'GET', `/api/exports/${young}`, undefined, w.officer.token)).json.status).toBe('queued')
  })

  it('an import that died while writing is failed with what to do: its written rows stay, the same file again writes the rest', async () => {
    const file = await rosterXlsx([[1, '张停顿', '411081197001011234', '411081197001011234', '户主', '脱贫户', '否', null, '普通劳动力', '初中', null, '灵井镇', '霍庄村']])
    const up = await upload(t, w.officer.token, file, 'kind=people&dryRun=false')
    expect(up.status).toBe(202)
    await updateImport(t.db, up.json.id, { status: 'writing', percent: 40 }, now, ['queued'])
    later(STALLED_AFTER_MS + 1000)
    const listed = (await call(t, 'GET', '/api/imports?limit=10', undefined, w.officer.token)).json.items.find((x: { id: string }) => x.id === up.json.id)
    expect(listed).toMatchObject({ status: 'failed', failure: { code: 'import.stalled' } })
    const page = await call(t, 'GET', `/api/imports/${up.json.id}`, undefined, w.officer.token)
    expect(page.json).toMatchObject({ status: 'failed', failure: { code: 'import.stalled', message: expect.stringContaining('再次导入同一文件') } })
    expect((await getImport(t.db, up.json.id))?.status).toBe('failed')
    // Failed for good: a late step of the dead run (from a running status) can no longer move it.
    await expect(updateImport(t.db, up.json.id, { status: 'done', percent: 100 }, now, ['writing'])).rejects.toMatchObject({ name: 'ConditionalCheckFailedException' })
    expect((await call(t, 'GET', `/api/imports/${up.json.id}`, undefined, w.officer.token)).json.failure.code).toBe('import.stalled')
  })
})
