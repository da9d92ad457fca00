import type { Metafile } from 'esbuild'
import { describe, expect, it } from 'vitest'
import { API_LOAD_LIMIT_BYTES, bytesAtLoad, checkApiOutputs } from '../../../infra/api-bundle.js'

/** A metafile as esbuild writes one: an entry, a chunk it imports statically, one it imports on use. */
function metafile(sizes: { entry: number; shared: number; lazy: number }, opts: { withMaps?: boolean; input?: string } = {}): Metafile {
  const out = (bytes: number, imports: Metafile['outputs'][string]['imports'], input = 'functions/x.ts') => ({ bytes, imports, exports: [], inputs: { [input]: { bytesInOutput: bytes } } })
  const outputs: Metafile['outputs'] = {
    'dist/api/index.mjs': out(sizes.entry, [
      { path: 'dist/api/chunks/chunk-A.mjs', kind: 'import-statement' },
      { path: 'dist/api/chunks/posts-B.mjs', kind: 'dynamic-import' },
      { path: '@aws-sdk/client-dynamodb', kind: 'import-statement', external: true },
    ]),
    'dist/api/chunks/chunk-A.mjs': out(sizes.shared, [], opts.input),
    'dist/api/chunks/posts-B.mjs': out(sizes.lazy, [{ path: 'dist/api/chunks/chunk-A.mjs', kind: 'import-statement' }]),
  }
  if (opts.withMaps ?? true) for (const k of Object.keys(outputs)) outputs[`${k}.map`] = { bytes: 1, imports: [], exports: [], inputs: {} }
  return { inputs: {}, outputs }
}

describe('checkApiOutputs (infra/api-bundle.ts), run on every API build', () => {
  it('counts what module load reads: the entry and its static imports, not what loads on use', () => {
    expect(bytesAtLoad(metafile({ entry: 1000, shared: 200, lazy: 50_000 }))).toBe(1200)
  })

  it('passes at the limit and fails one byte over it', () => {
    expect(() => checkApiOutputs(metafile({ entry: API_LOAD_LIMIT_BYTES - 200, shared: 200, lazy: 900_000 }))).not.toThrow()
    expect(() => checkApiOutputs(metafile({ entry: API_LOAD_LIMIT_BYTES - 199, shared: 200, lazy: 0 }))).toThrow(/module load reads 300 KB, over the 300 KB/)
  })

  it('fails on a file without its source map, and on a package the API must not bundle', () => {
    expect(() => checkApiOutputs(metafile({ entry: 10, shared: 10, lazy: 10 }, { withMaps: false }))).toThrow(/no source map/)
    expect(() => checkApiOutputs(metafile({ entry: 10, shared: 10, lazy: 10 }, { input: '../node_modules/exceljs/dist/es5/index.js' }))).toThrow(/bundles exceljs/)
  })
})
