import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import coreZh from '../../../web/src/i18n/zh-CN'
import { messages, MODULES } from '../../../web/src/i18n/messages'

// The messages exactly as the portal merges them: core files plus feature modules.
const zhCN = messages['zh-CN']
const en = messages.en

const SRC = path.resolve(import.meta.dirname, '../../../web/src')

const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name)
    if (e.isDirectory()) return e.name === 'i18n' ? [] : files(p)
    return /\.(vue|ts)$/.test(e.name) ? [p] : []
  })

const lookup = (messages: unknown, key: string): unknown =>
  key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), messages)

const leaves = (node: unknown, prefix = ''): string[] =>
  node && typeof node === 'object'
    ? Object.entries(node).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k))
    : [prefix]

// Message keys are not checked by the compiler (t() takes any string), so this test does it.
describe('portal messages', () => {
  const sources = files(SRC).map((f) => ({ file: path.relative(SRC, f), text: readFileSync(f, 'utf8') }))

  it('feature modules never overwrite each other or the core messages', () => {
    const owners = new Map<string, number>()
    const clashes: string[] = []
    for (const [i, group] of [coreZh, ...MODULES.map((m) => m['zh-CN'])].entries()) {
      for (const key of Object.keys(group)) {
        if (owners.has(key)) clashes.push(key)
        owners.set(key, i)
      }
    }
    expect(clashes).toEqual([])
    for (const m of MODULES) expect(leaves(m.en).sort()).toEqual(leaves(m['zh-CN']).sort())
  })

  it('every literal key the portal uses exists in zh-CN and en', () => {
    const missing: string[] = []
    for (const { file, text } of sources) {
      const used = [
        ...text.matchAll(/\bt\(\s*'([a-zA-Z][\w.]*)'/g),
        ...text.matchAll(/labelKey:\s*'([\w.]+)'/g),
        ...text.matchAll(/titleKey:\s*'([\w.]+)'/g),
        ...text.matchAll(/section\([^)]*'(nav\.\w+)'/g),
      ].map((m) => m[1]!)
      for (const key of used) {
        for (const [name, messages] of [['zh-CN', zhCN], ['en', en]] as const) {
          if (typeof lookup(messages, key) !== 'string') missing.push(`${file}: ${key} (${name})`)
        }
      }
    }
    expect(missing).toEqual([])
  })

  it('every key built from a value (t(`kind.${k}`)) has a group of messages behind it', () => {
    const missing: string[] = []
    for (const { file, text } of sources) {
      for (const m of text.matchAll(/\bt\(\s*`([\w.]+)\.\$\{/g)) {
        if (typeof lookup(zhCN, m[1]!) !== 'object') missing.push(`${file}: ${m[1]}`)
      }
    }
    expect(missing).toEqual([])
  })

  it('covers every post kind, wage unit, intensity and role in both languages', () => {
    for (const messages of [zhCN, en]) {
      expect(Object.keys(messages.kind).sort()).toEqual(['enterprise', 'laborExport', 'publicWelfare', 'workshop'])
      expect(Object.keys(messages.wage).sort()).toEqual(['day', 'month', 'piece'])
      expect(Object.keys(messages.intensity).sort()).toEqual(['heavy', 'light', 'medium'])
      expect(Object.keys(messages.role).sort()).toEqual(['admin', 'auditor', 'officer', 'owner', 'seeker'])
    }
  })

  it('has no empty message, and no English left untranslated in Chinese', () => {
    const blank = leaves(zhCN).filter((k) => !String(lookup(zhCN, k)).trim()).concat(leaves(en).filter((k) => !String(lookup(en, k)).trim()))
    expect(blank).toEqual([])
    // The language names are the one place both files say the same thing on purpose.
    // Messages that are only placeholders and punctuation ('{school} · {major}') read the same in both.
    const wordy = (k: string) => /[\p{L}]/u.test(String(lookup(zhCN, k)).replace(/\{\w+\}/g, ''))
    const same = leaves(zhCN).filter((k) => !k.startsWith('lang.') && wordy(k) && lookup(zhCN, k) === lookup(en, k))
    expect(same).toEqual([])
  })
})
