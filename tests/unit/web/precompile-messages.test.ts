/**
 * The build's message precompiler (web/vite-precompile-messages.ts): every message of every file,
 * precompiled as the build does it, says through vue-i18n exactly what its plain text says — the
 * portal's real message files, in both languages, with counts and named values.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { transform } from 'esbuild'
import { createI18n } from 'vue-i18n'
import { describe, expect, it } from 'vitest'
import { precompileMessages } from '../../../web/vite-precompile-messages'

const plugin = precompileMessages()
const run = (code: string, id: string) => (plugin.transform as (code: string, id: string) => { code: string } | null).call({}, code, id)
const dir = path.resolve('web/src/i18n')
const files = [path.join(dir, 'zh-CN.ts'), path.join(dir, 'en.ts'), ...readdirSync(path.join(dir, 'modules')).map((f) => path.join(dir, 'modules', f))]
const tmp = mkdtempSync(path.join(os.tmpdir(), 'wengang-precompile-'))

/** A message file's default export, from its source as it is or as the build would make it. */
async function load(file: string, precompiled: boolean): Promise<Record<string, unknown>> {
  const source = readFileSync(file, 'utf8')
  const ts = precompiled ? run(source, file)!.code : source
  const { code } = await transform(ts, { loader: 'ts', format: 'esm' })
  const out = path.join(tmp, `${path.basename(file, '.ts')}-${precompiled ? 'pre' : 'plain'}.mjs`)
  writeFileSync(out, code)
  return (await import(pathToFileURL(out).href)).default
}

const leaves = (o: Record<string, unknown>, at = ''): string[] =>
  Object.entries(o).flatMap(([k, v]) => (typeof v === 'string' ? [`${at}${k}`] : v && typeof v === 'object' ? leaves(v as Record<string, unknown>, `${at}${k}.`) : []))

type T = (key: string, named: Record<string, unknown>, plural: number) => string
const translator = (messages: Record<string, unknown>, locale: string): T => {
  const i18n = createI18n({ legacy: false, locale, messages: { [locale]: messages } as never, missingWarn: false, fallbackWarn: false })
  return (i18n.global as unknown as { t: T }).t
}
const NAMED = { n: 3, count: 3, name: '张三', total: '¥1.00', field: 'F', current: 'A', imported: 'B', existing: 'X', max: 5 }

describe('messages precompiled at build time (预编译)', () => {
  it('leaves files that are not message files alone', () => {
    expect(run("export default { a: '{n} x' }", path.resolve('web/src/pages/Home.ts'))).toBeNull()
  })

  it('turns plain text into a function, a message with syntax into its AST, and leaves keys and identifiers as they are', () => {
    const out = run("const en = { 'a-b': 'plain', c: '{n} place | {n} places' }\nexport default { 'zh-CN': en, en }", path.join(dir, 'modules', 'x.ts'))!.code
    expect(out).toContain(`'a-b': __text("plain")`)
    expect(out).not.toContain("'{n} place | {n} places'")
    expect(out).toContain('c: {"t":0')
    expect(out).toContain("{ 'zh-CN': en, en }")
  })

  it('refuses a message that does not compile, naming it', () => {
    expect(() => run("export default { a: 'broken {n' }", path.join(dir, 'en.ts'))).toThrow(/broken \{n/)
  })

  it.each(files.map((f) => [path.relative(dir, f), f]))('%s: every message says the same precompiled as plain, in each of its languages', async (_name, file) => {
    const [plain, pre] = await Promise.all([load(file, false), load(file, true)])
    // zh-CN.ts and en.ts are one language each; a module holds both.
    const byLocale: [string, Record<string, unknown>, Record<string, unknown>][] = 'zh-CN' in plain && 'en' in plain
      ? [['zh-CN', plain['zh-CN'] as never, pre['zh-CN'] as never], ['en', plain.en as never, pre.en as never]]
      : [['x', plain, pre]]
    for (const [locale, p, c] of byLocale) {
      const keys = leaves(p)
      expect(keys.length).toBeGreaterThan(0)
      const [tp, tc] = [translator(p, locale), translator(c, locale)]
      for (const key of keys) for (const n of [1, 3]) expect(tc(key, { ...NAMED, n, count: n }, n), key).toBe(tp(key, { ...NAMED, n, count: n }, n))
    }
  })
})
