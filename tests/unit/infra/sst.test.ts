import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { App as CdkApp, Stack as CdkStack } from 'aws-cdk-lib'
import { Template } from 'aws-cdk-lib/assertions'
import { App, getStack } from 'sst/constructs'
import { initProject, useProject } from 'sst/project.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mountWengang } from '../../../infra/stack.js'
import config, { Wengang } from '../../../sst.config.js'
import { constructsNamedDefault, sharedChecks, TEST_WEB_ACL_ARN } from './wengang-checks.js'

process.env.SST_STAGE = 'test'
process.env.SST_TELEMETRY_DISABLED = '1'
// What `sst deploy` is given after the CDK app deployed WengangEdge (SST v2 cannot deploy to us-east-1 too).
process.env.WENGANG_WEB_ACL_ARN = TEST_WEB_ACL_ARN

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wengang-sst-'))
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }))

describe('SST v2 stack (sst.config.ts)', () => {
  let app: App
  let template: Template

  beforeAll(async () => {
    // app.finish() skips its AWS look-ups only when it sees NODE_ENV=test (vitest sets it).
    expect(process.env.NODE_ENV).toBe('test')
    // SST's documented pattern; the App gets what `sst deploy` would give it (stage, name, region).
    await initProject({ stage: 'test' })
    const project = useProject().config
    app = new App(
      { mode: 'deploy', stage: project.stage, name: project.name, region: project.region },
      { outdir: tmp },
    )
    await config.stacks(app)
    // As `sst deploy` does: runs SST's checks (stage-parameterized stack names) and tags.
    await app.finish()
    template = Template.fromStack(getStack(Wengang))
  }, 60_000)

  it('is the Wengang stack, named per stage, in the configured region', () => {
    const stack = getStack(Wengang)
    expect(stack.stackName).toBe('test-wengang-Wengang')
    expect(stack.region).toBe('ap-northeast-1')
  })

  sharedChecks(() => template, TEST_WEB_ACL_ARN)

  it('refuses to build without the web ACL, naming how to make it', async () => {
    const saved = process.env.WENGANG_WEB_ACL_ARN
    delete process.env.WENGANG_WEB_ACL_ARN
    try {
      const bare = new App({ mode: 'deploy', stage: 'bare', name: 'wengang', region: 'ap-northeast-1' }, { outdir: fs.mkdtempSync(path.join(tmp, 'bare-')) })
      await expect(async () => config.stacks(bare)).rejects.toThrow(/WENGANG_WEB_ACL_ARN.*cdk deploy --app cdk.out WengangEdge/)
    } finally {
      process.env.WENGANG_WEB_ACL_ARN = saved
    }
  })

  it('never names a construct "Default"', () => {
    expect(constructsNamedDefault(getStack(Wengang))).toEqual([])
  })

  it('publishes the same outputs as the CDK app (plus SST\'s own metadata)', () => {
    const outputs = Object.keys(template.toJSON().Outputs).filter((name) => name !== 'SSTMetadata')
    expect(outputs.sort()).toEqual(['ApiUrl', 'DistributionId', 'JobsFunctionName', 'PortalBucket', 'SiteUrl', 'TableName'])
  })

  it('has exactly the resources of the plain CDK stack, plus SST\'s custom resource handler', () => {
    const cdkApp = new CdkApp({ outdir: fs.mkdtempSync(path.join(tmp, 'cdk-')) })
    const cdkStack = new CdkStack(cdkApp, 'Wengang')
    mountWengang(cdkStack, { webAclArn: TEST_WEB_ACL_ARN })
    const types = (t: Template) =>
      Object.fromEntries(Object.entries(t.toJSON().Resources as Record<string, { Type: string }>).map(([id, r]) => [id, r.Type]))
    const sst = types(template)
    const sstOnly = Object.keys(sst).filter((id) => id.startsWith('CustomResourceHandler'))
    expect(sstOnly.length).toBeGreaterThan(0)
    for (const id of sstOnly) delete sst[id]
    expect(sst).toEqual(types(Template.fromStack(cdkStack)))
  }, 60_000)
})
