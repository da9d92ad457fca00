import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { renderPayload, requestOf } from '../../functions/exports/payload.js'
import { localFileStore } from '../../functions/files/store.js'
import type { RenderRequest } from '../../shared/sheet.js'

const dir = mkdtempSync(path.join(tmpdir(), 'render-payload-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const store = localFileStore({ dir, secret: 'x'.repeat(32) })

const request = (rows: number): RenderRequest => ({
  fileName: '错误报告.xlsx',
  spec: { sheetName: '错误行', title: '错误行', columns: [{ header: '姓名', width: 14, type: 'text' }, { header: '错误原因', width: 60, type: 'text' }], rows: Array.from({ length: rows }, (_, i) => [`人员${i}`, '证件号码：身份证号已被 Excel 改成科学计数法']) },
})

describe('a render request past the invocation payload limit goes by the file store', () => {
  it('a small request goes inline, as it is', async () => {
    const r = request(3)
    const payload = await renderPayload(store, r, 10_000)
    expect(JSON.parse(payload)).toEqual(r)
    expect(await requestOf(store, JSON.parse(payload))).toEqual(r)
  })

  it('a large one is staged, and the exports function reads it back whole', async () => {
    const r = request(2_000)
    const payload = await renderPayload(store, r, 10_000)
    expect(payload.length).toBeLessThan(200)
    const event = JSON.parse(payload)
    expect(event.requestKey).toMatch(/^render-requests\/\d{4}-\d{2}-\d{2}\/[0-9a-f-]{36}\.json$/)
    expect(await requestOf(store, event)).toEqual(r)
  })

  it('follows only a staged request’s key, and refuses a request that is not one', async () => {
    await expect(requestOf(store, { requestKey: 'uploads/2026-12-04/roster.xlsx' })).rejects.toThrow('not a staged render request key')
    await expect(requestOf(store, { requestKey: 'render-requests/2026-12-04/00000000-0000-0000-0000-000000000000.json' })).rejects.toThrow('gone')
  })
})
