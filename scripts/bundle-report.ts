import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Metafile } from 'esbuild'
import { packageOf } from '../infra/api-bundle.js'

export interface FileSize {
  file: string
  /** entry: the handler's file; static: a chunk it imports (read at module load); lazy: read on first use. */
  role: 'entry' | 'static' | 'lazy'
  minified: number
  gzip: number
  map: number
  /** Packages in the file, biggest first, with their bytes. */
  packages: [string, number][]
}

/** A module the entry imports with `import()` (a route group's routes, a job): what its first use reads beyond module load. */
export interface LazyModule {
  /** The source file, e.g. functions/api/routes/posts.ts. */
  module: string
  minified: number
  gzip: number
  files: number
}

export interface BundleReport {
  files: FileSize[]
  /** Every module loaded by `import()`, biggest first use first. */
  lazy: LazyModule[]
  /** What module load reads: the entry and every chunk it imports statically, transitively. */
  atLoad: { minified: number; gzip: number; map: number }
  all: { minified: number; map: number }
  lines: string[]
}

const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`

/** Sizes of every .mjs a build wrote, honestly: the entry, the chunks module load reads, the lazy ones; code, gzip and the .map beside each. */
export function describeOutputs(outdir: string, metafile: Metafile, entryFile = 'index.mjs', label = 'API bundle'): BundleReport {
  // The metafile names outputs relative to the working directory.
  const key = (p: string) => path.resolve(p)
  const entry = key(path.join(outdir, entryFile))
  const outputs = new Map(Object.entries(metafile.outputs).map(([k, v]) => [key(k), v]))
  const atLoad = new Set<string>()
  const todo = [entry]
  while (todo.length) {
    const f = todo.pop()!
    if (atLoad.has(f)) continue
    atLoad.add(f)
    for (const imp of outputs.get(f)?.imports ?? []) if (imp.kind === 'import-statement' && !imp.external) todo.push(key(imp.path))
  }
  const files: FileSize[] = []
  for (const [out, meta] of outputs) {
    if (!out.endsWith('.mjs')) continue
    const code = readFileSync(out)
    const map = existsSync(`${out}.map`) ? readFileSync(`${out}.map`).length : 0
    const byPackage = new Map<string, number>()
    for (const [f, { bytesInOutput }] of Object.entries(meta.inputs)) byPackage.set(packageOf(f), (byPackage.get(packageOf(f)) ?? 0) + bytesInOutput)
    files.push({
      file: path.relative(key(outdir), out),
      role: out === entry ? 'entry' : atLoad.has(out) ? 'static' : 'lazy',
      minified: code.length,
      gzip: gzipSync(code).length,
      map,
      packages: [...byPackage].sort((a, b) => b[1] - a[1]),
    })
  }
  // What a lazily imported module's first use reads: its chunk and the chunks it imports statically, less what module load read.
  const closure = (start: string) => {
    const seen = new Set<string>()
    const todo = [start]
    while (todo.length) {
      const f = todo.pop()!
      if (seen.has(f) || atLoad.has(f)) continue
      seen.add(f)
      for (const imp of outputs.get(f)?.imports ?? []) if (imp.kind === 'import-statement' && !imp.external) todo.push(key(imp.path))
    }
    return seen
  }
  const sizeOf = new Map(files.map((f) => [key(path.join(outdir, f.file)), f]))
  const lazy: LazyModule[] = []
  for (const [out, meta] of outputs) {
    if (!out.endsWith('.mjs') || atLoad.has(out) || !meta.entryPoint) continue
    const read = [...closure(out)].map((f) => sizeOf.get(f)!).filter(Boolean)
    lazy.push({ module: meta.entryPoint, minified: read.reduce((s, f) => s + f.minified, 0), gzip: read.reduce((s, f) => s + f.gzip, 0), files: read.length })
  }
  lazy.sort((a, b) => b.minified - a.minified)
  const order = { entry: 0, static: 1, lazy: 2 }
  files.sort((a, b) => order[a.role] - order[b.role] || b.minified - a.minified)
  const loaded = files.filter((f) => f.role !== 'lazy')
  const sum = (fs: FileSize[], k: 'minified' | 'gzip' | 'map') => fs.reduce((s, f) => s + f[k], 0)
  const report: BundleReport = {
    files,
    lazy,
    atLoad: { minified: sum(loaded, 'minified'), gzip: sum(loaded, 'gzip'), map: sum(loaded, 'map') },
    all: { minified: sum(files, 'minified'), map: sum(files, 'map') },
    lines: [],
  }
  const top = (f: FileSize) => f.packages.slice(0, 3).filter(([, b]) => b > 0).map(([p, b]) => `${p} ${kb(b)}`).join(', ')
  report.lines = [
    `${label} → ${outdir}: module load reads ${kb(report.atLoad.minified)} minified (${kb(report.atLoad.gzip)} gzip; ${kb(report.atLoad.map)} of source maps) in ${loaded.length} files; ${files.length} files, ${kb(report.all.minified)} in all`,
    ...files.map((f) => `  ${f.role.padEnd(6)} ${f.file.padEnd(40)} ${kb(f.minified).padStart(7)} min ${kb(f.gzip).padStart(6)} gz ${kb(f.map).padStart(7)} map  ${top(f)}`),
    ...(lazy.length ? [`${label}: what the first use of each import() reads beyond module load (a route group reads its route modules' together):`] : []),
    ...lazy.map((m) => `  first  ${m.module.padEnd(44)} ${kb(m.minified).padStart(7)} min ${kb(m.gzip).padStart(6)} gz in ${m.files} files`),
  ]
  return report
}
