/**
 * How the API function is bundled: like every Wengang function (esbuild, ESM, minified, source maps
 * without their sources, the AWS SDK left to the runtime; infra/api.ts BUNDLING), plus two things
 * NodejsFunction cannot do:
 *
 * - **code splitting**: what the request path loads only on use (`import()`: each route group,
 *   functions/api/route-groups.ts; pinyin-pro's dictionary; the API reference) becomes a chunk of
 *   its own, read from disk only when first used, so module load is the shared base alone (at most
 *   API_LOAD_LIMIT_BYTES, checked after every build);
 * - **no exceljs, no jobs**: the in-process exports renderer (functions/exports/write.ts), the
 *   import's .xlsx reader and the jobs runner.ts would run in process are replaced by stubs; in AWS
 *   the exports function renders (infra/exports.ts) and the jobs function runs jobs (infra/jobs.ts).
 *
 * `npm run build:api` (scripts/build-api.ts), the CDK asset (infra/api.ts) and the benchmark
 * (tests/bench/lambda.ts) all build with these options.
 */
import type { BuildOptions, Metafile, Plugin } from 'esbuild'

export const API_ENTRY_FILE = 'index.mjs'

/** Same as BUNDLING's banner: ESM bundles have no `require`; some CommonJS dependencies still call it. */
export const REQUIRE_SHIM =
  "import { createRequire as wengangCreateRequire } from 'node:module';" +
  'const require = wengangCreateRequire(import.meta.url);'

/** Packages that must never be in the API's output (checked after every build). */
export const NOT_IN_API = ['exceljs', 'jszip', 'archiver', 'unzipper', 'saxes', '@aws-sdk/client-s3']

const STUBS: Record<string, string> = {
  'xlsx-reader':
    'export class WorkbookProblem extends Error {}\nexport function readWorkbook() { throw new Error("The API bundle does not read workbooks: set JOBS_FUNCTION_NAME (infra/jobs.ts) so the jobs function does") }',
  'exports-renderer': 'export async function writeExport() { throw new Error("The API bundle does not render exports: set EXPORTS_FUNCTION_NAME (infra/exports.ts) so the exports function does") }',
  // One stub for every job module runner.ts imports: whichever name it asks for throws.
  jobs: [
    'const no = () => { throw new Error("The API bundle does not run jobs: set JOBS_FUNCTION_NAME (infra/jobs.ts) so the jobs function does") }',
    'export const runMatchJob = no, runImportJob = no, runDaily = no, checkRecords = no, backfillHistory = no, closeExpiredPosts = no, runPublishJob = no',
  ].join('\n'),
}

const rendererStub: Plugin = {
  name: 'wengang-exports-renderer-stub',
  setup(build) {
    build.onResolve({ filter: /\/write\.js$/ }, (args) => (args.importer.replace(/\\/g, '/').endsWith('functions/exports/renderer.ts') ? { path: 'exports-renderer', namespace: 'wengang-stub' } : undefined))
    build.onLoad({ filter: /.*/, namespace: 'wengang-stub' }, (args) => ({
      contents: STUBS[args.path]!,
      loader: 'js',
    }))
  },
}

/**
 * The import job's .xlsx reader (functions/imports/xlsx-read.ts) runs in the jobs function only: in
 * AWS the API starts jobs there (JOBS_FUNCTION_NAME), so its in-process copy of the job never reads a sheet.
 */
const xlsxReaderStub: Plugin = {
  name: 'wengang-xlsx-reader-stub',
  setup(build) {
    build.onResolve({ filter: /\/imports\/xlsx-read\.js$/ }, () => ({ path: 'xlsx-reader', namespace: 'wengang-stub' }))
  },
}

/**
 * The background jobs (match runs, imports, the daily clock, …) run in the jobs function only: in AWS
 * the API starts them there (JOBS_FUNCTION_NAME, functions/deps.ts), so its bundle leaves out the
 * code functions/jobs/runner.ts would run in process. The SMS outbox stays: it is core, not a job.
 */
const JOB_MODULES = /^\.\/(match-run|import-run|daily|check-records|backfill-history|close-expired-posts|publish-run)\.js$/
const jobsStub: Plugin = {
  name: 'wengang-jobs-stub',
  setup(build) {
    build.onResolve({ filter: JOB_MODULES }, (args) => (args.importer.replace(/\\/g, '/').endsWith('functions/jobs/runner.ts') ? { path: 'jobs', namespace: 'wengang-stub' } : undefined))
  },
}

export function apiBuildOptions(outdir: string, opts: { entry?: string; sourcemap?: boolean } = {}): BuildOptions & { metafile: true } {
  return {
    entryPoints: { index: opts.entry ?? 'functions/api/handler.ts' },
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    splitting: true,
    outdir,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    mainFields: ['module', 'main'],
    minify: true,
    sourcemap: opts.sourcemap ?? true,
    sourcesContent: false,
    banner: { js: REQUIRE_SHIM },
    external: ['@aws-sdk/*'],
    metafile: true,
    logLevel: 'warning',
    plugins: [rendererStub, xlsxReaderStub, jobsStub],
  }
}

/** The package an input file belongs to, or (project). */
export const packageOf = (file: string) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1] ?? '(project)'

/**
 * What module load may read (the entry and the chunks it imports statically), minified: issue 15's
 * target. A route group's code loads on its first request (functions/api/route-groups.ts), not here.
 */
export const API_LOAD_LIMIT_BYTES = 300 * 1024

/** The bytes module load reads: the entry file and every chunk it imports statically, transitively. */
export function bytesAtLoad(metafile: Metafile): number {
  const outputs = metafile.outputs
  const entry = Object.keys(outputs).find((f) => f.replace(/\\/g, '/').split('/').at(-1) === API_ENTRY_FILE && !f.includes('/chunks/'))
  if (!entry) throw new Error(`no ${API_ENTRY_FILE} among the outputs`)
  const seen = new Set<string>()
  const todo = [entry]
  while (todo.length) {
    const f = todo.pop()!
    if (seen.has(f)) continue
    seen.add(f)
    for (const imp of outputs[f]?.imports ?? []) if (imp.kind === 'import-statement' && !imp.external) todo.push(imp.path)
  }
  return [...seen].reduce((sum, f) => sum + (outputs[f]?.bytes ?? 0), 0)
}

/**
 * Fails if a package that the request path does not use made it into any output file, if module
 * load would read more than API_LOAD_LIMIT_BYTES, or if a code file has no source map beside it.
 */
export function checkApiOutputs(metafile: Metafile): void {
  for (const [out, { inputs }] of Object.entries(metafile.outputs)) {
    const found = Object.keys(inputs).map(packageOf).filter((p) => NOT_IN_API.includes(p))
    if (found.length) throw new Error(`${out} bundles ${[...new Set(found)].join(', ')}: the API must not (infra/api-bundle.ts)`)
    if (out.endsWith('.mjs') && !metafile.outputs[`${out}.map`]) throw new Error(`${out} has no source map: stack traces in the logs need one`)
  }
  const atLoad = bytesAtLoad(metafile)
  if (atLoad > API_LOAD_LIMIT_BYTES) {
    throw new Error(`module load reads ${(atLoad / 1024).toFixed(0)} KB, over the ${API_LOAD_LIMIT_BYTES / 1024} KB the API allows (infra/api-bundle.ts): load what only some routes need on use`)
  }
}
