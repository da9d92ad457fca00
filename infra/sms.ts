import { Aws } from 'aws-cdk-lib'
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam'
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda'
import { Secret } from 'aws-cdk-lib/aws-secretsmanager'
import { Construct, type Node } from 'constructs'
import { readSmsConfig } from '../functions/config.js'
import { ALIYUN_CREDENTIALS_PLACEHOLDER } from '../functions/sms/aliyun-credentials.js'

/** `none`: sign-in answers 503 sms.unavailable until a provider is chosen (`log` is refused in production). */
export type SmsProviderChoice = 'sns' | 'aliyun' | 'none'

/** Who sends the texts in AWS, and the provider's settings: never a key (that is in Secrets Manager). */
export interface SmsProps {
  /** Defaults to SMS_DEFAULT_PROVIDER. */
  provider?: SmsProviderChoice
  /** How long one send may take (sign-in waits for it); the functions' default is 5000. */
  timeoutMs?: number
  aliyun?: {
    /** The approved signature (签名), e.g. 稳岗通. Required for aliyun. */
    signName?: string
    /** Approved template codes: `otp=SMS_1,invitation=SMS_2,notice=SMS_3` (otp required). */
    templates?: string
    /** RegionId of the call; the functions default to cn-hangzhou. */
    region?: string
    /** The API's address; the functions default to https://dysmsapi.aliyuncs.com. */
    endpoint?: string
  }
  sns?: {
    /** Region SNS is called in; defaults to the stack's. */
    region?: string
    /** Shown as the sender where the destination country supports sender ids. */
    senderId?: string
  }
}

/** SNS needs nothing outside AWS but an account out of the SMS sandbox (docs/infrastructure.md). */
export const SMS_DEFAULT_PROVIDER: SmsProviderChoice = 'sns'

/**
 * The context keys (`-c smsProvider=aliyun`, or `context` in cdk.json), where each goes in SmsProps,
 * and the function's environment variable it becomes (README, "Text messages (SMS)").
 */
export const SMS_CONTEXT_KEYS = {
  smsProvider: { path: ['provider'], env: 'SMS_PROVIDER' },
  smsTimeoutMs: { path: ['timeoutMs'], env: 'SMS_TIMEOUT_MS' },
  smsAliyunSignName: { path: ['aliyun', 'signName'], env: 'SMS_ALIYUN_SIGN_NAME' },
  smsAliyunTemplates: { path: ['aliyun', 'templates'], env: 'SMS_ALIYUN_TEMPLATES' },
  smsAliyunRegion: { path: ['aliyun', 'region'], env: 'SMS_ALIYUN_REGION' },
  smsAliyunEndpoint: { path: ['aliyun', 'endpoint'], env: 'SMS_ALIYUN_ENDPOINT' },
  smsSnsRegion: { path: ['sns', 'region'], env: 'SMS_SNS_REGION' },
  smsSnsSenderId: { path: ['sns', 'senderId'], env: 'SMS_SNS_SENDER_ID' },
} as const satisfies Record<string, { path: readonly string[]; env: string }>

/** SmsProps from CDK context, as both entry points take it (the cdk CLI's `-c`, cdk.json's `context`, which SST reads too). */
export function smsPropsFromContext(node: Node): SmsProps {
  const props: Record<string, unknown> = {}
  for (const [key, { path: [first, second] }] of Object.entries(SMS_CONTEXT_KEYS) as [string, { path: readonly string[] }][]) {
    const value: unknown = node.tryGetContext(key)
    if (value === undefined || value === null || value === '') continue
    // `-c` gives strings; cdk.json may give numbers.
    const v = key === 'smsTimeoutMs' ? Number(value) : String(value)
    if (second) props[first!] = { ...(props[first!] as object), [second]: v }
    else props[first!] = v
  }
  return props as SmsProps
}

/**
 * The SMS settings of every function that sends (the API: sign-in codes, in the request; the jobs
 * function: the outbox), and what sending needs: the Alibaba key's secret, or sns:Publish.
 */
export class Sms extends Construct {
  readonly provider: SmsProviderChoice
  /** The environment functions/config.ts reads (readSmsConfig); no key, only the secret's ARN. */
  readonly environment: Record<string, string>
  /** Alibaba only: the RAM key, filled in by the operator after the first deploy. */
  readonly aliyunCredentials?: Secret
  private readonly snsRegion: string

  constructor(scope: Construct, id: string, props: SmsProps = {}) {
    super(scope, id)
    this.provider = props.provider ?? SMS_DEFAULT_PROVIDER
    const env: Record<string, string | undefined> = { SMS_PROVIDER: this.provider }
    if (props.timeoutMs !== undefined) env.SMS_TIMEOUT_MS = String(props.timeoutMs)
    if (this.provider === 'aliyun') {
      // Created with a placeholder key id and a random secret; the operator writes the real key over
      // both. Never change the generation settings: CloudFormation would generate a new value over it.
      this.aliyunCredentials = new Secret(this, 'AliyunCredentials', {
        description: 'Wengang: Alibaba Cloud RAM key for SMS (dysms:SendSms), {"accessKeyId":"…","accessKeySecret":"…"}; fill it in after the first deploy',
        generateSecretString: {
          secretStringTemplate: JSON.stringify({ accessKeyId: ALIYUN_CREDENTIALS_PLACEHOLDER }),
          generateStringKey: 'accessKeySecret',
          passwordLength: 30,
          excludePunctuation: true,
        },
      })
      Object.assign(env, {
        SMS_ALIYUN_CREDENTIALS_SECRET_ARN: this.aliyunCredentials.secretArn,
        SMS_ALIYUN_SIGN_NAME: props.aliyun?.signName,
        SMS_ALIYUN_TEMPLATES: props.aliyun?.templates,
        SMS_ALIYUN_REGION: props.aliyun?.region,
        SMS_ALIYUN_ENDPOINT: props.aliyun?.endpoint,
      })
    }
    if (this.provider === 'sns') Object.assign(env, { SMS_SNS_REGION: props.sns?.region, SMS_SNS_SENDER_ID: props.sns?.senderId })
    this.environment = Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''))
    this.snsRegion = props.sns?.region ?? Aws.REGION
    // The functions' own rules, at synth: a setting they would refuse at start-up must not deploy.
    try {
      readSmsConfig(this.environment, false)
    } catch (e) {
      const message = (e as Error).message
      const named = Object.entries(SMS_CONTEXT_KEYS).filter(([, k]) => message.includes(k.env)).map(([key, k]) => `${key} → ${k.env}`)
      throw new Error(`SMS settings: ${message}${named.length ? ` (context ${named.join(', ')})` : ''}`)
    }
  }

  /** Gives one function the settings and the right to send: read the key's secret, or publish SMS. */
  grantSend(fn: LambdaFunction): void {
    for (const [name, value] of Object.entries(this.environment)) fn.addEnvironment(name, value)
    this.aliyunCredentials?.grantRead(fn)
    if (this.provider === 'sns') {
      // SNS's Publish to a phone number has no resource to name (the service authorization reference
      // lists none for it), so the Allow must be "*". What can be narrowed is: the region SMS are sent
      // from, and no topic or platform endpoint (every one has an arn:…:sns ARN), which the Deny keeps out.
      fn.addToRolePolicy(
        new PolicyStatement({
          sid: 'SmsToPhoneNumbers',
          actions: ['sns:Publish'],
          resources: ['*'],
          conditions: { StringEquals: { 'aws:RequestedRegion': this.snsRegion } },
        }),
      )
      fn.addToRolePolicy(new PolicyStatement({ sid: 'NoTopicPublish', effect: Effect.DENY, actions: ['sns:Publish'], resources: [`arn:${Aws.PARTITION}:sns:*:*:*`] }))
    }
  }
}
