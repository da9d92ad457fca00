/**
 * `npm run build:api`: bundles the Lambda entry the way CDK's NodejsFunction does (esbuild, ESM,
 * minified, AWS SDK left to the runtime) and prints its size — the figure that drives cold starts.
 */
import { build } from 'esbuild'
import { gzipSync } from 'node:zlib'
import { readFileSync } from 'node:fs'

const outfile = 'dist/api/index.mjs'
const result = await build({
  entryPoints: ['functions/api/handler.ts'],
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'esm',
  minify: true,
  sourcemap: true,
  outfile,
  external: ['@aws-sdk/*'],
  banner: { js: "import { createRequire } from 'module';const require = createRequire(import.meta.url);" },
  metafile: true,
  logLevel: 'warning',
})
const code = readFileSync(outfile)
console.log(`API bundle: ${(code.length / 1024).toFixed(0)} KB minified, ${(gzipSync(code).length / 1024).toFixed(0)} KB gzip → ${outfile}`)
const inputs = Object.entries(result.metafile.outputs[outfile]!.inputs)
const byPackage = new Map<string, number>()
for (const [file, { bytesInOutput }] of inputs) {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1] ?? '(project)'
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + bytesInOutput)
}
for (const [pkg, bytes] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 8)) console.log(`  ${pkg.padEnd(36)} ${(bytes / 1024).toFixed(0)} KB`)
