import { describe, expect, it } from 'vitest'
import { readConfig } from '../../functions/config.js'
import { DEMO_ACCOUNTS, generateSeedData } from '../../functions/jobs/seed-data.js'
import { createProtector } from '../../functions/security/protect.js'
import { parseIdNumber } from '../../shared/id-number.js'
import { VILLAGES, villageByCode } from '../../shared/geo.js'
import { Post, PostInput } from '../../shared/schemas/posts.js'
import { WorkshopInput } from '../../shared/schemas/workshops.js'
import { PostContactInput, WorkshopContactInput } from '../../shared/schemas/contacts.js'

describe('configuration', () => {
  it('refuses to start in production without secrets, naming the variable', () => {
    expect(() => readConfig({ WENGANG_ENV: 'production' })).toThrow(/WENGANG_SESSION_SECRET is not set/)
    expect(() => readConfig({ WENGANG_ENV: 'production', WENGANG_SESSION_SECRET: 'x'.repeat(40) })).toThrow(/WENGANG_DATA_KEY/)
    expect(() => readConfig({ WENGANG_ENV: 'production', WENGANG_SESSION_SECRET: 'short', WENGANG_DATA_KEY: 'k' })).toThrow(/at least 32/)
    expect(() => readConfig({ WENGANG_ENV: 'staging' })).toThrow(/WENGANG_ENV/)
    expect(readConfig({ WENGANG_ENV: 'local' }).sessionSecret.length).toBeGreaterThan(32)
  })
})

describe('how long a container answers from its recent read of the indexes’ heads and the policy', () => {
  it('1 s unless set, never in tests, 0–60000 whole milliseconds', () => {
    expect(readConfig({ WENGANG_ENV: 'production', WENGANG_SESSION_SECRET: 'x'.repeat(32), WENGANG_DATA_KEY: 'y'.repeat(32) }).recheckMs).toBe(1000)
    expect(readConfig({ WENGANG_ENV: 'local' }).recheckMs).toBe(1000)
    expect(readConfig({ WENGANG_ENV: 'test' }).recheckMs).toBe(0)
    expect(readConfig({ WENGANG_ENV: 'local', WENGANG_RECHECK_MS: '0' }).recheckMs).toBe(0)
    expect(readConfig({ WENGANG_ENV: 'test', WENGANG_RECHECK_MS: '250' }).recheckMs).toBe(250)
    for (const bad of ['-1', '1.5', '60001', 'soon']) expect(() => readConfig({ WENGANG_ENV: 'local', WENGANG_RECHECK_MS: bad })).toThrow(/WENGANG_RECHECK_MS/)
  })
})

describe('how long a container keeps a board', () => {
  it('15 s unless set, never in tests, 0–300 whole seconds', () => {
    expect(readConfig({ WENGANG_ENV: 'local' }).boardCacheSeconds).toBe(15)
    expect(readConfig({ WENGANG_ENV: 'test' }).boardCacheSeconds).toBe(0)
    expect(readConfig({ WENGANG_ENV: 'local', WENGANG_BOARD_CACHE_SECONDS: '0' }).boardCacheSeconds).toBe(0)
    expect(readConfig({ WENGANG_ENV: 'local', WENGANG_BOARD_CACHE_SECONDS: '60' }).boardCacheSeconds).toBe(60)
    for (const bad of ['-1', '1.5', '301', 'soon']) expect(() => readConfig({ WENGANG_ENV: 'local', WENGANG_BOARD_CACHE_SECONDS: bad })).toThrow(/WENGANG_BOARD_CACHE_SECONDS/)
  })
})

describe('sealing personal data', () => {
  it('round-trips, never repeats a ciphertext, and keys blind indexes by kind', () => {
    const p = createProtector('k1')
    const a = p.seal('13800000004')
    expect(a).not.toContain('13800000004')
    expect(p.seal('13800000004')).not.toBe(a)
    expect(p.open(a)).toBe('13800000004')
    expect(p.blindIndex('phone', '13800000004')).toBe(p.blindIndex('phone', '13800000004'))
    expect(p.blindIndex('phone', '13800000004')).not.toBe(p.blindIndex('idNumber', '13800000004'))
    expect(createProtector('k2').blindIndex('phone', '13800000004')).not.toBe(p.blindIndex('phone', '13800000004'))
    expect(() => createProtector('k2').open(a)).toThrow()
  })
})

describe('demo district generator', () => {
  const data = generateSeedData()

  it('is the same on every run', () => {
    const again = generateSeedData()
    expect(again.posts.map((p) => p.id)).toEqual(data.posts.map((p) => p.id))
    expect(again.seekers.map((s) => s.idNumber)).toEqual(data.seekers.map((s) => s.idNumber))
  })

  it('has the promised size and mix', () => {
    expect(data.seekers).toHaveLength(2000)
    expect(data.workshops).toHaveLength(60)
    expect(data.posts).toHaveLength(200)
    const share = (f: (s: (typeof data.seekers)[number]) => boolean) => data.seekers.filter(f).length / data.seekers.length
    expect(share((s) => s.category === 'alleviated')).toBeGreaterThan(0.5)
    expect(share((s) => s.category === 'monitored')).toBeGreaterThan(0.1)
    for (const g of ['returnee', 'graduate', 'yulu', 'newEntrant'] as const) expect(share((s) => s.groups.includes(g))).toBeGreaterThan(0.03)
    expect(new Set(data.posts.map((p) => p.input.kind))).toEqual(new Set(['workshop', 'publicWelfare', 'enterprise', 'laborExport']))
  })

  it('only valid, unique ID numbers and places that exist', () => {
    expect(new Set(data.seekers.map((s) => s.idNumber)).size).toBe(data.seekers.length)
    for (const s of data.seekers) {
      expect(parseIdNumber(s.idNumber)).not.toHaveProperty('problem')
      expect(villageByCode.get(s.village)?.township).toBe(s.township)
    }
    expect(VILLAGES.length).toBe(136)
  })

  it('every post and workshop passes the API’s own validation', () => {
    for (const p of data.posts) expect(PostInput.safeParse(p.input).success).toBe(true)
    for (const w of data.workshops) expect(WorkshopInput.safeParse(w.input).success).toBe(true)
    // Contacts too, and the demo district has some to call: every workshop, some posts (not all).
    for (const w of data.workshops) expect(WorkshopContactInput.safeParse(w.contact).success).toBe(true)
    const named = data.posts.filter((p) => p.contact)
    for (const p of named) expect(PostContactInput.safeParse(p.contact).success).toBe(true)
    expect(named.length).toBeGreaterThan(20)
    expect(named.length).toBeLessThan(data.posts.length)
    expect(Post.shape.status.options).toContain('filled')
  })

  it('the demo owner owns a recognized workshop in the demo officer’s township, with open posts', () => {
    const owner = DEMO_ACCOUNTS.find((a) => a.phone === '13800000003')!
    const officer = DEMO_ACCOUNTS.find((a) => a.phone === '13800000002')!
    const w = data.workshops.find((x) => x.ownerId === owner.id)!
    expect(w.status).toBe('recognized')
    expect(w.input.township).toBe(officer.scope)
    expect(data.posts.some((p) => p.input.workshopId === w.id && p.status === 'open')).toBe(true)
  })
})
