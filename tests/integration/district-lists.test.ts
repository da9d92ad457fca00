/**
 * 全区 district-wide lists (issue 12 part 4): without a township a district officer's (or the
 * admin's) list reads every township in the district's fixed order, paged across township
 * boundaries; a township officer's lists stay their own township's.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { TOWNSHIP_CODES } from '../../shared/geo.js'
import { createUser } from '../../functions/db/users.js'
import { DEMO_POLICY_2026 } from '../../functions/jobs/seed-data.js'
import { call, signIn, testApp, type TestApp } from '../support/app.js'
import { idNumber, marketWorld, seekerInput } from '../support/world.js'

let t: TestApp
let w: Awaited<ReturnType<typeof marketWorld>>
let admin: { token: string }

/** People per township: chosen so that pages of 2 start and end inside townships and at their edges, with empty townships between. */
const PEOPLE = { xinyuan: 3, suqiao: 1, lingjing: 4, yulin: 2 } as const satisfies Record<string, number>

beforeAll(async () => {
  t = await testApp()
  w = await marketWorld(t)
  await createUser(t.db, t.deps.protector, { role: 'admin', name: '管理员', phone: '17700000020' })
  admin = await signIn(t, '17700000020')
  const policy = await call(t, 'PUT', '/api/policies/2026', { ...DEMO_POLICY_2026, expectedVersion: 0 }, admin.token)
  if (policy.status !== 201) throw new Error(`policy ${policy.status} ${policy.text}`)
  let seq = 300
  for (const [township, n] of Object.entries(PEOPLE)) {
    for (let i = 0; i < n; i++) {
      const s = await call(t, 'POST', '/api/seekers', seekerInput({ name: `测试${township.slice(0, 2)}${i}`, idNumber: idNumber('1984-02-03', seq++), township, village: `${township}-0${1 + (i % 3)}` }), w.district.token)
      if (s.status !== 201) throw new Error(`seeker ${s.status} ${s.text}`)
      // Each person in work out of the county, so the placements list has rows in the same townships.
      const p = await call(t, 'POST', '/api/placements', { seekerId: s.json.id, title: '电子厂普工', kind: 'laborExport', employer: '昆山某电子有限公司', township, destination: 'outOfProvince', startDate: '2026-03-01' }, w.district.token)
      if (p.status !== 201) throw new Error(`placement ${p.status} ${p.text}`)
    }
  }
  // Workshops waiting for recognition in three townships (marketWorld's lingjing one is recognized).
  for (const [township, n] of [['changcunzhang', 2], ['suqiao', 1], ['lingjing', 2]] as const) {
    for (let i = 0; i < n; i++) {
      const r = await call(t, 'POST', '/api/workshops', { name: `${township}帮扶车间${i}`, type: 'factory', township, village: `${township}-01`, address: '村委会东 100 米' }, w.owner.token)
      if (r.status !== 201) throw new Error(`workshop ${r.status} ${r.text}`)
    }
  }
})

type Row = { id: string; township: string }

/** Every page of a list, `limit` at a time; fails on a page over the limit or an endless list. */
async function pageAll(path: string, limit: number, token: string): Promise<Row[]> {
  const rows: Row[] = []
  let cursor: string | null = null
  for (let pages = 0; pages < 50; pages++) {
    const sep = path.includes('?') ? '&' : '?'
    const r = await call(t, 'GET', `${path}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, undefined, token)
    expect(r.status, r.text).toBe(200)
    expect(r.json.items.length).toBeLessThanOrEqual(limit)
    rows.push(...r.json.items)
    cursor = r.json.nextCursor
    if (!cursor) return rows
  }
  throw new Error(`${path}: no end after 50 pages`)
}

/** The union of the per-township lists, in the district's township order. */
async function perTownship(path: string, token: string): Promise<Row[]> {
  const out: Row[] = []
  for (const township of TOWNSHIP_CODES) out.push(...(await pageAll(`${path}${path.includes('?') ? '&' : '?'}township=${township}`, 50, token)))
  return out
}

const ids = (rows: readonly Row[]) => rows.map((r) => r.id)

describe('district-wide lists (全区)', () => {
  const lists: [string, string, (r: Row & Record<string, unknown>) => string][] = [
    ['seekers', '/api/seekers', (r) => r.township],
    ['placements', '/api/placements', (r) => r.seekerTownship as string],
    ['workshops to recognize', '/api/workshops?status=pending', (r) => r.township],
  ]

  for (const [name, path, townshipOf] of lists) {
    it(`${name}: a district officer without a township gets every township's rows, paged across township edges, none twice, none missing`, async () => {
      const union = await perTownship(path, w.district.token)
      expect(new Set(union.map((r) => townshipOf(r as Row & Record<string, unknown>))).size).toBeGreaterThanOrEqual(3)
      for (const limit of [1, 2, 3, 50]) {
        const all = await pageAll(path, limit, w.district.token)
        expect(ids(all)).toEqual(ids(union))
        expect(new Set(ids(all)).size).toBe(all.length)
      }
      // The admin reads the same list.
      expect(ids(await pageAll(path, 2, admin.token))).toEqual(ids(union))
    })
  }

  it('each township keeps its own order inside the district list, townships in the district\'s order', async () => {
    const all = (await pageAll('/api/seekers', 2, w.district.token)) as (Row & { village: string; name: string })[]
    expect(all).toHaveLength(Object.values(PEOPLE).reduce((a, b) => a + b, 0))
    const order = all.map((r) => TOWNSHIP_CODES.indexOf(r.township))
    expect(order).toEqual([...order].sort((a, b) => a - b))
    for (const township of Object.keys(PEOPLE)) {
      const own = await call(t, 'GET', `/api/seekers?township=${township}&limit=50`, undefined, w.district.token)
      expect(ids(all.filter((r) => r.township === township))).toEqual(ids(own.json.items))
    }
  })

  it('the township stays a filter, and the status filter still applies across townships', async () => {
    const suqiao = await call(t, 'GET', '/api/placements?township=suqiao&limit=50', undefined, w.district.token)
    expect(suqiao.json.items).toHaveLength(PEOPLE.suqiao)
    expect(suqiao.json.items.every((p: { seekerTownship: string }) => p.seekerTownship === 'suqiao')).toBe(true)
    const recognized = await pageAll('/api/workshops?status=recognized', 1, w.district.token)
    expect(ids(recognized)).toEqual([w.workshop.id])
    const every = await pageAll('/api/workshops', 2, w.district.token)
    expect(every).toHaveLength(6)
  })

  it('a township officer without a township gets their own township only; naming another stays refused', async () => {
    const own = await pageAll('/api/seekers', 1, w.officer.token)
    expect(own).toHaveLength(PEOPLE.lingjing)
    expect(own.every((r) => r.township === 'lingjing')).toBe(true)
    expect((await pageAll('/api/placements', 2, w.officer.token)).every((r) => (r as unknown as { seekerTownship: string }).seekerTownship === 'lingjing')).toBe(true)
    for (const path of ['/api/seekers?township=suqiao', '/api/placements?township=suqiao', '/api/workshops?township=suqiao', '/api/seekers/pending-changes?township=suqiao', '/api/trainings?township=suqiao']) {
      expect((await call(t, 'GET', path, undefined, w.officer.token)).status, path).toBe(403)
    }
  })

  it('a district cursor is signed for its list: edited, or carried to a township list or another filter, it is 400 cursor.invalid', async () => {
    const first = await call(t, 'GET', '/api/workshops?status=pending&limit=1', undefined, w.district.token)
    const cursor = first.json.nextCursor as string
    expect(cursor).toBeTruthy()
    for (const path of [`/api/workshops?status=recognized&limit=1&cursor=${cursor}`, `/api/workshops?township=changcunzhang&status=pending&limit=1&cursor=${cursor}`, `/api/placements?limit=1&cursor=${cursor}`, `/api/workshops?status=pending&limit=1&cursor=${cursor.slice(0, -2)}xx`]) {
      const r = await call(t, 'GET', path, undefined, w.district.token)
      expect(r.status, path).toBe(400)
      expect(r.json.code).toBe('cursor.invalid')
    }
  })

  it('every officer list answers a district officer without a township (no more 请选择乡镇)', async () => {
    for (const path of [
      '/api/certificates',
      '/api/trainings',
      '/api/yulu?term=2026-spring',
      '/api/difficulties',
      '/api/seekers/pending-changes',
      '/api/seekers/id-collisions',
      '/api/record-problems',
    ]) {
      const r = await call(t, 'GET', `${path}${path.includes('?') ? '&' : '?'}limit=2`, undefined, w.district.token)
      expect(r.status, `${path} ${r.text}`).toBe(200)
      expect(Array.isArray(r.json.items)).toBe(true)
    }
  })

  it('eligibility stays a township at a time: "only those who qualify" pages by the township\'s own candidates, and its totals are the township\'s', async () => {
    const r = await call(t, 'GET', '/api/eligibility?kind=transport&period=2026&all=true&limit=2', undefined, w.district.token)
    expect(r.status).toBe(400)
    expect(r.json.code).toBe('eligibility.townshipRequired')
    const own = await call(t, 'GET', '/api/eligibility?kind=transport&period=2026&all=true&limit=50&township=lingjing', undefined, w.district.token)
    expect(own.status, own.text).toBe(200)
    expect(own.json.items).toHaveLength(PEOPLE.lingjing)
  })

  it('record problems across the district sum up the townships\' last checks', async () => {
    const started = await call(t, 'POST', '/api/record-problems/check', {}, w.district.token)
    expect(started.status).toBe(202)
    let r = await call(t, 'GET', '/api/record-problems?limit=5', undefined, w.district.token)
    for (let i = 0; i < 100 && r.json.check?.people !== Object.values(PEOPLE).reduce((a, b) => a + b, 0); i++) {
      await new Promise((ok) => setTimeout(ok, 50))
      r = await call(t, 'GET', '/api/record-problems?limit=5', undefined, w.district.token)
    }
    expect(r.json.check).toMatchObject({ township: 'district', people: Object.values(PEOPLE).reduce((a, b) => a + b, 0) })
    // The township officer still sees their own township's check.
    const own = await call(t, 'GET', '/api/record-problems?limit=5', undefined, w.officer.token)
    expect(own.json.check).toMatchObject({ township: 'lingjing', people: PEOPLE.lingjing })
  })
})
