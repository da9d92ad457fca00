/**
 * The direction of imports: shared ← db ← core ← api / jobs. Jobs reach nothing in functions/api
 * (not even through core), and core never reaches Hono or functions/api.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(import.meta.dirname, '../..')
const SPECIFIER = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm

/** Every module a file reaches, transitively: project files by path, packages by name. */
function reach(entries: string[]): { files: Set<string>; packages: Map<string, string> } {
  const files = new Set<string>()
  const packages = new Map<string, string>()
  const todo = [...entries]
  while (todo.length) {
    const file = todo.pop()!
    if (files.has(file)) continue
    files.add(file)
    for (const m of readFileSync(file, 'utf8').matchAll(SPECIFIER)) {
      const spec = m[1] ?? m[2] ?? m[3]!
      if (!spec.startsWith('.')) {
        packages.set(spec, relative(ROOT, file))
        continue
      }
      const target = resolve(dirname(file), spec).replace(/\.js$/, '.ts')
      if (existsSync(target)) todo.push(target)
    }
  }
  return { files, packages }
}

const tsIn = (dir: string) => readdirSync(join(ROOT, dir)).filter((f) => f.endsWith('.ts')).map((f) => join(ROOT, dir, f))
const under = (files: Set<string>, dir: string) => [...files].map((f) => relative(ROOT, f)).filter((f) => f.startsWith(`${dir}/`))

describe('layering', () => {
  it('functions/jobs imports nothing from functions/api, directly or through what it imports', () => {
    const { files } = reach(tsIn('functions/jobs'))
    expect(files.size).toBeGreaterThan(10)
    expect(under(files, 'functions/api')).toEqual([])
  })

  it('functions/core imports neither Hono, functions/api nor functions/jobs', () => {
    const { files, packages } = reach(tsIn('functions/core'))
    expect(under(files, 'functions/api')).toEqual([])
    // Core names background jobs (core/deps.ts) but never imports the code that runs them.
    expect(under(files, 'functions/jobs')).toEqual([])
    expect([...packages.keys()].filter((p) => p === 'hono' || p.startsWith('hono/') || p.startsWith('@hono/'))).toEqual([])
  })

  it('the walk sees what it should (the route files do import Hono)', () => {
    const { packages } = reach([join(ROOT, 'functions/api/routes/match-runs.ts')])
    expect(packages.has('hono')).toBe(true)
  })
})
