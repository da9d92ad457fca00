/**
 * The rules of docs/architecture.md, read off the source so a new file cannot break them quietly
 * (the import direction of core and jobs is walked transitively in layering.test.ts).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const root = path.resolve(import.meta.dirname, '../..')
const filesUnder = (dir: string): string[] =>
  readdirSync(path.join(root, dir)).flatMap((name) => {
    const rel = path.join(dir, name)
    return statSync(path.join(root, rel)).isDirectory() ? filesUnder(rel) : rel.endsWith('.ts') ? [rel] : []
  })
/** Every module a file imports (static or dynamic), resolved to a repository path where relative. */
const importsOf = (file: string): string[] => {
  const src = readFileSync(path.join(root, file), 'utf8')
  const specs = [...src.matchAll(/(?:from\s+|import\s*\(\s*)['"]([^'"]+)['"]/g)].map((m) => m[1]!)
  return specs.map((s) => (s.startsWith('.') ? path.normalize(path.join(path.dirname(file), s)) : s))
}

describe('layers', () => {
  it('routes neither touch the database nor write audit events: they validate and call core', () => {
    const routes = filesUnder('functions/api/routes')
    expect(routes.length).toBeGreaterThan(10)
    const offenders = routes.flatMap((f) => importsOf(f).filter((i) => i.startsWith('functions/db/')).map((i) => `${f} → ${i}`))
    expect(offenders).toEqual([])
    const auditing = routes.filter((f) => /appendAudit|recordAudit|auditPut/.test(readFileSync(path.join(root, f), 'utf8')))
    expect(auditing).toEqual([])
  })

  it('shared is pure: no AWS, Hono, Vue or Node I/O', () => {
    const bad = filesUnder('shared').flatMap((f) => importsOf(f).filter((i) => /^(@aws-sdk|hono|vue|node:fs|node:net|functions\/)/.test(i)).map((i) => `${f} → ${i}`))
    expect(bad).toEqual([])
  })

  it('table keys are composed in functions/db/keys.ts only', () => {
    // A literal like `POST#${id}` or an index attribute set by hand outside keys.ts is a second key design.
    const bad = filesUnder('functions')
      .filter((f) => f !== path.join('functions', 'db', 'keys.ts'))
      .flatMap((f) =>
        readFileSync(path.join(root, f), 'utf8')
          .split('\n')
          .map((line, i) => ({ line, i }))
          .filter(({ line }) => /\bGSI\d(PK|SK):/.test(line) || /`[A-Z]{3,}#\$\{/.test(line))
          .map(({ i, line }) => `${f}:${i + 1}: ${line.trim()}`),
      )
    expect(bad).toEqual([])
  })
})
