import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { App, Stack } from 'aws-cdk-lib'
import { Template } from 'aws-cdk-lib/assertions'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mountWengang } from '../../../infra/stack.js'
import { SPA_REWRITE } from '../../../infra/web.js'
import { sharedChecks } from './wengang-checks.js'

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wengang-cdk-'))
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }))

/** The stack as infra/cdk-app.ts builds it, in-process; no portal build, so no upload. */
function synth(webAssetsPath: string): Template {
  const app = new App({ outdir: fs.mkdtempSync(path.join(tmp, 'app-')) })
  const stack = new Stack(app, 'Wengang')
  mountWengang(stack, { webAssetsPath })
  return Template.fromStack(stack)
}

describe('CDK stack (infra/cdk-app.ts)', () => {
  let template: Template
  beforeAll(() => {
    template = synth(path.join(tmp, 'no-portal-build'))
  }, 60_000)

  sharedChecks(() => template)

  it('never uses the construct id "Default"', () => {
    const paths = Object.values(template.toJSON().Resources as Record<string, { Metadata?: Record<string, string> }>)
    expect(JSON.stringify(template.toJSON())).not.toMatch(/\/Default\//)
    expect(paths.length).toBeGreaterThan(10)
  })

  it('uploads the portal only when a build exists', () => {
    expect(template.findResources('Custom::CDKBucketDeployment')).toEqual({})
    const built = path.join(tmp, 'web')
    fs.mkdirSync(built)
    fs.writeFileSync(path.join(built, 'index.html'), '<!doctype html><title>稳岗通</title>')
    const withPortal = synth(built)
    const [deployment] = Object.values(withPortal.findResources('Custom::CDKBucketDeployment'))
    expect(deployment?.Properties.DistributionPaths).toEqual(['/*'])
  }, 60_000)
})

describe('SPA rewrite (CloudFront Function code)', () => {
  const handler = new Function(`${SPA_REWRITE}; return handler`)() as (e: { request: { uri: string } }) => { uri: string }
  const rewrite = (uri: string) => handler({ request: { uri } }).uri

  it.each([
    ['/', '/index.html'],
    ['/posts/01J9Z', '/index.html'],
    ['/officer/townships/', '/index.html'],
    ['/assets/index-Bx1.js', '/assets/index-Bx1.js'],
    ['/favicon.ico', '/favicon.ico'],
    ['/index.html', '/index.html'],
  ])('%s → %s', (uri, expected) => {
    expect(rewrite(uri)).toBe(expected)
  })
})

const hasCfnLint = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' }).status === 0

describe('npm run synth output', () => {
  const out = path.join(tmp, 'cdk.out')
  let template: Record<string, any>

  beforeAll(() => {
    // Exactly what `npm run synth` runs, redirected with CDK_OUTDIR (as the cdk CLI does).
    const run = spawnSync(path.resolve('node_modules/.bin/tsx'), ['infra/cdk-app.ts'], {
      env: { ...process.env, CDK_OUTDIR: out },
      encoding: 'utf8',
    })
    expect(run.status, run.stderr).toBe(0)
    template = JSON.parse(fs.readFileSync(path.join(out, 'Wengang.template.json'), 'utf8'))
  }, 60_000)

  it('publishes the site, API, table, bucket and distribution as outputs', () => {
    expect(Object.keys(template.Outputs).sort()).toEqual(['ApiUrl', 'DistributionId', 'PortalBucket', 'SiteUrl', 'TableName'])
  })

  it('bundles the handler as minified ESM with a source map and the SDK left to the runtime', () => {
    const fn = Object.values(template.Resources as Record<string, any>).find(
      (r) => r.Type === 'AWS::Lambda::Function' && r.Properties.Environment?.Variables?.WENGANG_ENV === 'production',
    )
    const manifest = JSON.parse(fs.readFileSync(path.join(out, 'Wengang.assets.json'), 'utf8'))
    const asset = manifest.files[fn.Properties.Code.S3Key.replace(/\.zip$/, '')]
    const dir = path.join(out, asset.source.path)
    const code = fs.readFileSync(path.join(dir, 'index.mjs'), 'utf8')
    expect(fs.existsSync(path.join(dir, 'index.mjs.map'))).toBe(true)
    expect(code.startsWith("import { createRequire as wengangCreateRequire } from 'node:module';")).toBe(true)
    expect(code).toMatch(/from\s*"@aws-sdk\/client-dynamodb"/)
    expect(code.split('\n').length).toBeLessThan(10)
  })

  it.skipIf(!hasCfnLint)('passes cfn-lint (skipped only when cfn-lint is not installed)', () => {
    const lint = spawnSync('cfn-lint', ['--', path.join(out, 'Wengang.template.json')], { encoding: 'utf8' })
    expect(lint.stdout + lint.stderr).toBe('')
    expect(lint.status).toBe(0)
  }, 60_000)
})
