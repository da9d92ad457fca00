/**
 * `npm run build:api [-- --outdir DIR] [--quiet]`: bundles the API Lambda exactly as it is deployed
 * (infra/api-bundle.ts: esbuild, ESM, minified, code-split, AWS SDK left to the runtime) and
 * prints the entry file's size — what module load reads — and every chunk's, with source maps.
 * infra/api.ts runs this script to make the function's asset.
 */
import { build } from 'esbuild'
import { rmSync } from 'node:fs'
import { apiBuildOptions, checkApiOutputs } from '../infra/api-bundle.js'
import { describeOutputs } from './bundle-report.js'

const arg = (name: string) => {
  const i = process.argv.indexOf(name)
  return i >= 0 ? process.argv[i + 1] : undefined
}
const outdir = arg('--outdir') ?? 'dist/api'
const quiet = process.argv.includes('--quiet')
rmSync(outdir, { recursive: true, force: true })
const result = await build(apiBuildOptions(outdir))
checkApiOutputs(result.metafile)
if (!quiet) for (const line of describeOutputs(outdir, result.metafile).lines) console.log(line)
