/**
 * SMS in the stack (infra/sms.ts): each provider's environment, the Alibaba key's secret and who may
 * read it, sns:Publish only for SNS, the settings from context (as the cdk CLI and SST pass them), and
 * synth refusing what the functions would refuse at start-up.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { App as CdkApp, Stack } from 'aws-cdk-lib'
import { Template } from 'aws-cdk-lib/assertions'
import { App as SstApp, getStack } from 'sst/constructs'
import { initProject, useProject } from 'sst/project.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readSmsConfig } from '../../../functions/config.js'
import { ALIYUN_CREDENTIALS_PLACEHOLDER } from '../../../functions/sms/aliyun-credentials.js'
import { SMS_CONTEXT_KEYS, smsPropsFromContext, type SmsProps } from '../../../infra/sms.js'
import { mountWengang } from '../../../infra/stack.js'
import config, { Wengang } from '../../../sst.config.js'
import { apiFunction, environmentOf, jobsFunction, roleStatements, TEST_WEB_ACL_ARN } from './wengang-checks.js'

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wengang-sms-infra-'))
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }))

function synth(sms: SmsProps | undefined, context?: Record<string, string>): Template {
  const app = new CdkApp({ outdir: fs.mkdtempSync(path.join(tmp, 'app-')), ...(context ? { context } : {}) })
  const stack = new Stack(app, 'Wengang')
  mountWengang(stack, { webAclArn: TEST_WEB_ACL_ARN, webAssetsPath: path.join(tmp, 'no-portal'), sms: sms ?? smsPropsFromContext(app.node) })
  return Template.fromStack(stack)
}

/** What an operator passes for Alibaba: `-c smsProvider=aliyun -c smsAliyunSignName=稳岗通 …`. */
const ALIYUN_CONTEXT = { smsProvider: 'aliyun', smsAliyunSignName: '稳岗通', smsAliyunTemplates: 'otp=SMS_154950909,invitation=SMS_154950910,notice=SMS_154950911', smsAliyunRegion: 'cn-hangzhou' }

const smsEnv = (vars: Record<string, unknown>) => Object.fromEntries(Object.entries(vars).filter(([k]) => k.startsWith('SMS_')))
const grantsOn = (t: Template, fn: Parameters<typeof roleStatements>[1], secretId: string) =>
  roleStatements(t, fn).filter((st) => JSON.stringify(st.Resource).includes(secretId))

describe('SMS with Alibaba Cloud, from context', () => {
  let t: Template
  let secretId: string
  beforeAll(() => {
    t = synth(undefined, ALIYUN_CONTEXT)
    const secrets = Object.entries(t.findResources('AWS::SecretsManager::Secret')).filter(([id]) => id.includes('AliyunCredentials'))
    expect(secrets).toHaveLength(1)
    secretId = secrets[0]![0]
  }, 60_000)

  it('the stack makes the key\'s secret with a placeholder key id and a generated secret: no value in the template', () => {
    const secret = t.toJSON().Resources[secretId]
    expect(secret.Properties.SecretString).toBeUndefined()
    expect(secret.Properties.GenerateSecretString).toEqual({
      SecretStringTemplate: JSON.stringify({ accessKeyId: ALIYUN_CREDENTIALS_PLACEHOLDER }),
      GenerateStringKey: 'accessKeySecret',
      PasswordLength: 30,
      ExcludePunctuation: true,
    })
    // No secret anywhere holds a literal value.
    for (const s of Object.values(t.findResources('AWS::SecretsManager::Secret'))) expect(s.Properties.SecretString).toBeUndefined()
  })

  it('both sending functions get the settings and the secret\'s ARN, never a key', () => {
    for (const [, fn] of [apiFunction(t), jobsFunction(t)]) {
      const vars = environmentOf(fn)
      expect(smsEnv(vars)).toEqual({
        SMS_PROVIDER: 'aliyun',
        SMS_ALIYUN_CREDENTIALS_SECRET_ARN: { Ref: secretId },
        SMS_ALIYUN_SIGN_NAME: '稳岗通',
        SMS_ALIYUN_TEMPLATES: ALIYUN_CONTEXT.smsAliyunTemplates,
        SMS_ALIYUN_REGION: 'cn-hangzhou',
      })
      expect(Object.keys(vars).filter((k) => /ACCESS_KEY/.test(k))).toEqual([])
      // The environment is what the functions accept in production (a token stands in for the ARN).
      const resolved = Object.fromEntries(Object.entries(smsEnv(vars)).map(([k, v]) => [k, typeof v === 'string' ? v : 'arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:x']))
      expect(readSmsConfig(resolved, false).aliyun).toMatchObject({ signName: '稳岗通', templates: { otp: 'SMS_154950909' } })
    }
  })

  it('its ARN is a stack output, so the operator knows which secret to fill in', () => {
    const stack = new Stack(new CdkApp({ outdir: fs.mkdtempSync(path.join(tmp, 'out-')), context: ALIYUN_CONTEXT }), 'Wengang')
    const { outputs } = mountWengang(stack, { webAclArn: TEST_WEB_ACL_ARN, webAssetsPath: path.join(tmp, 'no-portal'), sms: smsPropsFromContext(stack.node) })
    expect(stack.resolve(outputs.SmsAliyunCredentialsArn)).toEqual({ Ref: expect.stringContaining('SmsAliyunCredentials') })
  }, 60_000)

  it('both may read that one secret, and only read it; neither may publish to SNS', () => {
    for (const [, fn] of [apiFunction(t), jobsFunction(t)]) {
      expect(grantsOn(t, fn, secretId)).toEqual([{ Effect: 'Allow', Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], Resource: { Ref: secretId } }])
      expect(JSON.stringify(roleStatements(t, fn))).not.toContain('sns:')
    }
  })

  it.skipIf(spawnSync('cfn-lint', ['--version']).status !== 0)('passes cfn-lint (skipped only when cfn-lint is not installed)', () => {
    const file = path.join(tmp, 'aliyun.template.json')
    fs.writeFileSync(file, JSON.stringify(t.toJSON()))
    const lint = spawnSync('cfn-lint', ['--regions', 'ap-northeast-1', '--', file], { encoding: 'utf8' })
    expect(lint.stdout + lint.stderr).toBe('')
    expect(lint.status).toBe(0)
  }, 60_000)

  it('the template holds the placeholder, never anything shaped like an Alibaba key', () => {
    const json = JSON.stringify(t.toJSON())
    expect(json).not.toMatch(/LTAI[0-9A-Za-z]{12,}/)
    expect(json).not.toMatch(/accessKeySecret"?\s*:\s*"[^"]/)
  })
})

describe('SMS with SNS and the other choices', () => {
  it('SNS in another region: the region reaches the functions and narrows the Publish grant', () => {
    const t = synth({ provider: 'sns', sns: { region: 'ap-southeast-1', senderId: 'WENGANG' } })
    for (const [, fn] of [apiFunction(t), jobsFunction(t)]) {
      expect(smsEnv(environmentOf(fn))).toEqual({ SMS_PROVIDER: 'sns', SMS_SNS_REGION: 'ap-southeast-1', SMS_SNS_SENDER_ID: 'WENGANG' })
      const allow = roleStatements(t, fn).find((st) => st.Sid === 'SmsToPhoneNumbers')
      expect(allow?.Condition).toEqual({ StringEquals: { 'aws:RequestedRegion': 'ap-southeast-1' } })
    }
    expect(Object.keys(t.findResources('AWS::SecretsManager::Secret')).filter((id) => id.includes('Aliyun'))).toEqual([])
  }, 60_000)

  it('none: sign-in answers 503 until a provider is chosen; no secret, no SNS right', () => {
    const t = synth({ provider: 'none' })
    for (const [, fn] of [apiFunction(t), jobsFunction(t)]) {
      expect(smsEnv(environmentOf(fn))).toEqual({ SMS_PROVIDER: 'none' })
      expect(JSON.stringify(roleStatements(t, fn))).not.toMatch(/sns:|AliyunCredentials/)
    }
  }, 60_000)

  it('synth refuses what the functions would refuse at start-up, naming the context key', () => {
    expect(() => synth({ provider: 'aliyun', aliyun: { templates: 'otp=SMS_1' } })).toThrow(/SMS_ALIYUN_SIGN_NAME is not set.*smsAliyunSignName/)
    expect(() => synth({ provider: 'aliyun', aliyun: { signName: '稳岗通', templates: 'notice=SMS_3' } })).toThrow(/otp/)
    expect(() => synth(undefined, { smsProvider: 'log' })).toThrow(/local\|test only.*smsProvider/)
    expect(() => synth({ provider: 'sns', timeoutMs: 50 })).toThrow(/SMS_TIMEOUT_MS/)
  }, 60_000)

  it('every context key maps onto SmsProps (strings from -c, numbers from cdk.json)', () => {
    const app = new CdkApp({ context: { ...ALIYUN_CONTEXT, smsAliyunEndpoint: 'https://dysmsapi.aliyuncs.com', smsSnsRegion: 'ap-northeast-1', smsSnsSenderId: 'WG', smsTimeoutMs: 4000 } })
    expect(smsPropsFromContext(app.node)).toEqual({
      provider: 'aliyun',
      timeoutMs: 4000,
      aliyun: { signName: '稳岗通', templates: ALIYUN_CONTEXT.smsAliyunTemplates, region: 'cn-hangzhou', endpoint: 'https://dysmsapi.aliyuncs.com' },
      sns: { region: 'ap-northeast-1', senderId: 'WG' },
    })
    expect(Object.keys(SMS_CONTEXT_KEYS)).toHaveLength(8)
    expect(smsPropsFromContext(new CdkApp().node)).toEqual({})
  })
})

describe('SST v2 takes the same context (cdk.json\'s, which SST loads into its App)', () => {
  it('sst.config.ts with Alibaba context mounts the secret and the settings', async () => {
    process.env.SST_STAGE = 'test'
    process.env.SST_TELEMETRY_DISABLED = '1'
    const saved = process.env.WENGANG_WEB_ACL_ARN
    process.env.WENGANG_WEB_ACL_ARN = TEST_WEB_ACL_ARN
    try {
      await initProject({ stage: 'test' })
      const project = useProject().config
      const app = new SstApp({ mode: 'deploy', stage: project.stage, name: project.name, region: project.region }, { outdir: fs.mkdtempSync(path.join(tmp, 'sst-')), context: ALIYUN_CONTEXT })
      await config.stacks(app)
      const t = Template.fromStack(getStack(Wengang))
      expect(Object.keys(t.findResources('AWS::SecretsManager::Secret')).filter((id) => id.includes('AliyunCredentials'))).toHaveLength(1)
      expect(environmentOf(apiFunction(t)[1])).toMatchObject({ SMS_PROVIDER: 'aliyun', SMS_ALIYUN_SIGN_NAME: '稳岗通' })
    } finally {
      process.env.WENGANG_WEB_ACL_ARN = saved
    }
  }, 60_000)
})
